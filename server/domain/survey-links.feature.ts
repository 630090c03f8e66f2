/**
 * Plugs survey links into ingestion: dossier-link tokens are verified (and
 * answered once, by the claim IngestService takes) and counter links are
 * limited per client and per counter.
 */
import type { AppContext } from '../context';
import type { FeatureHandle } from './features';
import { surveyLinksOf } from './survey-links.service';

export async function installSurveyLinks(ctx: AppContext): Promise<FeatureHandle> {
  const links = surveyLinksOf(ctx);
  // Load (or create and persist) the link secret now, so a broken store fails the start, not the first citizen.
  await links.keys();
  ctx.ingestHooks.resolveLink = (token) => links.resolveForIngest(token);
  ctx.ingestHooks.checkCounterLimit = (servicePointId, clientKey) => links.checkCounterLimit(servicePointId, clientKey);
  // Nothing to stop: the hooks hold no resources, and requests still draining at shutdown need them.
  return { stop: () => undefined };
}
