/**
 * Counter-QR answers that are not verified (no kiosk, no dossier link),
 * counted apart from the headline: when the headline counts verified ratings
 * only they are not in it at all, and the office should still see how many
 * came and how they rated.
 */
import { summarise, type ScoreCounts } from '../../../../../shared/satisfaction';
import type { OverviewState } from '../model';
import { useOverviewSpeech } from '../speech';

export function UnverifiedQr({ st }: { st: OverviewState }) {
  const s = useOverviewSpeech();
  const { v, fill } = s;
  const u = st.unverifiedQr;
  const line = (testId: string, label: string, c: ScoreCounts, responses: number) => {
    const f = summarise(c, st.target, st.minSample);
    return (
      <div class="uq-row">
        <dt>{label}</dt>
        <dd data-testid={testId}>{responses === 0 ? v.unverified.none : fill(v.unverified.figures, { responses: s.num(responses), rate: s.pct(f.rate), n: s.num(f.n) })}</dd>
      </div>
    );
  };
  return (
    <section class="card unverified-qr" aria-labelledby="uq-title" data-testid="unverified-qr">
      <h2 id="uq-title" class="card-title">
        {v.unverified.title}
      </h2>
      <dl class="uq-list">
        {line('uq-today', v.unverified.today, u.today, u.todayResponses)}
        {line('uq-period', st.firstOfMonth ? v.unverified.lastMonth : v.unverified.month, u.period, u.periodResponses)}
      </dl>
      <p class="muted small" data-testid="uq-basis">
        {st.verifiedOnly ? v.unverified.apart : v.unverified.included}
      </p>
    </section>
  );
}
