/**
 * Issue 9: nobody can fake or flood the figure through ingestion — response
 * ids in any letter case, the kiosk minimum gap, officer attribution from the
 * duty roster, and counter-QR limits. Each block started as a failing test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

const post = (body: unknown, headers: Record<string, string> = {}) => s.api('/api/v1/responses', { method: 'POST', json: body, headers });
const batch = (responses: unknown[], headers: Record<string, string> = {}) => s.api('/api/v1/responses/batch', { method: 'POST', json: { responses }, headers });
const orgId = async () => (await s.ctx.entities.list('organisation'))[0].id;
const qr = (over: Record<string, unknown> = {}) => ({ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'qr', servicePointId: 'sp-t2', answers: { O: 4 }, ...over });

describe('response ids are canonical (lower case) before the idempotency check', () => {
  it('answers "already stored" for the same rating sent again with an upper-case id, and keeps one row', async () => {
    const body = qr();
    expect((await post(body)).status).toBe(201);
    const again = await post({ ...body, id: body.id.toUpperCase() });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: body.id, status: 'duplicate' });
    const rows = await s.ctx.store.listResponses({ orgId: await orgId(), servicePointId: 'sp-t2', limit: 500 });
    expect(rows.filter((r) => r.id.toLowerCase() === body.id)).toHaveLength(1);
  });

  it('stores an upper-case id in lower case, and a batch replay in another case is a duplicate', async () => {
    const id = randomUUID();
    const body = qr({ id: id.toUpperCase() });
    const res = await batch([body, { ...body, id }]);
    expect((await res.json()).results.map((r: { status: string }) => r.status)).toEqual(['stored', 'duplicate']);
    expect(await s.ctx.store.getResponse(id)).not.toBeNull();
    expect(await s.ctx.store.getResponse(id.toUpperCase())).toBeNull();
  });
});

// ---- helpers for the kiosk, duty and counter-QR blocks ---------------------------------------

const kiosk = () => ({ authorization: `Bearer ${s.deviceToken}` });
const kioskBody = (over: Record<string, unknown> = {}) => ({ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 5 }, ...over });
const DAY = 24 * 3600_000;
/** Responses counted in today's figures at a counter (the `resp` metric of the daily buckets). */
const counted = async (servicePointId: string) => {
  const rows = await s.ctx.store.sumAggregates({ grain: 'day', from: Date.now() - 2 * DAY, to: Date.now() + DAY, filter: { orgId: await orgId(), servicePointId, metrics: ['resp'] } });
  return rows.reduce((n, r) => n + r.n, 0);
};
const setGap = async (admin: string, minGapSeconds: number) => {
  const res = await s.api('/api/v1/organisation', { method: 'PATCH', json: { kiosk: { idleSeconds: 20, minGapSeconds } }, cookie: admin });
  expect(res.status).toBe(200);
};
const suspects = async (cookie: string) => {
  const res = await s.api('/api/v1/responses/suspect?limit=500', { cookie });
  expect(res.status).toBe(200);
  return (await res.json()).items as { id: string; servicePointId: string; suspect: { reason: string; accepted: unknown } | null }[];
};

