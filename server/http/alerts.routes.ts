/**
 * Alerts and their rules.
 *   GET  /alert-rules                 admin, manager (the webhook secret is never returned)
 *   PUT  /alert-rules                 admin; audited
 *   GET  /alerts?state=&rule=&unitId= newest change first; a unit head sees only their unit
 *   GET  /alerts/:id                  with its change history
 *   POST /alerts/:id/ack              { note? } open → acknowledged; audited, pushed
 *   POST /alerts/:id/resolve          { note? } → resolved; audited, pushed
 *   GET  /alerts/:id/deliveries       admin, manager: the webhook delivery log
 *   POST /alert-rules/preview         admin, manager: { rule, settings } replayed over the last 7 days (nothing saved)
 *   POST /alert-rules/webhook-test    admin: a signed test event to the saved webhook now; audited
 */
import { Router } from 'express';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { rolesFor } from '../domain/permissions';
import { AlertActionBodySchema, AlertListQuerySchema, AlertRulePreviewBodySchema, AlertRulesInputSchema, WebhookDeliveriesQuerySchema } from '../../shared/api';
import { toAlertDetail, toAlertDto, toAlertList, toAlertRulePreview, toPublicAlertRules, toWebhookDeliveryDto, toWebhookDeliveryList } from './dto';
import { toInstant } from './dates';

export function alertsRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get(
    '/alert-rules',
    requireUser(ctx, rolesFor('alert-rules.read')),
    handle(async (req, res) => {
      res.json(toPublicAlertRules(await ctx.alerts.rules(req.user!.orgId)));
    }),
  );

  r.put(
    '/alert-rules',
    requireUser(ctx, rolesFor('alert-rules.change')),
    handle(async (req, res) => {
      const input = parseOr400(AlertRulesInputSchema, req.body);
      res.json(toPublicAlertRules(await ctx.alerts.updateRules(req.user!, input)));
    }),
  );

  r.post(
    '/alert-rules/preview',
    requireUser(ctx, rolesFor('alert-rules.read')),
    handle(async (req, res) => {
      const { rule, settings } = parseOr400(AlertRulePreviewBodySchema, req.body ?? {});
      res.json(toAlertRulePreview(await ctx.alerts.preview(req.user!, rule, settings)));
    }),
  );

  r.post(
    '/alert-rules/webhook-test',
    requireUser(ctx, rolesFor('alert-rules.change')),
    handle(async (req, res) => {
      res.json({ delivery: toWebhookDeliveryDto(await ctx.alerts.testWebhook(req.user!)) });
    }),
  );

  r.get(
    '/alerts',
    requireUser(ctx, rolesFor('alerts.read')),
    handle(async (req, res) => {
      const q = parseOr400(AlertListQuerySchema, req.query);
      const range = { from: q.from ? toInstant(q.from, false) : undefined, to: q.to ? toInstant(q.to, true) : undefined };
      res.json(toAlertList(await ctx.alerts.list(req.user!, { ...q, ...range, figures: q.figures === 'true' })));
    }),
  );

  r.get(
    '/alerts/:id',
    requireUser(ctx, rolesFor('alerts.read')),
    handle(async (req, res) => {
      const { alert, history } = await ctx.alerts.get(req.user!, String(req.params.id));
      res.json(toAlertDetail(alert, history));
    }),
  );

  for (const [path, action] of [
    ['ack', 'acknowledge'],
    ['resolve', 'resolve'],
  ] as const) {
    r.post(
      `/alerts/:id/${path}`,
      requireUser(ctx, rolesFor('alerts.act')),
      handle(async (req, res) => {
        const { note } = parseOr400(AlertActionBodySchema, req.body ?? {});
        res.json(toAlertDto(await ctx.alerts.act(req.user!, String(req.params.id), action, note)));
      }),
    );
  }

  r.get(
    '/alerts/:id/deliveries',
    requireUser(ctx, rolesFor('alert-deliveries.read')),
    handle(async (req, res) => {
      res.json(toWebhookDeliveryList(await ctx.alerts.deliveries(req.user!, String(req.params.id))));
    }),
  );

  /** The office's webhook delivery log (every alert's), newest first, with each attempt and the retry state. */
  r.get(
    '/webhook-deliveries',
    requireUser(ctx, rolesFor('alert-deliveries.read')),
    handle(async (req, res) => {
      const { limit } = parseOr400(WebhookDeliveriesQuerySchema, req.query);
      res.json(toWebhookDeliveryList(await ctx.alerts.recentDeliveries(req.user!, limit)));
    }),
  );

  return r;
}
