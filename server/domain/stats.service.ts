/**
 * Figures from the pre-aggregated buckets, never from raw responses. A range
 * is read as whole Vietnam months from the monthly buckets, the whole days
 * around them from the daily ones and the partial hours at its edges from
 * the hourly ones, so two years cost ~24 + 60 + 48 bucket rows per key, from
 * the rollup the filter allows (server/domain/figures.ts) or, for crossed
 * filters, from the crossed aggregates. Hours older than the hour retention
 * are gone, so an edge there is widened to its whole day (the reply's
 * from/to say so).
 */
import type { AggregateFilter, AggregateQuery, AggregateRow, Grain, SeriesRow, Store } from '../store/types';
import type { Dimension } from '../../shared/dimensions';
import { HOUR_MS, DAY_MS, bucketStart, nextBucket, startOfLocalDay, startOfLocalMonth, type BucketSize } from '../../shared/periods';
import { planFigures, seriesFigures, sumFigures, type FiguresPath } from './figures';
import {
  addCounts,
  addTally,
  answered,
  emptyCounts,
  integrityShares,
  rate,
  satisfiedOf,
  sipasIndices,
  summarise,
  wilson,
  type IndexMethod,
  type IndexResult,
  type IntegrityShares,
  type RateSummary,
  type ScoreCounts,
} from '../../shared/satisfaction';
import { CRITERION_CODES, INTEGRITY_CODES, type CriterionCode, type IntegrityCode } from '../../shared/sipas';

export interface StatsScope {
  filter: AggregateFilter;
  from: number;
  to: number;
  target: number;
  minSample: number;
  indexMethod: IndexMethod;
}

export interface Summary {
  from: string;
  to: string;
  /** Which stored figures answered (a dimension's rollup, or the crossed aggregates). */
  source: FiguresPath;
  target: number;
  responses: number;
  comments: number;
  overall: RateSummary & { distribution: ScoreCounts; notApplicable: number };
  indices: IndexResult;
  criteria: Partial<Record<CriterionCode, RateSummary & { distribution: ScoreCounts }>>;
  /** Picks of every multiple-choice option: reasons, expectations (H and M only under `integrity`). */
  choices: Record<string, Record<string, number>>;
  /** H and M as none / some / many shares, only with n ≥ the minimum sample. */
  integrity: Record<IntegrityCode, IntegrityShares>;
}

export interface SeriesPoint {
  bucket: string;
  responses: number;
  n: number;
  s: number;
  rate: number | null;
  interval: { low: number; high: number } | null;
}

export interface BreakdownRow {
  key: string;
  responses: number;
  overall: RateSummary & { distribution: ScoreCounts };
}

const alignDown = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;
const alignUp = (t: number) => Math.ceil(t / HOUR_MS) * HOUR_MS;
const nextMonth = (t: number) => nextBucket(t, 'month');

type Part = Omit<AggregateQuery, 'filter' | 'groupBy'>;

/** Whole local days [from, to) as day buckets around the whole months inside them. */
function dayAndMonthParts(from: number, to: number): Part[] {
  if (to <= from) return [];
  const firstMonth = startOfLocalMonth(from) === from ? from : nextMonth(from);
  const lastMonth = startOfLocalMonth(to);
  if (firstMonth >= lastMonth) return [{ grain: 'day', from, to }];
  const parts: Part[] = [];
  if (from < firstMonth) parts.push({ grain: 'day', from, to: firstMonth });
  parts.push({ grain: 'month', from: firstMonth, to: lastMonth });
  if (lastMonth < to) parts.push({ grain: 'day', from: lastMonth, to });
  return parts;
}

/**
 * Splits [from, to) into hourly edges, whole local days and whole local
 * months. Hour edges before `hourHorizon` (the hour retention) are widened
 * to their whole day; the range actually read is returned with the parts.
 */
export function splitRange(from: number, to: number, hourHorizon = -Infinity): { parts: Part[]; from: number; to: number } {
  from = alignDown(from);
  to = alignUp(to);
  if (from < hourHorizon) from = startOfLocalDay(from);
  if (startOfLocalDay(to) !== to && startOfLocalDay(to) < hourHorizon) to = startOfLocalDay(to) + DAY_MS;
  if (to <= from) return { parts: [], from, to };
  const firstDay = startOfLocalDay(from) === from ? from : startOfLocalDay(from) + DAY_MS;
  const lastDay = startOfLocalDay(to);
  if (firstDay >= lastDay) return { parts: [{ grain: 'hour', from, to }], from, to };
  const parts: Part[] = [];
  if (from < firstDay) parts.push({ grain: 'hour', from, to: firstDay });
  parts.push(...dayAndMonthParts(firstDay, lastDay));
  if (lastDay < to) parts.push({ grain: 'hour', from: lastDay, to });
  return { parts, from, to };
}

/** Day buckets [from, to) for a series of `size` buckets: whole months from the month grain when the buckets are months. */
function seriesParts(from: number, to: number, size: Exclude<BucketSize, 'hour'>): Part[] {
  return size === 'month' ? dayAndMonthParts(from, to) : [{ grain: 'day' as Grain, from, to }];
}

