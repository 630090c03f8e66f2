/**
 * How a live alert list changes, as plain functions (the alerts screen and
 * the overview's alert card share them). The rule people rely on: an alert
 * keeps its place — the list is in opening order, and a change of state
 * never moves it — and a resolved alert does not vanish: it stays where it
 * was as a "moved to history" line until the list is loaded again.
 */
import type { AlertView } from '../../types';

export interface AlertEntry {
  alert: AlertView;
  /** Resolved while shown in an active list: shown as "moved to history" in its old place. */
  moved: boolean;
}

/** Newest opened first (the server's order); the id breaks ties so two lists always agree. */
export const byOpening = (a: AlertView, b: AlertView): number => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** An active list (open and acknowledged) after one change: replaced in place, inserted by opening time, or marked moved when resolved. */
export function applyToActive(entries: readonly AlertEntry[], a: AlertView): AlertEntry[] {
  const i = entries.findIndex((e) => e.alert.id === a.id);
  if (i >= 0) {
    if (entries[i].alert.version >= a.version) return [...entries];
    const next = [...entries];
    next[i] = { alert: a, moved: a.state === 'resolved' };
    return next;
  }
  if (a.state === 'resolved') return [...entries];
  return [...entries, { alert: a, moved: false }].sort((x, y) => byOpening(x.alert, y.alert));
}

/** The history (resolved, newest opened first) after one change: a newly resolved alert joins it in its place. */
export function applyToHistory(list: readonly AlertView[], a: AlertView): AlertView[] {
  const i = list.findIndex((x) => x.id === a.id);
  if (i >= 0) {
    if (list[i].version >= a.version) return [...list];
    const next = [...list];
    next[i] = a;
    return next;
  }
  if (a.state !== 'resolved') return [...list];
  return [...list, a].sort(byOpening);
}

/**
 * For a list that is given only the active alerts (the overview's): what was
 * shown before and is no longer active stays in its place as moved.
 */
export function keepMoved(shownBefore: readonly AlertEntry[], active: readonly AlertView[], order: (a: AlertView, b: AlertView) => number = byOpening): AlertEntry[] {
  const now = new Map(active.map((a) => [a.id, a]));
  const gone = shownBefore.filter((e) => !now.has(e.alert.id)).map((e) => ({ alert: e.alert, moved: true }));
  return [...active.map((a) => ({ alert: a, moved: false })), ...gone].sort((x, y) => order(x.alert, y.alert));
}
