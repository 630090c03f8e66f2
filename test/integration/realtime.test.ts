/**
 * The /dashboard channel with real socket.io clients against the real
 * server: authentication, rooms and unit scoping, deltas read from the store
 * after each commit, the comment feed, snapshots and recovery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { openDashboard, postKioskRating, postQrRating, tokenOf, type Dashboard, type RatingTarget } from './realtime-clients';
import type { ScopeFigures, StatsDelta } from '../../shared/realtime-events';

let s: TestServer;
let adminCookie: string;
let headBCookie: string;
let t: RatingTarget;
const open: Dashboard[] = [];

const dashboard = async (opts: Parameters<typeof openDashboard>[1]) => {
  const d = await openDashboard(s.url, opts);
  open.push(d);
  return d;
};
const covers = (id: string) => (d: StatsDelta) => d.responseIds.includes(id);
const scopeOf = (d: StatsDelta, scope: ScopeFigures['scope'], id: string) => d.scopes.find((x) => x.scope === scope && x.id === id);

beforeAll(async () => {
  s = await startTestServer();
  adminCookie = await s.login();
  await s.ctx.auth.createUser({ orgId: 'org-main', email: 'head-b@test.local', name: 'Head B', role: 'unit-head', unitId: 'unit-b', password: 'password-b-123' });
  headBCookie = await s.login('head-b@test.local', 'password-b-123');
  t = { url: s.url, deviceToken: s.deviceToken, surveyVersionId: s.surveyVersionId };
});
afterAll(async () => {
  for (const d of open) d.close();
  await s.stop();
});

describe('connecting to /dashboard', () => {
  it('refuses a connection without a session', async () => {
    await expect(openDashboard(s.url, {})).rejects.toMatchObject({ data: { code: 'unauthorized' } });
  });

  it('accepts the session token in auth for non-browser clients', async () => {
    const d = await dashboard({ token: tokenOf(adminCookie) });
    expect(d.socket.connected).toBe(true);
  });

  it('accepts the session cookie from the same origin', async () => {
    const d = await dashboard({ cookie: adminCookie, origin: s.url });
    expect(d.socket.connected).toBe(true);
  });

  it('refuses the session cookie sent by a page of another origin', async () => {
    await expect(openDashboard(s.url, { cookie: adminCookie, origin: 'https://evil.example' })).rejects.toMatchObject({ data: { code: 'forbidden' } });
  });
});

describe('stats:delta', () => {
  it('pushes today’s figures for the organisation, unit, counter and officer a rating touched', async () => {
    const d = await dashboard({ cookie: adminCookie });
    const before = await d.socket.emitWithAck('dashboard:snapshot', {});
    if (!before.ok) throw new Error(before.error.message);
    const orgBefore = before.snapshot.scopes.find((x) => x.scope === 'org')!;
    const id = await postKioskRating(t, 5);
    const delta = await d.waitFor('stats:delta', covers(id));
    expect(delta.scopes.map((x) => `${x.scope}:${x.id}`).sort()).toEqual(['officer:off-1', 'org:org-main', 'sp:sp-t1', 'unit:unit-a']);
    const org = scopeOf(delta, 'org', 'org-main')!;
    expect(org.n).toBe(orgBefore.n + 1);
    expect(org.distribution[4]).toBe(orgBefore.distribution[4] + 1);
    expect(org.rate).toBeCloseTo(org.s / org.n, 10);
    expect(org.interval).not.toBeNull();
    expect(delta.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('agrees with GET /api/v1/stats/summary for today', async () => {
    const d = await dashboard({ cookie: adminCookie });
    const id = await postKioskRating(t, 2);
    const delta = await d.waitFor('stats:delta', covers(id));
    const summary = await (await s.api(`/api/v1/stats/summary?from=${delta.day}&to=${delta.day}`, { cookie: adminCookie })).json();
    const org = scopeOf(delta, 'org', 'org-main')!;
    expect(org).toMatchObject({ n: summary.overall.n, s: summary.overall.s, status: summary.overall.status, responses: summary.responses });
    expect(org.distribution).toEqual(summary.overall.distribution);
  });

  it('reaches a dashboard in several rooms once', async () => {
    const d = await dashboard({ cookie: adminCookie });
    const sub = await d.socket.emitWithAck('dashboard:subscribe', { servicePointId: 'sp-t1' });
    expect(sub).toEqual({ ok: true, room: 'sp:sp-t1' });
    const first = await postKioskRating(t, 4);
    const second = await postKioskRating(t, 4);
    await d.waitFor('stats:delta', covers(second));
    expect(d.events['stats:delta'].filter(covers(first))).toHaveLength(1);
  });

  it('pushes corrected figures when a response is excluded', async () => {
    const d = await dashboard({ cookie: adminCookie });
    const id = await postKioskRating(t, 1);
    const stored = await d.waitFor('stats:delta', covers(id));
    const ex = await s.api(`/api/v1/responses/${id}/exclusion`, { method: 'POST', json: { reason: 'Nhân viên bấm thử' }, cookie: adminCookie });
    expect(ex.status).toBe(200);
    const after = await d.waitFor('stats:delta', (x) => covers(id)(x) && x !== stored);
    expect(scopeOf(after, 'sp', 'sp-t1')!.distribution[0]).toBe(scopeOf(stored, 'sp', 'sp-t1')!.distribution[0] - 1);
  });
});

describe('feed:comment', () => {
  it('pushes a rating’s comment to the live feed', async () => {
    const d = await dashboard({ cookie: adminCookie });
    const id = await postKioskRating(t, 3, { comment: 'Chờ hơi lâu' });
    const item = await d.waitFor('feed:comment', (f) => f.id === id);
    expect(item).toMatchObject({ comment: 'Chờ hơi lâu', overall: 3, servicePointId: 'sp-t1', unitId: 'unit-a', channel: 'kiosk' });
  });
});

describe('unit heads', () => {
  it('receive figures and comments of their own unit only', async () => {
    const head = await dashboard({ cookie: headBCookie });
    const otherUnit = await postKioskRating(t, 1, { comment: 'Phòng A' });
    const ownUnit = await postQrRating(t, 'sp-t2', 2, 'Phòng B');
    const delta = await head.waitFor('stats:delta', covers(ownUnit));
    await head.waitFor('feed:comment', (f) => f.id === ownUnit);
    expect(delta.scopes.every((x) => x.unitId === 'unit-b' && x.scope !== 'org')).toBe(true);
    expect(head.events['stats:delta'].some(covers(otherUnit))).toBe(false);
    expect(head.events['feed:comment'].some((f) => f.id === otherUnit)).toBe(false);
  });

  it('may not subscribe to a counter of another unit', async () => {
    const head = await dashboard({ cookie: headBCookie });
    const res = await head.socket.emitWithAck('dashboard:subscribe', { servicePointId: 'sp-t1' });
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('may subscribe to a counter of their unit', async () => {
    const head = await dashboard({ cookie: headBCookie });
    const res = await head.socket.emitWithAck('dashboard:subscribe', { servicePointId: 'sp-t2' });
    expect(res).toEqual({ ok: true, room: 'sp:sp-t2' });
  });

  it('get a snapshot without the organisation or other units', async () => {
    const head = await dashboard({ cookie: headBCookie });
    const res = await head.socket.emitWithAck('dashboard:snapshot', {});
    if (!res.ok) throw new Error(res.error.message);
    const keys = res.snapshot.scopes.map((x) => `${x.scope}:${x.id}`).sort();
    expect(keys).toEqual(['officer:off-2', 'sp:sp-t2', 'unit:unit-b']);
  });
});

describe('dashboard:subscribe', () => {
  it('answers invalid-input for a malformed request', async () => {
    const d = await dashboard({ cookie: adminCookie });
    const res = await d.socket.emitWithAck('dashboard:subscribe', { servicePointId: 'sp-t1', unitId: 'unit-a' });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('answers not-found for an unknown counter', async () => {
    const d = await dashboard({ cookie: adminCookie });
    const res = await d.socket.emitWithAck('dashboard:subscribe', { servicePointId: 'sp-nope' });
    expect(res).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('dashboard:snapshot', () => {
  it('gives an admin today’s figures of every scope', async () => {
    const d = await dashboard({ cookie: adminCookie });
    const res = await d.socket.emitWithAck('dashboard:snapshot', {});
    if (!res.ok) throw new Error(res.error.message);
    const keys = res.snapshot.scopes.map((x) => `${x.scope}:${x.id}`).sort();
    expect(keys).toEqual(['officer:off-1', 'officer:off-2', 'org:org-main', 'sp:sp-t1', 'sp:sp-t2', 'unit:unit-a', 'unit:unit-b']);
    expect(res.snapshot.target).toBe(0.85);
    expect(Array.isArray(res.snapshot.alerts)).toBe(true);
  });
});

describe('connection-state recovery', () => {
  it('replays the delta a dashboard missed while briefly disconnected', async () => {
    const watcher = await dashboard({ cookie: adminCookie });
    const d = await dashboard({ cookie: adminCookie });
    // Recovery needs a first event to carry an offset.
    const warm = await postKioskRating(t, 5);
    await d.waitFor('stats:delta', covers(warm));
    const gone = new Promise((r) => d.socket.once('disconnect', r));
    d.socket.io.engine.close();
    await gone;
    const missed = await postKioskRating(t, 4);
    await watcher.waitFor('stats:delta', covers(missed));
    d.socket.connect();
    await new Promise<void>((r) => d.socket.once('connect', () => r()));
    expect(d.socket.recovered).toBe(true);
    await d.waitFor('stats:delta', covers(missed));
  });
});
