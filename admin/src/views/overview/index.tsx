/** The live overview: headline, trend, counters, distribution, SIPAS elements, H and M shares, alerts and comments. Loaded lazily by views/registry.ts. */
import './styles.css';
import { useOverviewSpeech } from './speech';
import { useAppData } from '../../store';
import type { ViewProps } from '../view';
import { addCounts, figuresOf } from './model';
import { useOverview } from './use-overview';
import { HeadlineCard } from './parts/headline';
import { Trend } from './parts/trend';
import { COUNTER_SORT_COLUMNS, Counters } from './parts/counters';
import { sortFromParams, sortToParams } from '../../ui/table-sort';
import { Distribution } from './parts/distribution';
import { Elements } from './parts/elements';
import { Integrity } from './parts/integrity';
import { Alerts } from './parts/alerts';
import { CommentFeed } from './parts/feed';
import { Decision766Card } from './parts/decision766';
import { UnverifiedQr } from './parts/unverified';
import { KioskHealthCard } from './parts/kiosk-health';

export default function OverviewView({ live, user, params, setParams }: ViewProps) {
  const s = useOverviewSpeech();
  const { m, v } = s;
  const { units } = useAppData();
  const { state: st, error, reload, alertAction } = useOverview(live, user, units);

  if (!st) {
    return error ? <LoadFailed onRetry={reload} /> : <p class="loading">{m.loading}</p>;
  }
  const today = figuresOf(st.today.c, st);
  // On the 1st this month is only today: the second card and column show last month instead.
  const first = st.firstOfMonth;
  const monthCounts = first ? first.lastMonth : addCounts(st.prior, st.today.c);
  const month = figuresOf(monthCounts, st);
  const monthTitle = first ? s.fill(v.overview.lastMonth, { month: `${first.lastMonthStart.slice(5, 7)}/${first.lastMonthStart.slice(0, 4)}` }) : v.overview.month;
  const yesterday = first ? figuresOf(first.yesterday, st) : null;
  return (
    <div class="overview">
      {error ? <LoadFailed onRetry={reload} /> : null}
      <div class="area-headline">
        <HeadlineCard id="today" title={v.overview.today} figures={today} target={st.target}>
          {yesterday && (
            <p class="muted small" data-testid="yesterday">
              {yesterday.n === 0 ? v.overview.yesterdayNone : s.fill(v.overview.yesterday, { rate: s.pct(yesterday.rate), n: s.num(yesterday.n) })}
            </p>
          )}
        </HeadlineCard>
        <HeadlineCard id="month" title={monthTitle} figures={month} target={st.target} showGap={!first} />
        {first && (
          <p class="muted small basis" data-testid="first-of-month">
            {v.overview.firstOfMonth}
          </p>
        )}
        <p class="muted small basis">
          {st.verifiedOnly ? v.overview.basisVerified : v.overview.basisAll}{' '}
          <span data-testid="updated-at">{s.fill(v.overview.updatedAt, { time: s.time(st.updatedAt) })}</span>
        </p>
        <UnverifiedQr st={st} />
        <KioskHealthCard
          canOpenKiosks={user.role === 'admin' || user.role === 'manager'}
          counterName={(id) => {
            const sp = st.counters.get(id)?.servicePoint;
            return sp ? s.local(sp.name) : id;
          }}
        />
        <Decision766Card />
      </div>
      <div class="area-alerts">
        <Alerts st={st} onAction={alertAction} />
      </div>
      <div class="area-trend">
        <Trend points={st.series} target={st.target} />
      </div>
      <div class="area-counters">
        <Counters st={st} sort={sortFromParams(params, COUNTER_SORT_COLUMNS)} onSortChange={(sort) => setParams(sortToParams(sort), { replace: true })} />
      </div>
      <div class="area-lower">
        <Distribution today={st.today.c} month={monthCounts} monthLabel={first ? v.distribution.lastMonth : v.distribution.month} />
        <Elements month={st.month} target={st.target} verifiedOnly={st.verifiedOnly} />
        <Integrity integrity={st.month.integrity} verifiedOnly={st.verifiedOnly} />
      </div>
      <div class="area-feed">
        <CommentFeed st={st} />
      </div>
    </div>
  );
}

function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { m, v } = useOverviewSpeech();
  return (
    <div class="notice error" role="alert">
      {v.overview.loadFailed}{' '}
      <button type="button" class="btn btn-secondary" onClick={onRetry}>
        {v.overview.retry}
      </button>
    </div>
  );
}
