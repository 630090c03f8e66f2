/**
 * A satisfaction rate over time, drawn one way wherever it appears (the
 * overview's 30 days, the Trend screen's days, weeks or months): the rate
 * as a line, its 95% interval as a band, the target as a dashed line
 * (chart.js, only the parts used are registered). Each screen brings its
 * own words and point labels; the figures stay in its table alternative.
 */
import { useEffect, useRef } from 'preact/hooks';
import { CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration, type TooltipItem } from 'chart.js';
import type { SeriesPoint } from '../types';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Tooltip);

const BRAND = '#0b3a6f';
const BAND = 'rgba(11, 58, 111, 0.14)';
const TARGET = '#a4161a';
const GRID = '#e3e7eb';
const INK = '#3d4650';

const pc = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10000) / 100);

/** What the chart says, in the screen's language. */
export interface RateTrendText {
  rate: string;
  band: string;
  /** The target line's legend, e.g. "Mục tiêu 85%". */
  target: string;
  noData: string;
  /** The tooltip of one point that has a rate. */
  tooltip: (p: SeriesPoint) => string;
  /** The tooltip of a point whose rate the server withheld (one officer, below the minimum sample). */
  withheld?: (p: SeriesPoint) => string;
}

type LineConfig = ChartConfiguration<'line', (number | null)[], string>;

export function rateTrendConfig(points: SeriesPoint[], labels: string[], target: number, text: RateTrendText): LineConfig {
  const lows = points.flatMap((p) => (p.interval ? [p.interval.low] : []));
  const yMin = Math.max(0, Math.floor((Math.min(target, ...lows) * 100 - 5) / 10) * 10);
  const tooltipLabel = (item: TooltipItem<'line'>) => {
    const p = points[item.dataIndex];
    if (p?.hidden && text.withheld) return text.withheld(p);
    return !p || p.rate === null ? text.noData : text.tooltip(p);
  };
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: text.band, data: points.map((p) => pc(p.interval?.high)), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: '+1', backgroundColor: BAND, spanGaps: false },
        { label: text.band, data: points.map((p) => pc(p.interval?.low)), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false, spanGaps: false },
        { label: text.rate, data: points.map((p) => pc(p.rate)), borderColor: BRAND, backgroundColor: BRAND, borderWidth: 2.5, pointRadius: 3, pointHoverRadius: 5, fill: false, spanGaps: false },
        { label: text.target, data: points.map(() => pc(target)), borderColor: TARGET, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, pointHitRadius: 0, fill: false },
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

/** The canvas: the chart is created once and updated in place when the configuration changes. */
export function RateTrendCanvas({ config, label }: { config: LineConfig; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line', (number | null)[], string> | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // Created once; later changes go through update() below.
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data = config.data;
    c.options = config.options!;
    c.update('none');
  }, [config]);
  return <canvas ref={canvas} role="img" aria-label={label} />;
}