describe('the kiosk minimum gap is enforced on the server', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await s.login();
    await setGap(admin, 5);
  });
  afterAll(async () => {
    await setGap(admin, 0);
  });

  it('stores and acknowledges every one of 10 fast ratings, but counts only the first until reviewed', async () => {
    const before = await counted('sp-t1');
    const bodies = Array.from({ length: 10 }, () => kioskBody());
    const statuses = await Promise.all(bodies.map(async (b) => (await post(b, kiosk())).status));
    expect(statuses).toEqual(Array(10).fill(201));
    for (const b of bodies) expect(await s.ctx.store.getResponse(b.id)).not.toBeNull();
    expect((await counted('sp-t1')) - before).toBe(1);
    const held = (await suspects(admin)).filter((r) => bodies.some((b) => b.id === r.id));
    expect(held).toHaveLength(9);
    expect(held.every((r) => r.suspect?.reason === 'min-gap' && r.suspect.accepted === null)).toBe(true);
  });

  it('judges an outbox batch sent after an outage by the client times of its presses', async () => {
    const before = await counted('sp-t1');
    const start = Date.now() - 3600_000;
    const spaced = Array.from({ length: 5 }, (_, i) => kioskBody({ clientTime: new Date(start + i * 6000).toISOString() }));
    const res = await batch(spaced, kiosk());
    expect((await res.json()).results.map((r: { status: string }) => r.status)).toEqual(Array(5).fill('stored'));
    expect((await counted('sp-t1')) - before).toBe(5);
    const rushed = Array.from({ length: 3 }, (_, i) => kioskBody({ clientTime: new Date(start - 600_000 + i * 1000).toISOString() }));
    await batch(rushed, kiosk());
    expect((await counted('sp-t1')) - before).toBe(6);
  });

  it('answers a replay of a suspect rating "already stored" before and after it is accepted, and counts it once', async () => {
    const first = kioskBody();
    const second = kioskBody();
    await post(first, kiosk());
    expect((await post(second, kiosk())).status).toBe(201);
    expect((await s.ctx.store.getResponse(second.id))?.suspect?.reason).toBe('min-gap');
    const before = await counted('sp-t1');
    expect((await post(second, kiosk())).status).toBe(200);
    const accept = await s.api(`/api/v1/responses/${second.id}/accept`, { method: 'POST', cookie: admin });
    expect(accept.status).toBe(200);
    expect((await accept.json()).suspect).toMatchObject({ reason: 'min-gap', accepted: { by: 'admin@test.local' } });
    expect((await counted('sp-t1')) - before).toBe(1);
    const replay = await post(second, kiosk());
    expect(replay.status).toBe(200);
    expect((await replay.json()).status).toBe('duplicate');
    expect((await s.api(`/api/v1/responses/${second.id.toUpperCase()}/accept`, { method: 'POST', cookie: admin })).status).toBe(409);
    expect((await counted('sp-t1')) - before).toBe(1);
    const audit = await s.ctx.entities.list('audit', { orgId: await orgId(), limit: 20 });
    expect(audit.some((a) => a.action === 'response.accept' && a.target === second.id)).toBe(true);
  });

  it('lets a manager exclude a suspect with a reason, moving no figure, and it leaves the review list', async () => {
    await post(kioskBody(), kiosk());
    const held = kioskBody();
    await post(held, kiosk());
    const before = await counted('sp-t1');
    const res = await s.api(`/api/v1/responses/${held.id}/exclusion`, { method: 'POST', json: { reason: 'pressed by staff' }, cookie: admin });
    expect(res.status).toBe(200);
    expect(await counted('sp-t1')).toBe(before);
    expect((await suspects(admin)).some((r) => r.id === held.id)).toBe(false);
  });

  it('shows a unit head the suspects of their own unit only, and lets only managers accept', async () => {
    await s.ctx.auth.createUser({ orgId: await orgId(), email: 'head-b@test.local', name: 'Head B', role: 'unit-head', unitId: 'unit-b', password: 'head-b-password-1' });
    const head = await s.login('head-b@test.local', 'head-b-password-1');
    const [mine] = await suspects(admin);
    expect(mine.servicePointId).toBe('sp-t1');
    expect((await suspects(head)).every((r) => r.servicePointId === 'sp-t2')).toBe(true);
    expect((await s.api(`/api/v1/responses/${mine.id}/accept`, { method: 'POST', cookie: head })).status).toBe(403);
  });

  it('still raises one burst alert for a kiosk flooding suspect ratings, and none per rating', async () => {
    const flood = Array.from({ length: 30 }, () => kioskBody({ answers: { O: 1 }, comment: 'spam' }));
    await batch(flood, kiosk());
    await s.ctx.alertEngine.idle();
    const alerts = (await (await s.api('/api/v1/alerts?state=active&limit=200', { cookie: admin })).json()).items as { rule: string; scope: { kind: string; id: string } }[];
    expect(alerts.filter((a) => a.rule === 'burst' && a.scope.kind === 'device' && a.scope.id === 'dev-t1')).toHaveLength(1);
    expect(alerts.filter((a) => a.scope.kind === 'response' && flood.some((b) => b.id === a.scope.id))).toHaveLength(0);
  });

  it('lists the suspect state in the ordinary responses list', async () => {
    const res = await s.api('/api/v1/responses?limit=5&servicePointId=sp-t1', { cookie: admin });
    const items = (await res.json()).items as { suspect: unknown }[];
    expect(items.every((i) => 'suspect' in i)).toBe(true);
  });
});

