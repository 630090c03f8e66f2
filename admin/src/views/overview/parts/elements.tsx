/**
 * The five SIPAS element indices this month, against the target, and their
 * mean: the service index, with the aggregation that made it. Never called
 * the province's SIPAS score (SIPAS.md §1).
 */
import { ELEMENTS } from '../../../../../shared/sipas';
import type { OverviewState } from '../model';
import { useOverviewSpeech } from '../speech';

export function Elements({ month, target, verifiedOnly }: { month: OverviewState['month']; target: number; verifiedOnly: boolean }) {
  const s = useOverviewSpeech();
  const { m, v } = s;
  const rows = ELEMENTS.map((e) => ({
    code: e.code,
    index: month.indices.elements[e.code] ?? null,
    // The answers behind the index: every criterion answer of the element.
    n: e.criteria.reduce((a, c) => a + (month.criteria[c.code]?.n ?? 0), 0),
  }));
  const any = rows.some((r) => r.n > 0);
  return (
    <section class="card" aria-labelledby="el-title" data-testid="elements">
      <h2 id="el-title" class="card-title">
        {v.elements.title}
      </h2>
      {!any ? (
        <>
          <p class="muted">{v.elements.empty}</p>
          {verifiedOnly && <p class="muted small">{v.elements.verifiedOnly}</p>}
        </>
      ) : (
        <>
          <table class="table elements">
            <thead>
              <tr>
                <th scope="col">{v.elements.element}</th>
                <th scope="col">{v.elements.index}</th>
                <th scope="col" class="num">
                  {v.elements.answers}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code} data-testid={`element-${r.code}`}>
                  <th scope="row">{v.elements.names[r.code]}</th>
                  <td>
                    <div class="bar-cell">
                      <span class="bar" aria-hidden="true">
                        {r.index !== null && <span class={`bar-fill ${r.index >= target ? 'ok' : 'low'}`} style={{ width: `${r.index * 100}%` }} />}
                        <span class="bar-target" style={{ left: `${target * 100}%` }} />
                      </span>
                      <span class="num">{s.pct(r.index)}</span>
                    </div>
                  </td>
                  <td class="num">{s.num(r.n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="small" data-testid="service-index">
            {s.fill(v.elements.serviceIndex, { rate: s.pct(month.indices.serviceIndex) })}
          </p>
          <p class="muted small" data-testid="aggregation">
            {s.fill(v.elements.aggregation, { method: v.elements.methods[month.indices.aggregation] })} {v.elements.notProvince}
            {verifiedOnly && ` ${v.elements.verifiedOnly}`}
          </p>
        </>
      )}
    </section>
  );
}
