/**
 * The trend (#/trend?period=…&bucket=day|week|month&<filters>): the rate per
 * day, week or month with its 95% interval as a band and the target as a
 * dashed line (chart.js), and the same figures as a table.
 */
import './styles.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration, type TooltipItem } from 'chart.js';
import { getTimeseries } from '../../api/stats';
import { localDay } from '../../dates';
import { useViewSpeech, type ViewSpeech } from '../../i18n';
import { useAppData } from '../../store';
import type { SeriesPoint, StatsTimeseries } from '../../types';
import { FilterBar } from '../../ui/filter-bar';
import { filtersFromParams, filtersToParams, filtersToQuery } from '../../ui/filters';
import { PeriodPicker } from '../../ui/period-picker';
import { periodFromParams, periodToParams, rangeOf } from '../../ui/period-range';
import type { ViewProps } from '../view';
import { trendMessages, type TrendMessages } from './messages';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Tooltip);

const BUCKETS = ['day', 'week', 'month'] as const;
type Bucket = (typeof BUCKETS)[number];
const BRAND = '#0b3a6f';
const BAND = 'rgba(11, 58, 111, 0.14)';
const TARGET = '#a4161a';
const GRID = '#e3e7eb';
const INK = '#3d4650';
const pc = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10000) / 100);

type S = ViewSpeech<TrendMessages>;

function labelOf(p: SeriesPoint, bucket: Bucket, s: S): string {
  const day = localDay(Date.parse(p.bucket));
  if (bucket === 'month') return `${day.slice(5, 7)}/${day.slice(0, 4)}`;
  if (bucket === 'week') return s.fill(s.v.trend.weekOf, { day: s.date(day) });
  return s.date(day);
}

function configOf(points: SeriesPoint[], bucket: Bucket, target: number, s: S): ChartConfiguration<'line', (number | null)[], string> {
  const t = s.v.trend;
  const lows = points.flatMap((p) => (p.interval ? [p.interval.low] : []));
  const yMin = Math.max(0, Math.floor((Math.min(target, ...lows) * 100 - 5) / 10) * 10);
  const tooltipLabel = (item: TooltipItem<'line'>) => {
    const p = points[item.dataIndex];
    if (!p || p.rate === null) return t.noData;
    return s.fill(t.tooltip, { rate: s.pct(p.rate), n: s.num(p.n), low: s.pct(p.interval?.low ?? null), high: s.pct(p.interval?.high ?? null) });
  };
  return {
    type: 'line',
    data: {
      labels: points.map((p) => labelOf(p, bucket, s)),
      datasets: [
        { label: t.band, data: points.map((p) => pc(p.interval?.high)), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: '+1', backgroundColor: BAND, spanGaps: false },
        { label: t.band, data: points.map((p) => pc(p.interval?.low)), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false, spanGaps: false },
        { label: t.rate, data: points.map((p) => pc(p.rate)), borderColor: BRAND, backgroundColor: BRAND, borderWidth: 2.5, pointRadius: 3, pointHoverRadius: 5, fill: false, spanGaps: false },
        { label: s.fill(t.target, { target: s.target(target) }), data: points.map(() => pc(target)), borderColor: TARGET, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, pointHitRadius: 0, fill: false },
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
      plugins: { tooltip: { filter: (item) => item.datasetIndex === 2, callbacks: { label: tooltipLabel } } },
    },
  };
}

function TrendChart({ series, s }: { series: StatsTimeseries; s: S }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line', (number | null)[], string> | null>(null);
  const bucket = series.bucket as Bucket;
  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, configOf(series.points, bucket, series.target, s));
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const next = configOf(series.points, bucket, series.target, s);
    c.data = next.data;
    c.options = next.options!;
    c.update('none');
  }, [series, s.locale]);
  return (
    <div class="chart-box trend-box">
      <canvas ref={canvas} role="img" aria-label={s.fill(s.v.trend.chartLabel, { bucket: s.v.trend.buckets[bucket].toLowerCase(), target: s.target(series.target) })} />
    </div>
  );
}

export default function TrendView({ params, setParams }: ViewProps) {
  const s = useViewSpeech(trendMessages);
  const t = s.v.trend;
  const { organisation } = useAppData();
  const period = periodFromParams(params, 'quarter');
  const range = rangeOf(period);
  const bucket: Bucket = (BUCKETS as readonly string[]).includes(params.bucket ?? '') ? (params.bucket as Bucket) : 'week';
  const filters = filtersFromParams(params);
  const [series, setSeries] = useState<StatsTimeseries | null>(null);
  const [failed, setFailed] = useState(false);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify([range, bucket, filters, generation]);
  useEffect(() => {
    if (!range) return;
    const ac = new AbortController();
    setSeries(null);
    setFailed(false);
    getTimeseries({ ...filtersToQuery(filters), from: range.from, to: range.to, bucket }, { signal: ac.signal }).then(setSeries, () => !ac.signal.aborted && setFailed(true));
    return () => ac.abort();
  }, [key]);
  const target = series?.target ?? organisation.target;
  const hasData = !!series && series.points.some((p) => p.n > 0);

  return (
    <div class="trend-screen">
      <section class="card trend-controls" aria-label={t.title}>
        <PeriodPicker id="tr-period" value={period} onChange={(sel) => setParams(periodToParams(sel), { replace: true })} />
        <span class="filter tr-field">
          <label for="tr-bucket" class="field-label">
            {t.bucket}
          </label>
          <select id="tr-bucket" value={bucket} onChange={(e) => setParams({ bucket: e.currentTarget.value }, { replace: true })}>
            {BUCKETS.map((b) => (
              <option key={b} value={b}>
                {t.buckets[b]}
              </option>
            ))}
          </select>
        </span>
        <FilterBar id="tr-filter" value={filters} onChange={(f) => setParams({ ...filtersToParams(f) }, { replace: true })} />
      </section>
      <section class="card" aria-labelledby="tr-title" data-testid="trend-card">
        <h2 id="tr-title">{t.title}</h2>
        {failed ? (
          <div class="notice error" role="alert">
            {t.failed}{' '}
            <button type="button" class="btn btn-secondary" onClick={() => setGeneration((g) => g + 1)}>
              {t.retry}
            </button>
          </div>
        ) : !series ? (
          <p class="loading" role="status">
            {t.loading}
          </p>
        ) : !hasData ? (
          <p class="muted">{t.empty}</p>
        ) : (
          <>
            <ul class="legend" aria-hidden="true">
              <li>
                <span class="key key-line" />
                {t.rate}
              </li>
              <li>
                <span class="key key-band" />
                {t.band}
              </li>
              <li>
                <span class="key key-target" />
                {s.fill(t.target, { target: s.target(target) })}
              </li>
            </ul>
            <TrendChart series={series} s={s} />
            <details class="chart-table">
              <summary>{t.showTable}</summary>
              <div class="table-scroll">
                <table class="table" data-testid="trend-table">
                  <thead>
                    <tr>
                      <th scope="col">{t.period}</th>
                      <th scope="col" class="num">
                        {t.rate}
                      </th>
                      <th scope="col" class="num">
                        {t.n}
                      </th>
                      <th scope="col" class="num">
                        {t.interval}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...series.points].reverse().map((p) => (
                      <tr key={p.bucket}>
                        <th scope="row">{labelOf(p, bucket, s)}</th>
                        <td class="num">{s.pct(p.rate)}</td>
                        <td class="num">{s.num(p.n)}</td>
                        <td class="num">{p.interval ? `${s.pct(p.interval.low)} – ${s.pct(p.interval.high)}` : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
      </section>
    </div>
  );
}