describe('the server decides the officer from the duty roster', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await s.login();
    const org = await orgId();
    await s.ctx.entities.put('officer', { id: 'off-3', orgId: org, unitId: 'unit-a', name: 'Lê Văn Ba', active: true });
    await s.ctx.entities.put('procedure', { id: 'proc-b', orgId: org, unitId: 'unit-b', code: '2.000002', name: { vi: 'Thủ tục B', en: 'Procedure B' }, field: { vi: 'B', en: 'B' } });
  });

  it('ignores a kiosk body naming an officer of another unit and records the one on duty', async () => {
    const body = kioskBody({ officerId: 'off-2' });
    expect((await post(body, kiosk())).status).toBe(201);
    expect((await s.ctx.store.getResponse(body.id))?.officerId).toBe('off-1');
  });

  it('ignores an officer named by an anonymous counter-QR answer', async () => {
    const body = qr({ officerId: 'off-1' });
    expect((await post(body)).status).toBe(201);
    expect((await s.ctx.store.getResponse(body.id))?.officerId).toBe('off-2');
  });

  it('refuses to put an officer of another unit on duty, naming the field', async () => {
    const res = await s.api('/api/v1/service-points/sp-t1/duty', { method: 'PUT', json: { officerId: 'off-2' }, cookie: admin });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0].path).toBe('officerId');
    expect((await s.ctx.entities.get('servicePoint', 'sp-t1'))?.officerOnDutyId).toBe('off-1');
  });

  it('keeps duty history, and attributes a late outbox batch to whoever was on duty at its client time', async () => {
    const before = new Date(Date.now() - 60_000).toISOString();
    const res = await s.api('/api/v1/service-points/sp-t1/duty', { method: 'PUT', json: { officerId: 'off-3' }, cookie: admin });
    expect(res.status).toBe(200);
    try {
      const history = await s.api('/api/v1/service-points/sp-t1/duty-history', { cookie: admin });
      expect(history.status).toBe(200);
      const [now, then] = (await history.json()).items;
      expect(now).toMatchObject({ officerId: 'off-3', to: null, setBy: 'admin@test.local', unitId: 'unit-a' });
      expect(then).toMatchObject({ officerId: 'off-1', to: now.from, setBy: 'system' });
      const late = kioskBody({ clientTime: before });
      const fresh = kioskBody({ clientTime: new Date().toISOString() });
      await batch([late, fresh], kiosk());
      expect((await s.ctx.store.getResponse(late.id))?.officerId).toBe('off-1');
      expect((await s.ctx.store.getResponse(fresh.id))?.officerId).toBe('off-3');
    } finally {
      await s.api('/api/v1/service-points/sp-t1/duty', { method: 'PUT', json: { officerId: 'off-1' }, cookie: admin });
    }
  });

  it('credits the very next rating after a roster change to the new officer (the cached duty is dropped at once)', async () => {
    const put = (officerId: string) => s.api('/api/v1/service-points/sp-t1/duty', { method: 'PUT', json: { officerId }, cookie: admin });
    expect((await put('off-3')).status).toBe(200);
    try {
      const first = kioskBody({ clientTime: new Date().toISOString() });
      expect((await post(first, kiosk())).status).toBe(201); // the counter's latest period is now cached
      expect((await put('off-1')).status).toBe(200);
      const next = kioskBody({ clientTime: new Date().toISOString() });
      expect((await post(next, kiosk())).status).toBe(201);
      expect((await s.ctx.store.getResponse(first.id))?.officerId).toBe('off-3');
      expect((await s.ctx.store.getResponse(next.id))?.officerId).toBe('off-1');
    } finally {
      await put('off-1');
    }
  });

  it("refuses a procedure of another unit's list, and takes the organisation's list", async () => {
    const other = await post(kioskBody({ procedureCode: '2.000002' }), kiosk());
    expect(other.status).toBe(422);
    expect((await other.json()).error.details[0].path).toBe('procedureCode');
    const ok = kioskBody({ procedureCode: '1.000001' });
    expect((await post(ok, kiosk())).status).toBe(201);
    const own = qr({ procedureCode: '2.000002' });
    expect((await post(own)).status).toBe(201);
  });
});

