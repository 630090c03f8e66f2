/**
 * The kiosk health summary on the overview (issue 12 item 7): how many
 * kiosks are online, which are silent while their counter is open, and the
 * longest outbox. Read from what each kiosk last reported in its heartbeat;
 * a unit head sees their unit's kiosks only (the counter's unit).
 */
import type { Device, ServicePoint } from './entities';
import { isOpenAt } from './opening-hours';
import { visibleUnitIds, type Viewer } from './permissions';
import { kioskSilenceDecision } from './alerts/rules/kiosk-silent';

/** Kiosks heartbeat at least every minute: three missed beats and it is no longer counted online. */
export const ONLINE_WITHIN_MS = 3 * 60_000;
/** Silent = no heartbeat for this long with the counter open (the kiosk-silent alert rule's default). */
export const SILENT_MINUTES = 15;

export interface KioskHealthDevice {
  deviceId: string;
  name: string;
  servicePointId: string;
  lastSeenAt: string | null;
}

export interface KioskHealth {
  at: string;
  /** Enrolled, not revoked kiosks in scope. */
  total: number;
  online: number;
  /** Kiosks whose counter is open now. */
  atOpenCounters: number;
  silentMinutes: number;
  /** Silent for longer than silentMinutes while their counter is open (and was then). */
  silent: KioskHealthDevice[];
  /** The kiosk with the most ratings waiting to be sent; null when every outbox is empty. */
  longestOutbox: (KioskHealthDevice & { outbox: number; oldestQueuedMs: number }) | null;
}

export function kioskHealth(viewer: Viewer, devices: readonly Device[], servicePoints: readonly ServicePoint[], now: number): KioskHealth {
  const units = visibleUnitIds(viewer);
  const spById = new Map(servicePoints.filter((sp) => sp.orgId === viewer.orgId).map((sp) => [sp.id, sp]));
  const inScope = devices.filter((d) => {
    const sp = spById.get(d.servicePointId);
    return d.orgId === viewer.orgId && d.enrolledAt && !d.revokedAt && sp && (!units || units.includes(sp.unitId));
  });
  const ref = (d: Device): KioskHealthDevice => ({ deviceId: d.id, name: d.name, servicePointId: d.servicePointId, lastSeenAt: d.lastSeenAt });
  let online = 0;
  let atOpenCounters = 0;
  const silent: KioskHealthDevice[] = [];
  let longest: KioskHealth['longestOutbox'] = null;
  for (const d of inScope) {
    const sp = spById.get(d.servicePointId)!;
    const lastSeen = d.lastSeenAt ? Date.parse(d.lastSeenAt) : null;
    if (d.status?.online && lastSeen !== null && now - lastSeen <= ONLINE_WITHIN_MS) online++;
    if (isOpenAt(sp.hours, now)) atOpenCounters++;
    const decision = kioskSilenceDecision({ now, lastSeenAt: lastSeen, enrolledAt: Date.parse(d.enrolledAt!), hours: sp.hours, minutes: SILENT_MINUTES });
    if (decision === 'raise') silent.push(ref(d));
    const outbox = d.status?.outbox ?? 0;
    if (outbox > 0 && (!longest || outbox > longest.outbox)) {
      // The age was measured when the kiosk reported it: it has grown since.
      const age = (d.status?.oldestQueuedMs ?? 0) + (lastSeen !== null ? Math.max(0, now - lastSeen) : 0);
      longest = { ...ref(d), outbox, oldestQueuedMs: age };
    }
  }
  return { at: new Date(now).toISOString(), total: inScope.length, online, atOpenCounters, silentMinutes: SILENT_MINUTES, silent, longestOutbox: longest };
}
