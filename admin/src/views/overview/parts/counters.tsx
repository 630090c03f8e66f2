/** Each counter today and this month: rate and status, n, and the 95% interval. */
import { addCounts, figuresOf, sortedCounters, type OverviewState } from '../model';
import { useOverviewSpeech } from '../speech';
import { StatusBadge } from '../../../ui/figures';
import type { RateSummary } from '../../../../../shared/satisfaction';

export function Counters({ st }: { st: OverviewState }) {
  const s = useOverviewSpeech();
  const { m, v } = s;
  const rows = sortedCounters(st);
  const showUnit = new Set(rows.map((r) => r.servicePoint?.unitId)).size > 1;
  const period = (f: RateSummary, key: string) => [
    <td key={`${key}-r`} class="rate-cell" data-testid={`cell-${key}-rate`}>
      <span class="strong">{s.pct(f.rate)}</span>
      <StatusBadge status={f.status} />
    </td>,
    <td key={`${key}-n`} class="num" data-testid={`cell-${key}-n`}>
      {s.num(f.n)}
    </td>,
    <td key={`${key}-i`} class="num nowrap">
      {f.interval ? `${s.pct(f.interval.low)} – ${s.pct(f.interval.high)}` : '—'}
    </td>,
  ];
  return (
    <section class="card counters-card" aria-labelledby="counters-title" data-testid="counters">
      <h2 id="counters-title" class="card-title">
        {v.counters.title}
      </h2>
      {rows.length === 0 ? (
        <p class="muted">{v.counters.empty}</p>
      ) : (
        <div class="table-scroll" role="region" aria-label={v.counters.scrollHint} tabIndex={0}>
          <table class="table counters">
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  {v.counters.counter}
                </th>
                {showUnit && (
                  <th scope="col" rowSpan={2}>
                    {v.counters.unit}
                  </th>
                )}
                <th scope="colgroup" colSpan={3} class="group">
                  {v.counters.today}
                </th>
                <th scope="colgroup" colSpan={3} class="group">
                  {v.counters.month}
                </th>
              </tr>
              <tr>
                {[0, 1].map((i) => [
                  <th key={`r${i}`} scope="col" class="sub">
                    {v.counters.rate}
                  </th>,
                  <th key={`n${i}`} scope="col" class="sub num">
                    <abbr title={v.counters.nFull}>{v.counters.n}</abbr>
                  </th>,
                  <th key={`i${i}`} scope="col" class="sub num">
                    <abbr title={v.counters.intervalFull}>{v.counters.interval}</abbr>
                  </th>,
                ])}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const today = figuresOf(r.today.c, st);
                const month = figuresOf(addCounts(r.prior, r.today.c), st);
                const unit = r.servicePoint ? st.units.get(r.servicePoint.unitId) : undefined;
                return (
                  <tr key={r.id} data-testid={`counter-${r.servicePoint?.code ?? r.id}`}>
                    <th scope="row">{r.servicePoint ? s.local(r.servicePoint.name) : r.id}</th>
                    {showUnit && <td>{unit ? s.local(unit.name) : '—'}</td>}
                    {period(today, 'today')}
                    {period(month, 'month')}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > 0 && (
        <ul class="counter-cards">
          {rows.map((r) => {
            const unit = r.servicePoint ? st.units.get(r.servicePoint.unitId) : undefined;
            return (
              <li key={r.id} class="counter-card">
                <p class="counter-card-name">
                  <strong>{r.servicePoint ? s.local(r.servicePoint.name) : r.id}</strong>
                  {showUnit && unit && <span class="muted"> · {s.local(unit.name)}</span>}
                </p>
                <PeriodLine label={v.counters.today} f={figuresOf(r.today.c, st)} />
                <PeriodLine label={v.counters.month} f={figuresOf(addCounts(r.prior, r.today.c), st)} />
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
