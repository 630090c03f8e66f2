import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterClientId, startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let cookie: string;
const ids: string[] = [];

/** SIPAS.md §5: {1:3, 2:5, 3:12, 4:40, 5:60} at kiosk T1, plus 10 unverified QR 1s at T2. */
beforeAll(async () => {
  s = await startTestServer();
  cookie = await s.login();
  const scores = [...Array(3).fill(1), ...Array(5).fill(2), ...Array(12).fill(3), ...Array(40).fill(4), ...Array(60).fill(5)];
  const responses = scores.map((O, i) => ({
    id: randomUUID(),
    surveyVersionId: s.surveyVersionId,
    channel: 'kiosk',
    answers: O <= 3 ? { O, reasons: [i % 2 ? 'C' : 'P'] } : { O },
    comment: i === 0 ? 'Rất tệ' : undefined,
  }));
  ids.push(...responses.map((r) => r.id));
  const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: { responses }, headers: { authorization: `Bearer ${s.deviceToken}` } });
  expect(res.status).toBe(200);
  const qrClient = { 'x-client-id': await counterClientId(s.url, 'T2') };
  for (let i = 0; i < 10; i++) {
    await s.api('/api/v1/responses', {
      method: 'POST',
      headers: qrClient,
      json: { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'qr', servicePointId: 'sp-t2', answers: { O: 1, A1: 2, A2: 4 } },
    });
  }
});
afterAll(async () => {
  await s.stop();
});

const get = async (q: string, c = cookie) => {
  const res = await s.api(`/api/v1/stats/${q}`, { cookie: c });
  return { status: res.status, body: await res.json() };
};

describe('GET /api/v1/stats/summary', () => {
  it('reproduces the SIPAS worked example on verified responses (the headline default)', async () => {
    const { status, body } = await get('summary');
    expect(status).toBe(200);
    expect(body.responses).toBe(120);
    expect(body.overall).toMatchObject({ n: 120, s: 100, status: 'below', gap: 14, distribution: [3, 5, 12, 40, 60] });
    expect(body.overall.rate).toBeCloseTo(0.8333, 4);
    expect(body.overall.interval.low).toBeCloseTo(0.7565, 4);
    expect(body.overall.interval.high).toBeCloseTo(0.8894, 4);
    expect(body.comments).toBe(1);
    expect(body.choices.reasons).toEqual({ C: 10, P: 10 });
  });

  it('includes unverified counter-QR responses when asked for all', async () => {
    const { body } = await get('summary?verified=all');
    expect(body.responses).toBe(130);
    expect(body.overall.distribution).toEqual([13, 5, 12, 40, 60]);
    expect(body.criteria.A1).toMatchObject({ n: 10, s: 0 });
    expect(body.indices.elements.A).toBeCloseTo(0.5, 6);
  });

  it('filters by service point', async () => {
    const { body } = await get('summary?verified=all&servicePointId=sp-t2');
    expect(body.responses).toBe(10);
  });

  it('answers 400 naming a bad query field', async () => {
    const { status, body } = await get('summary?channel=fax');
    expect(status).toBe(400);
    expect(body.error.details[0].path).toBe('channel');
  });

  it('needs a session', async () => {
    const res = await s.api('/api/v1/stats/summary');
    expect(res.status).toBe(401);
  });
});

describe('GET /api/v1/stats/timeseries', () => {
  it('puts today’s ratings in today’s Vietnam-time day bucket', async () => {
    const { body } = await get('timeseries?bucket=day&verified=all');
    const last = body.points.at(-1);
    expect(body.points).toHaveLength(30);
    expect(last.responses).toBe(130);
    // Vietnam midnight is 17:00 UTC of the day before.
    expect(last.bucket).toMatch(/T17:00:00.000Z$/);
  });

  it('rolls days up into months', async () => {
    const { body } = await get('timeseries?bucket=month&verified=all');
    expect(body.points.reduce((a: number, p: { n: number }) => a + p.n, 0)).toBe(130);
  });
});

describe('GET /api/v1/stats/breakdown', () => {
  it('gives the rate per counter', async () => {
    const { body } = await get('breakdown?groupBy=servicePointId&verified=all');
    const byKey = Object.fromEntries(body.rows.map((r: { key: string; overall: { n: number; s: number } }) => [r.key, r.overall]));
    expect(byKey['sp-t1']).toMatchObject({ n: 120, s: 100 });
    expect(byKey['sp-t2']).toMatchObject({ n: 10, s: 0, status: 'below' });
  });
});

describe('unit heads', () => {
  it('see only their unit and are refused another', async () => {
    await s.ctx.auth.createUser({ orgId: 'org-main', email: 'head-b@test.local', name: 'Head B', role: 'unit-head', unitId: 'unit-b', password: 'password-b-123' });
    const c = await s.login('head-b@test.local', 'password-b-123');
    const mine = await get('summary?verified=all', c);
    expect(mine.body.responses).toBe(10);
    const other = await get('summary?unitId=unit-a', c);
    expect(other.status).toBe(403);
  });
});

describe('exclusion', () => {
  it('takes a response out of the figures, audited, and can put it back', async () => {
    const id = ids[0]; // a 1 with a comment
    const ex = await s.api(`/api/v1/responses/${id}/exclusion`, { method: 'POST', json: { reason: 'Thử nghiệm của nhân viên' }, cookie });
    expect(ex.status).toBe(200);
    expect((await get('summary')).body.overall.distribution).toEqual([2, 5, 12, 40, 60]);
    expect((await get('summary')).body.comments).toBe(0);
    const again = await s.api(`/api/v1/responses/${id}/exclusion`, { method: 'POST', json: { reason: 'again' }, cookie });
    expect(again.status).toBe(409);
    const audit = await (await s.api('/api/v1/audit', { cookie })).json();
    expect(audit.items[0]).toMatchObject({ action: 'response.exclude', target: id, actor: 'admin@test.local' });
    await s.api(`/api/v1/responses/${id}/exclusion`, { method: 'DELETE', cookie });
    expect((await get('summary')).body.overall.distribution).toEqual([3, 5, 12, 40, 60]);
    expect(await s.ctx.store.getResponse(id)).not.toBeNull();
  });

  it('refuses a reason-less exclusion with 400', async () => {
    const res = await s.api(`/api/v1/responses/${ids[1]}/exclusion`, { method: 'POST', json: {}, cookie });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('reason');
  });
});

describe('GET /api/v1/responses', () => {
  it('takes Vietnam-time dates for from/to, like the stats endpoints', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const res = await s.api(`/api/v1/responses?from=${today}&to=${today}&limit=500&withComment=true`, { cookie });
    expect(res.status).toBe(200);
    expect((await res.json()).items.length).toBe(1);
    const none = await (await s.api(`/api/v1/responses?from=2020-01-01&to=2020-01-31`, { cookie })).json();
    expect(none.items).toEqual([]);
  });
});
