import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { ingestBatch } from '../domain/ingest.service';
import { ResponseBatchSchema } from '../../shared/response.schema';
import { deviceFromRequest, handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { unitScope } from '../domain/auth.service';
import { DomainError } from '../domain/errors';
import { deltasFor } from '../domain/aggregation';
import { CLIENT_COOKIE, readCookie } from '../cookies';
import { DateOrTime, toInstant } from './dates';

export function responsesRoutes(ctx: AppContext): Router {
  const r = Router();
  const clientKey = (req: Request): string | undefined =>
    readCookie(req.headers.cookie, CLIENT_COOKIE) ?? (req.headers['x-client-id'] as string | undefined);

  /** One rating. 201 stored, 200 already stored (same id, same body), 409 conflict. */
  r.post(
    '/',
    handle(async (req, res) => {
      const device = await deviceFromRequest(ctx, req);
      const result = await ctx.ingest.ingest(req.body, { device, clientKey: clientKey(req) });
      res.status(result.status === 'stored' ? 201 : 200).json(result);
    }),
  );

  /** The kiosk outbox form: every item answered on its own, all in one commit. */
  r.post(
    '/batch',
    handle(async (req, res) => {
      const { responses } = parseOr400(ResponseBatchSchema, req.body);
      const device = await deviceFromRequest(ctx, req);
      const results = await ingestBatch(ctx.ingest, responses, { device, clientKey: clientKey(req) });
      res.status(200).json({ results });
    }),
  );

  const ListQuery = z.object({
    from: DateOrTime.optional(),
    to: DateOrTime.optional(),
    servicePointId: z.string().max(64).optional(),
    officerId: z.string().max(64).optional(),
    unitId: z.string().max(64).optional(),
    channel: z.enum(['kiosk', 'qr', 'link']).optional(),
    withComment: z.enum(['true', 'false']).optional(),
    includeExcluded: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    beforeTime: z.iso.datetime({ offset: true }).optional(),
    beforeId: z.string().max(64).optional(),
  });

  /** Raw responses, newest first (comment feed, audits, raw export). */
  r.get(
    '/',
    requireUser(ctx),
    handle(async (req, res) => {
      const q = parseOr400(ListQuery, req.query);
      const scope = unitScope(req.user!);
      if (scope && q.unitId && !scope.includes(q.unitId)) throw new DomainError('forbidden', 'Outside your unit');
      const items = await ctx.store.listResponses({
        orgId: req.user!.orgId,
        // The store compares ISO strings as text: normalise any offset to UTC "Z" first.
        from: q.from && new Date(toInstant(q.from, false)).toISOString(),
        to: q.to && new Date(toInstant(q.to, true)).toISOString(),
        unitIds: q.unitId ? [q.unitId] : scope,
        servicePointId: q.servicePointId,
        officerId: q.officerId,
        channel: q.channel,
        withComment: q.withComment === 'true' ? true : undefined,
        includeExcluded: q.includeExcluded === 'true',
        limit: q.limit,
        before: q.beforeTime && q.beforeId ? { serverTime: new Date(q.beforeTime).toISOString(), id: q.beforeId } : undefined,
      });
      res.json({ items: items.map(({ bodyHash: _h, ...rest }) => rest) });
    }),
  );

  const ExclusionBody = z.object({ reason: z.string().trim().min(3).max(500) });

  /** Take a response out of the figures, with a reason. Audited; the response itself stays. */
  r.post(
    '/:id/exclusion',
    requireUser(ctx, ['admin', 'manager']),
    handle(async (req, res) => {
      const { reason } = parseOr400(ExclusionBody, req.body);
      const resp = await ctx.store.getResponse(String(req.params.id));
      if (!resp || resp.orgId !== req.user!.orgId) throw new DomainError('not-found', 'No such response');
      const survey = await ctx.surveys.get(resp.surveyVersionId);
      const excluded = { reason, by: req.user!.email, at: new Date().toISOString() };
      const changed = await ctx.store.setExclusion(resp.id, excluded, deltasFor(resp, survey!.definition, -1));
      if (!changed) throw new DomainError('conflict', 'Already excluded');
      await ctx.audit.record({ orgId: resp.orgId, actor: req.user!.email, action: 'response.exclude', target: resp.id, details: { reason } });
      ctx.events.emit('response:excluded', { response: { ...resp, excluded }, excluded: true });
      res.json({ id: resp.id, excluded });
    }),
  );

  r.delete(
    '/:id/exclusion',
    requireUser(ctx, ['admin', 'manager']),
    handle(async (req, res) => {
      const resp = await ctx.store.getResponse(String(req.params.id));
      if (!resp || resp.orgId !== req.user!.orgId) throw new DomainError('not-found', 'No such response');
      const survey = await ctx.surveys.get(resp.surveyVersionId);
      const changed = await ctx.store.setExclusion(resp.id, null, deltasFor(resp, survey!.definition, 1));
      if (!changed) throw new DomainError('conflict', 'Not excluded');
      await ctx.audit.record({ orgId: resp.orgId, actor: req.user!.email, action: 'response.include', target: resp.id });
      ctx.events.emit('response:excluded', { response: { ...resp, excluded: null }, excluded: false });
      res.json({ id: resp.id, excluded: null });
    }),
  );
  return r;
}
