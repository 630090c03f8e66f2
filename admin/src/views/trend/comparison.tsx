/**
 * The chosen period against the previous period of equal length and the
 * same days a year earlier (issue 12 item 1): each rate with its n and the
 * change in percentage points, for the same scope and filters.
 */
import { useEffect, useState } from 'preact/hooks';
import { getSummary } from '../../api/stats';
import type { StatsQuery, Summary } from '../../types';
import type { DayRange } from '../../ui/period-range';
import { lastYearRange, previousRange } from '../breakdown/model';
import type { ViewSpeech } from '../../i18n';
import type { TrendMessages } from './messages';

type Figures = { range: DayRange; summary: Summary };

export function PeriodComparison({ range, scope, s, minSample }: { range: DayRange; scope: StatsQuery; s: ViewSpeech<TrendMessages>; minSample: number }) {
  const c = s.v.trend.compare;
  const [data, setData] = useState<{ now: Figures; previous: Figures; lastYear: Figures } | null>(null);
  const key = JSON.stringify([range, scope]);
  useEffect(() => {
    const ac = new AbortController();
    setData(null);
    const prev = previousRange(range);
    const ly = lastYearRange(range);
    const read = (r: DayRange) => getSummary({ ...scope, from: r.from, to: r.to }, { signal: ac.signal }).then((summary) => ({ range: r, summary }));
    Promise.all([read(range), read(prev), read(ly)]).then(
      ([now, previous, lastYear]) => setData({ now, previous, lastYear }),
      () => undefined,
    );
    return () => ac.abort();
  }, [key]);
  if (!data) return null;
  const nowRate = data.now.summary.overall.rate;
  const cell = (testId: string, label: string, f: Figures, compare: boolean) => {
    const r = f.summary.overall.rate;
    const d = compare && r !== null && nowRate !== null ? nowRate - r : null;
    return (
      <div class="cmp-cell" data-testid={testId}>
        <dt>
          {label} <span class="muted small">({s.date(f.range.from)} – {s.date(f.range.to)})</span>
        </dt>
        <dd>
          {f.summary.hidden ? (
            // One officer below the minimum sample: the server sent n only.
            <span class="cmp-withheld" data-testid={`${testId}-withheld`}>
              {s.fill(s.v.trend.withheld, { n: s.num(f.summary.overall.n), min: s.num(minSample) })}
            </span>
          ) : (
            <>
              <span class="cmp-rate">{s.pct(r)}</span> <span class="muted small">n = {s.num(f.summary.overall.n)}</span>
            </>
          )}
          {compare && (
            <span class={`cmp-change small${d !== null && d < 0 ? ' change-down' : d !== null && d > 0 ? ' change-up' : ''}`} data-testid={`${testId}-change`}>
              {d === null ? c.noChange : s.fill(c.change, { sign: d > 0 ? '+' : d < 0 ? '−' : '±', value: s.pct(Math.abs(d)).replace('%', '') })}
            </span>
          )}
        </dd>
      </div>
    );
  };
  return (
    <dl class="period-compare" data-testid="period-compare">
      {cell('cmp-now', c.now, data.now, false)}
      {cell('cmp-previous', c.previous, data.previous, true)}
      {cell('cmp-year', c.lastYear, data.lastYear, true)}
    </dl>
  );
}
