/**
 * (c) A kiosk silent (no heartbeat) for longer than `minutes` while its
 * counter is open. Checked on the sweep; cleared on the sweep or, sooner, by
 * the kiosk's next heartbeat; a revoked kiosk's alert is cleared too.
 */
import { z } from 'zod';
import type { OpeningHours } from '../../entities';
import { isOpenAt } from '../../opening-hours';
import { filled, spPlace } from '../alert-text';
import { enabled, type AlertScope, type Decision, type AlertRule } from './rule';

const settings = z
  .object({
    enabled,
    minutes: z.number().int().min(1).max(24 * 60).default(15),
  })
  .prefault({});

type KioskSilentFacts = {
  deviceName: string;
  lastSeenAt: string | null;
  minutesSilent: number;
  limitMinutes: number;
};

/**
 * Silent = no heartbeat (or, never seen, no enrolment) for longer than
 * `minutes`, with the counter open both now and `minutes` ago: so a kiosk
 * switched on shortly after opening, or after the lunch break, is not
 * alarmed. An open alert clears once the kiosk is heard from again after it
 * was raised.
 */
export function kioskSilenceDecision(input: {
  now: number;
  lastSeenAt: number | null;
  enrolledAt: number | null;
  hours: OpeningHours;
  minutes: number;
  /** When the open alert was raised, if there is one. */
  openSince?: number | null;
}): Decision {
  const { now, lastSeenAt, hours } = input;
  if (input.openSince != null) return lastSeenAt !== null && lastSeenAt > input.openSince ? 'clear' : 'hold';
  const since = lastSeenAt ?? input.enrolledAt;
  if (since === null) return 'hold';
  const limit = input.minutes * 60_000;
  return now - since > limit && isOpenAt(hours, now) && isOpenAt(hours, now - limit) ? 'raise' : 'hold';
}

const deviceScope = (id: string): AlertScope => ({ kind: 'device', id });

export const kioskSilent = {
  key: 'kiosk-silent',
  settingsKey: 'kioskSilent',
  settings,
  severity: 'warning',
  condition: true,
  message: (f: KioskSilentFacts, where) =>
    filled(
      (m) => m.rules['kiosk-silent'],
      (locale) => ({ where: where[locale], deviceName: String(f.deviceName ?? ''), minutesSilent: Number(f.minutesSilent ?? 0) }),
    ),

  async onKiosks(ctx, devices, sps) {
    const now = ctx.now();
    const spById = new Map(sps.map((s) => [s.id, s]));
    for (const d of devices) {
      if (!d.enrolledAt) continue;
      const scope = deviceScope(d.id);
      const open = await ctx.alerts.findOpen(scope);
      if (d.revokedAt) {
        if (open) await ctx.alerts.resolve(open, 'device-revoked');
        continue;
      }
      const sp = spById.get(d.servicePointId);
      if (!sp) continue;
      const lastSeen = d.lastSeenAt ? Date.parse(d.lastSeenAt) : null;
      const decision = kioskSilenceDecision({
        now,
        lastSeenAt: lastSeen,
        enrolledAt: Date.parse(d.enrolledAt),
        hours: sp.hours,
        minutes: ctx.settings.minutes,
        openSince: open ? Date.parse(open.openedAt) : null,
      });
      if (decision === 'raise' && !open) {
        const since = lastSeen ?? Date.parse(d.enrolledAt);
        const facts = { deviceName: d.name, lastSeenAt: d.lastSeenAt, minutesSilent: Math.floor((now - since) / 60_000), limitMinutes: ctx.settings.minutes };
        await ctx.alerts.raise(scope, facts, spPlace(sp.id, sp));
      } else if (decision === 'clear' && open) {
        await ctx.alerts.resolve(open, 'kiosk-back', { lastSeenAt: d.lastSeenAt });
      }
    }
  },

  /** A heartbeat clears the kiosk's silence alert now rather than at the next sweep. */
  async onDeviceSeen(alerts, deviceId) {
    const open = await alerts.findOpen(deviceScope(deviceId));
    if (open) await alerts.resolve(open, 'kiosk-back');
  },
} satisfies AlertRule<'kioskSilent', typeof settings, KioskSilentFacts>;
