/** Today and this month: the headline rate against the target, always with n, the interval and the status. */
import type { ComponentChildren } from 'preact';
import type { RateSummary } from '../../../../../shared/satisfaction';
import { useOverviewSpeech } from '../speech';
import { Gauge, IntervalText, StatusBadge } from '../../../ui/figures';

interface Props {
  id: 'today' | 'month';
  title: string;
  figures: RateSummary;
  target: number;
  /** The month card says what it takes to reach the target. */
  showGap?: boolean;
  /** More lines under the figures (yesterday, on the 1st). */
  children?: ComponentChildren;
}

export function HeadlineCard({ id, title, figures: f, target, showGap, children }: Props) {
  const s = useOverviewSpeech();
  const { m, v, fill } = s;
  return (
    <section class="card headline" aria-labelledby={`${id}-title`} data-testid={`headline-${id}`}>
      <h2 id={`${id}-title`} class="card-title">
        {title}
      </h2>
      <p class="headline-rate">
        <span class="visually-hidden">{v.overview.rateLabel}: </span>
        <span class="rate-value" data-testid={`${id}-rate`}>
          {s.pct(f.rate)}
        </span>
      </p>
      <p class="headline-meta">
        <StatusBadge status={f.status} testId={`${id}-status`} />
        <span class="count" data-testid={`${id}-n`} title={fill(v.overview.countLong, { n: s.num(f.n) })}>
          {fill(v.overview.count, { n: s.num(f.n) })}
        </span>
      </p>
      <Gauge rate={f.rate} interval={f.interval} target={target} />
      <p class="muted small" data-testid={`${id}-interval`}>
        {f.interval ? <IntervalText interval={f.interval} /> : v.overview.noRatings}
      </p>
      <p class="muted small">{fill(v.overview.target, { target: s.target(target) })}</p>
      {showGap && <Gap figures={f} target={target} />}
      {children}
    </section>
  );
}

function Gap({ figures: f, target }: { figures: RateSummary; target: number }) {
  const s = useOverviewSpeech();
  const { m, v, fill } = s;
  const t = s.target(target);
  let text: string;
  let cls = 'gap';
  if (f.n === 0) text = v.overview.gapNoData;
  else if (f.gap === 0) {
    text = fill(v.overview.gapMet, { target: t });
    cls += ' gap-met';
  } else if (f.gap === null) text = fill(v.overview.gapUnreachable, { target: t });
  else text = fill(f.gap === 1 ? v.overview.gapOne : v.overview.gap, { n: s.num(f.gap), target: t });
  return (
    <p class={cls} data-testid="month-gap">
      {text}
    </p>
  );
}