describe('counter-QR limits cannot be lifted by the client', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await s.login();
    const org = await orgId();
    const t1 = (await s.ctx.entities.get('servicePoint', 'sp-t1'))!;
    await s.ctx.entities.put('servicePoint', { ...t1, id: 'sp-t3', code: 'T3', name: { vi: 'Quầy T3', en: 'Counter T3' }, orgId: org });
  });
  const answer = (headers: Record<string, string>, over: Record<string, unknown> = {}) =>
    post(qr({ servicePointId: 'sp-t3', answers: { O: 1 }, comment: 'tệ', ...over }), headers);

  it('rotating forged cookies and X-Client-Id 200 times stores them all but counts none, and a real phone still counts', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const forged = randomUUID();
      const res = await answer({ cookie: `hl_client=${forged}`, 'x-client-id': forged });
      expect(res.status).toBe(201);
      ids.push((await res.json()).id);
    }
    expect(await counted('sp-t3')).toBe(0);
    const held = (await suspects(admin)).filter((r) => r.servicePointId === 'sp-t3');
    expect(held.length).toBe(200);
    expect(held.every((r) => r.suspect?.reason === 'unsigned-client')).toBe(true);

    const page = await s.api('/s/T3');
    const cookie = page.headers.get('set-cookie')!.split(';')[0];
    const before = await counted('sp-t3');
    const real = await answer({ cookie }, { answers: { O: 5 }, comment: undefined });
    expect(real.status).toBe(201);
    expect((await s.ctx.store.getResponse((await real.json()).id))?.suspect ?? null).toBeNull();
    expect((await counted('sp-t3')) - before).toBe(1);

    // One open burst alert for the counter's link at most, and no alert per spam rating.
    await s.ctx.alertEngine.idle();
    const alerts = (await (await s.api('/api/v1/alerts?state=all&limit=200', { cookie: admin })).json()).items as { rule: string; scope: { kind: string; id: string } }[];
    expect(alerts.filter((a) => a.scope.kind === 'response' && ids.includes(a.scope.id))).toHaveLength(0);
    expect(alerts.filter((a) => a.rule === 'burst' && a.scope.id === 'qr:sp-t3').length).toBeLessThanOrEqual(1);
  });

  it('gives a forged hl_client cookie a fresh signed one on the counter page', async () => {
    const page = await s.api('/s/T3', { headers: { cookie: 'hl_client=forged-id' } });
    const set = page.headers.get('set-cookie');
    expect(set).toMatch(/^hl_client=/);
    const value = set!.split(';')[0].slice('hl_client='.length);
    expect(value).not.toBe('forged-id');
    expect(await s.ctx.surveyLinks.verifyClientId(value)).toBe(value);
    // A valid one is kept.
    expect((await s.api('/s/T3', { headers: { cookie: `hl_client=${value}` } })).headers.get('set-cookie')).toBeNull();
  });

  it('issues client ids at a limited rate per address', async () => {
    const issued = [];
    for (let i = 0; i < 130; i++) issued.push(await s.ctx.surveyLinks.issueClientId('203.0.113.9'));
    expect(issued.filter((x) => x !== null).length).toBe(120);
    expect(await s.ctx.surveyLinks.issueClientId('203.0.113.10')).not.toBeNull();
  });
});
