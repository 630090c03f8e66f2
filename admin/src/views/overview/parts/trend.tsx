/**
 * The daily rate over 30 days with its 95% interval as a band and the target
 * as a dashed line (chart.js, only the parts used are registered). The same
 * figures are available as a table for screen readers and for reading off.
 */
import { useMemo } from 'preact/hooks';
import type { SeriesPoint } from '../../../types';
import { RateTrendCanvas, rateTrendConfig } from '../../../ui/rate-trend-chart';
import { useOverviewSpeech } from '../speech';

export function Trend({ points, target }: { points: SeriesPoint[]; target: number }) {
  const s = useOverviewSpeech();
  const { v } = s;
  const config = useMemo(
    () =>
      rateTrendConfig(
        points,
        points.map((p) => s.day(Date.parse(p.bucket))),
        target,
        {
          rate: v.trend.rate,
          band: v.trend.band,
          target: s.fill(v.trend.target, { target: s.target(target) }),
          noData: v.trend.noData,
          tooltip: (p) => s.fill(v.trend.tooltip, { rate: s.pct(p.rate), n: s.num(p.n), low: s.pct(p.interval?.low ?? null), high: s.pct(p.interval?.high ?? null) }),
        },
      ),
    [points, target, s],
  );

  return (
    <section class="card trend" aria-labelledby="trend-title" data-testid="trend">
      <h2 id="trend-title" class="card-title">
        {v.trend.title}
      </h2>
      <ul class="legend" aria-hidden="true">
        <li>
          <span class="key key-line" />
          {v.trend.rate}
        </li>
        <li>
          <span class="key key-band" />
          {v.trend.band}
        </li>
        <li>
          <span class="key key-target" />
          {s.fill(v.trend.target, { target: s.target(target) })}
        </li>
      </ul>
      <div class="chart-box">
        <RateTrendCanvas config={config} label={v.trend.chartLabel} />
      </div>
      <details class="chart-table">
        <summary>{v.trend.showTable}</summary>
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{v.trend.day}</th>
                <th scope="col" class="num">
                  {v.counters.rate}
                </th>
                <th scope="col" class="num">
                  {v.counters.n}
                </th>
                <th scope="col" class="num">
                  {v.counters.intervalFull}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...points].reverse().map((p) => (
                <tr key={p.bucket}>
                  <th scope="row">{s.day(Date.parse(p.bucket))}</th>
                  <td class="num">{s.pct(p.rate)}</td>
                  <td class="num">{s.num(p.n)}</td>
                  <td class="num">{p.interval ? `${s.pct(p.interval.low)} – ${s.pct(p.interval.high)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
