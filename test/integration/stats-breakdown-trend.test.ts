/**
 * GET /stats/breakdown?trend=true: each row's rate per bucket for the
 * breakdown's small trend — days up to a month, weeks up to half a year,
 * months beyond — every bucket present, summing to the row's own figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { commitRatings, onDay, storedRating } from '../helpers/stored-ratings';
import { dayStart } from '../../admin/src/dates';

let s: TestServer;
let cookie: string;
const DAYS = { '2026-03-02': [5, 5, 1], '2026-03-03': [4], '2026-03-10': [1, 2] } as const;

beforeAll(async () => {
  s = await startTestServer();
  cookie = await s.login();
  const rs = Object.entries(DAYS).flatMap(([day, scores]) =>
    scores.map((O, i) =>
      storedRating(s, {
        unitId: i % 2 ? 'unit-b' : 'unit-a',
        servicePointId: i % 2 ? 'sp-t2' : 'sp-t1',
        officerId: day === '2026-03-02' ? 'off-1' : null,
        overall: O,
        serverTime: onDay(day, 9),
      }),
    ),
  );
  await commitRatings(s, rs);
});
afterAll(async () => {
  await s.stop();
});

type Row = { key: string; overall: { n: number; s: number }; trend?: { size: string; points: { bucket: string; n: number; rate: number | null }[] } };
const breakdown = async (q: string) => {
  const res = await s.api(`/api/v1/stats/breakdown?${q}`, { cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: Row[] }).rows;
};

describe('GET /api/v1/stats/breakdown?trend=true', () => {
  it('gives each row its rate per day over a month, every day present, adding up to the row', async () => {
    const rows = await breakdown('from=2026-03-01&to=2026-03-31&groupBy=servicePointId&trend=true');
    const t1 = rows.find((r) => r.key === 'sp-t1')!;
    expect(t1.trend!.size).toBe('day');
    expect(t1.trend!.points).toHaveLength(31);
    expect(t1.trend!.points[0].bucket).toBe(new Date(dayStart('2026-03-01')).toISOString());
    // T1 got the 1st, 3rd… of each day: 2 Mar 5 and 1 (50%), 3 Mar 4 (100%), 10 Mar 1 (0%).
    const byDay = Object.fromEntries(t1.trend!.points.filter((p) => p.n > 0).map((p) => [p.bucket, [p.n, p.rate]]));
    expect(byDay).toEqual({
      [new Date(dayStart('2026-03-02')).toISOString()]: [2, 0.5],
      [new Date(dayStart('2026-03-03')).toISOString()]: [1, 1],
      [new Date(dayStart('2026-03-10')).toISOString()]: [1, 0],
    });
    expect(t1.trend!.points.reduce((a, p) => a + p.n, 0)).toBe(t1.overall.n);
    expect(t1.trend!.points[5]).toMatchObject({ n: 0, rate: null });
  });

  it('uses weeks for a quarter and months for a year, and no trend unless asked', async () => {
    const quarter = await breakdown('from=2026-01-01&to=2026-03-31&groupBy=unitId&trend=true');
    expect(quarter[0].trend!.size).toBe('week');
    const year = await breakdown('from=2026-01-01&to=2026-12-31&groupBy=unitId&trend=true');
    expect(year[0].trend!.size).toBe('month');
    expect(year[0].trend!.points).toHaveLength(12);
    expect(year.find((r) => r.key === 'unit-b')!.trend!.points[2]).toMatchObject({ n: 2, rate: 0.5 });
    const plain = await breakdown('from=2026-03-01&to=2026-03-31&groupBy=unitId');
    expect(plain[0].trend).toBeUndefined();
  });

  it('refuses a bad trend value, naming the field', async () => {
    const res = await s.api('/api/v1/stats/breakdown?trend=yes', { cookie });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('trend');
  });
});

describe('officers below the minimum sample', () => {
  it('keep their n but not their figures, in the breakdown and its trend', async () => {
    const rows = await breakdown('from=2026-03-01&to=2026-03-31&groupBy=officerId&trend=true');
    const off = rows.find((r) => r.key === 'off-1') as Row & { hidden?: boolean; overall: { rate: number | null; interval: unknown; distribution: number[] } };
    expect(off).toMatchObject({ hidden: true, overall: { n: 3, s: 0, rate: null, interval: null, status: 'no-data', distribution: [0, 0, 0, 0, 0] } });
    expect(off.trend!.points).toEqual([]);
    // Ratings with no officer are nobody's: shown as they are.
    const none = rows.find((r) => r.key === '') as Row & { hidden?: boolean };
    expect(none.hidden).toBeUndefined();
    expect(none.overall.n).toBe(3);
  });
});

describe("one officer's figures", () => {
  it('are withheld per row below the minimum sample when the breakdown is filtered to that officer', async () => {
    const rows = await breakdown('from=2026-03-01&to=2026-03-31&groupBy=servicePointId&officerId=off-1');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows as (Row & { hidden?: boolean; overall: { rate: number | null } })[]) {
      expect(r.hidden).toBe(true);
      expect(r.overall.rate).toBeNull();
    }
  });
});
