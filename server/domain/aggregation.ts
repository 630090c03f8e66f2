/**
 * Turns one stored response into the bucket increments it contributes, and
 * works out for both adapters what is not theirs to decide: which deltas hit
 * the same bucket, which filters match nothing, which metric names are
 * prefixes. The store only adds up and translates into its query language.
 */
import type { AggregateDelta, AggregateFilter, Grain, RollupDelta, RollupDim, StoredResponse } from '../store/types';
import type { SurveyDefinition } from '../../shared/survey';
import { startOfHour, startOfLocalDay, startOfLocalMonth } from '../../shared/periods';
import { DIMENSIONS, type DimensionValues } from '../../shared/dimensions';
import { addTally, type ScoreCounts } from '../../shared/satisfaction';
import { EQUALITY_DIMENSIONS, aggregateKeyOf, type EqualityDimension } from './dimensions';

const GRAINS: { grain: Grain; start: (t: number) => number }[] = [
  { grain: 'hour', start: startOfHour },
  { grain: 'day', start: startOfLocalDay },
  { grain: 'month', start: startOfLocalMonth },
];

/** One metric's counts before they are spread over the grains. */
interface MetricCount {
  metric: string;
  c: [number, number, number, number, number];
  na: number;
  n: number;
}

export function metricsOf(r: StoredResponse, def: SurveyDefinition): MetricCount[] {
  const out: MetricCount[] = [{ metric: 'resp', c: [0, 0, 0, 0, 0], na: 0, n: 1 }];
  if (r.comment) out.push({ metric: 'comment', c: [0, 0, 0, 0, 0], na: 0, n: 1 });
  for (const q of def.questions) {
    const v = r.answers[q.id];
    if (v === undefined) continue;
    if (q.kind === 'rating5') {
      const c: MetricCount['c'] = [0, 0, 0, 0, 0];
      if (typeof v === 'number') c[v - 1] = 1;
      out.push({ metric: `q:${q.code}`, c, na: v === null ? 1 : 0, n: 0 });
    } else if (q.kind === 'multi' && Array.isArray(v)) {
      for (const opt of v) out.push({ metric: `m:${q.id}:${opt}`, c: [0, 0, 0, 0, 0], na: 0, n: 1 });
    } else if (q.kind === 'choice' && typeof v === 'string') {
      out.push({ metric: `m:${q.id}:${v}`, c: [0, 0, 0, 0, 0], na: 0, n: 1 });
    }
  }
  return out;
}

/** The deltas of a response; sign −1 takes it back out (an exclusion). */
export function deltasFor(r: StoredResponse, def: SurveyDefinition, sign: 1 | -1 = 1): AggregateDelta[] {
  const key = aggregateKeyOf(r);
  const t = Date.parse(r.serverTime);
  const metrics = metricsOf(r, def);
  const out: AggregateDelta[] = [];
  for (const g of GRAINS) {
    const bucket = g.start(t);
    for (const m of metrics) {
      // A plain literal, not `{ ...key, … }`: this runs ~20 times per rating on the hot path.
      // AggregateDelta's type requires every dimension, so a new one cannot be left out here.
      out.push({
        orgId: key.orgId,
        unitId: key.unitId,
        servicePointId: key.servicePointId,
        officerId: key.officerId,
        procedureId: key.procedureId,
        channel: key.channel,
        verified: key.verified,
        grain: g.grain,
        bucket,
        metric: m.metric,
        c: m.c.map((x) => x * sign) as MetricCount['c'],
        na: m.na * sign,
        n: m.n * sign,
      });
    }
  }
  return out;
}

/**
 * Adds many responses' deltas straight into merged buckets (a rebuild
 * batch of tens of thousands): the same result as mergeDeltas(deltasFor(…)
 * of each), without an object per delta and a second keying pass. A bucket
 * key is the grain's prefix, built once per response, plus the metric.
 */
export class DeltaAccumulator {
  /** Bucket prefix (grain, org, bucket, dimensions) → metric → merged delta: long keys once per response and grain. */
  private readonly rows = new Map<string, Map<string, AggregateDelta>>();
  private count = 0;

