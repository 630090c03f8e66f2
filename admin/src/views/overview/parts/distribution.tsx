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

export function Distribution({ today, month }: { today: ScoreCounts; month: ScoreCounts }) {
  const s = useOverviewSpeech();
  const { m, v } = s;
  const cell = (c: ScoreCounts, score: number) => {
    const total = answered(c);
    const count = c[score - 1];
    return <td class="num nowrap">{total ? s.fill(v.distribution.share, { count: s.num(count), share: s.pct(count / total) }) : s.num(count)}</td>;
  };
  return (
    <section class="card" aria-labelledby="dist-title" data-testid="distribution">
      <h2 id="dist-title" class="card-title">
        {v.distribution.title}
      </h2>
      <div class="stacks" aria-hidden="true">
        <Stack label={v.distribution.today} counts={today} />
        <Stack label={v.distribution.month} counts={month} />
      </div>
      <table class="table dist">
        <thead>
          <tr>
            <th scope="col">{v.distribution.score}</th>
            <th scope="col" class="num">
              {v.distribution.today}
            </th>
            <th scope="col" class="num">
              {v.distribution.month}
            </th>
          </tr>
        </thead>
        <tbody>
          {SCORES.map((score) => (
            <tr key={score}>
              <th scope="row">
                <span class={`swatch score-${score}`} aria-hidden="true" />
                {score} – {v.distribution.scale[String(score) as '1']}
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
