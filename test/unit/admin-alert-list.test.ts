/**
 * The live alert lists (alerts screen and overview): an acknowledged alert
 * keeps its place and a resolved one stays visible as "moved to history".
 * The overview's first two cases failed on the old order (open before
 * acknowledged) and the old removal of resolved alerts.
 */
import { describe, expect, it } from 'vitest';
import { applyToActive, applyToHistory, keepMoved, type AlertEntry } from '../../admin/src/views/alerts/model';
import { applyAlert, sortedAlerts, type OverviewState } from '../../admin/src/views/overview/model';
import type { AlertView } from '../../admin/src/types';

const alert = (id: string, openedAt: string, patch: Partial<AlertView> = {}): AlertView => ({
  id,
  orgId: 'org',
  rule: 'low-rating-comment',
  scope: { kind: 'response', id },
  unitId: 'u',
  servicePointId: 'sp',
  severity: 'warning',
  state: 'open',
  message: { vi: id, en: id },
  facts: {},
  openedAt,
  acknowledged: null,
  resolved: null,
  version: 1,
  updatedAt: openedAt,
  ...patch,
});
const acked = (a: AlertView): AlertView => ({ ...a, state: 'acknowledged', acknowledged: { by: 'x', at: '2026-12-01T10:00:00Z' }, version: a.version + 1 });
const resolved = (a: AlertView): AlertView => ({ ...a, state: 'resolved', resolved: { by: 'x', at: '2026-12-01T11:00:00Z', auto: false, reason: 'manual' }, version: a.version + 1 });

const three = [alert('c', '2026-12-01T03:00:00Z'), alert('b', '2026-12-01T02:00:00Z'), alert('a', '2026-12-01T01:00:00Z')];
const overview = (list: AlertView[]): OverviewState => ({ alerts: new Map(list.map((a) => [a.id, a])), alertVersions: new Map(list.map((a) => [a.id, a.version])) }) as unknown as OverviewState; // only the alert fields are read
const ids = (l: { id: string }[]) => l.map((a) => a.id);

describe('the overview alert list', () => {
  it('keeps an acknowledged alert in its place', () => {
    const st = overview(three);
    expect(ids(sortedAlerts(st))).toEqual(['c', 'b', 'a']);
    applyAlert(st, acked(three[0]));
    expect(ids(sortedAlerts(st))).toEqual(['c', 'b', 'a']);
  });

  it('shows a resolved alert as moved to history where it was', () => {
    const st = overview(three);
    const before = keepMoved([], sortedAlerts(st));
    applyAlert(st, resolved(three[1]));
    const after = keepMoved(before, sortedAlerts(st));
    expect(after.map((e) => [e.alert.id, e.moved])).toEqual([
      ['c', false],
      ['b', true],
      ['a', false],
    ]);
  });

  it('still lists critical alerts first', () => {
    const st = overview([...three, alert('z', '2026-11-30T00:00:00Z', { severity: 'critical' })]);
    expect(ids(sortedAlerts(st))).toEqual(['z', 'c', 'b', 'a']);
  });
});

describe('the alerts screen lists', () => {
  const entries: AlertEntry[] = three.map((a) => ({ alert: a, moved: false }));

  it('replaces a changed alert in place and ignores an older version', () => {
    const next = applyToActive(entries, acked(three[2]));
    expect(next.map((e) => [e.alert.id, e.alert.state])).toEqual([
      ['c', 'open'],
      ['b', 'open'],
      ['a', 'acknowledged'],
    ]);
    expect(applyToActive(next, three[2])[2].alert.state).toBe('acknowledged');
  });

  it('inserts a new alert by its opening time and marks a resolved one moved', () => {
    const next = applyToActive(applyToActive(entries, alert('m', '2026-12-01T02:30:00Z')), resolved(three[0]));
    expect(next.map((e) => [e.alert.id, e.moved])).toEqual([
      ['c', true],
      ['m', false],
      ['b', false],
      ['a', false],
    ]);
    expect(applyToActive(entries, resolved(alert('q', '2026-12-01T00:00:00Z')))).toHaveLength(3);
  });

  it('adds a resolved alert to history in opening order, never an active one', () => {
    const history = [alert('h2', '2026-12-01T04:00:00Z', { state: 'resolved' }), alert('h1', '2026-11-01T00:00:00Z', { state: 'resolved' })];
    expect(ids(applyToHistory(history, resolved(three[1])))).toEqual(['h2', 'b', 'h1']);
    expect(ids(applyToHistory(history, three[1]))).toEqual(['h2', 'h1']);
  });
});
