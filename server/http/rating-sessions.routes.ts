/**
 * Rating sessions over HTTP (issue 15). The one-stop / queue software opens
 * one with its integration key; the officer page signs in with a counter
 * code and the officer's PIN and invites from there (an admin session works
 * too). Admins set officer PINs and a counter's rating mode. No answer ever
 * tells how the citizen rated.
 *
 * Mounted at the root of /api/v1 before configRoutes: guards are per route.
 */
import { Router, type Request } from 'express';
import type { AppContext } from '../context';
import { handle, passwordChangeRequired, requireUser, sessionToken } from './auth.middleware';
import { parseOr400 } from './validate';
import { DomainError } from '../domain/errors';
import { rolesFor } from '../domain/permissions';
import type { Opener, RatingSession } from '../domain/rating-sessions.service';
import type { Procedure, ServicePoint } from '../domain/entities';
import {
  OfficerContextQuerySchema,
  OfficerContextSchema,
  OfficerInviteBodySchema,
  OfficerPinBodySchema,
  OfficerSignInBodySchema,
  OfficerSignedInSchema,
  OpenRatingSessionBodySchema,
  RatingModeBodySchema,
  RatingSessionOpenedSchema,
} from '../../shared/api';
import { toOfficerDto, toServicePointDto } from './dto';

const opened = (r: { session: RatingSession; servicePoint: ServicePoint; procedure: Procedure | null }) =>
  RatingSessionOpenedSchema.parse({ id: r.session.id, counter: r.servicePoint.code, procedureCode: r.procedure?.code ?? null, expiresAt: r.session.expiresAt });

export function ratingSessionsRoutes(ctx: AppContext): Router {
  const r = Router();
  const sessions = ctx.ratingSessions;
  const admins = (action: 'officers.pin' | 'counters.rating-mode') => requireUser(ctx, rolesFor(action));

  /** The officer page's caller: an officer's bearer token, or a signed-in user allowed to open sessions. */
  async function pageOpener(req: Request): Promise<Exclude<Opener, { kind: 'integration-key' }>> {
    const token = await sessions.officerToken(req.headers.authorization);
    if (token) return { kind: 'officer', token };
    const user = await ctx.auth.userForToken(sessionToken(req));
    if (!user) throw new DomainError('unauthorized', 'Sign in with your counter and PIN');
    if (user.mustChangePassword) throw passwordChangeRequired();
    if (!rolesFor('rating-sessions.open').includes(user.role)) throw new DomainError('forbidden', 'Your role may not do this');
    return { kind: 'user', caller: user };
  }

  r.post(
    '/rating-sessions',
    handle(async (req, res) => {
      const key = await ctx.integrationKeys.authenticate(req.headers.authorization);
      const body = parseOr400(OpenRatingSessionBodySchema, req.body);
      res.setHeader('cache-control', 'no-store');
      res.status(201).json(opened(await sessions.open({ kind: 'integration-key', orgId: key.orgId, keyId: key.id }, body)));
    }),
  );

  r.post(
    '/officer/sign-in',
    handle(async (req, res) => {
      const { counter, pin } = parseOr400(OfficerSignInBodySchema, req.body);
      res.setHeader('cache-control', 'no-store');
      res.json(OfficerSignedInSchema.parse(await sessions.signIn(counter, pin)));
    }),
  );

  r.get(
    '/officer/context',
    handle(async (req, res) => {
      const opener = await pageOpener(req);
      const { counter } = parseOr400(OfficerContextQuerySchema, req.query);
      res.setHeader('cache-control', 'no-store');
      res.json(OfficerContextSchema.parse(await sessions.contextFor(opener, counter)));
    }),
  );

  r.post(
    '/officer/invitations',
    handle(async (req, res) => {
      const opener = await pageOpener(req);
      const body = parseOr400(OfficerInviteBodySchema, req.body);
      res.setHeader('cache-control', 'no-store');
      res.status(201).json(opened(await sessions.open(opener, body)));
    }),
  );

  r.put(
    '/officers/:id/pin',
    admins('officers.pin'),
    handle(async (req, res) => {
      const { pin } = parseOr400(OfficerPinBodySchema, req.body);
      res.json(toOfficerDto(await sessions.setOfficerPin(req.user!, String(req.params.id), pin)));
    }),
  );

  r.put(
    '/service-points/:id/rating-mode',
    admins('counters.rating-mode'),
    handle(async (req, res) => {
      const { ratingMode } = parseOr400(RatingModeBodySchema, req.body);
      res.json(toServicePointDto(await sessions.setRatingMode(req.user!, String(req.params.id), ratingMode)));
    }),
  );
  return r;
}