function addRow(into: Map<string, AggregateRow>, key: string, r: AggregateRow): void {
  const cur = into.get(key);
  if (cur) addTally(cur, r);
  else into.set(key, { ...r, c: [...r.c] as ScoreCounts });
}

export interface StatsOptions {
  /** Hour buckets before this instant may be gone (the hour retention); absent: all kept. */
  hourHorizon?: () => number;
}

export class StatsService {
  constructor(
    private readonly store: Store,
    private readonly opts: StatsOptions = {},
  ) {}

  private horizon(): number {
    return this.opts.hourHorizon?.() ?? -Infinity;
  }

  /** Sums over [from, to), merged across grains, keyed by group + metric; with the range read and the path. */
  /**
   * Whether the organisation has no figures at all in [from, to) (its own
   * rollup's response count: a few index rows). Hours past the retention are
   * read as their whole day, which can only answer "not empty".
   */
  private async emptyBetween(orgId: string, from: number, to: number): Promise<boolean> {
    if (to <= from) return true;
    const { parts } = splitRange(from, to, this.horizon());
    const results = await Promise.all(parts.map((p) => sumFigures(this.store, { ...p, filter: { orgId, metrics: ['resp'] } })));
    return results.every((r) => r.rows.every((row) => row.n === 0));
  }

  /**
   * A range's first and last month are read whole, from one month bucket,
   * when the organisation has no figures in them outside the range — a range
   * from the first rating to now, or any range ending now (nothing is stored
   * after now) — instead of up to 60 day and 46 hour buckets per key. Exact:
   * the month bucket then holds only ratings inside the range. (A rating
   * stored while this runs, stamped after `to`, can be counted: it is newer
   * than the figure's end by the time the query took.)
   */
  private async wholeEdgeMonths(orgId: string, from: number, to: number): Promise<{ from: number; to: number }> {
    const firstMonth = startOfLocalMonth(from);
    const endMonth = nextMonth(startOfLocalMonth(to - 1));
    const [head, tail] = await Promise.all([this.emptyBetween(orgId, firstMonth, from), this.emptyBetween(orgId, to, endMonth)]);
    return { from: head ? firstMonth : from, to: tail ? endMonth : to };
  }

  private async sum(scope: StatsScope, groupBy?: Dimension, metrics?: string[]): Promise<{ rows: AggregateRow[]; from: number; to: number; source: FiguresPath }> {
    const asked = splitRange(scope.from, scope.to, this.horizon());
    const { from, to } = asked;
    // Only worth probing when the range holds a month boundary's worth of edges; a day or a week reads few rows anyway.
    const edges = to - from > 20 * DAY_MS ? await this.wholeEdgeMonths(scope.filter.orgId, from, to) : { from, to };
    const { parts } = edges.from === from && edges.to === to ? asked : splitRange(edges.from, edges.to, this.horizon());
    const filter = metrics ? { ...scope.filter, metrics } : scope.filter;
    const results = await Promise.all(parts.map((p) => sumFigures(this.store, { ...p, filter, groupBy })));
    const merged = new Map<string, AggregateRow>();
    for (const res of results) for (const r of res.rows) addRow(merged, `${r.group ?? ''}\u0000${r.metric}`, r);
    return { rows: [...merged.values()], from, to, source: planFigures(filter, groupBy).path };
  }

  /** Per-bucket rows of several parts (grains) of one series query, concatenated. */
  private async series(parts: Part[], filter: AggregateFilter, groupBy?: Dimension): Promise<SeriesRow[]> {
    const results = await Promise.all(parts.map((p) => seriesFigures(this.store, { ...p, filter, groupBy })));
    return results.flatMap((r) => r.rows);
  }

