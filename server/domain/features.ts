/**
 * Features that plug into ingestion or run in the background install
 * themselves here, once per process, after the context exists.
 */
import type { AppContext } from '../context';
import { installSurveyLinks } from './survey-links.feature';
import { installAlerts } from './alerts/alerts.feature';

export interface FeatureHandle {
  stop(): Promise<void> | void;
}

export async function installFeatures(ctx: AppContext): Promise<FeatureHandle[]> {
  return [await installSurveyLinks(ctx), await installAlerts(ctx)];
}
