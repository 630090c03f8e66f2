/**
 * GET /stats/summary and /stats/timeseries filtered to one officer withhold
 * every figure from the ratings below the organisation's minimum sample (n
 * stays, `hidden: true`); at or above it they are shown; a scope that names
 * no officer (a unit head's unit) keeps its figures whatever its n.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { commitRatings, onDay, storedRating } from '../helpers/stored-ratings';
import { dayStart } from '../../admin/src/dates';

let s: TestServer;
let cookie: string;
let min: number;

/** off-1: 7 ratings on 2 March (below the minimum); off-2: min ratings on 9 March and 3 on 20 March. */
beforeAll(async () => {
  s = await startTestServer();
  cookie = await s.login();
  min = (await s.ctx.entities.list('organisation'))[0].minSample;
  const one = (officerId: string, unitId: string, servicePointId: string, day: string, O: number, i: number) =>
    storedRating(s, { officerId, unitId, servicePointId, overall: O, answers: { O, A1: O }, serverTime: onDay(day, 9, i) });
  const rs = [
    ...Array.from({ length: 7 }, (_, i) => one('off-1', 'unit-a', 'sp-t1', '2026-03-02', i < 2 ? 1 : 5, i)),
    ...Array.from({ length: min }, (_, i) => one('off-2', 'unit-b', 'sp-t2', '2026-03-09', i % 5 ? 5 : 2, i)),
    ...Array.from({ length: 3 }, (_, i) => one('off-2', 'unit-b', 'sp-t2', '2026-03-20', 1, i)),
  ];
  await commitRatings(s, rs);
  await s.ctx.auth.createUser({ orgId: 'org-main', email: 'head-a@test.local', name: 'Head A', role: 'unit-head', unitId: 'unit-a', password: 'password-a-123' });
});
afterAll(async () => {
  await s.stop();
});

const get = async (path: string, c = cookie) => {
  const res = await s.api(`/api/v1/stats/${path}`, { cookie: c });
  expect(res.status).toBe(200);
  return res.json();
};
const RANGE = 'from=2026-03-01&to=2026-03-31';

describe('one officer below the minimum sample', () => {
  it('summary: only n, responses and comments; no rate, interval, distribution, indices or criteria', async () => {
    const sum = await get(`summary?${RANGE}&officerId=off-1`);
    expect(sum.hidden).toBe(true);
    expect(sum.responses).toBe(7);
    expect(sum.overall).toEqual({ n: 7, s: 0, rate: null, interval: null, status: 'no-data', gap: null, distribution: [0, 0, 0, 0, 0], notApplicable: 0 });
    expect(sum.indices).toMatchObject({ criteria: {}, elements: {}, serviceIndex: null, sipas: null });
    expect(sum.criteria).toEqual({});
    expect(sum.choices).toEqual({});
    expect(sum.integrity.H).toMatchObject({ enough: false, counts: null, shares: null });
  });

  it('timeseries: every bucket with ratings keeps n but not its rate or interval', async () => {
    const ts = await get(`timeseries?${RANGE}&officerId=off-1&bucket=day`);
    const day = ts.points.find((p: { n: number }) => p.n > 0);
    expect(day).toMatchObject({ n: 7, s: 0, rate: null, interval: null, hidden: true });
    expect(ts.points.filter((p: { rate: number | null }) => p.rate !== null)).toEqual([]);
  });
});

describe('one officer at or above the minimum sample', () => {
  it('summary is shown in full', async () => {
    const sum = await get(`summary?${RANGE}&officerId=off-2`);
    expect(sum.hidden).toBeUndefined();
    expect(sum.overall.n).toBe(min + 3);
    expect(sum.overall.rate).toBeCloseTo((min - Math.ceil(min / 5)) / (min + 3), 10);
    expect(sum.overall.interval).not.toBeNull();
    expect(Object.keys(sum.criteria)).toContain('A1');
  });

  it('timeseries withholds each bucket on its own n: the full day shown, the 3-rating day withheld', async () => {
    const ts = await get(`timeseries?${RANGE}&officerId=off-2&bucket=day`);
    const withData = ts.points.filter((p: { n: number }) => p.n > 0);
    expect(withData).toHaveLength(2);
    expect(withData[0]).toMatchObject({ bucket: new Date(dayStart('2026-03-09')).toISOString(), n: min });
    expect(withData[0].rate).not.toBeNull();
    expect(withData[0].hidden).toBeUndefined();
    expect(withData[1]).toMatchObject({ bucket: new Date(dayStart('2026-03-20')).toISOString(), n: 3, rate: null, interval: null, hidden: true });
    // A month holds both days: min + 3 ratings, shown.
    const month = await get(`timeseries?${RANGE}&officerId=off-2&bucket=month`);
    expect(month.points[0]).toMatchObject({ n: min + 3 });
    expect(month.points[0].rate).not.toBeNull();
  });
});

describe('scopes that name no officer', () => {
  it('keep their figures below the minimum sample (a unit head sees their unit as before)', async () => {
    const head = await s.login('head-a@test.local', 'password-a-123');
    const sum = await get(`summary?${RANGE}`, head);
    expect(sum.hidden).toBeUndefined();
    expect(sum.overall).toMatchObject({ n: 7, rate: 5 / 7 });
    const ts = await get(`timeseries?${RANGE}&bucket=day`, head);
    expect(ts.points.find((p: { n: number }) => p.n > 0)).toMatchObject({ n: 7, rate: 5 / 7 });
    // …and still cannot name another unit's officer.
    const other = await s.api(`/api/v1/stats/summary?${RANGE}&officerId=off-2`, { cookie: head });
    expect(other.status).toBe(403);
    // Their own officer below the minimum is withheld for them too.
    expect((await get(`summary?${RANGE}&officerId=off-1`, head)).hidden).toBe(true);
  });
});

describe('reports', () => {
  it('leave an officer below the minimum sample out of the officer table, counted in its note', async () => {
    const { reportTables } = await import('../../server/domain/reports/report-tables');
    const rc = await (await s.api('/api/v1/reports/content?period=2026-Q1', { cookie })).json();
    const keys = rc.tables.officers.rows.map((r: { key: string }) => r.key);
    expect(keys).toContain('off-2');
    expect(keys).not.toContain('off-1');
    expect(rc.tables.officers.hidden).toBe(1);
    const officers = reportTables(rc, 'vi').find((t) => t.id === 'officers')!;
    expect(JSON.stringify(officers)).not.toContain('Nguyễn Văn Một');
    expect(officers.note?.vi).toContain('1 dòng');
  });
});
