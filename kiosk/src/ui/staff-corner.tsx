/**
 * The staff corner: holding the top-left corner for 3 s (nothing a citizen's
 * ordinary tap does) asks for the office's kiosk PIN, checked by the server;
 * the panel then shows the kiosk's state and the three staff actions.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KioskConfig } from '../../../shared/kiosk-protocol';
import type { KioskStatus } from '../runtime';
import { APP_VERSION } from '../runtime';
import type { StaffPinOutcome } from '../net/api';
import { fill } from '../rating-rules';
import { local, messages, type Locale } from './i18n';

export const LONG_PRESS_MS = 3000;

/** An invisible square over the top-left corner; only a 3-second hold opens anything. */
export function StaffCornerZone({ onOpen }: { onOpen: () => void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => cancel, []);
  return (
    <div
      class="staff-corner"
      data-testid="staff-corner"
      aria-hidden="true"
      onPointerDown={(e) => {
        e.preventDefault();
        cancel();
        timer.current = setTimeout(() => {
          timer.current = null;
          onOpen();
        }, LONG_PRESS_MS);
      }}
      onPointerUp={cancel}
      onPointerCancel={cancel}
      onPointerLeave={cancel}
    />
  );
}

type PinState = { kind: 'typing' } | { kind: 'checking' } | { kind: 'problem'; outcome: Exclude<StaffPinOutcome['kind'], 'ok'>; attemptsLeft?: number };

export function PinPad(props: { locale: Locale; onCheck: (pin: string) => Promise<StaffPinOutcome>; onOpened: () => void; onCancel: () => void; onToggleLocale: () => void }) {
  const m = messages(props.locale);
  const s = m.staffCorner;
  const [pin, setPin] = useState('');
  const [state, setState] = useState<PinState>({ kind: 'typing' });
  const press = (d: string) => setPin((p) => (p.length < 8 ? p + d : p));
  async function submit() {
    if (pin.length < 4 || state.kind === 'checking') return;
    setState({ kind: 'checking' });
    const r = await props.onCheck(pin);
    setPin('');
    if (r.kind === 'ok') return props.onOpened();
    setState({ kind: 'problem', outcome: r.kind, attemptsLeft: r.kind === 'wrong' ? r.attemptsLeft : undefined });
  }
  const problem =
    state.kind === 'problem' ? { wrong: s.wrongPin, 'too-many': s.tooMany, 'not-set': s.noPin, unreachable: s.unreachable, revoked: s.unreachable }[state.outcome] : null;
  return (
    <div class="staff-overlay" role="dialog" aria-modal="true" aria-labelledby="staff-title" data-screen="staff-pin">
      <div class="staff-card pin-card">
        <div class="staff-head">
          <h2 id="staff-title">{s.title}</h2>
          <button type="button" class="lang lang-light" onClick={props.onToggleLocale} aria-label={m.switchLanguageHint}>
            {m.switchLanguage}
          </button>
        </div>
        <p>{s.pinPrompt}</p>
        <div class="pin-dots" data-testid="pin-dots" aria-label={s.pinLabel}>
          {pin.length ? '●'.repeat(pin.length) : '\u00a0'}
        </div>
        <p class="problem" role="alert">
          {state.kind === 'checking' ? s.checking : problem}
        </p>
        <div class="pin-keys">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
            <button type="button" class="pin-key" key={d} data-key={d} onClick={() => press(d)}>
              {d}
            </button>
          ))}
          <button type="button" class="pin-key" data-key="clear" onClick={() => setPin('')}>
            {s.clear}
          </button>
          <button type="button" class="pin-key" data-key="0" onClick={() => press('0')}>
            0
          </button>
          <button type="button" class="pin-key ok" data-key="ok" disabled={pin.length < 4} onClick={() => void submit()}>
            {s.ok}
          </button>
        </div>
        <button type="button" class="btn secondary" data-testid="staff-cancel" onClick={props.onCancel}>
          {s.cancel}
        </button>
      </div>
    </div>
  );
}

export interface StaffPanelProps {
  locale: Locale;
  config: KioskConfig | null;
  status: KioskStatus | null;
  awake: boolean;
  kioskModeOn: boolean;
  onSyncNow: () => void;
  onReEnrol: () => void;
  onLeave: () => void;
  onClose: () => void;
  onToggleLocale: () => void;
}

export function StaffPanel(p: StaffPanelProps) {
  const m = messages(p.locale);
  const s = m.staffCorner;
  const [confirming, setConfirming] = useState(false);
  const st = p.status;
  const clock = (t: number) =>
    new Date(t).toLocaleString(p.locale === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', day: '2-digit', month: '2-digit' });
  const rows: [string, string, string][] = [
    ['link', s.link, st?.connected ? s.online : s.offline],
    ['queued', s.queued, String(st?.outbox ?? 0)],
    ['last-sync', s.lastSync, st?.lastSyncAt ? clock(st.lastSyncAt) : s.never],
    ['version', s.version, APP_VERSION],
    ['counter', s.counter, p.config ? `${p.config.servicePoint.code} · ${local(p.config.servicePoint.name, p.locale)}` : '—'],
    ['officer', s.officer, p.config?.officer?.name ?? s.nobody],
    ['mode', s.mode, p.config?.ratingMode === 'after-service' ? s.modeAfterService : s.modeAlways],
    ['awake', s.screenAwake, p.awake ? s.yes : s.no],
  ];
  return (
    <div class="staff-overlay" role="dialog" aria-modal="true" aria-labelledby="staff-title" data-screen="staff">
      <div class="staff-card">
        <div class="staff-head">
          <h2 id="staff-title">{s.title}</h2>
          <button type="button" class="lang lang-light" onClick={p.onToggleLocale} aria-label={m.switchLanguageHint}>
            {m.switchLanguage}
          </button>
        </div>
        <dl class="staff-facts">
          {rows.map(([key, label, value]) => (
            <div key={key} data-fact={key}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {!p.kioskModeOn && <p class="staff-note">{s.left}</p>}
        <div class="staff-actions">
          <button type="button" class="btn primary" data-action="sync" onClick={p.onSyncNow}>
            {s.syncNow}
          </button>
          <button
            type="button"
            class="btn secondary"
            data-action="re-enrol"
            onClick={() => (confirming ? p.onReEnrol() : setConfirming(true))}
          >
            {confirming ? s.reEnrolConfirm : s.reEnrol}
          </button>
          <button type="button" class="btn secondary" data-action="leave" disabled={!p.kioskModeOn} onClick={p.onLeave}>
            {s.leave}
          </button>
          <button type="button" class="btn secondary" data-action="close" onClick={p.onClose}>
            {s.cancel}
          </button>
        </div>
      </div>
    </div>
  );
}

export const countdownText = (locale: Locale, seconds: number): string => fill(messages(locale).session.countdown, { n: seconds });
