/** Small pieces every figure uses: the status badge, the interval, the gauge against target. */
import type { Interval, TargetStatus } from '../../../shared/satisfaction';
import { useSpeech } from '../i18n';

export function StatusBadge({ status, testId }: { status: TargetStatus; testId?: string }) {
  const { m } = useSpeech();
  return (
    <span class={`badge status-${status}`} title={m.statusHint[status]} data-status={status} data-testid={testId}>
      <span class="badge-icon" aria-hidden="true">
        {STATUS_ICON[status]}
      </span>
      {m.status[status]}
    </span>
  );
}

const STATUS_ICON: Record<TargetStatus, string> = {
  'no-data': '–',
  meets: '✓',
  below: '!',
  'significantly-below': '▼',
};

export function IntervalText({ interval, short = false }: { interval: Interval | null; short?: boolean }) {
  const { m, fill, pct } = useSpeech();
  if (!interval) return null;
  return <>{fill(short ? m.figures.intervalShort : m.figures.interval, { low: pct(interval.low), high: pct(interval.high) })}</>;
}

/**
 * The rate on a 0–100% track with its 95% interval as a band and the target
 * as a tick. Decorative: the same facts are in the text beside it.
 */
export function Gauge({ rate, interval, target }: { rate: number | null; interval: Interval | null; target: number }) {
  const at = (v: number) => `${Math.max(0, Math.min(100, v * 100))}%`;
  return (
    <div class="gauge" aria-hidden="true">
      {interval && <div class="gauge-band" style={{ left: at(interval.low), width: `${(interval.high - interval.low) * 100}%` }} />}
      {rate !== null && <div class="gauge-fill" style={{ width: at(rate) }} />}
      <div class="gauge-target" style={{ left: at(target) }} />
    </div>
  );
}
