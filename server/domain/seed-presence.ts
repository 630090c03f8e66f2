/**
 * The demo office's kiosk presence history, so the report's "kiosk uptime
 * during opening hours" has figures on a demo start (it is "not available"
 * until presence marks exist). One mark per counter and opening-hours slot,
 * as a heartbeating kiosk would leave (kiosk-presence.ts), minus a few
 * realistic outages: a power cut or network drop of a quarter hour to a few
 * hours, now and then a whole day, and the weak counter Q4 drops out more
 * often. Deterministic (seeded PRNG) like the rest of the demo data.
 *
 * Written through store.markKioskSeenMany, a transaction per batch, so the
 * ~22,000 marks of 90 days add little to the first start (one write each
 * would add ~2 s).
 */
import type { Organisation, ServicePoint } from './entities';
import { isOpenAt } from './opening-hours';
import { KIOSK_SLOT_MS, type KioskSeenMark, type Store } from '../store/types';
import { DAY_MS, startOfLocalDay } from '../../shared/periods';
import { prng } from './prng';

/** Per counter: the chance an opening day has an outage. Q4 (the weak counter) is the flaky one. */
const OUTAGE_CHANCE: Record<string, number> = { 'sp-q1': 0.06, 'sp-q2': 0.05, 'sp-q3': 0.08, 'sp-q4': 0.18 };
const BATCH = 1000;

export interface SeedPresenceDeps {
  store: Store;
}

/** The marks the demo counters' kiosks would have left over the last `days` days up to `now`. */
export function demoPresenceMarks(org: Organisation, sps: ServicePoint[], days: number, now: number): KioskSeenMark[] {
  const rand = prng(20261201);
  const marks: KioskSeenMark[] = [];
  const startSlot = Math.ceil((startOfLocalDay(now) - (days - 1) * DAY_MS) / KIOSK_SLOT_MS);
  const nowSlot = Math.floor(now / KIOSK_SLOT_MS);
  const slotsPerDay = DAY_MS / KIOSK_SLOT_MS;
  // The opening-hours slots, once per distinct set of hours (isOpenAt per slot is the slow part).
  const openByHours = new Map<string, number[]>();
  for (const sp of sps) {
    const key = JSON.stringify(sp.hours);
    let open = openByHours.get(key);
    if (!open) {
      open = [];
      for (let s = startSlot; s < nowSlot; s++) if (isOpenAt(sp.hours, s * KIOSK_SLOT_MS)) open.push(s);
      openByHours.set(key, open);
    }
    // Outage windows as [fromSlot, toSlot): drawn per day, inside that day's opening hours.
    const down: Array<[number, number]> = [];
    for (let day = startSlot; day < nowSlot; day += slotsPerDay) {
      if (rand() >= (OUTAGE_CHANCE[sp.id] ?? 0.05)) continue;
      const today = open.filter((s) => s >= day && s < day + slotsPerDay);
      if (!today.length) continue;
      const x = rand();
      // Mostly short (15–60 min), sometimes a few hours, rarely the whole day.
      if (x >= 0.92) {
        down.push([day, day + slotsPerDay]);
        continue;
      }
      const length = x < 0.65 ? 3 + Math.floor(rand() * 10) : 12 + Math.floor(rand() * 36);
      const from = today[Math.floor(rand() * Math.max(1, today.length - length))];
      down.push([from, from + length]);
    }
    for (const s of open) if (!down.some(([a, b]) => s >= a && s < b)) marks.push({ orgId: org.id, servicePointId: sp.id, slot: s });
  }
  return marks;
}

export async function seedDemoPresence(deps: SeedPresenceDeps, org: Organisation, sps: ServicePoint[], days = 90, now = Date.now()): Promise<number> {
  const marks = demoPresenceMarks(org, sps, days, now);
  for (let i = 0; i < marks.length; i += BATCH) await deps.store.markKioskSeenMany(marks.slice(i, i + BATCH));
  return marks.length;
}
