/**
 * The satisfaction math of ../shared/SIPAS.md §4: rates, Wilson intervals,
 * indices, status against target and the target gap. Pure functions over
 * counts, so the server, the dashboard and the reports agree to the digit.
 */
import { CRITERION_CODES, ELEMENT_CODES, INTEGRITY_ANSWERS, elementOf, type CriterionCode, type ElementCode, type IntegrityAnswer } from './sipas';

export const WILSON_Z = 1.959964;

/** Answer counts by score: index 0 holds the 1s, index 4 the 5s. */
export type ScoreCounts = [number, number, number, number, number];
export const emptyCounts = (): ScoreCounts => [0, 0, 0, 0, 0];

export const answered = (c: ScoreCounts): number => c[0] + c[1] + c[2] + c[3] + c[4];
export const satisfiedOf = (c: ScoreCounts): number => c[3] + c[4];

/** Adds `from` into `into`, score by score, and returns `into`. */
export function addCounts(into: ScoreCounts, from: Readonly<ScoreCounts>): ScoreCounts {
  for (let i = 0; i < 5; i++) into[i] += from[i];
  return into;
}

/** What one bucket (or a sum of buckets) holds for a metric. */
export interface Tally {
  /** Score counts, 1s first. */
  c: ScoreCounts;
  /** "Not applicable" answers. */
  na: number;
  /** Plain count (responses, comments, option picks). */
  n: number;
}

/** Adds one tally into another (a bucket into a sum, a delta into a merged delta) and returns `into`. */
export function addTally<T extends Tally>(into: T, from: Readonly<Tally>): T {
  addCounts(into.c, from.c);
  into.na += from.na;
  into.n += from.n;
  return into;
}

/** s / n, or null when nothing was answered (a rate of nothing is not 0%). */
export function rate(s: number, n: number): number | null {
  return n > 0 ? s / n : null;
}

export interface Interval {
  low: number;
  high: number;
}

