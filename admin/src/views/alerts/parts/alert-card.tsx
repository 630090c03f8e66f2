/** One alert as the alerts screen shows it: what, where, who, the scope's figures now, and what people did with it. */
import { localDay } from '../../../dates';
import { useViewSpeech } from '../../../i18n';
import type { AlertFigures, AlertView } from '../../../types';
import { alertsMessages } from '../messages';

export type AlertAction = 'ack' | 'resolve';

interface Props {
  alert: AlertView;
  figures?: AlertFigures;
  /** The scope's name for the figures line. */
  scopeName: (scope: AlertFigures['scope']) => string;
  /** Just resolved while this screen was open (history marks it). */
  fresh?: boolean;
  onAction?: (a: AlertView, action: AlertAction) => void;
}

export function AlertCard({ alert: a, figures: f, scopeName, fresh, onAction }: Props) {
  const s = useViewSpeech(alertsMessages);
  const { v, fill, local, pct, num, target } = s;
  const c = v.alerts;
  const at = (iso: string) => `${s.date(localDay(Date.parse(iso)))} ${s.time(iso)}`;
  const who = (by: string) => (by === 'system' ? c.system : by);
  return (
    <li class={`card al-card al-${a.severity} al-state-${a.state}${fresh ? ' al-fresh' : ''}`} data-testid="alert-card" data-id={a.id} data-state={a.state} data-rule={a.rule}>
      <div class="al-head">
        <span class={`sev sev-${a.severity}`}>{c.severity[a.severity]}</span>
        <strong class="al-rule">{c.rules[a.rule]}</strong>
        <span class="state-tag" data-testid="alert-state">
          {c.state[a.state]}
        </span>
        {fresh && <span class="badge al-fresh-tag">{c.justResolved}</span>}
      </div>
      <p class="al-msg" id={`al-msg-${a.id}`}>
        {local(a.message)}
      </p>
      {a.officer && (
        <p class="al-officer" data-testid="alert-officer">
          {fill(c.officer, { name: a.officer.name })}
        </p>
      )}
      {f && (
        <p class="al-figures" data-testid="alert-figures">
          <span class="muted">{fill(c.figuresOf, { scope: scopeName(f.scope), days: num(f.windowDays) })}</span>{' '}
          {f.n === 0 ? (
            <span>{c.figuresNone}</span>
          ) : (
            <span class={`badge status-${f.status}`}>{fill(c.figures, { rate: pct(f.rate), n: num(f.n), target: target(f.target) })}</span>
          )}
        </p>
      )}
      <ul class="al-trail muted small">
        <li>{fill(c.openedAt, { time: at(a.openedAt) })}</li>
        {a.acknowledged && (
          <li data-testid="alert-acknowledged">
            {fill(c.acknowledgedBy, { who: who(a.acknowledged.by), time: at(a.acknowledged.at) })}
            {a.acknowledged.note && <span class="al-note"> — {fill(c.note, { note: a.acknowledged.note })}</span>}
          </li>
        )}
        {a.resolved && (
          <li data-testid="alert-resolved">
            {a.resolved.auto
              ? fill(c.resolvedAuto, { time: at(a.resolved.at), reason: (c.reasons as Record<string, string>)[a.resolved.reason] ?? a.resolved.reason })
              : fill(c.resolvedBy, { who: who(a.resolved.by), time: at(a.resolved.at) })}
            {a.resolved.note && <span class="al-note"> — {fill(c.note, { note: a.resolved.note })}</span>}
          </li>
        )}
      </ul>
      {onAction && a.state !== 'resolved' && (
        <div class="al-actions">
          {a.state === 'open' && (
            <button type="button" class="btn" data-testid="alert-ack" aria-describedby={`al-msg-${a.id}`} onClick={() => onAction(a, 'ack')}>
              {c.ack}
            </button>
          )}
          <button type="button" class="btn btn-secondary" data-testid="alert-resolve" aria-describedby={`al-msg-${a.id}`} onClick={() => onAction(a, 'resolve')}>
            {c.resolve}
          </button>
        </div>
      )}
    </li>
  );
}
