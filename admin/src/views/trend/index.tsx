/**
 * The trend (#/trend?period=…&bucket=day|week|month&<filters>): the rate per
 * day, week or month with its 95% interval as a band and the target as a
 * dashed line (chart.js), and the same figures as a table.
 */
import './styles.css';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { RateTrendCanvas, rateTrendConfig } from '../../ui/rate-trend-chart';
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
import { PeriodComparison } from './comparison';

const BUCKETS = ['day', 'week', 'month'] as const;
type Bucket = (typeof BUCKETS)[number];

type S = ViewSpeech<TrendMessages>;

function labelOf(p: SeriesPoint, bucket: Bucket, s: S): string {
  const day = localDay(Date.parse(p.bucket));
  if (bucket === 'month') return `${day.slice(5, 7)}/${day.slice(0, 4)}`;
  if (bucket === 'week') return s.fill(s.v.trend.weekOf, { day: s.date(day) });
  return s.date(day);
}

function TrendChart({ series, s, minSample }: { series: StatsTimeseries; s: S; minSample: number }) {
  const bucket = series.bucket as Bucket;
  const t = s.v.trend;
  const config = useMemo(
    () =>
      rateTrendConfig(
        series.points,
        series.points.map((p) => labelOf(p, bucket, s)),
        series.target,
        {
          rate: t.rate,
          band: t.band,
          target: s.fill(t.target, { target: s.target(series.target) }),
          noData: t.noData,
          tooltip: (p) => s.fill(t.tooltip, { rate: s.pct(p.rate), n: s.num(p.n), low: s.pct(p.interval?.low ?? null), high: s.pct(p.interval?.high ?? null) }),
          withheld: (p) => s.fill(t.withheld, { n: s.num(p.n), min: s.num(minSample) }),
        },
      ),
    [series, s.locale, minSample],
  );
  return (
    <div class="chart-box trend-box">
      <RateTrendCanvas config={config} label={s.fill(t.chartLabel, { bucket: t.buckets[bucket].toLowerCase(), target: s.target(series.target) })} />
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
  // One officer's buckets below the minimum sample come without a rate (the server withholds them).
  const anyWithheld = !!series && series.points.some((p) => p.hidden);
  const anyRate = !!series && series.points.some((p) => p.rate !== null);
  const minSample = organisation.minSample;

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
        {range && <PeriodComparison range={range} scope={filtersToQuery(filters)} s={s} minSample={organisation.minSample} />}
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
            {anyWithheld && (
              <p class="notice small trend-withheld" data-testid="trend-withheld">
                {s.fill(anyRate ? t.withheldNote : t.withheldAll, { min: s.num(minSample) })}
              </p>
            )}
            {anyRate && (
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
            )}
            {anyRate && <TrendChart series={series} s={s} minSample={minSample} />}
            <details class="chart-table" open={!anyRate || undefined}>
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
                        <td class="num" data-testid={p.hidden ? 'trend-cell-withheld' : undefined}>
                          {p.hidden ? <span class="muted small">{s.fill(t.withheld, { n: s.num(p.n), min: s.num(minSample) })}</span> : s.pct(p.rate)}
                        </td>
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
