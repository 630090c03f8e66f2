/**
 * Survey versions (issue 11 item 11); the list stays GET /surveys in config.routes.
 *   GET    /surveys/active             who asks which version (every role reads)
 *   GET    /surveys/:id                one version, its kiosk form, why it is locked (every role reads)
 *   POST   /surveys                    a new version: a copy with edits (admin, manager)
 *   PUT    /surveys/:id                a draft's definition (admin, manager; 409 once active or answered)
 *   POST   /surveys/:id/activate       for the office or one counter (admin, manager)
 *   DELETE /service-points/:id/survey  a counter asks the office's version again (admin, manager)
 * Mounted before config.routes, whose guard would otherwise answer first.
 */
import { Router } from 'express';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { rolesFor } from '../domain/permissions';
import { IdParamsSchema, SurveyActivateBodySchema, SurveyCreateBodySchema, SurveyUpdateBodySchema } from '../../shared/api';
import { toSurveyAssignmentsDto, toSurveyVersionDetailDto, toSurveyVersionDto } from './dto';

export function surveysRoutes(ctx: AppContext): Router {
  const r = Router();
  const readers = requireUser(ctx, rolesFor('surveys.read'));
  const managers = requireUser(ctx, rolesFor('surveys.manage'));
  const s = ctx.surveyVersions;

  r.get('/surveys/active', readers, handle(async (req, res) => {
    res.json(toSurveyAssignmentsDto(await s.assignments(req.user!)));
  }));
  r.get('/surveys/:id', readers, handle(async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params);
    res.json(toSurveyVersionDetailDto(await s.detail(req.user!, id)));
  }));
  r.post('/surveys', managers, handle(async (req, res) => {
    const body = parseOr400(SurveyCreateBodySchema, req.body);
    res.status(201).json(toSurveyVersionDto(await s.createFrom(req.user!, body.fromVersionId, body.definition)));
  }));
  r.put('/surveys/:id', managers, handle(async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params);
    const body = parseOr400(SurveyUpdateBodySchema, req.body);
    res.json(toSurveyVersionDto(await s.update(req.user!, id, body.definition)));
  }));
  r.post('/surveys/:id/activate', managers, handle(async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params);
    const body = parseOr400(SurveyActivateBodySchema, req.body ?? {});
    res.json(toSurveyAssignmentsDto(await s.activate(req.user!, id, body.servicePointId ?? null)));
  }));
  r.delete('/service-points/:id/survey', managers, handle(async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params);
    res.json(toSurveyAssignmentsDto(await s.clearCounter(req.user!, id)));
  }));
  return r;
}
