/**
 * Breakdowns (#/breakdown?period=…&groupBy=…&<filters>): the chosen period's
 * rate by unit, counter, officer, procedure or channel, each row with n, rate,
 * 95% interval, status against target and change against the previous period
 * of equal length; sortable; rows significantly below target stand out; a row
 * opens the next level (a counter's officers, an officer's counters…). Above
 * the table, the gap to the target for the period and scope, the end-of-month
 * projection and the counters that contribute most to the gap.
 */
import './styles.css';
import { useMemo, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { formatHash } from '../../router';
import { useAppData } from '../../store';
import type { BreakdownRow } from '../../types';
import { DataTable, type Column } from '../../ui/data-table';
import { FilterBar, useFilterOptions } from '../../ui/filter-bar';
import { filtersFromParams, filtersToParams, filtersToQuery, type Filters } from '../../ui/filters';
import { IntervalText, StatusBadge } from '../../ui/figures';
import { PeriodPicker } from '../../ui/period-picker';
import { periodFromParams, periodToParams, rangeOf } from '../../ui/period-range';
import { sortFromParams, sortToParams } from '../../ui/table-sort';
import type { ViewProps } from '../view';
import { breakdownMessages } from './messages';
import { drillOf, groupOf, GROUPS, projectMonth, topContributors, visibleRows, type Group } from './model';
import { useBreakdown } from './use-breakdown';
import { Sparkline } from './sparkline';
import { localDay } from '../../dates';

interface Row extends BreakdownRow {
  name: string;
  previousRate: number | null;
  lastYearRate: number | null;
}

const SORTABLE = ['name', 'n', 'rate', 'status', 'change', 'year'];
const STATUS_ORDER = { 'significantly-below': 0, below: 1, meets: 2, 'no-data': 3 } as const;

/** The withheld text in a narrow cell: "(n = 7 < 30)" stays on one line. */
function Withheld({ text }: { text: string }) {
  const at = text.lastIndexOf(' (');
  return (
    <span class="muted small bd-withheld">
      {at < 0 ? text : text.slice(0, at + 1)}
      {at >= 0 && <span class="nowrap">{text.slice(at + 1)}</span>}
    </span>
  );
}

export default function BreakdownView({ params, setParams }: ViewProps) {
  const s = useViewSpeech(breakdownMessages);
  const { v, m, fill, pct, num, target: targetText, local, date } = s;
  const b = v.breakdown;
  const { units, organisation } = useAppData();
  const options = useFilterOptions();
  const [generation, setGeneration] = useState(0);

  const period = periodFromParams(params);
  const range = rangeOf(period);
  const group = groupOf(params.groupBy);
  const filters = filtersFromParams(params);
  const sort = sortFromParams(params, SORTABLE);
  const load = useBreakdown(range, group, filtersToQuery(filters), generation);
  const minSample = organisation.minSample;

  const nameOf = useMemo(() => {
    const names = new Map<string, string>();
    for (const u of units) names.set(`unitId:${u.id}`, local(u.name));
    for (const sp of options?.servicePoints ?? []) names.set(`servicePointId:${sp.id}`, `${sp.code} · ${local(sp.name)}`);
    for (const o of options?.officers ?? []) names.set(`officerId:${o.id}`, o.name);
    for (const p of options?.procedures ?? []) names.set(`procedureId:${p.id}`, `${p.code} · ${local(p.name)}`);
    return (g: Group, key: string): string => {
      if (!key) return b.none;
      if (g === 'channel') return (m.filters.channels as Record<string, string>)[key] ?? key;
      return names.get(`${g}:${key}`) ?? fill(b.unknown, { id: key });
    };
  }, [units, options, s.locale]);

  const data = load.state === 'ready' ? load.data : null;
  const target = data?.current.target ?? organisation.target;
  const shown = data ? visibleRows(group, data.current.rows, minSample) : { rows: [], hidden: 0 };
  const rows: Row[] = shown.rows.map((r) => ({
    ...r,
    name: nameOf(group, r.key),
    previousRate: data?.previous.rows.find((p) => p.key === r.key)?.overall.rate ?? null,
    lastYearRate: data?.lastYear.rows.find((p) => p.key === r.key)?.overall.rate ?? null,
  }));
  const diff = (now: number | null, then: number | null): number | null => (now !== null && then !== null ? now - then : null);
  const change = (r: Row): number | null => diff(r.overall.rate, r.previousRate);
  const yearChange = (r: Row): number | null => diff(r.overall.rate, r.lastYearRate);
  const points = (d: number | null) => {
    if (d === null) return <span class="muted">{b.noPrevious}</span>;
    const value = pct(Math.abs(d)).replace('%', '');
    // One line: "−5,84 điểm %" broke before its "%" in a column this narrow.
    return <span class={`nowrap${d < 0 ? ' change-down' : d > 0 ? ' change-up' : ''}`}>{fill(b.points, { sign: d > 0 ? '+' : d < 0 ? '−' : '±', value })}</span>;
  };
  const sigBelow = rows.filter((r) => r.overall.status === 'significantly-below').length;

  const columns: Column<Row>[] = [
    { id: 'name', header: b.name, rowHeader: true, cell: (r) => r.name, sortValue: (r) => r.name, cellTestId: 'bd-name' },
    { id: 'n', header: b.n, numeric: true, cell: (r) => num(r.overall.n), sortValue: (r) => r.overall.n, firstDir: 'desc', cellTestId: 'bd-n' },
    {
      id: 'rate',
      header: b.rate,
      numeric: true,
      // A row the server withheld (one officer's, below the minimum sample) says why it has no rate.
      cell: (r) => (r.hidden ? <Withheld text={fill(b.withheld, { n: num(r.overall.n), min: num(minSample) })} /> : pct(r.overall.rate)),
      sortValue: (r) => r.overall.rate,
      firstDir: 'asc',
      cellTestId: 'bd-rate',
    },
    { id: 'interval', header: b.interval, numeric: true, cell: (r) => <span class="nowrap">{r.overall.interval ? `${pct(r.overall.interval.low)} – ${pct(r.overall.interval.high)}` : '—'}</span> },
    { id: 'status', header: b.status, cell: (r) => <StatusBadge status={r.overall.status} />, sortValue: (r) => STATUS_ORDER[r.overall.status] },
    {
      id: 'change',
      header: <span title={data ? fill(b.changeHint, { from: date(data.previousRange.from), to: date(data.previousRange.to) }) : undefined}>{b.change}</span>,
      numeric: true,
      cellTestId: 'bd-change',
      sortValue: change,
      cell: (r) => points(change(r)),
    },
    {
      id: 'trend',
      header: b.trendCol,
      cellTestId: 'bd-trend',
      cell: (r) => {
        const pts = r.trend?.points ?? [];
        const withData = pts.filter((p) => p.rate !== null);
        const first = withData[0];
        const last = withData[withData.length - 1];
        const label =
          first && last
            ? fill(b.trendText, {
                size: b.sizes[r.trend!.size],
                first: pct(first.rate),
                firstAt: date(localDay(Date.parse(first.bucket))),
                last: pct(last.rate),
                lastAt: date(localDay(Date.parse(last.bucket))),
                count: num(withData.length),
              })
            : b.trendNone;
        return <Sparkline points={pts} target={target} label={label} />;
      },
    },
    {
      id: 'year',
      header: <span title={data ? fill(b.changeHint, { from: date(data.lastYearRange.from), to: date(data.lastYearRange.to) }) : undefined}>{b.yearChange}</span>,
      numeric: true,
      cellTestId: 'bd-year',
      sortValue: yearChange,
      cell: (r) => points(yearChange(r)),
    },
  ];

  const setFilters = (f: Filters) => setParams({ ...filtersToParams(f) }, { replace: true });
  const drill = (r: Row, next?: Group) => {
    const d = drillOf(group, r.key);
    if (!d) return;
    setParams({ [d.filter]: r.key, groupBy: next ?? d.next, sort: undefined, dir: undefined });
  };

  const summary = data?.summary.overall;
  // A withheld month-to-date or 7-day figure (s sent as 0) would project a false 0%: no projection then.
  const projection = data && !data.monthToDate.hidden && !data.last7.hidden ? projectMonth(data.monthToDate.overall, data.last7.overall, data.daysLeft) : null;
  // The projection is of this month at this week's pace: beside a period that has ended (last month, last quarter) it reads as that period's.
  const running = !!range && range.to === localDay(Date.now());
  const contributors = data ? topContributors(data.counters.rows, target) : [];

  return (
    <div class="breakdown-screen">
      <section class="card breakdown-controls" aria-label={b.title}>
        <PeriodPicker id="bd-period" value={period} onChange={(sel) => setParams(periodToParams(sel), { replace: true })} />
        <span class="filter bd-group">
          <label for="bd-group" class="field-label">
            {b.groupBy}
          </label>
          <select id="bd-group" value={group} onChange={(e) => setParams({ groupBy: e.currentTarget.value, sort: undefined, dir: undefined }, { replace: true })}>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {b.groups[g]}
              </option>
            ))}
          </select>
        </span>
        <FilterBar id="bd-filter" value={filters} onChange={setFilters} />
      </section>

      {data && summary && data.summary.hidden && (
        <section class="card gap-card" aria-labelledby="bd-gap-title" data-testid="gap-card">
          <h2 id="bd-gap-title">{b.gap.title}</h2>
          <p class="muted" data-testid="gap-withheld">
            {fill(b.gap.withheld, { n: num(summary.n), min: num(minSample) })}
          </p>
        </section>
      )}
      {data && summary && !data.summary.hidden && (
        <section class="card gap-card" aria-labelledby="bd-gap-title" data-testid="gap-card">
          <h2 id="bd-gap-title">{b.gap.title}</h2>
          <p class="gap-headline" data-testid="gap-needed">
            {summary.n === 0
              ? b.gap.noData
              : summary.gap && summary.gap > 0
                ? fill(summary.gap === 1 ? b.gap.neededOne : b.gap.needed, { n: num(summary.gap), target: targetText(target) })
                : fill(b.gap.met, { target: targetText(target) })}
          </p>
          {summary.n > 0 && (
            <p class="muted" data-testid="gap-current">
              {fill(b.gap.current, { rate: pct(summary.rate), n: num(summary.n) })} · <IntervalText interval={summary.interval} />
            </p>
          )}
          {running && <p data-testid="gap-projection">{projection === null ? b.gap.projectionNone : fill(b.gap.projection, { rate: pct(projection) })}</p>}
          <h3>{b.gap.contributors}</h3>
          {contributors.length ? (
            <ol class="gap-contributors" data-testid="gap-contributors">
              {contributors.map((c) => (
                <li key={c.row.key}>
                  <strong>{nameOf('servicePointId', c.row.key)}</strong> — {pct(c.row.overall.rate)} (n = {num(c.row.overall.n)}), {fill(c.short === 1 ? b.gap.shortOne : b.gap.short, { n: num(c.short), target: targetText(target) })}
                </li>
              ))}
            </ol>
          ) : (
            <p class="muted">{b.gap.noContributors}</p>
          )}
        </section>
      )}

      <section class="card">
        <h2>
          {b.title}: {b.groups[group]}
        </h2>
        {group === 'officerId' && data && (
          <p class="muted small" data-testid="bd-hidden">
            {shown.hidden > 0 ? fill(b.hidden, { n: num(shown.hidden), min: num(minSample) }) : fill(b.hiddenNone, { min: num(minSample) })}
          </p>
        )}
        {sigBelow > 0 && (
          <p class="notice warning small" data-testid="bd-sig-below">
            {fill(sigBelow === 1 ? b.rowsSigBelowOne : b.rowsSigBelow, { n: num(sigBelow) })}
          </p>
        )}
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(r) => r.key || '-'}
          rowTestId={(r) => `bd-row-${r.key || 'none'}`}
          rowClass={(r) => (r.overall.status === 'significantly-below' ? 'row-sig-below' : undefined)}
          state={load.state === 'ready' ? 'ready' : load.state}
          emptyText={b.empty}
          errorText={b.failed}
          onRetry={() => setGeneration((g) => g + 1)}
          sort={sort}
          onSortChange={(st) => setParams(sortToParams(st), { replace: true })}
          onRowClick={group === 'channel' && filters.channel ? undefined : (r) => drill(r)}
          scrollLabel={b.scroll}
          caption={b.title}
        />
        {rows.length > 0 && <p class="muted small">{b.drillHint}</p>}
        <p class="bd-links">
          <a href={formatHash({ view: 'comments', params: { ...periodToParams(period), ...filtersToParams({ ...filters, verified: undefined }) } })} data-testid="bd-comments">
            {b.comments}
          </a>
          <a href={formatHash({ view: 'trend', params: { ...periodToParams(period), ...filtersToParams(filters) } })}>{b.trend}</a>
        </p>
        {group === 'servicePointId' && filters.servicePointId && (
          <p>
            <button type="button" class="btn btn-secondary" onClick={() => setParams({ groupBy: 'procedureId' })}>
              {b.drillProcedures}
            </button>
          </p>
        )}
        {group === 'officerId' && filters.servicePointId && (
          <p>
            <button type="button" class="btn btn-secondary" data-testid="bd-by-procedure" onClick={() => setParams({ groupBy: 'procedureId' })}>
              {b.drillProcedures}
            </button>
          </p>
        )}
      </section>
    </div>
  );
}
