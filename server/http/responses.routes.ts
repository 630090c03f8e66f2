/**
 * Ratings in (one, or the kiosk outbox batch) and out (the raw list), and
 * taking one out of the figures with a reason.
 */
import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../context';
import { ingestBatch } from '../domain/ingest.service';
import { rolesFor } from '../domain/permissions';
import { ExclusionBodySchema, HandledBodySchema, ResponseBatchSchema, ResponsesQuerySchema, SuspectQuerySchema } from '../../shared/api';
import { deviceFromRequest, handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { sendJson } from './send-json';
import { CLIENT_COOKIE, readCookie } from '../cookies';
import { toInstant } from './dates';
import { toAcceptResult, toBatchResult, toExclusionResult, toHandledResult, toIngestResultDto, toResponseList } from './dto';

/**
 * The counter-QR client id, only if this server issued it (signed): the
 * cookie, else the header (a page that kept the id itself). Anything else
 * answers as a client without an id (never an error). Fresh ids are issued
 * by the counter page only (GET /s/<code>), so posting answers with forged
 * ids cannot use up the address's issuing allowance.
 */
function clientKey(ctx: AppContext, req: Request): Promise<string | undefined> {
  const header = req.headers['x-client-id'];
  return ctx.surveyLinks.verifyClientId(readCookie(req.headers.cookie, CLIENT_COOKIE), typeof header === 'string' ? header : undefined);
}

/**
 * POST /api/v1/responses — one rating: 201 stored, 200 already stored (same
 * id, same body), 409 conflict. Every kiosk press comes here, so app.ts also
 * mounts it ahead of the other /api/v1 routers (the same handler).
 */
export function postResponse(ctx: AppContext): RequestHandler {
  return handle(async (req, res) => {
    const device = await deviceFromRequest(ctx, req);
    const result = await ctx.ingest.ingest(req.body, { device, clientKey: await clientKey(ctx, req) });
    sendJson(res, result.status === 'stored' ? 201 : 200, toIngestResultDto(result));
  });
}

export function responsesRoutes(ctx: AppContext): Router {
  const r = Router();

  r.post('/', postResponse(ctx));

  /** The kiosk outbox form: every item answered on its own, all in one commit. */
  r.post(
    '/batch',
    handle(async (req, res) => {
      const { responses } = parseOr400(ResponseBatchSchema, req.body);
      const device = await deviceFromRequest(ctx, req);
      const results = await ingestBatch(ctx.ingest, responses, { device, clientKey: await clientKey(ctx, req) });
      res.status(200).json(toBatchResult(results));
    }),
  );

  /** Raw responses, newest first (comment feed, audits, raw export). */
  r.get(
    '/',
    requireUser(ctx, rolesFor('responses.read')),
    handle(async (req, res) => {
      const q = parseOr400(ResponsesQuerySchema, req.query);
      const items = await ctx.responses.listMatching(req.user!, {
        // The store compares ISO strings as text: normalise any offset to UTC "Z" first.
        from: q.from && new Date(toInstant(q.from, false)).toISOString(),
        to: q.to && new Date(toInstant(q.to, true)).toISOString(),
        unitId: q.unitId,
        servicePointId: q.servicePointId,
        officerId: q.officerId,
        channel: q.channel,
        withComment: q.withComment === 'true' ? true : undefined,
        includeExcluded: q.includeExcluded === 'true',
        limit: q.limit,
        before: q.beforeTime && q.beforeId ? { serverTime: new Date(q.beforeTime).toISOString(), id: q.beforeId } : undefined,
      }, { procedureId: q.procedureId, score: q.score, q: q.q || undefined, handled: q.handled === undefined ? undefined : q.handled === 'true' });
      res.json(toResponseList(items));
    }),
  );

  /** Mark a comment handled, with a note (who and when recorded). Audited; marking again replaces the note. */
  r.post(
    '/:id/handled',
    requireUser(ctx, rolesFor('responses.handle')),
    handle(async (req, res) => {
      const { note } = parseOr400(HandledBodySchema, req.body);
      const { id, handled } = await ctx.responses.markHandled(req.user!, String(req.params.id), note);
      res.json(toHandledResult(id, handled));
    }),
  );

  /** Take back a handled mark (a mistake, or the matter came back). Audited with the note it had; 409 when not marked. */
  r.delete(
    '/:id/handled',
    requireUser(ctx, rolesFor('responses.handle')),
    handle(async (req, res) => {
      const { id } = await ctx.responses.clearHandled(req.user!, String(req.params.id));
      res.json({ id, handled: null });
    }),
  );

  /** The review list: suspects held out of the figures, newest first (a unit head sees their unit's). */
  r.get(
    '/suspect',
    requireUser(ctx, rolesFor('responses.read')),
    handle(async (req, res) => {
      const q = parseOr400(SuspectQuerySchema, req.query);
      const items = await ctx.responses.listSuspect(req.user!, {
        unitId: q.unitId,
        servicePointId: q.servicePointId,
        limit: q.limit,
        before: q.beforeTime && q.beforeId ? { serverTime: new Date(q.beforeTime).toISOString(), id: q.beforeId } : undefined,
      });
      res.json(toResponseList(items));
    }),
  );

  /** Let a suspect into the figures. Audited; excluding one instead is POST /:id/exclusion. */
  r.post(
    '/:id/accept',
    requireUser(ctx, rolesFor('responses.accept')),
    handle(async (req, res) => {
      const { id, suspect } = await ctx.responses.accept(req.user!, String(req.params.id));
      res.json(toAcceptResult(id, suspect));
    }),
  );

  /** Take a response out of the figures, with a reason. Audited; the response itself stays. */
  r.post(
    '/:id/exclusion',
    requireUser(ctx, rolesFor('responses.exclude')),
    handle(async (req, res) => {
      const { reason } = parseOr400(ExclusionBodySchema, req.body);
      const { id, excluded } = await ctx.responses.exclude(req.user!, String(req.params.id), reason);
      res.json(toExclusionResult(id, excluded));
    }),
  );

  r.delete(
    '/:id/exclusion',
    requireUser(ctx, rolesFor('responses.exclude')),
    handle(async (req, res) => {
      const { id } = await ctx.responses.include(req.user!, String(req.params.id));
      res.json(toExclusionResult(id, null));
    }),
  );
  return r;
}