  /** `keep` drops buckets the caller does not want (hours past the retention). */
  add(r: StoredResponse, def: SurveyDefinition, keep?: (grain: Grain, bucket: number) => boolean): void {
    const key = aggregateKeyOf(r);
    const t = Date.parse(r.serverTime);
    const metrics = metricsOf(r, def);
    const flag = key.verified ? 1 : 0;
    for (const g of GRAINS) {
      const bucket = g.start(t);
      if (keep && !keep(g.grain, bucket)) continue;
      const prefix = `${g.grain}\u0000${key.orgId}\u0000${bucket}\u0000${key.unitId}\u0000${key.servicePointId}\u0000${key.officerId}\u0000${key.procedureId}\u0000${key.channel}\u0000${flag}`;
      let byMetric = this.rows.get(prefix);
      if (!byMetric) this.rows.set(prefix, (byMetric = new Map()));
      for (const m of metrics) {
        const cur = byMetric.get(m.metric);
        if (cur) {
          for (let i = 0; i < 5; i++) cur.c[i] += m.c[i];
          cur.na += m.na;
          cur.n += m.n;
        } else {
          this.count++;
          byMetric.set(m.metric, {
            orgId: key.orgId,
            unitId: key.unitId,
            servicePointId: key.servicePointId,
            officerId: key.officerId,
            procedureId: key.procedureId,
            channel: key.channel,
            verified: key.verified,
            grain: g.grain,
            bucket,
            metric: m.metric,
            c: [m.c[0], m.c[1], m.c[2], m.c[3], m.c[4]],
            na: m.na,
            n: m.n,
          });
        }
      }
    }
  }

  get size(): number {
    return this.count;
  }

  /** The merged deltas so far, those of one bucket and dimension combination together (rollupDeltasOf reads them faster so). */
  deltas(): AggregateDelta[] {
    const out: AggregateDelta[] = [];
    for (const byMetric of this.rows.values()) for (const d of byMetric.values()) out.push(d);
    return out;
  }
}

// ---- what the adapters share --------------------------------------------------

/** The fields that name a bucket, in the order of both stores' unique keys. */
export const BUCKET_KEY = ['grain', 'orgId', 'bucket', ...DIMENSIONS, 'metric'] as const;
export type BucketKeyField = (typeof BUCKET_KEY)[number];

/** One string per bucket. NUL separates the fields: ids, codes and metric names are validated printable text. */
export function bucketKeyOf(d: AggregateDelta): string {
  // A template, not a loop over BUCKET_KEY: it runs for every delta of a batch on
  // the ingest path. A unit test checks that it tells every BUCKET_KEY field apart.
  return `${d.grain}\u0000${d.orgId}\u0000${d.bucket}\u0000${d.unitId}\u0000${d.servicePointId}\u0000${d.officerId}\u0000${d.procedureId}\u0000${d.channel}\u0000${d.verified ? 1 : 0}\u0000${d.metric}`;
}

/** Sums deltas that hit the same bucket, so a batch writes each bucket once (new objects; the input is left alone). */
export function mergeDeltas(deltas: Iterable<AggregateDelta>): AggregateDelta[] {
  const byKey = new Map<string, AggregateDelta>();
  for (const d of deltas) {
    const key = bucketKeyOf(d);
    const cur = byKey.get(key);
    if (cur) addTally(cur, d);
    else byKey.set(key, { ...d, c: [...d.c] as ScoreCounts });
  }
  return [...byKey.values()];
}

// ---- per-dimension rollups ------------------------------------------------------

/** The fields that name a rollup bucket, in the order of both stores' unique keys. */
export const ROLLUP_KEY = ['grain', 'orgId', 'dim', 'key', 'bucket', 'channel', 'verified', 'metric'] as const;
export type RollupKeyField = (typeof ROLLUP_KEY)[number];

/** One string per rollup bucket (NUL-separated, as bucketKeyOf). */
export function rollupKeyOf(d: RollupDelta): string {
  return `${d.grain}\u0000${d.orgId}\u0000${d.dim}\u0000${d.key}\u0000${d.bucket}\u0000${d.channel}\u0000${d.verified ? 1 : 0}\u0000${d.metric}`;
}

/** Which crossed dimension each rollup dimension is keyed by (`org`: none). */
export const ROLLUP_SOURCE: { readonly [D in Exclude<RollupDim, 'org'>]: 'unitId' | 'servicePointId' | 'officerId' | 'procedureId' } = {
  unit: 'unitId',
  counter: 'servicePointId',
  officer: 'officerId',
  procedure: 'procedureId',
};

/**
 * The rollup increments crossed deltas amount to, merged: every crossed
 * delta counts once in the organisation's rollup and once in each entity
 * dimension's. Both adapters write these beside the crossed deltas in the
 * same transaction, so the two can never disagree.
 */
