/**
 * Which stored figures answer a query, and the one place that reads them.
 * A filter that pins at most one entity dimension (unit, counter, officer,
 * procedure), grouped by nothing, by that dimension, by the channel or by the
 * verified flag, is answered by that dimension's rollup — a handful of rows
 * per bucket. Anything crossed (a unit head's counter breakdown, one
 * officer's procedures…) falls back to the crossed aggregates, which hold
 * every combination. Every figure in the product reads through here, so the
 * choice is made once and the replies can say which path answered.
 */
import type { AggregateFilter, AggregateQuery, AggregateRow, RollupDim, RollupQuery, SeriesRow, Store } from '../store/types';
import type { Dimension } from '../../shared/dimensions';
import { matchesNothing } from './aggregation';

/** What answered: a dimension's rollup, or the crossed aggregates. */
export type FiguresPath = `rollup:${RollupDim}` | 'crossed';

export type FiguresPlan =
  | { path: `rollup:${RollupDim}`; query: Omit<RollupQuery, 'grain' | 'from' | 'to'> }
  | { path: 'crossed' };

/** The entity dimensions a filter can pin, and the rollup keyed by each. */
const DIM_OF: Partial<Record<Dimension, RollupDim>> = { unitId: 'unit', servicePointId: 'counter', officerId: 'officer', procedureId: 'procedure' };

/** The rollup that answers this filter and grouping, or the crossed aggregates. */
export function planFigures(filter: AggregateFilter, groupBy?: Dimension): FiguresPlan {
  const pinned: { dim: RollupDim; keys: string[] }[] = [];
  if (filter.unitIds) pinned.push({ dim: 'unit', keys: [...filter.unitIds] });
  if (filter.servicePointId !== undefined) pinned.push({ dim: 'counter', keys: [filter.servicePointId] });
  if (filter.officerId !== undefined) pinned.push({ dim: 'officer', keys: [filter.officerId] });
  if (filter.procedureId !== undefined) pinned.push({ dim: 'procedure', keys: [filter.procedureId] });
  if (pinned.length > 1) return { path: 'crossed' };

  const columns = {
    orgId: filter.orgId,
    ...(filter.channel !== undefined ? { channel: filter.channel } : {}),
    ...(filter.verified !== undefined ? { verified: filter.verified } : {}),
    ...(filter.metrics ? { metrics: filter.metrics } : {}),
  };
  const groupDim = groupBy ? DIM_OF[groupBy] : undefined;
  const columnGroup = groupBy === 'channel' ? 'channel' : groupBy === 'verified' ? 'verified' : undefined;
  const one = pinned[0];
  if (!one) {
    if (groupDim) return { path: `rollup:${groupDim}`, query: { ...columns, dim: groupDim, groupBy: 'key' } };
    return { path: 'rollup:org', query: { ...columns, dim: 'org', ...(columnGroup ? { groupBy: columnGroup } : {}) } };
  }
  if (groupDim && groupDim !== one.dim) return { path: 'crossed' };
  const group = groupDim ? ('key' as const) : columnGroup;
  return { path: `rollup:${one.dim}`, query: { ...columns, dim: one.dim, keys: one.keys, ...(group ? { groupBy: group } : {}) } };
}

export interface Figures<R> {
  rows: R[];
  path: FiguresPath;
}

/** Sums over one grain's buckets, from the rollup the filter allows (or the crossed aggregates). */
export async function sumFigures(store: Pick<Store, 'sumAggregates' | 'sumRollups'>, q: AggregateQuery): Promise<Figures<AggregateRow>> {
  const plan = planFigures(q.filter, q.groupBy);
  if (plan.path === 'crossed') return { rows: await store.sumAggregates(q), path: 'crossed' };
  if (matchesNothing(q.filter)) return { rows: [], path: plan.path };
  return { rows: await store.sumRollups({ ...plan.query, grain: q.grain, from: q.from, to: q.to }), path: plan.path };
}

/** Per-bucket sums, as sumFigures. */
export async function seriesFigures(store: Pick<Store, 'aggregateSeries' | 'rollupSeries'>, q: AggregateQuery): Promise<Figures<SeriesRow>> {
  const plan = planFigures(q.filter, q.groupBy);
  if (plan.path === 'crossed') return { rows: await store.aggregateSeries(q), path: 'crossed' };
  if (matchesNothing(q.filter)) return { rows: [], path: plan.path };
  return { rows: await store.rollupSeries({ ...plan.query, grain: q.grain, from: q.from, to: q.to }), path: plan.path };
}
