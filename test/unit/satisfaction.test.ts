/**
 * The satisfaction math of ../shared/SIPAS.md §4, checked against the worked
 * examples of §5 to the digit the reports print.
 */
import { describe, expect, it } from 'vitest';
import {
  WILSON_Z,
  addCounts,
  addTally,
  answered,
  coverage,
  emptyCounts,
  formatPercent,
  rate,
  satisfiedOf,
  integrityShares,
  sipasIndices,
  statusAgainst,
  summarise,
  targetGap,
  wilson,
  type ScoreCounts,
} from '../../shared/satisfaction';

/** A fraction as a percentage rounded to two decimals (75.65 for 0.756547…). */
const pct = (r: number | null | undefined): number | null =>
  r === null || r === undefined ? null : Math.round(r * 10000) / 100;

/** Counts with s satisfied (all 5s) and n − s unsatisfied (all 1s). */
const counts = (s: number, n: number): ScoreCounts => [n - s, 0, 0, 0, s];

// §5: {1: 3, 2: 5, 3: 12, 4: 40, 5: 60}
const WORKED: ScoreCounts = [3, 5, 12, 40, 60];

describe('counts helpers', () => {
  it('emptyCounts is five zeros and a fresh array each call', () => {
    const a = emptyCounts();
    expect(a).toEqual([0, 0, 0, 0, 0]);
    a[4] = 1;
    expect(emptyCounts()).toEqual([0, 0, 0, 0, 0]);
  });

  it('answered sums all five scores and satisfiedOf sums only the 4s and 5s', () => {
    expect(answered(WORKED)).toBe(120);
    expect(satisfiedOf(WORKED)).toBe(100);
  });

  it('a 3 (Bình thường) is not counted as satisfied', () => {
    expect(satisfiedOf([0, 0, 7, 0, 0])).toBe(0);
  });

  it('addCounts adds score by score into its first argument and returns it', () => {
    const into: ScoreCounts = [1, 2, 3, 4, 5];
    const from: ScoreCounts = [10, 20, 30, 40, 50];
    expect(addCounts(into, from)).toBe(into);
    expect(into).toEqual([11, 22, 33, 44, 55]);
    expect(from).toEqual([10, 20, 30, 40, 50]);
  });

  it('addCounts takes a negative delta back out (an exclusion)', () => {
    expect(addCounts([...WORKED], [0, 0, 0, -1, 0])).toEqual([3, 5, 12, 39, 60]);
  });

  it('summing the §5 example in two parts gives the same n and s as the whole', () => {
    const sum = addCounts(addCounts(emptyCounts(), [3, 5, 0, 0, 60]), [0, 0, 12, 40, 0]);
    expect(answered(sum)).toBe(120);
    expect(satisfiedOf(sum)).toBe(100);
  });

  it('addTally adds score counts, not-applicable and plain counts, and keeps the other fields', () => {
    const into = { metric: 'q:O', c: [1, 0, 0, 0, 2] as ScoreCounts, na: 1, n: 0 };
    const from = { c: [0, 1, 0, 0, 3] as ScoreCounts, na: 2, n: 5 };
    expect(addTally(into, from)).toBe(into);
    expect(into).toEqual({ metric: 'q:O', c: [1, 1, 0, 0, 5], na: 3, n: 5 });
    expect(from).toEqual({ c: [0, 1, 0, 0, 3], na: 2, n: 5 });
  });
});

describe('rate', () => {
  it('is s / n', () => {
    expect(rate(100, 120)).toBeCloseTo(0.833333, 6);
  });

  it('is null, not 0, when nothing was answered', () => {
    expect(rate(0, 0)).toBeNull();
  });
});

describe('wilson interval', () => {
  it('uses z = 1.959964', () => {
    expect(WILSON_Z).toBe(1.959964);
  });

  it('§5 worked example 100/120 is [75.65%, 88.94%]', () => {
    const ci = wilson(100, 120)!;
    expect(pct(ci.low)).toBe(75.65);
    expect(pct(ci.high)).toBe(88.94);
  });

  it('§5 second example 25/40 is [47.03%, 75.78%]', () => {
    const ci = wilson(25, 40)!;
    expect(pct(ci.low)).toBe(47.03);
    expect(pct(ci.high)).toBe(75.78);
  });

  it('is null when nothing was answered', () => {
    expect(wilson(0, 0)).toBeNull();
  });

  it('stays within [0, 1] at the extremes', () => {
    const none = wilson(0, 10)!;
    const all = wilson(10, 10)!;
    expect(none.low).toBe(0);
    expect(none.high).toBeGreaterThan(0);
    expect(all.high).toBeCloseTo(1, 12);
    expect(all.low).toBeLessThan(1);
  });
});

