/**
 * Configuration reads for the dashboard and the few writes the core needs
 * (settings, officer on duty); the organisation service audits and announces them.
 */
import { Router } from 'express';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { toInstant } from './dates';
import { rolesFor } from '../domain/permissions';
import { AuditQuerySchema, DutyBodySchema, OrganisationPatchSchema } from '../../shared/api';
import { screenSettingsOf } from '../domain/public-screen.service';
import { structureListPresenters, toAuditList, toDutyHistory, toOrganisationDto, toServicePointDto, toSurveyVersionList } from './dto';

export function configRoutes(ctx: AppContext): Router {
  const r = Router();
  // Mounted last under /api/v1, so this guard reaches no other router.
  r.use(requireUser(ctx, rolesFor('organisation.read')));

  r.get(
    '/organisation',
    handle(async (req, res) => {
      const org = await ctx.organisation.get(req.user!.orgId);
      res.json(org && toOrganisationDto({ ...org, publicScreen: screenSettingsOf(org), publicUrl: ctx.config.publicUrl }));
    }),
  );

  r.patch(
    '/organisation',
    requireUser(ctx, rolesFor('organisation.change')),
    handle(async (req, res) => {
      const patch = parseOr400(OrganisationPatchSchema, req.body);
      const org = await ctx.organisation.update(req.user!, patch);
      // The screen settings in force (defaults filled in), so the settings screen shows its address from the start.
      res.json(toOrganisationDto({ ...org, publicScreen: screenSettingsOf(org), publicUrl: ctx.config.publicUrl }));
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
        // TypeScript cannot pair a union key with its presenter; each presenter takes exactly its kind's records.
        const present = structureListPresenters[kind] as (list: readonly object[]) => unknown;
        res.json(present(await ctx.organisation.structure(req.user!, kind)));
      }),
    );
  }

  r.get(
    '/surveys',
    handle(async (req, res) => {
      res.json(toSurveyVersionList(await ctx.organisation.surveyVersions(req.user!.orgId)));
    }),
  );

  /** Who serves at a counter now; the kiosk shows it and ratings record it. */
  r.put(
    '/service-points/:id/duty',
    requireUser(ctx, rolesFor('duty.change')),
    handle(async (req, res) => {
      const { officerId } = parseOr400(DutyBodySchema, req.body);
      res.json(toServicePointDto(await ctx.organisation.setDuty(req.user!, String(req.params.id), officerId)));
    }),
  );

  /** Who was on duty at a counter, newest first (ratings are credited from this). */
  r.get(
    '/service-points/:id/duty-history',
    requireUser(ctx, rolesFor('organisation.read')),
    handle(async (req, res) => {
      res.json(toDutyHistory(await ctx.organisation.dutyHistory(req.user!, String(req.params.id))));
    }),
  );

  r.get(
    '/audit',
    requireUser(ctx, rolesFor('audit.read')),
    handle(async (req, res) => {
      const { limit, offset, actor, action, target, from, to } = parseOr400(AuditQuerySchema, req.query);
      const when = { from: from === undefined ? undefined : toInstant(from, false), to: to === undefined ? undefined : toInstant(to, true) };
      const found = await ctx.audit.search(req.user!.orgId, { actor, action, target, ...when }, limit, offset);
      res.json({ ...toAuditList(found.items), total: found.total });
    }),
  );
  return r;
}
