/**
 * H (harassment) and M (informal payments) this month, as shares of none /
 * some / many with n. Sensitive: the server gives the numbers only when n
 * reaches the organisation's minimum sample; below it this card says "not
 * enough answers" and shows no figure at all. Never a rate (SIPAS.md §3).
 */
import { INTEGRITY_ANSWERS, INTEGRITY_CODES } from '../../../../../shared/sipas';
import type { OverviewState } from '../model';
import { useOverviewSpeech } from '../speech';

export function Integrity({ integrity, verifiedOnly }: { integrity: OverviewState['month']['integrity']; verifiedOnly: boolean }) {
  const s = useOverviewSpeech();
  const v = s.v.integrity;
  const minSample = integrity.H.minSample;
  return (
    <section class="card" aria-labelledby="integrity-title" data-testid="integrity">
      <h2 id="integrity-title" class="card-title">
        {v.title}
      </h2>
      <table class="table integrity">
        <thead>
          <tr>
            <th scope="col">{v.question}</th>
            {INTEGRITY_ANSWERS.map((a) => (
              <th scope="col" class="num" key={a}>
                {v.answers[a]}
              </th>
            ))}
            <th scope="col" class="num">
              <abbr title={v.nFull}>{v.n}</abbr>
            </th>
          </tr>
        </thead>
        <tbody>
          {INTEGRITY_CODES.map((code) => {
            const q = integrity[code];
            return (
              <tr key={code} data-testid={`integrity-${code}`}>
                <th scope="row">{v.names[code]}</th>
                {q.enough && q.shares ? (
                  <>
                    {INTEGRITY_ANSWERS.map((a) => (
                      <td class="num" key={a}>
                        {s.pct(q.shares![a])}
                      </td>
                    ))}
                    <td class="num">{s.num(q.n)}</td>
                  </>
                ) : (
                  <td colSpan={4} class="muted" data-testid={`integrity-${code}-not-enough`}>
                    {s.fill(v.notEnough, { min: s.num(minSample) })}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="muted small">
        {v.note}
        {verifiedOnly && ` ${s.v.elements.verifiedOnly}`}
      </p>
    </section>
  );
}
