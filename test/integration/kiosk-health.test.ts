/**
 * GET /stats/kiosk-health: kiosks online, silent while their counter is
 * open, the longest outbox with its oldest rating's current age; a unit head
 * sees their unit's kiosks only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let cookie: string;
let headB: string;
const MIN = 60_000;

beforeAll(async () => {
  s = await startTestServer();
  cookie = await s.login();
  const now = Date.now();
  const t1 = (await s.ctx.entities.get('device', 'dev-t1'))!;
  // T1 (unit A, always open): last heard from 30 minutes ago — silent.
  await s.ctx.entities.put('device', { ...t1, lastSeenAt: new Date(now - 30 * MIN).toISOString(), status: { online: false, outbox: 2, oldestQueuedMs: 5 * MIN, appVersion: '1', skewMs: 0 } });
  // T2 (unit B): online now, 7 ratings waiting, the oldest 2 minutes old when it said so.
  await s.ctx.entities.put('device', {
    ...t1,
    id: 'dev-t2',
    servicePointId: 'sp-t2',
    name: 'Kiosk T2',
    tokenHash: 'x'.repeat(64),
    lastSeenAt: new Date(now - 10_000).toISOString(),
    status: { online: true, outbox: 7, oldestQueuedMs: 2 * MIN, appVersion: '1', skewMs: 0 },
  });
  // A revoked kiosk counts nowhere.
  await s.ctx.entities.put('device', { ...t1, id: 'dev-old', name: 'Old', tokenHash: null, revokedAt: new Date(now - 86_400_000).toISOString(), lastSeenAt: null, status: null });
  await s.ctx.auth.createUser({ orgId: 'org-main', email: 'head-b@test.local', name: 'Head B', role: 'unit-head', unitId: 'unit-b', password: 'password-b-123' });
  headB = await s.login('head-b@test.local', 'password-b-123');
});
afterAll(async () => {
  await s.stop();
});

const health = async (c?: string) => {
  const res = await s.api('/api/v1/stats/kiosk-health', { cookie: c });
  return { status: res.status, body: res.status === 200 ? await res.json() : null };
};

describe('GET /api/v1/stats/kiosk-health', () => {
  it('counts online kiosks, names the silent ones and the longest outbox', async () => {
    const { status, body } = await health(cookie);
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 2, online: 1, atOpenCounters: 2, silentMinutes: 15 });
    expect(body.silent.map((d: { deviceId: string }) => d.deviceId)).toEqual(['dev-t1']);
    expect(body.longestOutbox).toMatchObject({ deviceId: 'dev-t2', outbox: 7, name: 'Kiosk T2' });
    // The age grew since the heartbeat: 2 minutes then, plus the 10 s since.
    expect(body.longestOutbox.oldestQueuedMs).toBeGreaterThanOrEqual(2 * MIN + 10_000);
    expect(body.longestOutbox.oldestQueuedMs).toBeLessThan(3 * MIN);
  });

  it("keeps a unit head to their unit's kiosks", async () => {
    const { body } = await health(headB);
    expect(body).toMatchObject({ total: 1, online: 1, silent: [] });
    expect(body.longestOutbox.deviceId).toBe('dev-t2');
  });

  it('needs a signed-in user', async () => {
    expect((await health()).status).toBe(401);
  });
});
