/**
 * Two server nodes in their own processes, sharing one SQLite data directory
 * and one local redis-server (the socket.io Redis Streams adapter): pushes
 * cross nodes, unit scoping holds across them, and an alert is raised and
 * changed once however many nodes see the condition. Needs `redis-server`
 * (fails with instructions when it is missing; CI installs it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, type Child } from '../helpers/child-process';
import { startRedis, type RedisServer } from '../helpers/redis-server';
import { openStore } from '../../server/store';
import type { Store } from '../../server/store/types';
import { ADMIN } from '../helpers/test-server';
import { AuthService } from '../../server/domain/auth.service';
import { Entities } from '../../server/domain/entities';
import type { AlertChange } from '../../shared/realtime-events';
import { openDashboard, postKioskBatch, postKioskRating, postQrRating, scores, type Dashboard, type RatingTarget } from './realtime-clients';

interface NodeInfo {
  url: string;
  pid: number;
  deviceToken?: string;
  surveyVersionId?: string;
}

const SWEEP_MS = 100;
let redis: RedisServer;
let dataDir: string;
let a: Child<NodeInfo>;
let b: Child<NodeInfo>;
let store: Store;
let viaA: RatingTarget;
let viaB: RatingTarget;
let adminCookie: string;
let headBCookie: string;
const dashboards: Dashboard[] = [];

const login = async (url: string, email: string, password: string) => {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0];
};
const dashboard = async (node: Child<NodeInfo>, cookie = adminCookie) => {
  const d = await openDashboard(node.info.url, { cookie });
  dashboards.push(d);
  return d;
};
const alertKey = (c: AlertChange) => `${c.alert.rule}|${c.alert.scope.kind}:${c.alert.scope.id}`;
/** Waits a number of sweep periods of both nodes: long enough for a duplicate to show up. */
const quietPeriod = () => new Promise((r) => setTimeout(r, SWEEP_MS * 8));

