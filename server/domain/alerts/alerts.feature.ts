import type { AppContext } from '../../context';
import type { FeatureHandle } from '../features';

/** Placeholder until the alerts issue lands: starts the alert engine. */
export async function installAlerts(_ctx: AppContext): Promise<FeatureHandle> {
  return { stop: () => undefined };
}
