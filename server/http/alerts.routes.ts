/**
 * Alerts and their rules.
 *   GET  /alert-rules                 admin, manager (the webhook secret is never returned)
 *   PUT  /alert-rules                 admin; audited
 *   GET  /alerts?state=&rule=&unitId= newest change first; a unit head sees only their unit
 *   GET  /alerts/:id                  with its change history
 *   POST /alerts/:id/ack              { note? } open → acknowledged; audited, pushed
 *   POST /alerts/:id/resolve          { note? } → resolved; audited, pushed
 *   GET  /alerts/:id/deliveries       admin, manager: the webhook delivery log
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { unitScope } from '../domain/auth.service';
import { DomainError } from '../domain/errors';
import { AlertRulesInputSchema, AlertRulesSchema, mergeRules, publicRules } from '../domain/alerts/alert-rules';
import { ALERT_RULE_KEYS, type AlertState, type AlertView } from '../../shared/realtime-events';

const ListQuery = z.object({
  state: z.enum(['open', 'acknowledged', 'resolved', 'active', 'all']).default('all'),
  rule: z.enum(ALERT_RULE_KEYS as [string, ...string[]]).optional(),
  unitId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const ActionBody = z.object({ note: z.string().trim().max(500).optional() }).default({});

const STATES: Record<string, AlertState[] | undefined> = {
  open: ['open'],
  acknowledged: ['acknowledged'],
  resolved: ['resolved'],
  active: ['open', 'acknowledged'],
  all: undefined,
};

export function alertsRoutes(ctx: AppContext): Router {
  const r = Router();
  const engine = () => ctx.alertEngine;

  /** The alert, if the user may see it: same organisation, and a unit head's own unit. */
  const visibleAlert = async (req: Request): Promise<AlertView> => {
    const a = await engine().repo.get(String(req.params.id));
    const scope = unitScope(req.user!);
    if (!a || a.orgId !== req.user!.orgId || (scope && (a.unitId === null || !scope.includes(a.unitId)))) {
      throw new DomainError('not-found', 'No such alert');
    }
    return a;
  };

  r.get(
    '/alert-rules',
    requireUser(ctx, ['admin', 'manager']),
    handle(async (req, res) => {
      res.json(publicRules(await engine().repo.rules(req.user!.orgId)));
    }),
  );

  r.put(
    '/alert-rules',
    requireUser(ctx, ['admin']),
    handle(async (req, res) => {
      const input = parseOr400(AlertRulesInputSchema, req.body);
      const orgId = req.user!.orgId;
      const repo = engine().repo;
      const rules = parseOr400(AlertRulesSchema, mergeRules(input, await repo.rules(orgId)));
      await repo.putRules(orgId, rules, new Date().toISOString());
      const shown = publicRules(rules);
      await ctx.audit.record({ orgId, actor: req.user!.email, action: 'alert-rules.update', target: orgId, details: shown as unknown as Record<string, unknown> });
      ctx.events.emit('config:changed', { orgId, kind: 'alertRules', id: orgId });
      res.json(shown);
    }),
  );

  r.get(
    '/alerts',
    requireUser(ctx),
    handle(async (req, res) => {
      const q = parseOr400(ListQuery, req.query);
      const scope = unitScope(req.user!);
      if (scope && q.unitId && !scope.includes(q.unitId)) throw new DomainError('forbidden', 'Outside your unit');
      const { items, next } = await engine().repo.list(
        req.user!.orgId,
        { states: STATES[q.state], unitIds: q.unitId ? [q.unitId] : scope, rule: q.rule as AlertView['rule'] | undefined },
        q.limit,
        q.offset,
      );
      res.json({ items, next });
    }),
  );

  r.get(
    '/alerts/:id',
    requireUser(ctx),
    handle(async (req, res) => {
      const a = await visibleAlert(req);
      const history = await engine().repo.history(a);
      res.json({ ...a, history: history.map((h) => ({ version: h.version, state: h.state, at: h.updatedAt, acknowledged: h.acknowledged, resolved: h.resolved })) });
    }),
  );

  for (const [action, verb] of [
    ['ack', 'acknowledge'],
    ['resolve', 'resolve'],
  ] as const) {
    r.post(
      `/alerts/:id/${action}`,
      requireUser(ctx),
      handle(async (req, res) => {
        const { note } = parseOr400(ActionBody, req.body ?? {});
        const a = await visibleAlert(req);
        const result = await engine()[verb](a.id, req.user!.email, note);
        if (!result) throw new DomainError('not-found', 'No such alert');
        if (result.changed) {
          await ctx.audit.record({
            orgId: a.orgId,
            actor: req.user!.email,
            action: `alert.${verb}`,
            target: a.id,
            details: { rule: a.rule, scope: `${a.scope.kind}:${a.scope.id}`, ...(note ? { note } : {}) },
          });
        }
        res.json(result.alert);
      }),
    );
  }

  r.get(
    '/alerts/:id/deliveries',
    requireUser(ctx, ['admin', 'manager']),
    handle(async (req, res) => {
      const a = await visibleAlert(req);
      const items = await engine().repo.deliveriesOf(a);
      res.json({ items: items.map(({ body: _b, ...d }) => d) });
    }),
  );

  return r;
}