export function rollupDeltasOf(deltas: Iterable<AggregateDelta>): RollupDelta[] {
  // Hot in rebuilds and group commits. A crossed delta's five rollup buckets
  // depend only on its bucket and dimension combination, so they are looked
  // up once per combination (consecutive deltas mostly share one) and each
  // delta then adds into five small metric-keyed maps in place.
  const heads = new Map<string, Map<string, RollupDelta>>();
  const combos = new Map<string, Map<string, RollupDelta>[]>();
  const out: RollupDelta[] = [];
  let lastCombo: string | null = null;
  let targets: { dim: RollupDim; key: string; rows: Map<string, RollupDelta> }[] = [];
  for (const d of deltas) {
    const flag = d.verified ? 1 : 0;
    const combo = `${d.grain}\u0000${d.orgId}\u0000${d.bucket}\u0000${d.unitId}\u0000${d.servicePointId}\u0000${d.officerId}\u0000${d.procedureId}\u0000${d.channel}\u0000${flag}`;
    if (combo !== lastCombo) {
      lastCombo = combo;
      const dims: [RollupDim, string][] = [
        ['org', ''],
        ['unit', d.unitId],
        ['counter', d.servicePointId],
        ['officer', d.officerId],
        ['procedure', d.procedureId],
      ];
      const known = combos.get(combo);
      const maps =
        known ??
        dims.map(([dim, key]) => {
          const head = `${d.grain}\u0000${d.orgId}\u0000${dim}\u0000${key}\u0000${d.bucket}\u0000${d.channel}\u0000${flag}`;
          let rows = heads.get(head);
          if (!rows) heads.set(head, (rows = new Map()));
          return rows;
        });
      if (!known) combos.set(combo, maps);
      targets = dims.map(([dim, key], i) => ({ dim, key, rows: maps[i] }));
    }
    for (const t of targets) {
      const cur = t.rows.get(d.metric);
      if (cur) {
        for (let i = 0; i < 5; i++) cur.c[i] += d.c[i];
        cur.na += d.na;
        cur.n += d.n;
      } else {
        const row: RollupDelta = { grain: d.grain, orgId: d.orgId, dim: t.dim, key: t.key, bucket: d.bucket, channel: d.channel, verified: d.verified, metric: d.metric, c: [d.c[0], d.c[1], d.c[2], d.c[3], d.c[4]], na: d.na, n: d.n };
        t.rows.set(d.metric, row);
        out.push(row);
      }
    }
  }
  return out;
}

/** A filter that can match nothing: an empty unit scope or an empty metric list. */
export function matchesNothing(f: { unitIds?: readonly string[]; metrics?: readonly string[] }): boolean {
  return f.unitIds?.length === 0 || f.metrics?.length === 0;
}

/** Metric names as exact names and prefixes (`m:reasons:*` → `m:reasons:`); never both empty for a non-empty list. */
export function splitMetrics(metrics: readonly string[]): { exact: string[]; prefixes: string[] } {
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const m of metrics) {
    if (m.endsWith('*')) prefixes.push(m.slice(0, -1));
    else exact.push(m);
  }
  return { exact, prefixes };
}

/** One dimension pinned to one value. */
export type DimensionEquality = { [D in EqualityDimension]: { dimension: D; value: DimensionValues[D] } }[EqualityDimension];

/** An aggregate filter as conditions an adapter translates one by one. */
export interface AggregateMatch {
  orgId: string;
  /** Never empty. */
  unitIds?: readonly string[];
  /** The pinned dimensions, in registry order. */
  equal: DimensionEquality[];
  metrics?: { exact: string[]; prefixes: string[] };
}

/** Null when the filter can match nothing (an empty unitIds or metrics list). */
export function aggregateMatch(f: AggregateFilter): AggregateMatch | null {
  if (matchesNothing(f)) return null;
  const equal: DimensionEquality[] = [];
  for (const dimension of EQUALITY_DIMENSIONS) {
    const value = f[dimension];
    // The pair is built from one key of f, so its value has that dimension's type.
    if (value !== undefined) equal.push({ dimension, value } as DimensionEquality);
  }
  return {
    orgId: f.orgId,
    ...(f.unitIds ? { unitIds: f.unitIds } : {}),
    equal,
    ...(f.metrics ? { metrics: splitMetrics(f.metrics) } : {}),
  };
}
