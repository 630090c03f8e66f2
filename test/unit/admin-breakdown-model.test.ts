import { describe, expect, it } from 'vitest';
import { drillOf, lastYearRange, previousRange, projectMonth, shortfall, topContributors, visibleRows } from '../../admin/src/views/breakdown/model';
import type { BreakdownRow } from '../../admin/src/types';

const row = (key: string, n: number, s: number): BreakdownRow => ({
  key,
  responses: n,
  overall: { n, s, rate: n ? s / n : null, interval: null, status: 'below', gap: null, distribution: [0, 0, 0, 0, 0] },
});

describe('breakdown model', () => {
  it('takes the previous period of equal length just before', () => {
    expect(previousRange({ from: '2026-10-01', to: '2026-12-31' })).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(previousRange({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(previousRange({ from: '2026-12-02', to: '2026-12-02' })).toEqual({ from: '2026-12-01', to: '2026-12-01' });
  });

  it('takes the same days a year earlier, 29 February as the 28th', () => {
    expect(lastYearRange({ from: '2026-10-01', to: '2026-12-02' })).toEqual({ from: '2025-10-01', to: '2025-12-02' });
    expect(lastYearRange({ from: '2028-02-01', to: '2028-02-29' })).toEqual({ from: '2027-02-01', to: '2027-02-28' });
  });

  it('hides officers below the minimum sample and counts them; other groupings keep every row', () => {
    const rows = [row('a', 5, 5), row('b', 30, 20), row('c', 29, 29)];
    expect(visibleRows('officerId', rows, 30)).toEqual({ rows: [rows[1]], hidden: 2 });
    expect(visibleRows('servicePointId', rows, 30).hidden).toBe(0);
  });

  it('drills a counter into its officers, an officer into their counters; the unassigned row leads nowhere', () => {
    expect(drillOf('servicePointId', 'sp-1')).toEqual({ filter: 'servicePointId', next: 'officerId' });
    expect(drillOf('officerId', 'o-1')).toEqual({ filter: 'officerId', next: 'servicePointId' });
    expect(drillOf('officerId', '')).toBeNull();
  });

  it('ranks counters by the satisfied ratings they are short of the target', () => {
    expect(shortfall(row('x', 10, 7), 0.85)).toBe(2);
    expect(shortfall(row('x', 20, 17), 0.85)).toBe(0);
    const top = topContributors([row('small', 4, 3), row('big', 100, 70), row('fine', 10, 10)], 0.85);
    expect(top.map((t) => [t.row.key, t.short])).toEqual([
      ['big', 15],
      ['small', 1],
    ]);
  });

  it('projects the month from the last 7 days’ pace', () => {
    // 70 of 100 so far; last week 35 of 42 (6 a day, 5 satisfied); 10 days left: +60 ratings, +50 satisfied.
    expect(projectMonth({ n: 100, s: 70 }, { n: 42, s: 35 }, 10)).toBeCloseTo(120 / 160, 10);
    expect(projectMonth({ n: 0, s: 0 }, { n: 0, s: 0 }, 10)).toBeNull();
  });
});
