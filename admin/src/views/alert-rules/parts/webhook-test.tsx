/**
 * "Send a test event": the server signs a `webhook.test` event and posts it
 * to the saved webhook now; the answer (HTTP status, time taken, error) is
 * shown here, and the delivery joins the delivery log with its retry state.
 * Admins only (the server refuses others); the saved URL is what is tested,
 * so unsaved changes to the URL must be saved first.
 */
import './webhook-test.css';
import { useState } from 'preact/hooks';
import { testWebhook } from '../../../api/alerts';
import { useViewSpeech } from '../../../i18n';
import type { WebhookDelivery } from '../../../types';
import { problemOf } from '../../../ui/form-errors';
import { alertRulesMessages } from '../messages';

export function WebhookTest({ savedUrl, onSent }: { savedUrl: string | null; onSent?: (d: WebhookDelivery) => void }) {
  const s = useViewSpeech(alertRulesMessages);
  const { v, m, fill, num, time } = s;
  const w = v.webhookTest;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<WebhookDelivery | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const send = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { delivery } = await testWebhook();
      setResult(delivery);
      onSent?.(delivery);
    } catch (err) {
      const p = problemOf(err, m.form, ['webhook.url', 'webhook.secret']);
      setResult(null);
      setProblem(p.fields['webhook.url'] ? w.noUrl : p.fields['webhook.secret'] ? w.noSecret : (p.form ?? w.failed));
    } finally {
      setBusy(false);
    }
  };

  const last = result?.attempts[result.attempts.length - 1];
  return (
    <div class="webhook-test" data-testid="webhook-test">
      <button type="button" class="btn btn-secondary" disabled={busy || !savedUrl} onClick={() => void send()} data-testid="webhook-test-send">
        {busy ? w.sending : w.send}
      </button>
      <span class="muted small">{savedUrl ? fill(w.hint, { url: savedUrl }) : w.noUrl}</span>
      {problem && (
        <p class="error small" role="alert">
          {problem}
        </p>
      )}
      {result && last && (
        <p class={`webhook-test-result ${result.status === 'delivered' ? 'ok' : 'bad'}`} role="status" data-testid="webhook-test-result" data-status={result.status}>
          <strong>{result.status === 'delivered' ? w.delivered : w.notDelivered}</strong>{' '}
          {fill(w.answer, { status: last.status === null ? w.noAnswer : `HTTP ${last.status}`, ms: num(last.ms), at: time(last.at) })}
          {last.error && <> — {fill(w.error, { error: last.error })}</>}
          {result.status === 'pending' && result.nextAttemptAt && <> {fill(w.retry, { at: time(result.nextAttemptAt) })}</>}
          {result.status === 'failed' && <> {w.gaveUp}</>}
        </p>
      )}
    </div>
  );
}
