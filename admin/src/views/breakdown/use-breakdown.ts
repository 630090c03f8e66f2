/** The breakdown's reads: this period and the previous one, and the gap guidance's figures. */
import { useEffect, useState } from 'preact/hooks';
import { getBreakdown, getSummary } from '../../api/stats';
import { addDays, calendarOf, localDay } from '../../dates';
import type { StatsBreakdown, StatsQuery, Summary } from '../../types';
import type { DayRange } from '../../ui/period-range';
import { lastYearRange, previousRange, type Group } from './model';

export interface BreakdownData {
  current: StatsBreakdown;
  previous: StatsBreakdown;
  previousRange: DayRange;
  lastYear: StatsBreakdown;
  lastYearRange: DayRange;
  summary: Summary;
  /** Counters in scope for the gap guidance (the current table when it is by counter). */
  counters: StatsBreakdown;
  monthToDate: Summary;
  last7: Summary;
  daysLeft: number;
}

export type Load = { state: 'loading' } | { state: 'error' } | { state: 'ready'; data: BreakdownData };

export function useBreakdown(range: DayRange | null, group: Group, scope: StatsQuery, generation: number): Load {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const key = JSON.stringify([range, group, scope, generation]);
  useEffect(() => {
    if (!range) return;
    const ac = new AbortController();
    const opts = { signal: ac.signal };
    setLoad({ state: 'loading' });
    const prev = previousRange(range);
    const ly = lastYearRange(range);
    const today = localDay(Date.now());
    const cal = calendarOf(today);
    const monthEnd = addDays(addDays(cal.monthStart, 40).slice(0, 8) + '01', -1);
    const daysLeft = Math.max(0, Math.round((Date.parse(monthEnd) - Date.parse(today)) / 86_400_000));
    const current = getBreakdown({ ...scope, from: range.from, to: range.to, groupBy: group, trend: 'true' }, opts);
    Promise.all([
      current,
      getBreakdown({ ...scope, from: prev.from, to: prev.to, groupBy: group }, opts),
      getSummary({ ...scope, from: range.from, to: range.to }, opts),
      group === 'servicePointId' ? current : getBreakdown({ ...scope, from: range.from, to: range.to, groupBy: 'servicePointId' }, opts),
      getSummary({ ...scope, from: cal.monthStart, to: today }, opts),
      getSummary({ ...scope, from: addDays(today, -6), to: today }, opts),
      getBreakdown({ ...scope, from: ly.from, to: ly.to, groupBy: group }, opts),
    ]).then(
      ([cur, previous, summary, counters, monthToDate, last7, lastYear]) =>
        setLoad({ state: 'ready', data: { current: cur, previous, previousRange: prev, lastYear, lastYearRange: ly, summary, counters, monthToDate, last7, daysLeft } }),
      () => !ac.signal.aborted && setLoad({ state: 'error' }),
    );
    return () => ac.abort();
  }, [key]);
  return range ? load : { state: 'error' };
}