  async summary(scope: StatsScope): Promise<Summary> {
    const { rows, from, to, source } = await this.sum(scope);
    const by = new Map(rows.map((r) => [r.metric, r]));
    const countsOf = (metric: string): ScoreCounts => (by.get(metric)?.c as ScoreCounts) ?? emptyCounts();
    const overallCounts = countsOf('q:O');
    const criterionCounts: Partial<Record<CriterionCode, ScoreCounts>> = {};
    const criteria: Summary['criteria'] = {};
    for (const code of CRITERION_CODES) {
      if (!by.has(`q:${code}`)) continue;
      criterionCounts[code] = countsOf(`q:${code}`);
      criteria[code] = { ...summarise(criterionCounts[code]!, scope.target, scope.minSample), distribution: criterionCounts[code]! };
    }
    const picks: Summary['choices'] = {};
    for (const r of rows) {
      if (!r.metric.startsWith('m:')) continue;
      const [, question, option] = r.metric.split(':');
      (picks[question] ??= {})[option] = r.n;
    }
    // H and M are sensitive: their counts leave only through the minimum-sample gate below, never as raw choices.
    const integrity = Object.fromEntries(INTEGRITY_CODES.map((c) => [c, integrityShares(picks[c], scope.minSample)])) as Summary['integrity'];
    const choices = Object.fromEntries(Object.entries(picks).filter(([q]) => !(INTEGRITY_CODES as readonly string[]).includes(q)));
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      source,
      target: scope.target,
      responses: by.get('resp')?.n ?? 0,
      comments: by.get('comment')?.n ?? 0,
      overall: {
        ...summarise(overallCounts, scope.target, scope.minSample),
        distribution: overallCounts,
        notApplicable: by.get('q:O')?.na ?? 0,
      },
      indices: sipasIndices(criterionCounts, scope.indexMethod),
      criteria,
      choices,
      integrity,
    };
  }

  /** Overall-question rate per bucket; weeks are rolled up from days, months read whole where they can be. */
  async timeseries(scope: StatsScope, size: BucketSize): Promise<SeriesPoint[]> {
    return (await this.timeseriesWithSource(scope, size)).points;
  }

  async timeseriesWithSource(scope: StatsScope, size: BucketSize): Promise<{ points: SeriesPoint[]; source: FiguresPath }> {
    const filter = { ...scope.filter, metrics: ['q:O', 'resp'] };
    const from = bucketStart(scope.from, size);
    const rows =
      size === 'hour'
        ? await this.series([{ grain: 'hour', from, to: alignUp(scope.to) }], filter)
        : await this.series(seriesParts(startOfLocalDay(from), startOfLocalDay(scope.to - 1) + DAY_MS, size), filter);
    const points = new Map<number, { responses: number; c: ScoreCounts }>();
    for (let b = from; b < scope.to; b = nextBucket(b, size)) points.set(b, { responses: 0, c: emptyCounts() });
    for (const r of rows) {
      const b = bucketStart(r.bucket, size);
      const p = points.get(b);
      if (!p) continue;
      if (r.metric === 'resp') p.responses += r.n;
      else addCounts(p.c, r.c);
    }
    const out = [...points.entries()].map(([b, p]) => {
      const n = answered(p.c);
      const s = satisfiedOf(p.c);
      return { bucket: new Date(b).toISOString(), responses: p.responses, n, s, rate: rate(s, n), interval: wilson(s, n) };
    });
    return { points: out, source: planFigures(filter).path };
  }

  /**
   * Each group's overall rate per bucket over the scope, every bucket of the
   * range present (n 0 when empty): the breakdown rows' small trends. Read
   * from the daily buckets grouped in one store query.
   */
  async breakdownTrend(scope: StatsScope, groupBy: Dimension, size: Exclude<BucketSize, 'hour'>): Promise<Map<string, { bucket: string; n: number; rate: number | null }[]>> {
    const from = bucketStart(scope.from, size);
    const dayTo = startOfLocalDay(scope.to - 1) + DAY_MS;
    const rows = await this.series(seriesParts(startOfLocalDay(from), dayTo, size), { ...scope.filter, metrics: ['q:O'] }, groupBy);
    const buckets: number[] = [];
    for (let b = from; b < scope.to; b = nextBucket(b, size)) buckets.push(b);
    const byGroup = new Map<string, Map<number, ScoreCounts>>();
    for (const r of rows) {
      const g = byGroup.get(r.group ?? '') ?? new Map<number, ScoreCounts>();
      const b = bucketStart(r.bucket, size);
      const c = g.get(b) ?? emptyCounts();
      addCounts(c, r.c);
      g.set(b, c);
      byGroup.set(r.group ?? '', g);
    }
    const out = new Map<string, { bucket: string; n: number; rate: number | null }[]>();
    for (const [key, g] of byGroup) {
      out.set(
        key,
        buckets.map((b) => {
          const c = g.get(b) ?? emptyCounts();
          const n = answered(c);
          return { bucket: new Date(b).toISOString(), n, rate: rate(satisfiedOf(c), n) };
        }),
      );
    }
    return out;
  }

  /** The overall rate per unit, counter, officer, procedure or channel. */
  async breakdown(scope: StatsScope, groupBy: Dimension): Promise<BreakdownRow[]> {
    return (await this.breakdownWithSource(scope, groupBy)).rows;
  }

  async breakdownWithSource(scope: StatsScope, groupBy: Dimension): Promise<{ rows: BreakdownRow[]; source: FiguresPath }> {
    const { rows, source } = await this.sum(scope, groupBy, ['q:O', 'resp']);
    const groups = new Map<string, { responses: number; c: ScoreCounts }>();
    for (const r of rows) {
      const g = groups.get(r.group ?? '') ?? { responses: 0, c: emptyCounts() };
      if (r.metric === 'resp') g.responses += r.n;
      else addCounts(g.c, r.c);
      groups.set(r.group ?? '', g);
    }
    const out = [...groups.entries()]
      .map(([key, g]) => ({ key, responses: g.responses, overall: { ...summarise(g.c, scope.target, scope.minSample), distribution: g.c } }))
      .sort((a, b) => b.responses - a.responses);
    return { rows: out, source };
  }
}
