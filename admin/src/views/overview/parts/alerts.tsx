/**
 * Open and acknowledged alerts, live, with acknowledge and resolve. An
 * acknowledged alert keeps its place; a resolved one leaves a "moved to
 * history" line where it was (linking to the alerts screen) instead of
 * vanishing, until the overview is opened again.
 */
import { useRef, useState } from 'preact/hooks';
import { useViewSpeech } from '../../../i18n';
import type { AlertView } from '../../../types';
import { alertsMessages } from '../../alerts/messages';
import { keepMoved, type AlertEntry } from '../../alerts/model';
import { alertOrder, sortedAlerts, type OverviewState } from '../model';
import { useOverviewSpeech } from '../speech';

type Action = 'ack' | 'resolve';

export function Alerts({ st, onAction }: { st: OverviewState; onAction: (id: string, action: Action) => Promise<void> }) {
  const { m, v } = useOverviewSpeech();
  const words = useViewSpeech(alertsMessages);
  const shownBefore = useRef<AlertEntry[]>([]);
  const entries = keepMoved(shownBefore.current, sortedAlerts(st), alertOrder);
  shownBefore.current = entries;
  const alerts = entries.filter((e) => !e.moved).map((e) => e.alert);
  return (
    <section class="card alerts" aria-labelledby="alerts-title" data-testid="alerts">
      <h2 id="alerts-title" class="card-title">
        {v.alerts.title}
        {alerts.length > 0 && <span class="count-pill">{alerts.length}</span>}
      </h2>
      {entries.length === 0 ? (
        <p class="muted">{v.alerts.empty}</p>
      ) : (
        <ul class="alert-list">
          {entries.map((e) =>
            e.moved ? (
              <li key={e.alert.id} class="alert-item alert-moved muted" data-testid="alert-moved" data-id={e.alert.id} role="status">
                {words.fill(words.v.alerts.movedToHistory, { rule: words.v.alerts.rules[e.alert.rule] })} <a href="#/alerts">{words.v.alerts.seeHistory}</a>
              </li>
            ) : (
              <AlertEntry key={e.alert.id} alert={e.alert} st={st} onAction={onAction} />
            ),
          )}
        </ul>
      )}
    </section>
  );
}

function AlertEntry({ alert: a, st, onAction }: { alert: AlertView; st: OverviewState; onAction: (id: string, action: Action) => Promise<void> }) {
  const s = useOverviewSpeech();
  const { m, v } = s;
  const words = useViewSpeech(alertsMessages);
  const [busy, setBusy] = useState<Action | null>(null);
  const [failed, setFailed] = useState(false);
  const message = s.local(a.message);
  const run = async (action: Action) => {
    setBusy(action);
    setFailed(false);
    try {
      await onAction(a.id, action);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  return (
    <li class={`alert-item alert-${a.severity}`} data-testid="alert" data-rule={a.rule} data-state={a.state} data-id={a.id}>
      <div class="alert-head">
        <span class={`sev sev-${a.severity}`}>{words.v.alerts.severity[a.severity]}</span>
        <strong>{words.v.alerts.rules[a.rule]}</strong>
        <span class="state-tag">{words.v.alerts.state[a.state]}</span>
      </div>
      <p class="alert-msg" id={`alert-msg-${a.id}`}>
        {message}
      </p>
      <p class="muted small">
        {s.fill(words.v.alerts.openedAt, { time: s.when(a.openedAt, st.cal.today) })}
        {a.acknowledged && (
          <>
            <br />
            {s.fill(words.v.alerts.acknowledgedBy, { who: a.acknowledged.by, time: s.when(a.acknowledged.at, st.cal.today) })}
          </>
        )}
        {a.officer && (
          <>
            <br />
            <span data-testid="alert-officer">{s.fill(words.v.alerts.officer, { name: a.officer.name })}</span>
          </>
        )}
      </p>
      <div class="alert-actions">
        {a.state === 'open' && (
          <button type="button" class="btn" disabled={busy !== null} aria-describedby={`alert-msg-${a.id}`} onClick={() => void run('ack')}>
            {busy === 'ack' ? words.v.alerts.working : words.v.alerts.ack}
          </button>
        )}
        <button type="button" class="btn btn-secondary" disabled={busy !== null} aria-describedby={`alert-msg-${a.id}`} onClick={() => void run('resolve')}>
          {busy === 'resolve' ? words.v.alerts.working : v.alerts.resolve}
        </button>
      </div>
      {failed && (
        <p class="error small" role="alert">
          {words.v.alerts.actionFailed}
        </p>
      )}
    </li>
  );
}
