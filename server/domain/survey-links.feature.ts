import type { AppContext } from '../context';
import type { FeatureHandle } from './features';

/** Placeholder until the QR issue lands: installs the dossier-link and counter-limit ingest hooks. */
export async function installSurveyLinks(_ctx: AppContext): Promise<FeatureHandle> {
  return { stop: () => undefined };
}
