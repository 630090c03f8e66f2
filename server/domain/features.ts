/**
 * Features that plug into ingestion or run in the background install
 * themselves here, once per process, after the context exists.
 */
import type { AppContext } from '../context';

export interface FeatureHandle {
  stop(): Promise<void> | void;
}

export async function installFeatures(_ctx: AppContext): Promise<FeatureHandle[]> {
  return [];
}
