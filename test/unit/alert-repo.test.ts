/**
 * The race-safety of alerts across nodes, on a real SQLite file opened twice
 * (two connections, as two server processes would): one open alert per rule
 * and scope, one winner per change, and repair after a half-written change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store';
import type { Store } from '../../server/store/types';
import { ALERT, ALERT_TRANSITION, AlertRepo } from '../../server/domain/alerts/alert.repo';
import type { AlertView } from '../../shared/realtime-events';

let dir: string;
let storeA: Store;
let storeB: Store;
let nodeA: AlertRepo;
let nodeB: AlertRepo;
const now = () => Date.now();

const alert = (id: string, scopeId: string): AlertView => ({
  id,
  orgId: 'org-1',
  rule: 'low-satisfaction',
  scope: { kind: 'sp', id: scopeId },
  unitId: 'unit-1',
  servicePointId: scopeId,
  severity: 'critical',
  state: 'open',
  message: { vi: 'x', en: 'x' },
  facts: {},
  openedAt: new Date().toISOString(),
  acknowledged: null,
  resolved: null,
  version: 1,
  updatedAt: new Date().toISOString(),
});

const resolveBy = (who: string) => (cur: AlertView): AlertView | null =>
  cur.state === 'resolved' ? null : { ...cur, state: 'resolved', resolved: { by: who, at: new Date().toISOString(), auto: true, reason: 'test' } };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hailong-alert-repo-'));
  storeA = await openStore({ dataDir: dir });
  storeB = await openStore({ dataDir: dir });
  nodeA = new AlertRepo(storeA);
  nodeB = new AlertRepo(storeB);
});
afterAll(async () => {
  await storeA.close();
  await storeB.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('AlertRepo across two nodes', () => {
  it('keeps one open alert per rule and scope when both raise at once', async () => {
    const [a, b] = await Promise.all([nodeA.insertOpen(alert('a-1', 'sp-1')), nodeB.insertOpen(alert('b-1', 'sp-1'))]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await nodeB.findOpen('low-satisfaction', { kind: 'sp', id: 'sp-1' }))!.id).toBe(a ? 'a-1' : 'b-1');
  });

  it('lets exactly one of two simultaneous resolves change the alert', async () => {
    await nodeA.insertOpen(alert('race-1', 'sp-2'));
    const results = await Promise.all([nodeA.transition('race-1', resolveBy('node-a'), now), nodeB.transition('race-1', resolveBy('node-b'), now)]);
    expect(results.filter((r) => r!.changed)).toHaveLength(1);
    const stored = (await nodeA.get('race-1'))!;
    expect(stored).toMatchObject({ state: 'resolved', version: 2 });
  });

  it('frees the scope for a new alert once resolved', async () => {
    expect(await nodeB.insertOpen(alert('race-2', 'sp-2'))).toBe(true);
  });

  it('repairs an alert whose change was claimed by a node that stopped before writing it', async () => {
    const a = alert('half-1', 'sp-3');
    await nodeA.insertOpen(a);
    // Node A claimed version 2 and died before writing the alert record.
    const claimed: AlertView = { ...a, state: 'acknowledged', acknowledged: { by: 'someone', at: a.openedAt }, version: 2 };
    await storeA.insertEntity({ kind: ALERT_TRANSITION, id: 'half-1:2', orgId: 'org-1', lookup: null, data: claimed, updatedAt: a.openedAt });
    const r = await nodeB.transition('half-1', resolveBy('node-b'), now);
    expect(r).toMatchObject({ changed: true, alert: { state: 'resolved', version: 3, acknowledged: { by: 'someone' } } });
    expect((await storeB.getEntity<AlertView>(ALERT, 'half-1'))!.data.version).toBe(3);
  });

  it('lists the change history from the transition records', async () => {
    const a = (await nodeA.get('half-1'))!;
    expect((await nodeA.history(a)).map((h) => h.state)).toEqual(['acknowledged', 'resolved']);
  });
});
