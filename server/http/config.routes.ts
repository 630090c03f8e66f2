/**
 * Configuration reads for the dashboard and the few writes the core needs
 * (target, officer on duty). Every write is audited and announced.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { DomainError } from '../domain/errors';
import { unitScope } from '../domain/auth.service';

const OrgPatch = z.object({
  target: z.number().min(0.5).max(1).optional(),
  minSample: z.number().int().min(1).max(10_000).optional(),
  indexMethod: z.enum(['mean-of-criteria', 'pooled']).optional(),
  headlineVerifiedOnly: z.boolean().optional(),
  kiosk: z.object({ idleSeconds: z.number().int().min(5).max(600), minGapSeconds: z.number().int().min(0).max(600) }).optional(),
});

const DutyBody = z.object({ officerId: z.string().max(64).nullable() });

export function configRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use(requireUser(ctx));

  r.get(
    '/organisation',
    handle(async (req, res) => {
      res.json(await ctx.entities.get('organisation', req.user!.orgId));
    }),
  );

  r.patch(
    '/organisation',
    requireUser(ctx, ['admin']),
    handle(async (req, res) => {
      const patch = parseOr400(OrgPatch, req.body);
      const org = await ctx.entities.get('organisation', req.user!.orgId);
      if (!org) throw new DomainError('not-found', 'Organisation missing');
      const next = { ...org, ...patch };
      await ctx.entities.put('organisation', next);
      await ctx.audit.record({ orgId: org.id, actor: req.user!.email, action: 'organisation.update', target: org.id, details: patch });
      ctx.events.emit('config:changed', { orgId: org.id, kind: 'organisation', id: org.id });
      res.json(next);
    }),
  );

  for (const [path, kind] of [
    ['units', 'unit'],
    ['service-points', 'servicePoint'],
    ['officers', 'officer'],
    ['procedures', 'procedure'],
  ] as const) {
    r.get(
      `/${path}`,
      handle(async (req, res) => {
        const scope = unitScope(req.user!);
        const items = (await ctx.entities.list(kind, { orgId: req.user!.orgId })) as { unitId?: string; id: string }[];
        const visible = scope ? items.filter((i) => (kind === 'unit' ? scope.includes(i.id) : !i.unitId || scope.includes(i.unitId))) : items;
        res.json({ items: visible });
      }),
    );
  }

  r.get(
    '/surveys',
    handle(async (req, res) => {
      res.json({ items: await ctx.entities.list('surveyVersion', { orgId: req.user!.orgId }) });
    }),
  );

  /** Who serves at a counter now; the kiosk shows it and ratings record it. */
  r.put(
    '/service-points/:id/duty',
    requireUser(ctx, ['admin', 'manager', 'unit-head']),
    handle(async (req, res) => {
      const { officerId } = parseOr400(DutyBody, req.body);
      const sp = await ctx.entities.get('servicePoint', String(req.params.id));
      const scope = unitScope(req.user!);
      if (!sp || sp.orgId !== req.user!.orgId) throw new DomainError('not-found', 'No such service point');
      if (scope && !scope.includes(sp.unitId)) throw new DomainError('forbidden', 'Outside your unit');
      if (officerId) {
        const o = await ctx.entities.get('officer', officerId);
        if (!o || o.orgId !== sp.orgId) throw new DomainError('unprocessable', 'Unknown officer', [{ path: 'officerId', message: 'no such officer' }]);
      }
      const next = { ...sp, officerOnDutyId: officerId };
      await ctx.entities.put('servicePoint', next);
      await ctx.audit.record({ orgId: sp.orgId, actor: req.user!.email, action: 'duty.set', target: sp.id, details: { officerId } });
      ctx.events.emit('config:changed', { orgId: sp.orgId, kind: 'servicePoint', id: sp.id, servicePointIds: [sp.id] });
      res.json(next);
    }),
  );

  r.get(
    '/audit',
    requireUser(ctx, ['admin', 'manager']),
    handle(async (req, res) => {
      const limit = Math.min(500, Number(req.query.limit ?? 100) || 100);
      const offset = Math.max(0, Number(req.query.offset ?? 0) || 0);
      res.json({ items: await ctx.audit.list(req.user!.orgId, limit, offset) });
    }),
  );
  return r;
}
