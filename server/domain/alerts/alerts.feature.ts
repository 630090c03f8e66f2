/**
 * Starts the alert engine on this node: it listens to commits, runs its
 * sweep timer and delivers webhooks. Safe on every node of a cluster.
 */
import type { AppContext } from '../../context';
import type { FeatureHandle } from '../features';
import { alertEngineFor } from './alert-engine';

export async function installAlerts(ctx: AppContext): Promise<FeatureHandle> {
  const engine = alertEngineFor(ctx);
  engine.start();
  return { stop: () => engine.stop() };
}
