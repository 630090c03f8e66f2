/**
 * The overview's state and how live events change it. Counts are kept, not
 * rates: every rate, interval, status and gap shown is derived from counts
 * with shared/satisfaction, exactly as the server derives its own.
 *
 * Today comes from REST at load and then from `stats:delta` / the snapshot
 * (absolute figures; the newest `at` per scope wins). "This month" is the
 * month before today (fixed) plus today (live), so it moves with every rating.
 */
import { emptyCounts, summarise, type RateSummary, type ScoreCounts } from '../../../../shared/satisfaction';
import type { Calendar } from '../../dates';
import { localDay } from '../../dates';
import { byOpening } from '../alerts/model';
import type { AlertChange, AlertView, DashboardSnapshot, FeedItem, ScopeFigures, SeriesPoint, ServicePoint, StatsDelta, Summary, Unit } from '../../types';

export const FEED_LIMIT = 30;

export interface TodayCounts {
  c: ScoreCounts;
  /** When the figures were read by the server ('' = from the REST load). */
  at: string;
}

export interface CounterRow {
  id: string;
  servicePoint: ServicePoint | null;
  today: TodayCounts;
  prior: ScoreCounts;
}

export interface OverviewState {
  cal: Calendar;
  target: number;
  minSample: number;
  verifiedOnly: boolean;
  /** The scope of the headline: the organisation, or a unit head's unit. */
  headline: { kind: 'org' | 'unit'; id: string };
  today: TodayCounts;
  prior: ScoreCounts;
  counters: Map<string, CounterRow>;
  units: Map<string, Unit>;
  series: SeriesPoint[];
  month: Pick<Summary, 'indices' | 'criteria' | 'integrity'>;
  feed: FeedItem[];
  /**
   * Only on the 1st of a month, when "this month" would be today again:
   * yesterday's and last month's figures (closed days, read once).
   */
  firstOfMonth: { yesterday: ScoreCounts; lastMonth: ScoreCounts; lastMonthStart: string } | null;
  /**
   * Counter-QR answers not verified (no kiosk, no dossier link): never in a
   * verified headline, so shown apart. `period` is this month (last month on the 1st).
   */
  unverifiedQr: { today: ScoreCounts; period: ScoreCounts; todayResponses: number; periodResponses: number };
  alerts: Map<string, AlertView>;
  /** Highest version seen per alert, resolved ones included, so an old push never revives one. */
  alertVersions: Map<string, number>;
  updatedAt: number;
}

export const addCounts = (a: ScoreCounts, b: ScoreCounts): ScoreCounts => a.map((x, i) => x + b[i]) as ScoreCounts;

export const figuresOf = (c: ScoreCounts, st: Pick<OverviewState, 'target' | 'minSample'>): RateSummary => summarise(c, st.target, st.minSample);

/** Replaces one scope's figures for today if they are newer than what is shown. */
function setToday(cur: TodayCounts, f: ScopeFigures, at: string): TodayCounts {
  return at >= cur.at ? { c: [...f.distribution] as ScoreCounts, at } : cur;
}

export type ApplyResult = 'applied' | 'other-day';

/** stats:delta or the figures of a snapshot: absolute figures for today. */
export function applyFigures(st: OverviewState, src: Pick<StatsDelta, 'day' | 'at' | 'target' | 'verifiedOnly' | 'scopes'>): ApplyResult {
  if (src.day !== st.cal.today) return 'other-day';
  st.target = src.target;
  st.verifiedOnly = src.verifiedOnly;
  for (const f of src.scopes) {
    if (f.scope === st.headline.kind && f.id === st.headline.id) {
      st.today = setToday(st.today, f, src.at);
      updateLastPoint(st);
    } else if (f.scope === 'sp') {
      const row = st.counters.get(f.id) ?? { id: f.id, servicePoint: null, today: { c: emptyCounts(), at: '' }, prior: emptyCounts() };
      row.today = setToday(row.today, f, src.at);
      st.counters.set(f.id, row);
    }
  }
  st.updatedAt = Date.now();
  return 'applied';
}

/** Today's point of the trend follows the live headline. */
function updateLastPoint(st: OverviewState): void {
  const last = st.series[st.series.length - 1];
  if (!last || localDay(Date.parse(last.bucket)) !== st.cal.today) return;
  const f = figuresOf(st.today.c, st);
  st.series = [...st.series.slice(0, -1), { ...last, n: f.n, s: f.s, rate: f.rate, interval: f.interval }];
}

/** A full list of the active alerts (REST or snapshot), reconciled with newer pushes already seen. */
export function setAlerts(st: OverviewState, list: AlertView[]): void {
  const next = new Map<string, AlertView>();
  for (const a of list) {
    const seen = st.alertVersions.get(a.id) ?? 0;
    if (seen > a.version) {
      const newer = st.alerts.get(a.id);
      if (newer && newer.state !== 'resolved') next.set(a.id, newer);
      continue;
    }
    st.alertVersions.set(a.id, a.version);
    next.set(a.id, a);
  }
  st.alerts = next;
}

/** alert:changed or an action's answer: the highest version wins; resolved ones leave the active list. */
export function applyAlert(st: OverviewState, a: AlertView): void {
  if ((st.alertVersions.get(a.id) ?? 0) > a.version) return;
  st.alertVersions.set(a.id, a.version);
  const next = new Map(st.alerts);
  if (a.state === 'resolved') next.delete(a.id);
  else next.set(a.id, a);
  st.alerts = next;
}

export function applySnapshot(st: OverviewState, snap: DashboardSnapshot): ApplyResult {
  const r = applyFigures(st, snap);
  if (r === 'applied') setAlerts(st, snap.alerts);
  return r;
}

export function addFeedItems(st: OverviewState, items: FeedItem[]): void {
  const byId = new Map(st.feed.map((f) => [f.id, f]));
  for (const i of items) byId.set(i.id, i);
  st.feed = [...byId.values()].sort((a, b) => (a.serverTime < b.serverTime ? 1 : a.serverTime > b.serverTime ? -1 : 0)).slice(0, FEED_LIMIT);
}

/** The alerts to show: critical before warning, newest opened first. Never by state: acknowledging one must not move it. */
export function sortedAlerts(st: OverviewState): AlertView[] {
  return [...st.alerts.values()].sort(alertOrder);
}

export const alertOrder = (a: AlertView, b: AlertView): number => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1) || byOpening(a, b);

/** Counters in a stable order: by unit, then code. */
export function sortedCounters(st: OverviewState): CounterRow[] {
  const key = (r: CounterRow) => `${r.servicePoint?.unitId ?? '~'}\u0000${r.servicePoint?.code ?? r.id}`;
  return [...st.counters.values()].sort((a, b) => key(a).localeCompare(key(b), 'vi', { numeric: true }));
}

/** Replays live events in order; used after a load to catch what arrived while it ran. */
export type LiveEvent =
  | { kind: 'delta'; delta: StatsDelta }
  | { kind: 'feed'; item: FeedItem }
  | { kind: 'alert'; change: AlertChange };

export function applyEvent(st: OverviewState, e: LiveEvent): ApplyResult {
  switch (e.kind) {
    case 'delta':
      return applyFigures(st, e.delta);
    case 'feed':
      addFeedItems(st, [e.item]);
      return 'applied';
    case 'alert':
      applyAlert(st, e.change.alert);
      return 'applied';
  }
}