describe('statusAgainst', () => {
  it('§5 worked example 100/120 against 85% is below, not significantly below', () => {
    expect(statusAgainst(100, 120, 0.85)).toBe('below');
  });

  it('§5 second example 25/40 against 85% is significantly below', () => {
    expect(statusAgainst(25, 40, 0.85)).toBe('significantly-below');
  });

  it('a rate exactly equal to the target meets it (17/20 = 85%)', () => {
    expect(statusAgainst(17, 20, 0.85)).toBe('meets');
  });

  it('a rate exactly equal to a 90% target meets it (9/10)', () => {
    expect(statusAgainst(9, 10, 0.9)).toBe('meets');
  });

  it('the worked example 100/120 is significantly below a 90% target (upper 88.94% < 90%)', () => {
    expect(statusAgainst(100, 120, 0.9)).toBe('significantly-below');
  });

  it('fewer answers than the minimum sample are never significantly below, even 0/29', () => {
    expect(statusAgainst(0, 29, 0.85)).toBe('below');
  });

  it('the minimum sample itself is enough to be significantly below (0/30)', () => {
    expect(statusAgainst(0, 30, 0.85)).toBe('significantly-below');
  });

  it('honours a custom minimum sample', () => {
    expect(statusAgainst(25, 40, 0.85, 41)).toBe('below');
    expect(statusAgainst(25, 40, 0.85, 40)).toBe('significantly-below');
  });

  it('is no-data when nothing was answered', () => {
    expect(statusAgainst(0, 0, 0.85)).toBe('no-data');
  });
});

