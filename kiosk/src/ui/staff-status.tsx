/**
 * The discreet line for staff: link state, ratings waiting, the oldest one's
 * age and the last sync. Small but still AA contrast.
 */
import type { KioskStatus } from '../runtime';
import { APP_VERSION } from '../runtime';
import { fill } from '../rating-rules';
import { messages, type Locale } from './i18n';

export function StaffStatus({ status, locale, now }: { status: KioskStatus | null; locale: Locale; now: number }) {
  const m = messages(locale).staff;
  if (!status) return null;
  const parts = [status.connected ? m.online : m.offline, fill(m.queued, { n: status.outbox })];
  if (status.oldestCreatedAt !== null) parts.push(fill(m.oldest, { age: age(now - status.oldestCreatedAt, m) }));
  parts.push(status.lastSyncAt ? fill(m.lastSync, { time: clock(status.lastSyncAt, locale) }) : m.neverSynced);
  if (status.dropped) parts.push(fill(m.dropped, { n: status.dropped }));
  parts.push(`v${APP_VERSION}`);
  return (
    <footer class="staff" data-testid="staff-status" data-outbox={status.outbox} data-online={String(status.connected)}>
      <span class={`dot ${status.connected ? 'on' : 'off'}`} aria-hidden="true" />
      {parts.join(' · ')}
    </footer>
  );
}

function age(ms: number, m: { seconds: string; minutes: string; hours: string }): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return fill(m.seconds, { n: s });
  if (s < 3600) return fill(m.minutes, { n: Math.floor(s / 60) });
  return fill(m.hours, { n: Math.floor(s / 3600) });
}

const clock = (t: number, locale: Locale): string =>
  new Date(t).toLocaleTimeString(locale === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
