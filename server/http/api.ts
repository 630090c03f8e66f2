/** Mounts every /api/v1 feature router. One line per feature. */
import { Router } from 'express';
import type { AppContext } from '../context';
import { authRoutes } from './auth.routes';
import { responsesRoutes } from './responses.routes';
import { statsRoutes } from './stats.routes';
import { configRoutes } from './config.routes';
import { devicesRoutes } from './devices.routes';
import { surveyLinksRoutes } from './survey-links.routes';
import { alertsRoutes } from './alerts.routes';
import { integrationKeysRoutes } from './integration-keys.routes';
import { kioskRoutes } from './kiosk.routes';
import { docsRoutes } from './openapi/docs.routes';
import { dossierOutcomesRoutes } from './dossier-outcomes.routes';
import { ratingSessionsRoutes } from './rating-sessions.routes';
import { usersRoutes } from './users.routes';
import { structureRoutes } from './structure.routes';
import { reportsRoutes } from './reports.routes';
import { surveysRoutes } from './surveys.routes';
import { publicScreenApiRoutes } from './public-screen.routes';

export function apiV1(ctx: AppContext): Router {
  const r = Router();
  r.use(docsRoutes(ctx));
  r.use(authRoutes(ctx));
  r.use('/responses', responsesRoutes(ctx));
  r.use(dossierOutcomesRoutes(ctx));
  r.use('/stats', statsRoutes(ctx));
  r.use('/reports', reportsRoutes(ctx));
  r.use(devicesRoutes(ctx));
  r.use(surveyLinksRoutes(ctx));
  r.use(publicScreenApiRoutes(ctx));
  r.use(alertsRoutes(ctx));
  r.use(integrationKeysRoutes(ctx));
  r.use(kioskRoutes(ctx));
  r.use(ratingSessionsRoutes(ctx));
  r.use(usersRoutes(ctx));
  r.use(structureRoutes(ctx));
  r.use(surveysRoutes(ctx));
  r.use(configRoutes(ctx));
  return r;
}