describe('targetGap', () => {
  it('§5 worked example needs 14 more satisfied ratings to reach 85%', () => {
    expect(targetGap(100, 120, 0.85)).toBe(14);
  });

  it('the §5 gap of 14 is the smallest: 114/134 meets 85% while 113/133 does not', () => {
    expect(statusAgainst(114, 134, 0.85)).toBe('meets');
    expect(pct(rate(114, 134))).toBe(85.07);
    expect(statusAgainst(113, 133, 0.85)).not.toBe('meets');
    expect(pct(rate(113, 133))).toBe(84.96);
  });

  it('§5 second example 25/40 needs 60 to reach 85%', () => {
    expect(targetGap(25, 40, 0.85)).toBe(60);
    expect((25 + 60) / (40 + 60)).toBeGreaterThanOrEqual(0.85);
    expect((25 + 59) / (40 + 59)).toBeLessThan(0.85);
  });

  it('is 0 when the target is already met', () => {
    expect(targetGap(17, 20, 0.85)).toBe(0);
    expect(targetGap(20, 20, 0.85)).toBe(0);
  });

  it('with no answers yet, one satisfied rating is still needed (0/0 does not meet the target)', () => {
    // SIPAS.md §4: the smallest k with (s + k)/(n + k) ≥ T; k = 0 leaves 0/0, which is no rate.
    expect(targetGap(0, 0, 0.85)).toBe(1);
  });

  it('is 0 exactly when the status is meets', () => {
    for (const [s, n] of [[0, 1], [17, 20], [16, 20], [100, 120], [114, 134]] as const) {
      expect(targetGap(s, n, 0.85) === 0, `${s}/${n}`).toBe(statusAgainst(s, n, 0.85) === 'meets');
    }
  });

  it('is the smallest k with (s + k)/(n + k) ≥ T for every s ≤ n ≤ 200 and common targets', () => {
    const mismatches: string[] = [];
    for (const T of [0.8, 0.85, 0.9, 0.95]) {
      for (let n = 1; n <= 200; n++) {
        for (let s = 0; s <= n; s++) {
          let k = 0;
          while ((s + k) / (n + k) < T) k++;
          if (targetGap(s, n, T) !== k) mismatches.push(`${s}/${n}@${T}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('against a 100% target is 0 when all are satisfied and infinite otherwise', () => {
    expect(targetGap(10, 10, 1)).toBe(0);
    expect(targetGap(9, 10, 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('summarise', () => {
  it('§5 worked example against 85% with minimum sample 30', () => {
    const r = summarise(WORKED, 0.85, 30);
    expect(r.n).toBe(120);
    expect(r.s).toBe(100);
    expect(formatPercent(r.rate, 'en')).toBe('83.33%');
    expect(pct(r.interval!.low)).toBe(75.65);
    expect(pct(r.interval!.high)).toBe(88.94);
    expect(r.status).toBe('below');
    expect(r.gap).toBe(14);
  });

  it('§5 second example 25/40 against 85%', () => {
    const r = summarise(counts(25, 40), 0.85, 30);
    expect(formatPercent(r.rate, 'en')).toBe('62.50%');
    expect(pct(r.interval!.low)).toBe(47.03);
    expect(pct(r.interval!.high)).toBe(75.78);
    expect(r.status).toBe('significantly-below');
    expect(r.gap).toBe(60);
  });

  it('passes its minimum sample on to the status', () => {
    expect(summarise(counts(25, 40), 0.85, 50).status).toBe('below');
  });

  it('of empty counts has no rate, no interval and status no-data', () => {
    const r = summarise(emptyCounts(), 0.85, 30);
    expect(r).toMatchObject({ n: 0, s: 0, rate: null, interval: null, status: 'no-data' });
  });
});

describe('sipasIndices', () => {
  it('§5 element example: A1 80%, A2 90%, A3 85% gives Access 85.00%', () => {
    const r = sipasIndices({
      A1: [0, 0, 2, 4, 4], // 8/10
      A2: [0, 0, 1, 4, 5], // 9/10
      A3: [0, 1, 2, 10, 7], // 17/20
    });
    expect(formatPercent(r.elements.A!, 'en')).toBe('85.00%');
    expect(r.elements.A).toBeCloseTo(0.85, 12);
  });

  it('§5 element example with the national four criteria: A1 80%, A2 90%, A3 85%, A4 85% gives Access 85.00%', () => {
    const r = sipasIndices({
      A1: [0, 0, 2, 4, 4], // 8/10
      A2: [0, 0, 1, 4, 5], // 9/10
      A3: [0, 1, 2, 10, 7], // 17/20
      A4: [1, 1, 1, 8, 9], // 17/20
    });
    expect(formatPercent(r.elements.A!, 'vi')).toBe('85,00%');
    expect(r.criteria.A4).toEqual({ rate: 0.85, n: 20, s: 17 });
  });

  it('reports each criterion with its rate, n and s', () => {
    const r = sipasIndices({ C1: WORKED });
    expect(r.criteria.C1).toEqual({ rate: 100 / 120, n: 120, s: 100 });
  });

  it('omits criteria that have no counts at all', () => {
    const r = sipasIndices({ A1: counts(8, 10) });
    expect(Object.keys(r.criteria)).toEqual(['A1']);
  });

  it('defaults to mean-of-criteria', () => {
    const input = { A1: counts(8, 10), A2: counts(90, 100) };
    expect(sipasIndices(input)).toEqual(sipasIndices(input, 'mean-of-criteria'));
  });

  it('mean-of-criteria averages criterion rates regardless of their n', () => {
    const r = sipasIndices({ A1: counts(8, 10), A2: counts(90, 100) }, 'mean-of-criteria');
    expect(r.elements.A).toBeCloseTo(0.85, 12);
  });

  it('pooled rates all answers of the element together, so it differs when criteria have different n', () => {
    const input = { A1: counts(8, 10), A2: counts(90, 100) };
    const pooled = sipasIndices(input, 'pooled');
    const mean = sipasIndices(input, 'mean-of-criteria');
    expect(pooled.elements.A).toBeCloseTo(98 / 110, 12);
    expect(pooled.elements.A).not.toBeCloseTo(mean.elements.A!, 6);
  });

  it('pooled and mean-of-criteria agree when every criterion has the same n', () => {
    const input = { A1: counts(8, 10), A2: counts(9, 10) };
    expect(sipasIndices(input, 'pooled').elements.A).toBeCloseTo(sipasIndices(input, 'mean-of-criteria').elements.A!, 12);
  });

  it('the service index is the mean of the five element indices', () => {
    const r = sipasIndices({
      A1: counts(8, 10), // A 80%
      P1: counts(9, 10), // P 90%
      C1: counts(7, 10), // C 70%
      R1: counts(10, 10), // R 100%
      F1: counts(6, 10), // F 60%
    });
    expect(r.elements).toEqual({ A: 0.8, P: 0.9, C: 0.7, R: 1, F: 0.6 });
    expect(r.sipas).toBeCloseTo(0.8, 12);
  });

  it('an element is the mean of its own criteria only', () => {
    const r = sipasIndices({ P1: counts(10, 10), P4: counts(5, 10), C1: counts(0, 10) });
    expect(r.elements.P).toBeCloseTo(0.75, 12);
    expect(r.elements.C).toBe(0);
  });

  it('elements without data are left out of the service index, not counted as 0%', () => {
    const r = sipasIndices({ A1: counts(8, 10), R2: counts(10, 10) });
    expect(r.sipas).toBeCloseTo(0.9, 12);
  });

  it('a criterion with zero answers has rate null and does not pull its element down', () => {
    const r = sipasIndices({ A1: emptyCounts(), A2: counts(9, 10) });
    expect(r.criteria.A1).toEqual({ rate: null, n: 0, s: 0 });
    expect(r.elements.A).toBeCloseTo(0.9, 12);
  });

  it('pooled service index is the mean of the pooled element rates', () => {
    const r = sipasIndices({ A1: counts(8, 10), A2: counts(90, 100), C1: counts(1, 2) }, 'pooled');
    expect(r.sipas).toBeCloseTo((98 / 110 + 0.5) / 2, 12);
  });

  it('has no service index without any answers', () => {
    expect(sipasIndices({}).sipas).toBeNull();
    expect(sipasIndices({ A1: emptyCounts() }).sipas).toBeNull();
    expect(sipasIndices({ A1: emptyCounts() }, 'pooled').sipas).toBeNull();
  });
});

describe('service index naming', () => {
  it('calls the mean of the element indices the service index and says which aggregation made it', () => {
    const input = { A1: counts(8, 10), A2: counts(90, 100), C1: counts(1, 2) };
    const mean = sipasIndices(input);
    expect(mean.aggregation).toBe('mean-of-criteria');
    expect(mean.serviceIndex).toBeCloseTo(((0.8 + 0.9) / 2 + 0.5) / 2, 12);
    const pooled = sipasIndices(input, 'pooled');
    expect(pooled.aggregation).toBe('pooled');
    expect(pooled.serviceIndex).toBeCloseTo((98 / 110 + 0.5) / 2, 12);
  });

  it('keeps `sipas` as a deprecated alias of the same number', () => {
    for (const r of [sipasIndices({ A1: counts(8, 10), F3: counts(3, 4) }), sipasIndices({})]) expect(r.sipas).toBe(r.serviceIndex);
  });
});

describe('integrityShares (H and M)', () => {
  it('gives none / some / many as shares of the n who answered, with the counts', () => {
    const r = integrityShares({ none: 24, some: 5, many: 1 }, 30);
    expect(r).toMatchObject({ n: 30, minSample: 30, enough: true, counts: { none: 24, some: 5, many: 1 } });
    expect(r.shares!.none).toBeCloseTo(0.8, 12);
    expect(r.shares!.some).toBeCloseTo(5 / 30, 12);
    expect(r.shares!.many).toBeCloseTo(1 / 30, 12);
  });

  it('below the minimum sample gives only n: no counts, no shares', () => {
    expect(integrityShares({ none: 20, some: 9 }, 30)).toEqual({ n: 29, minSample: 30, enough: false, counts: null, shares: null });
  });

  it('with no answers is never "enough", even with a minimum sample of 0', () => {
    expect(integrityShares(undefined, 0)).toEqual({ n: 0, minSample: 0, enough: false, counts: null, shares: null });
  });

  it('ignores option ids that are not none / some / many', () => {
    expect(integrityShares({ none: 2, maybe: 5 }, 1).n).toBe(2);
  });
});

describe('coverage', () => {
  it('is responses through dossier links ÷ links issued', () => {
    expect(coverage(30, 120)).toBe(0.25);
  });

  it('is null when no links were issued', () => {
    expect(coverage(0, 0)).toBeNull();
  });

  // Issue 9 item 9: the demo's 38 link answers over 3 links issued showed 1,267%.
  it('never exceeds 100%, even when more answers than links fall in the period', () => {
    expect(coverage(38, 3)).toBe(1);
  });
});

describe('formatPercent', () => {
  it('vi uses a decimal comma: 83,33%', () => {
    expect(formatPercent(100 / 120, 'vi')).toBe('83,33%');
  });

  it('en uses a decimal point: 83.33%', () => {
    expect(formatPercent(100 / 120, 'en')).toBe('83.33%');
  });

  it('defaults to vi', () => {
    expect(formatPercent(0.625)).toBe('62,50%');
  });

  it('always prints two decimals', () => {
    expect(formatPercent(0.85, 'en')).toBe('85.00%');
    expect(formatPercent(1, 'vi')).toBe('100,00%');
    expect(formatPercent(0, 'vi')).toBe('0,00%');
  });

  it('rounds to the nearest hundredth of a percent', () => {
    expect(formatPercent(0.756547, 'en')).toBe('75.65%');
    expect(formatPercent(0.757770, 'en')).toBe('75.78%');
  });

  it('prints a dash for no rate', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(null, 'en')).toBe('—');
  });
});

describe('summarise at a 100% target', () => {
  it('reports the gap as null (unreachable) rather than Infinity, which JSON cannot carry', () => {
    expect(summarise([1, 0, 0, 0, 9], 1, 30).gap).toBeNull();
    expect(summarise([0, 0, 0, 0, 9], 1, 30).gap).toBe(0);
  });
});
