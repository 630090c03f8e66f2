/**
 * Rebuilds every figure (crossed aggregates and rollups) from the raw
 * responses: what an upgraded store does once at start (SQLite migration
 * 100 drops the old aggregates), and what a recount does. Batches walk the
 * responses in (org, server time, id) order; each batch's deltas and the
 * cursor after it are committed together, so a rebuild stopped anywhere
 * (kill -9, power loss) resumes after its last committed batch and never
 * counts a response twice. The server does not listen until it is done:
 * nothing else writes figures meanwhile.
 */
import type { FiguresRebuildState, Store } from '../store/types';
import { countsInFigures } from '../store/types';
import type { SurveyDefinition } from '../../shared/survey';
import { DeltaAccumulator } from './aggregation';

export interface RebuildOptions {
  store: Store;
  /** The definition a response was answered against (versions are never deleted). */
  definitionOf(surveyVersionId: string): Promise<SurveyDefinition | null>;
  /** Hour buckets before this instant are not rebuilt (the retention job would drop them anyway). */
  hourHorizon: number;
  batchSize?: number;
  /** A progress line now and then (every ~5 s and at the end). */
  progress?(line: string, state: FiguresRebuildState | null): void;
  /** Stops between batches when it answers true (tests of resuming); the state stays saved. */
  shouldStop?(): boolean;
}

export interface RebuildResult {
  responses: number;
  ms: number;
  finished: boolean;
}

const DEFAULT_BATCH = 20_000;

/** Runs the pending rebuild to its end (null when none is pending). */
export async function rebuildFigures(opts: RebuildOptions): Promise<RebuildResult | null> {
  const { store } = opts;
  let state = await store.figuresRebuildState();
  if (!state) return null;
  const size = opts.batchSize ?? DEFAULT_BATCH;
  const started = performance.now();
  const definitions = new Map<string, SurveyDefinition>();
  const definition = async (id: string): Promise<SurveyDefinition> => {
    let def = definitions.get(id);
    if (!def) {
      const found = await opts.definitionOf(id);
      if (!found) throw new Error(`figures rebuild: response names survey version ${id}, which does not exist`);
      def = found;
      definitions.set(id, def);
    }
    return def;
  };
  const keep = (grain: string, bucket: number) => grain !== 'hour' || bucket >= opts.hourHorizon;
  let walked = 0;
  let lastReport = started;
  opts.progress?.(`rebuilding figures from ${state.total.toLocaleString('en')} responses (resuming after ${state.done.toLocaleString('en')})`, state);
  for (;;) {
    if (opts.shouldStop?.()) return { responses: walked, ms: performance.now() - started, finished: false };
    const batch = await store.scanResponsesForRebuild(state.after, size);
    const acc = new DeltaAccumulator();
    for (const r of batch) {
      if (countsInFigures(r)) acc.add(r, await definition(r.surveyVersionId), keep);
    }
    const deltas = acc.deltas();
    walked += batch.length;
    const last = batch[batch.length - 1];
    const next: FiguresRebuildState | null =
      batch.length < size || !last ? null : { ...state, after: { orgId: last.orgId, serverTime: last.serverTime, id: last.id }, done: state.done + batch.length };
    await store.applyRebuildBatch(deltas, next);
    const now = performance.now();
    if (!next) {
      opts.progress?.(`figures rebuilt: ${(state.done + batch.length).toLocaleString('en')} responses in ${((now - started) / 1000).toFixed(1)} s`, null);
      return { responses: walked, ms: now - started, finished: true };
    }
    state = next;
    if (now - lastReport > 5000) {
      lastReport = now;
      const pct = state.total ? Math.min(100, (100 * state.done) / state.total) : 100;
      opts.progress?.(`rebuilding figures: ${state.done.toLocaleString('en')} of ${state.total.toLocaleString('en')} responses (${pct.toFixed(1)} %)`, state);
    }
  }
}
