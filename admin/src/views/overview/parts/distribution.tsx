/** How many of each score, today and this month (question O): a stacked bar per period, the counts in a table. */
import { answered, type ScoreCounts } from '../../../../../shared/satisfaction';
import { useOverviewSpeech } from '../speech';

const SCORES = [5, 4, 3, 2, 1] as const;

function Stack({ label, counts }: { label: string; counts: ScoreCounts }) {
  const total = answered(counts);
  return (
    <div class="stack-row">
      <span class="stack-label">{label}</span>
      <span class="stack">
        {total > 0 &&
          [1, 2, 3, 4, 5].map((score) =>
            counts[score - 1] ? <span key={score} class={`stack-part score-${score}`} style={{ width: `${(counts[score - 1] / total) * 100}%` }} /> : null,
          )}
      </span>
    </div>
  );
}

export function Distribution({ today, month, monthLabel }: { today: ScoreCounts; month: ScoreCounts; monthLabel: string }) {
  const s = useOverviewSpeech();
  const { m, v } = s;
  const cell = (c: ScoreCounts, score: number) => {
    const total = answered(c);
    const count = c[score - 1];
    // The share goes under the count: two numbers side by side did not fit a half-width card at 800 px.
    return (
      <td class="num">
        <span class="dist-count">{s.num(count)}</span>
        {total > 0 && <span class="dist-share muted small">{s.fill(v.distribution.share, { share: s.pct(count / total) })}</span>}
      </td>
    );
  };
  return (
    <section class="card" aria-labelledby="dist-title" data-testid="distribution">
      <h2 id="dist-title" class="card-title">
        {v.distribution.title}
      </h2>
      <div class="stacks" aria-hidden="true">
        <Stack label={v.distribution.today} counts={today} />
        <Stack label={monthLabel} counts={month} />
      </div>
      <table class="table dist" data-testid="distribution-table">
        <thead>
          <tr>
            <th scope="col">{v.distribution.score}</th>
            <th scope="col" class="num">
              {v.distribution.today}
            </th>
            <th scope="col" class="num">
              {monthLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {SCORES.map((score) => (
            <tr key={score}>
              <th scope="row" class="dist-label">
                <span class="dist-label-inner">
                  <span class={`swatch score-${score}`} aria-hidden="true" />
                  <span>
                    {score} – {v.distribution.scale[String(score) as '1']}
                  </span>
                </span>
              </th>
              {cell(today, score)}
              {cell(month, score)}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
