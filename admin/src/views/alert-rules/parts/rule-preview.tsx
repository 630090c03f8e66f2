/**
 * Under a rule: "what would have fired over the last 7 days" with the
 * settings as typed (not saved). The server replays the rule's own code over
 * the stored ratings and answers the would-be alerts: where, when, the
 * figure at that moment, and when it would have closed itself.
 */
import { useState } from 'preact/hooks';
import { previewAlertRule } from '../../../api/alerts';
import { localDay } from '../../../dates';
import { useViewSpeech } from '../../../i18n';
import type { AlertRulePreview, AlertRulePreviewBody, WouldBeAlert } from '../../../types';
import { problemOf } from '../../../ui/form-errors';
import { alertRulesMessages } from '../messages';

interface Props {
  id: string;
  rule: AlertRulePreviewBody['rule'];
  /** The rule's settings as typed now; null when a number cannot be read (the field says which). */
  settings: () => Record<string, unknown>;
  /** The label of one of the rule's settings, for an error naming it. */
  labelOf: (key: string) => string;
}

export function RulePreview({ id, rule, settings, labelOf }: Props) {
  const s = useViewSpeech(alertRulesMessages);
  const { v, m, fill, num, pct, local, date, time } = s;
  const p = v.preview;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AlertRulePreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const at = (iso: string) => `${date(localDay(Date.parse(iso)))} ${time(iso)}`;

  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setResult(await previewAlertRule({ rule, settings: settings() }));
    } catch (err) {
      const f = problemOf(err, m.form, []);
      setResult(null);
      // "settings.windowDays: …" → the field's own label, in the screen's language.
      const names = [...new Set(f.formDetails.map((d) => labelOf(d.split(':')[0].replace(/^settings\./, '').split('.')[0])))];
      setProblem(names.length ? fill(p.invalid, { fields: names.join(', ') }) : (f.form ?? p.failed));
    } finally {
      setBusy(false);
    }
  };

  const figure = (i: WouldBeAlert): string => {
    const f = i.facts as Record<string, number | null | undefined>;
    if (rule === 'low-satisfaction') return fill(p.rate, { rate: pct(f.rate ?? null), n: num(Number(f.n ?? 0)) });
    if (rule === 'low-rating-comment') return fill(p.score, { score: num(Number(f.overall ?? 0)) });
    return fill(p.count5, { count: num(Number(f.count ?? 0)), seconds: num(Number(f.windowSeconds ?? 0)) });
  };

  return (
    <div class="rule-preview" data-testid={`preview-${id}`}>
      <div class="rule-preview-head">
        <button type="button" class="btn btn-secondary btn-small" disabled={busy} onClick={() => void run()} data-testid={`preview-run-${id}`}>
          {busy ? p.working : p.button}
        </button>
        <span class="muted small">{p.intro}</span>
      </div>
      {problem && (
        <p class="error small" role="alert">
          {problem}
        </p>
      )}
      {result && (
        <div role="status" data-testid={`preview-result-${id}`}>
          {!result.supported ? (
            <p class="muted">{p.unsupported}</p>
          ) : result.items.length === 0 ? (
            <p>{p.none}</p>
          ) : (
            <>
              <p>{result.items.length === 1 ? p.countOne : fill(p.count, { n: num(result.items.length) })}</p>
              <div class="rule-preview-scroll">
                <table class="rule-preview-table">
                  <thead>
                    <tr>
                      <th scope="col">{p.when}</th>
                      <th scope="col">{p.where}</th>
                      <th scope="col">{p.figure}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.items.map((i) => (
                      <tr key={`${i.scope.kind}:${i.scope.id}:${i.at}`} data-testid="would-be-alert" data-scope={`${i.scope.kind}:${i.scope.id}`}>
                        <td class="nowrap">
                          {at(i.at)}
                          <br />
                          <span class="muted small">{i.clearedAt ? fill(p.cleared, { at: at(i.clearedAt) }) : rule === 'low-rating-comment' ? p.byHand : p.stillOpen}</span>
                        </td>
                        <th scope="row" class="rule-preview-where">
                          {local(i.where)}
                        </th>
                        <td>
                          <strong class="nowrap">{figure(i)}</strong>
                          <br />
                          <span class="muted small">{local(i.message)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {result.truncated && <p class="muted small">{fill(p.truncated, { n: num(result.items.length) })}</p>}
            </>
          )}
        </div>
      )}
    </div>
  );
}
