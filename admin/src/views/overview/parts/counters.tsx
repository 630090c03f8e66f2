/**
 * Each counter today and this month: rate and status, n, and the 95%
 * interval — a data table (sortable by name, rate and n; the unit under the name; the sort is in
 * the address) on screens, a list of cards on phones.
 */
import { addCounts, figuresOf, sortedCounters, type CounterRow, type OverviewState } from '../model';
import { useOverviewSpeech } from '../speech';
import { StatusBadge } from '../../../ui/figures';
import { DataTable, sortedRows, type Column } from '../../../ui/data-table';
import type { SortState } from '../../../ui/table-sort';
import type { RateSummary } from '../../../../../shared/satisfaction';

/** The columns that can be sorted, as the address names them. */
export const COUNTER_SORT_COLUMNS = ['counter', 'today-rate', 'today-n', 'month-rate', 'month-n'] as const;

interface Props {
  st: OverviewState;
  sort: SortState | null;
  onSortChange: (sort: SortState) => void;
}

export function Counters({ st, sort, onSortChange }: Props) {
  const s = useOverviewSpeech();
  const { m, v } = s;
  const rows = sortedCounters(st);
  const showUnit = new Set(rows.map((r) => r.servicePoint?.unitId)).size > 1;
  const name = (r: CounterRow) => (r.servicePoint ? s.local(r.servicePoint.name) : r.id);
  const unitOf = (r: CounterRow) => (r.servicePoint ? st.units.get(r.servicePoint.unitId) : undefined);
  const today = (r: CounterRow) => figuresOf(r.today.c, st);
  // On the 1st `prior` holds last month (closed): shown alone, not added to today.
  const month = (r: CounterRow) => figuresOf(st.firstOfMonth ? r.prior : addCounts(r.prior, r.today.c), st);
  const monthLabel = st.firstOfMonth ? v.counters.lastMonth : v.counters.month;

  const period = (key: 'today' | 'month', f: (r: CounterRow) => RateSummary): Column<CounterRow>[] => [
    {
      id: `${key}-rate`,
      group: key,
      header: v.counters.rate,
      cellClass: 'rate-cell',
      cellTestId: `cell-${key}-rate`,
      sortValue: (r) => f(r).rate,
      firstDir: 'desc',
      cell: (r) => (
        <>
          <span class="strong">{s.pct(f(r).rate)}</span>
          <StatusBadge status={f(r).status} />
        </>
      ),
    },
    {
      id: `${key}-n`,
      group: key,
      numeric: true,
      header: <abbr title={v.counters.nFull}>{v.counters.n}</abbr>,
      cellTestId: `cell-${key}-n`,
      sortValue: (r) => f(r).n,
      firstDir: 'desc',
      cell: (r) => s.num(f(r).n),
    },
    {
      id: `${key}-interval`,
      group: key,
      numeric: true,
      header: <abbr title={v.counters.intervalFull}>{v.counters.interval}</abbr>,
      cellClass: 'num',
      cell: (r) => {
        const i = f(r).interval;
        // Two unbreakable halves: on a narrow screen the interval wraps after the dash, not inside a number.
        return i ? (
          <>
            <span class="nowrap">{s.pct(i.low)} –</span> <span class="nowrap">{s.pct(i.high)}</span>
          </>
        ) : (
          '—'
        );
      },
    },
  ];

  const columns: Column<CounterRow>[] = [
    // The unit goes under the counter's name, not in a column of its own: beside the alerts the card is
    // too narrow for one more column, and a unit name squeezed into one wraps a word per line.
    {
      id: 'counter',
      header: v.counters.counter,
      rowHeader: true,
      sortValue: name,
      cell: (r) => {
        const unit = showUnit ? unitOf(r) : undefined;
        return (
          <>
            {name(r)}
            {unit && <span class="counter-unit muted">{s.local(unit.name)}</span>}
          </>
        );
      },
    },
    ...period('today', today),
    ...period('month', month),
  ];
  const shown = sortedRows(columns, rows, sort, s.locale);

  return (
    <section class="card counters-card" aria-labelledby="counters-title" data-testid="counters">
      <h2 id="counters-title" class="card-title">
        {v.counters.title}
      </h2>
      <DataTable
        class="counters"
        columns={columns}
        groups={[
          { id: 'today', header: v.counters.today },
          { id: 'month', header: monthLabel },
        ]}
        rows={rows}
        rowKey={(r) => r.id}
        rowTestId={(r) => `counter-${r.servicePoint?.code ?? r.id}`}
        emptyText={v.counters.empty}
        scrollLabel={v.counters.scrollHint}
        sort={sort}
        onSortChange={onSortChange}
      />
      {rows.length > 0 && (
        <ul class="counter-cards">
          {shown.map((r) => {
            const unit = unitOf(r);
            return (
              <li key={r.id} class="counter-card">
                <p class="counter-card-name">
                  <strong>{name(r)}</strong>
                  {showUnit && unit && <span class="muted"> · {s.local(unit.name)}</span>}
                </p>
                <PeriodLine label={v.counters.today} f={today(r)} />
                <PeriodLine label={monthLabel} f={month(r)} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** A phone-sized line: period, rate, status, n and interval. */
function PeriodLine({ label, f }: { label: string; f: RateSummary }) {
  const s = useOverviewSpeech();
  const { m, v } = s;
  return (
    <p class="period-line">
      <span class="period-label">{label}</span>
      <span class="strong">{s.pct(f.rate)}</span> <StatusBadge status={f.status} />
      <span class="muted small period-facts">
        {s.fill(v.overview.count, { n: s.num(f.n) })}
        {f.interval && ` · ${s.fill(m.figures.intervalShort, { low: s.pct(f.interval.low), high: s.pct(f.interval.high) })}`}
      </span>
    </p>
  );
}
