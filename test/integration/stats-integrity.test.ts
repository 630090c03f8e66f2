/**
 * H and M in GET /stats/summary: shares of none / some / many with n, only
 * when n reaches the organisation's minimum sample (30), never in `choices`,
 * never in a rate; and the service index named with its aggregation.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterClientId, startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let cookie: string;
/** A phone's client id as the counter page issues it: unsigned ids are held as suspect. */
const phones: Record<string, string> = {};

const post = async (answers: Record<string, unknown>, servicePointId = 'sp-t1') => {
  const code = servicePointId === 'sp-t2' ? 'T2' : 'T1';
  phones[code] ??= await counterClientId(s.url, code);
  return s.api('/api/v1/responses', {
    method: 'POST',
    json: { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'qr', servicePointId, answers },
    headers: { 'x-client-id': phones[code] },
  });
};
const summary = async (q = '') => (await s.api(`/api/v1/stats/summary?verified=all${q}`, { cookie })).json();

beforeAll(async () => {
  s = await startTestServer({ COUNTER_LINK_LIMIT_PER_HOUR: '1000' });
  cookie = await s.login();
  // 29 answers to H at T1 (one short of the minimum sample): 20 none, 8 some, 1 many; M answered by 5.
  for (let i = 0; i < 29; i++) {
    const H = i < 20 ? 'none' : i < 28 ? 'some' : 'many';
    const res = await post({ O: i % 2 ? 5 : 2, A1: 4, ...(i < 5 ? { M: 'none' } : {}), H });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  await s.stop();
});

describe('H and M in the stats summary', () => {
  it('below the minimum sample says only n: no counts, no shares, and nothing under choices', async () => {
    const body = await summary();
    expect(body.integrity.H).toEqual({ n: 29, minSample: 30, enough: false, counts: null, shares: null });
    expect(body.integrity.M).toEqual({ n: 5, minSample: 30, enough: false, counts: null, shares: null });
    expect(Object.keys(body.choices)).not.toContain('H');
    expect(Object.keys(body.choices)).not.toContain('M');
  });

  it('from the minimum sample on gives the shares with n, and leaves every rate untouched', async () => {
    const before = await summary();
    expect((await post({ O: 4, H: 'none' }, 'sp-t2')).status).toBe(201);
    const body = await summary();
    expect(body.integrity.H).toMatchObject({ n: 30, enough: true, counts: { none: 21, some: 8, many: 1 } });
    expect(body.integrity.H.shares.none).toBeCloseTo(0.7, 12);
    expect(body.integrity.H.shares.some).toBeCloseTo(8 / 30, 12);
    expect(body.integrity.M.enough).toBe(false);
    // One more overall answer, nothing else: H is no rating.
    expect(body.overall.n).toBe(before.overall.n + 1);
    expect(body.criteria.A1).toEqual(before.criteria.A1);
    expect(body.indices).toEqual(before.indices);
  });

  it('is gated per scope: one counter alone is below the minimum sample again', async () => {
    const body = await summary('&servicePointId=sp-t2');
    expect(body.integrity.H).toEqual({ n: 1, minSample: 30, enough: false, counts: null, shares: null });
  });

  it('names the mean of the element indices the service index, with its aggregation, and keeps sipas as its alias', async () => {
    const { indices } = await summary();
    expect(indices.aggregation).toBe('mean-of-criteria');
    expect(indices.serviceIndex).toBeCloseTo(1, 12); // A1 answered 4 every time
    expect(indices.sipas).toBe(indices.serviceIndex);
  });

  it('documents serviceIndex, aggregation and integrity in OpenAPI, with sipas marked deprecated', async () => {
    const doc = await (await s.api('/api/v1/openapi.json')).json();
    const index = doc.components.schemas.IndexResult;
    expect(Object.keys(index.properties)).toEqual(expect.arrayContaining(['serviceIndex', 'aggregation', 'sipas']));
    expect(index.properties.sipas.deprecated).toBe(true);
    expect(doc.components.schemas.IntegrityShares.properties.enough.type).toBe('boolean');
    expect(JSON.stringify(doc.components.schemas.StatsSummary)).toContain('IntegrityShares');
  });
});
