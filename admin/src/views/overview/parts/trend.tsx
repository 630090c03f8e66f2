/**
 * The daily rate over 30 days with its 95% interval as a band and the target
 * as a dashed line (chart.js, only the parts used are registered). The same
 * figures are available as a table for screen readers and for reading off.
 */
import { useEffect, useRef } from 'preact/hooks';
import {
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type TooltipItem,
} from 'chart.js';
import type { SeriesPoint } from '../../../types';
import { useOverviewSpeech, type OverviewSpeech } from '../speech';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Tooltip);

const BRAND = '#0b3a6f';
const BAND = 'rgba(11, 58, 111, 0.14)';
const TARGET = '#a4161a';
const GRID = '#e3e7eb';
const INK = '#3d4650';

const pc = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10000) / 100);

function configOf(points: SeriesPoint[], target: number, s: OverviewSpeech): ChartConfiguration<'line', (number | null)[], string> {
  const lows = points.flatMap((p) => (p.interval ? [p.interval.low] : []));
  const lowest = Math.min(target, ...lows);
  const yMin = Math.max(0, Math.floor((lowest * 100 - 5) / 10) * 10);
  const tooltipLabel = (item: TooltipItem<'line'>) => {
    const p = points[item.dataIndex];
    if (!p || p.rate === null) return s.v.trend.noData;
    return s.fill(s.v.trend.tooltip, { rate: s.pct(p.rate), n: s.num(p.n), low: s.pct(p.interval?.low ?? null), high: s.pct(p.interval?.high ?? null) });
  };
  return {
    type: 'line',
    data: {
      labels: points.map((p) => s.day(Date.parse(p.bucket))),
      datasets: [
        { label: s.v.trend.band, data: points.map((p) => pc(p.interval?.high)), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: '+1', backgroundColor: BAND, spanGaps: false },
        { label: s.v.trend.band, data: points.map((p) => pc(p.interval?.low)), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false, spanGaps: false },
        {
          label: s.v.trend.rate,
          data: points.map((p) => pc(p.rate)),
          borderColor: BRAND,
          backgroundColor: BRAND,
          borderWidth: 2.5,
          pointRadius: 3,
          pointHoverRadius: 5,
          fill: false,
          spanGaps: false,
        },
        {
          label: s.fill(s.v.trend.target, { target: s.target(target) }),
          data: points.map(() => pc(target)),
          borderColor: TARGET,
          borderDash: [6, 4],
          borderWidth: 2,
          pointRadius: 0,
          pointHitRadius: 0,
          fill: false,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { grid: { display: false }, ticks: { color: INK, maxRotation: 0, autoSkipPadding: 12 } },
        y: { min: yMin, max: 100, grid: { color: GRID }, ticks: { color: INK, stepSize: 10, callback: (v) => `${v}%` } },
      },
      plugins: {
        tooltip: { filter: (item) => item.datasetIndex === 2, callbacks: { label: tooltipLabel } },
      },
    },
  };
}

export function Trend({ points, target }: { points: SeriesPoint[]; target: number }) {
  const s = useOverviewSpeech();
  const { m, v } = s;
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line', (number | null)[], string> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, configOf(points, target, s));
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // Created once; later changes go through update() below.
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const next = configOf(points, target, s);
    c.data = next.data;
    c.options = next.options!;
    c.update('none');
  }, [points, target, s]);

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
        <canvas ref={canvas} role="img" aria-label={v.trend.chartLabel} />
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
