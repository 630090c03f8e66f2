/**
 * Decision 766 indicator 5.4 and dossier-link coverage over the last 30 days:
 * a card of its own beside the headline, never mixed with the satisfaction
 * rate. Loads on its own (GET /stats/indicator-766), with loading, error and
 * "not available" states.
 */
import { useEffect, useState } from 'preact/hooks';
import { getIndicator766, type Indicator766 } from '../../../api/decision766';
import { addDays, localDay } from '../../../dates';
import { useOverviewSpeech } from '../speech';

type Load = { state: 'loading' } | { state: 'error' } | { state: 'ready'; data: Indicator766 };

export function Decision766Card() {
  const s = useOverviewSpeech();
  const { v, fill } = s;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctl = new AbortController();
    const today = localDay(Date.now());
    setLoad({ state: 'loading' });
    getIndicator766({ from: addDays(today, -29), to: today }, { signal: ctl.signal }).then(
      (data) => setLoad({ state: 'ready', data }),
      () => !ctl.signal.aborted && setLoad({ state: 'error' }),
    );
    return () => ctl.abort();
  }, [attempt]);

  const w = v.decision766;
  return (
    <section class="card d766" aria-labelledby="d766-title" data-testid="decision766">
      <h2 id="d766-title" class="card-title">
        {w.title}
      </h2>
      {load.state === 'loading' && <p class="muted">{w.loading}</p>}
      {load.state === 'error' && (
        <p class="notice error" role="alert">
          {w.failed}{' '}
          <button type="button" class="btn btn-secondary" onClick={() => setAttempt((n) => n + 1)}>
            {w.retry}
          </button>
        </p>
      )}
      {load.state === 'ready' && <Figures d={load.data} />}
      <p class="muted small">{w.formula}</p>
    </section>
  );

  function Figures({ d }: { d: Indicator766 }) {
    const c = d.dossiers;
    return (
      <div class="d766-figures">
        <div>
          <p class="d766-label">{w.indicator}</p>
          {d.value === null ? (
            <p class="muted" data-testid="d766-unavailable">
              {d.unavailable === 'none-settled' ? w.noneSettled : w.noOutcomes}
            </p>
          ) : (
            <>
              <p class="d766-value" data-testid="d766-value">
                {s.pct(d.value)}
              </p>
              <p class="small">{fill(w.points, { points: s.num(Math.round((d.points ?? 0) * 100) / 100), max: s.num(d.maxPoints) })}</p>
              <p class="muted small" data-testid="d766-counts">
                {fill(w.counts, { settled: s.num(c.settled), late: s.num(c.late), either: s.num(c.complainedOrLowRated), complained: s.num(c.complained), low: s.num(c.lowRated) })}
              </p>
            </>
          )}
        </div>
        <div>
          <p class="d766-label">{w.coverage}</p>
          {d.coverage === null ? (
            <p class="muted small">{w.coverageOrgOnly}</p>
          ) : d.coverage.value === null ? (
            <p class="muted small">{w.noLinks}</p>
          ) : (
            <>
              <p class="d766-value" data-testid="coverage-value">
                {s.pct(d.coverage.value)}
              </p>
              <p class="muted small">{fill(w.coverageCounts, { answered: s.num(d.coverage.answered), issued: s.num(d.coverage.issued) })}</p>
            </>
          )}
        </div>
      </div>
    );
  }
}
