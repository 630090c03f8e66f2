/**
 * One full read of what the overview shows, in parallel. Every figure is
 * scoped by the server to what the user may see (a unit head: their unit).
 */
import { addDays, calendarOf, type Calendar } from '../../dates';
import { getOrganisation } from '../../api/organisation';
import { listServicePoints } from '../../api/service-points';
import { getBreakdown, getSummary, getTimeseries } from '../../api/stats';
import { listResponses } from '../../api/responses';
import { listAlerts } from '../../api/alerts';
import { emptyCounts, type ScoreCounts } from '../../../../shared/satisfaction';
import { feedItemOf } from '../../../../shared/realtime-events';
import type { BreakdownRow, FeedItem, ServicePoint, Unit, User } from '../../types';
import { addFeedItems, setAlerts, type CounterRow, type OverviewState } from './model';

export async function fetchFeed(): Promise<FeedItem[]> {
  const { items } = await listResponses({ withComment: 'true', limit: 20 });
  return items.filter((r) => r.comment && r.comment.trim()).map(feedItemOf);
}

/**
 * `units` come from the app store (read once). The organisation is read
 * again here, not taken from the store: its figure settings (target, minimum
 * sample, verified-only) must be the current ones at each full re-read.
 */
export async function fetchOverview(cal: Calendar, user: User, units: Unit[], alertVersions: Map<string, number>): Promise<OverviewState> {
  const prior = cal.beforeToday ? { from: cal.monthStart, to: cal.beforeToday } : null;
  // On the 1st "this month" is today: yesterday and last month are shown instead.
  const yesterday = addDays(cal.today, -1);
  const lastMonth = cal.beforeToday ? null : { from: calendarOf(yesterday).monthStart, to: yesterday };
  const none = Promise.resolve(null);
  // Unverified QR answers are never in a verified headline: counted apart, today and this month (last month on the 1st).
  const unverified = { channel: 'qr', verified: 'unverified' } as const;
  const [org, sps, today, priorSummary, month, series, byCounterToday, byCounterPrior, feed, alerts, yesterdaySummary, lastMonthSummary, qrToday, qrMonth] = await Promise.all([
    getOrganisation(),
    listServicePoints(),
    getSummary({ from: cal.today }),
    prior ? getSummary(prior) : none,
    getSummary({ from: cal.monthStart }),
    getTimeseries({ bucket: 'day', from: cal.trendFrom }),
    getBreakdown({ groupBy: 'servicePointId', from: cal.today }),
    // On the 1st a counter's second column is last month, like the headline's second card.
    prior ? getBreakdown({ groupBy: 'servicePointId', ...prior }) : lastMonth ? getBreakdown({ groupBy: 'servicePointId', ...lastMonth }) : none,
    fetchFeed(),
    listAlerts({ state: 'active', limit: 100 }),
    lastMonth ? getSummary({ from: yesterday, to: yesterday }) : none,
    lastMonth ? getSummary(lastMonth) : none,
    getSummary({ ...unverified, from: cal.today, to: cal.today }),
    getSummary({ ...unverified, ...(lastMonth ?? { from: cal.monthStart, to: cal.today }) }),
  ]);

  const countsOf = (rows: BreakdownRow[] | undefined) => new Map((rows ?? []).map((r) => [r.key, r.overall.distribution]));
  const todayBy = countsOf(byCounterToday.rows);
  const priorBy = countsOf(byCounterPrior?.rows);
  const counters = new Map<string, CounterRow>();
  const row = (id: string, sp: ServicePoint | null): CounterRow => ({
    id,
    servicePoint: sp,
    today: { c: copy(todayBy.get(id)), at: '' },
    prior: copy(priorBy.get(id)),
  });
  for (const sp of sps.items) counters.set(sp.id, row(sp.id, sp));
  // Figures of a counter no longer configured still count in the totals: show them too.
  for (const id of [...todayBy.keys(), ...priorBy.keys()]) if (id && !counters.has(id)) counters.set(id, row(id, null));

  const st: OverviewState = {
    cal,
    target: org.target,
    minSample: org.minSample,
    verifiedOnly: org.headlineVerifiedOnly,
    headline: user.role === 'unit-head' && user.unitId ? { kind: 'unit', id: user.unitId } : { kind: 'org', id: org.id },
    today: { c: copy(today.overall.distribution), at: '' },
    prior: copy(priorSummary?.overall.distribution),
    counters,
    units: new Map(units.map((u) => [u.id, u])),
    series: series.points,
    month: { indices: month.indices, criteria: month.criteria, integrity: month.integrity },
    feed: [],
    firstOfMonth: lastMonth && {
      yesterday: copy(yesterdaySummary?.overall.distribution),
      lastMonth: copy(lastMonthSummary?.overall.distribution),
      lastMonthStart: lastMonth.from,
    },
    unverifiedQr: { today: copy(qrToday.overall.distribution), period: copy(qrMonth.overall.distribution), todayResponses: qrToday.responses, periodResponses: qrMonth.responses },
    alerts: new Map(),
    alertVersions,
    updatedAt: Date.now(),
  };
  addFeedItems(st, feed);
  setAlerts(st, alerts.items);
  return st;
}

const copy = (c: ScoreCounts | undefined): ScoreCounts => (c ? ([...c] as ScoreCounts) : emptyCounts());