beforeAll(async () => {
  redis = await startRedis();
  dataDir = mkdtempSync(path.join(tmpdir(), 'hailong-multinode-'));
  const env = { DATA_DIR: dataDir, REDIS_URL: redis.url, HL_ALERT_GAP_MS: '0', HL_ALERT_SWEEP_MS: String(SWEEP_MS) };
  // One node at a time: the first creates the schema, the organisation and the fixture office.
  a = await startChild<NodeInfo>('test/helpers/node-child.ts', { env: { ...env, HL_FIXTURE: '1' }, readyTimeoutMs: 60_000 });
  b = await startChild<NodeInfo>('test/helpers/node-child.ts', { env, readyTimeoutMs: 60_000 });
  viaA = { url: a.info.url, deviceToken: a.info.deviceToken!, surveyVersionId: a.info.surveyVersionId! };
  viaB = { ...viaA, url: b.info.url };
  store = await openStore({ dataDir });
  adminCookie = await login(a.info.url, ADMIN.email, ADMIN.password);
  const res = await fetch(`${a.info.url}/api/v1/alert-rules`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: adminCookie },
    // Bursts off: these tests post faster than any kiosk could.
    body: JSON.stringify({ burst: { enabled: false } }),
  });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  for (const d of dashboards) d.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await store?.close();
  await redis?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('two nodes sharing Redis', () => {
  it('push a rating stored through node A to a dashboard connected to node B', async () => {
    const onB = await dashboard(b);
    const id = await postKioskRating(viaA, 5);
    const delta = await onB.waitFor('stats:delta', (d) => d.responseIds.includes(id));
    expect(delta.scopes.find((s) => s.scope === 'org')!.n).toBeGreaterThan(0);
  });

  it('push a rating stored through node B to a dashboard connected to node A', async () => {
    const onA = await dashboard(a);
    const id = await postKioskRating(viaB, 4, { comment: 'Qua nút B' });
    await onA.waitFor('stats:delta', (d) => d.responseIds.includes(id));
    await onA.waitFor('feed:comment', (f) => f.id === id);
  });

  it('accept on node B a session created on node A', async () => {
    const res = await fetch(`${b.info.url}/api/v1/alerts`, { headers: { cookie: adminCookie } });
    expect(res.status).toBe(200);
  });

  it('keep a unit head on node B to their unit when node A pushes', async () => {
    const auth = new AuthService(new Entities(store), store, 3600_000);
    await auth.createUser({ orgId: 'org-main', email: 'head-b@test.local', name: 'Head B', role: 'unit-head', unitId: 'unit-b', password: 'password-b-123' });
    headBCookie = await login(b.info.url, 'head-b@test.local', 'password-b-123');
    const head = await dashboard(b, headBCookie);
    const other = await postKioskRating(viaA, 3);
    const own = await postQrRating(viaA, 'sp-t2', 4);
    await head.waitFor('stats:delta', (d) => d.responseIds.includes(own));
    expect(head.events['stats:delta'].some((d) => d.responseIds.includes(other))).toBe(false);
    expect(head.events['stats:delta'].every((d) => d.scopes.every((s) => s.unitId === 'unit-b'))).toBe(true);
  });

  it('raise an alert once when both nodes see the condition at the same moment', async () => {
    const onA = await dashboard(a);
    const onB = await dashboard(b);
    // 25 satisfied of 40 at T1, half through each node at once: significantly below 85%.
    const list = scores({ 1: 5, 2: 5, 3: 5, 4: 10, 5: 15 });
    const half = list.length / 2;
    await Promise.all([postKioskBatch(viaA, list.filter((_, i) => i % 2 === 0)), postKioskBatch(viaB, list.filter((_, i) => i % 2 === 1))]);
    expect(half).toBe(20);
    for (const d of [onA, onB]) {
      await d.waitFor('alert:changed', (c) => c.change === 'opened' && c.alert.rule === 'low-satisfaction' && c.alert.scope.kind === 'org');
      await d.waitFor('alert:changed', (c) => c.change === 'opened' && c.alert.rule === 'low-satisfaction' && c.alert.scope.kind === 'sp');
    }
    await quietPeriod();
    for (const d of [onA, onB]) {
      const opened = d.events['alert:changed'].filter((c) => c.change === 'opened').map(alertKey);
      expect(opened.filter((k) => k.startsWith('low-satisfaction|')).sort()).toEqual(
        ['low-satisfaction|officer:off-1', 'low-satisfaction|org:org-main', 'low-satisfaction|sp:sp-t1', 'low-satisfaction|unit:unit-a'],
      );
      expect(new Set(opened).size).toBe(opened.length);
    }
    const res = await fetch(`${b.info.url}/api/v1/alerts?rule=low-satisfaction&state=open`, { headers: { cookie: adminCookie } });
    expect((await res.json()).items).toHaveLength(4);
  });

  it('raise a silent kiosk once although both nodes sweep for it', async () => {
    const onA = await dashboard(a);
    const dev = (await store.getEntity<Record<string, unknown>>('device', 'dev-t1'))!;
    await store.putEntity({ ...dev, data: { ...dev.data, lastSeenAt: new Date(Date.now() - 30 * 60_000).toISOString() } });
    await onA.waitFor('alert:changed', (c) => c.change === 'opened' && c.alert.rule === 'kiosk-silent');
    await quietPeriod();
    expect(onA.events['alert:changed'].filter((c) => c.alert.rule === 'kiosk-silent')).toHaveLength(1);
  });

  it('resolve it once when the kiosk is heard from again, whichever node sweeps first', async () => {
    const onB = await dashboard(b);
    const dev = (await store.getEntity<Record<string, unknown>>('device', 'dev-t1'))!;
    await store.putEntity({ ...dev, data: { ...dev.data, lastSeenAt: new Date().toISOString() } });
    await onB.waitFor('alert:changed', (c) => c.change === 'resolved' && c.alert.rule === 'kiosk-silent');
    await quietPeriod();
    expect(onB.events['alert:changed'].filter((c) => c.alert.rule === 'kiosk-silent' && c.change === 'resolved')).toHaveLength(1);
  });

  it('push an acknowledgement made on node B to a dashboard on node A', async () => {
    const onA = await dashboard(a);
    const id = await postKioskRating(viaA, 1, { comment: 'Thái độ không tốt' });
    const raised = await onA.waitFor('alert:changed', (c) => c.change === 'opened' && c.alert.scope.id === id);
    const res = await fetch(`${b.info.url}/api/v1/alerts/${raised.alert.id}/ack`, { method: 'POST', headers: { cookie: adminCookie } });
    expect(res.status).toBe(200);
    const acked = await onA.waitFor('alert:changed', (c) => c.change === 'acknowledged' && c.alert.id === raised.alert.id);
    expect(acked.alert.acknowledged!.by).toBe(ADMIN.email);
  });
});