export function wilson(s: number, n: number, z = WILSON_Z): Interval | null {
  if (n <= 0) return null;
  const p = s / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export type TargetStatus = 'no-data' | 'meets' | 'below' | 'significantly-below';

/** Only `significantly-below` is alarming: the interval says so, with enough answers. */
export function statusAgainst(s: number, n: number, target: number, minSample = 30): TargetStatus {
  if (n <= 0) return 'no-data';
  const p = s / n;
  if (p >= target) return 'meets';
  const ci = wilson(s, n)!;
  return ci.high < target && n >= minSample ? 'significantly-below' : 'below';
}

/** Smallest k with (s + k) / (n + k) ≥ T: the satisfied ratings still needed. */
export function targetGap(s: number, n: number, target: number): number {
  // With no answers 0/0 is no rate at all: one satisfied rating is still needed.
  if (n === 0) return 1;
  if (target >= 1) return s === n ? 0 : Number.POSITIVE_INFINITY;
  if (s / n >= target) return 0;
  // Float noise could push an exact integer up by one; step back while it still meets.
  let k = Math.ceil((target * n - s) / (1 - target));
  while (k > 0 && (s + k - 1) / (n + k - 1) >= target) k--;
  return k;
}

export type IndexMethod = 'mean-of-criteria' | 'pooled';

export interface IndexResult {
  criteria: Partial<Record<CriterionCode, { rate: number | null; n: number; s: number }>>;
  elements: Partial<Record<ElementCode, number | null>>;
  /**
   * The service index ("chỉ số phục vụ"): mean of the element indices that
   * have data. The office's own figure for the service part, never the
   * province's SIPAS score (SIPAS.md §1).
   */
  serviceIndex: number | null;
  /** How the element indices were formed; reports print it (the Ministry's method is unconfirmed). */
  aggregation: IndexMethod;
  /** @deprecated The same number as `serviceIndex`, under its old name; kept so existing clients don't break. */
  sipas: number | null;
}

/**
 * Criterion index = its rate; element index = mean of its criterion indices
 * (`mean-of-criteria`) or the rate of all its answers pooled (`pooled`);
 * service index = mean of the element indices that have data.
 */
export function sipasIndices(
  counts: Partial<Record<CriterionCode, ScoreCounts>>,
  method: IndexMethod = 'mean-of-criteria',
): IndexResult {
  const criteria: IndexResult['criteria'] = {};
  const pooled: Partial<Record<ElementCode, { s: number; n: number }>> = {};
  for (const code of CRITERION_CODES) {
    const c = counts[code];
    if (!c) continue;
    const n = answered(c);
    const s = satisfiedOf(c);
    criteria[code] = { rate: rate(s, n), n, s };
    const el = elementOf(code);
    const p = (pooled[el] ??= { s: 0, n: 0 });
    p.s += s;
    p.n += n;
  }
  const elements: IndexResult['elements'] = {};
  for (const el of ELEMENT_CODES) {
    if (method === 'pooled') {
      const p = pooled[el];
      if (p) elements[el] = rate(p.s, p.n);
      continue;
    }
    const rates = CRITERION_CODES.filter((c) => elementOf(c) === el)
      .map((c) => criteria[c]?.rate)
      .filter((r): r is number => typeof r === 'number');
    if (rates.length) elements[el] = mean(rates);
  }
  const elRates = Object.values(elements).filter((r): r is number => typeof r === 'number');
  const serviceIndex = elRates.length ? mean(elRates) : null;
  return { criteria, elements, serviceIndex, aggregation: method, sipas: serviceIndex };
}

/**
 * The shares of a categorical question (H harassment, M informal payments):
 * none / some / many of the n who answered it. Sensitive, so the counts and
 * shares are given only when n reaches the minimum sample; below it only n
 * is known, and every screen says "not enough answers". Never a rate.
 */
export interface IntegrityShares {
  n: number;
  minSample: number;
  enough: boolean;
  counts: Record<IntegrityAnswer, number> | null;
  shares: Record<IntegrityAnswer, number> | null;
}

export function integrityShares(picks: Readonly<Partial<Record<string, number>>> | undefined, minSample: number): IntegrityShares {
  const counts = { none: 0, some: 0, many: 0 } as Record<IntegrityAnswer, number>;
  for (const a of INTEGRITY_ANSWERS) counts[a] = picks?.[a] ?? 0;
  const n = counts.none + counts.some + counts.many;
  // At least one answer, whatever the setting: 0/0 is no share at all.
  const enough = n > 0 && n >= minSample;
  if (!enough) return { n, minSample, enough, counts: null, shares: null };
  return { n, minSample, enough, counts, shares: { none: counts.none / n, some: counts.some / n, many: counts.many / n } };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/* Decision 766 indicator 5.4 lives in shared/decision766.ts (it needs dossier outcomes, not only ratings). */

/**
 * Coverage = responses through dossier links ÷ dossier links issued, at most 100%.
 * Answers are counted on the day they arrive and links on the day they were
 * issued, so a period can hold answers to links issued before it (a month
 * opening with last month's receipts); and every link is answered at most
 * once, so more answers than links only ever means that lag: the share is
 * capped at 1, and the raw counts are reported beside it.
 */
export function coverage(linkResponses: number, linksIssued: number): number | null {
  return linksIssued > 0 ? Math.min(1, Math.max(0, linkResponses) / linksIssued) : null;
}

/** A rate as the reports print it: 83.33% (two decimals). */
export function formatPercent(r: number | null, locale: 'vi' | 'en' = 'vi'): string {
  if (r === null) return '—';
  const s = (Math.round(r * 10000) / 100).toFixed(2);
  return `${locale === 'vi' ? s.replace('.', ',') : s}%`;
}

export interface RateSummary {
  n: number;
  s: number;
  rate: number | null;
  interval: Interval | null;
  status: TargetStatus;
  /** Satisfied ratings still needed; null when no number can reach the target (100% after an unsatisfied rating). */
  gap: number | null;
}

export function summarise(counts: ScoreCounts, target: number, minSample: number): RateSummary {
  const n = answered(counts);
  const s = satisfiedOf(counts);
  return {
    n,
    s,
    rate: rate(s, n),
    interval: wilson(s, n),
    status: statusAgainst(s, n, target, minSample),
    gap: finiteOrNull(targetGap(s, n, target)),
  };
}

/** JSON has no Infinity: say "unreachable" as null, explicitly. */
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
