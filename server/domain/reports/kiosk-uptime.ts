/**
 * Kiosk uptime during opening hours, per counter and overall (issue 13): the
 * share of the counter's opening-hours time (its weekdays, sessions and
 * holidays, Vietnam time) in which its kiosk was heard from, and the longest
 * outage. Built on the presence history (kiosk-presence.ts), 5-minute slots:
 * an opening-hours slot counts as online when a heartbeat arrived in it.
 *
 * The longest outage is the longest run of opening-hours slots without a
 * heartbeat; closed time neither ends nor lengthens it (a kiosk dead from
 * Friday 16:00 to Monday 09:00 is one outage of the opening time between).
 * Only time the history covers is measured: from the organisation's first
 * mark (or the period's start, if later) to the period's end or now. Before
 * any history exists the section is "not available".
 */
import { isOpenAt, type OpeningHours } from '../../../shared/opening-hours';
import type { ReportContent } from '../../../shared/api/reports';
import { KIOSK_SLOT_MS, type Store } from '../../store/types';
import type { Entities } from '../entities';

type Uptime = ReportContent['kioskUptime'];
type UptimeFigures = Uptime['overall'];

export interface UptimeQuery {
  orgId: string;
  from: number;
  to: number;
  unitIds?: string[];
  now: number;
}

const SLOT_MIN = KIOSK_SLOT_MS / 60_000;
const iso = (t: number) => new Date(t).toISOString();

export async function kioskUptime(store: Store, entities: Entities, q: UptimeQuery): Promise<Uptime> {
  const first = await store.firstKioskSeenSlot(q.orgId);
  const fromSlot = first === null ? null : Math.max(first, Math.ceil(q.from / KIOSK_SLOT_MS));
  const toSlot = Math.floor(Math.min(q.to, q.now) / KIOSK_SLOT_MS);
  const none: Uptime = { available: false, from: null, to: null, rows: [], overall: empty() };
  if (fromSlot === null || fromSlot >= toSlot) return none;

  const [sps, devices] = await Promise.all([entities.list('servicePoint', { orgId: q.orgId }), entities.list('device', { orgId: q.orgId })]);
  const inScope = sps.filter((sp) => !q.unitIds || q.unitIds.includes(sp.unitId));
  const marks = await store.kioskSeenSlots({ orgId: q.orgId, fromSlot, toSlot, servicePointIds: inScope.map((s) => s.id) });
  const seen = new Map<string, Set<number>>();
  for (const m of marks) (seen.get(m.servicePointId) ?? seen.set(m.servicePointId, new Set()).get(m.servicePointId)!).add(m.slot);
  // Counters that have (or had) a kiosk: enrolled once, or heard from in the period.
  const withKiosk = new Set([...devices.filter((d) => d.enrolledAt).map((d) => d.servicePointId), ...seen.keys()]);

  const openSlots = openSlotCache(fromSlot, toSlot);
  const rows: Uptime['rows'] = [];
  for (const sp of inScope) {
    if (!withKiosk.has(sp.id)) continue;
    const f = figures(openSlots(sp.hours), seen.get(sp.id) ?? new Set());
    rows.push({ servicePointId: sp.id, name: { vi: sp.name.vi, en: sp.name.en || sp.name.vi }, ...f });
  }
  rows.sort((a, b) => (a.share ?? 2) - (b.share ?? 2) || a.servicePointId.localeCompare(b.servicePointId));
  const openMinutes = rows.reduce((a, r) => a + r.openMinutes, 0);
  const onlineMinutes = rows.reduce((a, r) => a + r.onlineMinutes, 0);
  const worst = rows.reduce<Uptime['rows'][number] | null>((w, r) => (r.longestOutageMinutes > (w?.longestOutageMinutes ?? 0) ? r : w), null);
  return {
    available: true,
    from: iso(fromSlot * KIOSK_SLOT_MS),
    to: iso(toSlot * KIOSK_SLOT_MS),
    rows,
    overall: {
      openMinutes,
      onlineMinutes,
      share: openMinutes ? onlineMinutes / openMinutes : null,
      longestOutageMinutes: worst?.longestOutageMinutes ?? 0,
      longestOutageFrom: worst?.longestOutageFrom ?? null,
      longestOutageServicePointId: worst?.servicePointId ?? null,
    },
  };
}

function empty(): UptimeFigures {
  return { openMinutes: 0, onlineMinutes: 0, share: null, longestOutageMinutes: 0, longestOutageFrom: null, longestOutageServicePointId: null };
}

/** The opening-hours slots of [fromSlot, toSlot), computed once per distinct set of hours. */
function openSlotCache(fromSlot: number, toSlot: number): (hours: OpeningHours) => number[] {
  const cache = new Map<string, number[]>();
  return (hours) => {
    const key = JSON.stringify(hours);
    let slots = cache.get(key);
    if (!slots) {
      slots = [];
      for (let s = fromSlot; s < toSlot; s++) if (isOpenAt(hours, s * KIOSK_SLOT_MS)) slots.push(s);
      cache.set(key, slots);
    }
    return slots;
  };
}

function figures(open: number[], seen: Set<number>): Omit<UptimeFigures, 'longestOutageServicePointId'> {
  let online = 0;
  let run = 0;
  let runStart = 0;
  let longest = 0;
  let longestStart: number | null = null;
  for (const s of open) {
    if (seen.has(s)) {
      online++;
      run = 0;
      continue;
    }
    if (run === 0) runStart = s;
    run++;
    if (run > longest) {
      longest = run;
      longestStart = runStart;
    }
  }
  return {
    openMinutes: open.length * SLOT_MIN,
    onlineMinutes: online * SLOT_MIN,
    share: open.length ? online / open.length : null,
    longestOutageMinutes: longest * SLOT_MIN,
    longestOutageFrom: longestStart === null ? null : iso(longestStart * KIOSK_SLOT_MS),
  };
}
