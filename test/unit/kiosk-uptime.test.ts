/**
 * Kiosk uptime during opening hours (report, issue 13), on a real SQLite
 * store with a controlled clock: heartbeats every 30 s through a week with a
 * holiday, two outages (one across the lunch break), and a counter whose
 * kiosk never called in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store';
import type { Store } from '../../server/store/types';
import { Entities } from '../../server/domain/entities';
import { KioskPresence } from '../../server/domain/kiosk-presence';
import { kioskUptime } from '../../server/domain/reports/kiosk-uptime';

const ORG = 'org-u';
const H = 3_600_000;
/** Local (Vietnam) time → epoch ms. */
const vn = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+07:00`);
const hours = {
  weekdays: [1, 2, 3, 4, 5],
  sessions: [
    { open: '07:30', close: '11:30' },
    { open: '13:30', close: '17:00' },
  ],
  holidays: ['2026-11-04'],
};

let dir: string;
let store: Store;
let entities: Entities;
let writes = 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hailong-uptime-'));
  store = await openStore({ dataDir: dir });
  entities = new Entities(store);
  for (const id of ['sp-a', 'sp-b', 'sp-c']) {
    await entities.put('servicePoint', { id, orgId: ORG, unitId: id === 'sp-c' ? 'u2' : 'u1', code: id, name: { vi: `Quầy ${id}`, en: `Counter ${id}` }, hours, officerOnDutyId: null });
  }
  for (const [id, sp] of [['d-a', 'sp-a'], ['d-b', 'sp-b']]) {
    await entities.put('device', { id, orgId: ORG, servicePointId: sp, name: id, tokenHash: null, enrolment: null, enrolledAt: new Date(0).toISOString(), revokedAt: null, lastSeenAt: null, status: null });
  }
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const week = { from: vn('2026-11-02', '00:00'), to: vn('2026-11-09', '00:00') };

describe('kiosk uptime during opening hours', () => {
  it('is not available before any presence history exists', async () => {
    const u = await kioskUptime(store, entities, { orgId: ORG, ...week, now: week.to + H });
    expect(u).toMatchObject({ available: false, rows: [], overall: { share: null } });
  });

  it('measures the share of opening time online and the longest outage, one write per counter and slot', async () => {
    const counting: Store = Object.create(store);
    counting.markKioskSeen = (m) => {
      writes++;
      return store.markKioskSeen(m);
    };
    const presence = new KioskPresence(counting);
    const outages = [
      [vn('2026-11-03', '10:00'), vn('2026-11-03', '14:00')], // Tuesday: 90 min before lunch + 30 after = one 120-min outage
      [vn('2026-11-05', '08:00'), vn('2026-11-05', '08:30')], // Thursday: 30 min
    ];
    let beats = 0;
    for (let t = week.from; t < week.to; t += 30_000) {
      if (outages.some(([a, b]) => t >= a && t < b)) continue;
      await presence.seen(ORG, 'sp-a', t);
      beats++;
    }
    expect(beats).toBeGreaterThan(19_000);
    // One mark per 5-minute slot, not per beat.
    expect(writes).toBeLessThanOrEqual(7 * 288);

    const u = await kioskUptime(store, entities, { orgId: ORG, ...week, now: week.to + H });
    expect(u.available).toBe(true);
    const a = u.rows.find((r) => r.servicePointId === 'sp-a')!;
    // Mon, Tue, Thu, Fri open (Wed is a holiday): 4 × (240 + 210) minutes.
    expect(a.openMinutes).toBe(1800);
    expect(a.onlineMinutes).toBe(1800 - 150);
    expect(a.share).toBeCloseTo(1650 / 1800, 10);
    expect(a.longestOutageMinutes).toBe(120);
    expect(a.longestOutageFrom).toBe(new Date(vn('2026-11-03', '10:00')).toISOString());

    // sp-b has a kiosk that never called in: online 0 % of the time the history covers; sp-c has no kiosk: no row.
    const b = u.rows.find((r) => r.servicePointId === 'sp-b')!;
    expect(u.rows.map((r) => r.servicePointId)).toEqual(['sp-b', 'sp-a']);
    expect(b).toMatchObject({ onlineMinutes: 0, share: 0 });
    expect(u.overall).toMatchObject({ onlineMinutes: 1650, longestOutageServicePointId: 'sp-b' });
    expect(u.overall.openMinutes).toBe(a.openMinutes + b.openMinutes);
  });

  it('measures only up to now, and only the units asked for', async () => {
    // Monday 09:00: 90 minutes of opening time so far, all online.
    const u = await kioskUptime(store, entities, { orgId: ORG, ...week, unitIds: ['u1'], now: vn('2026-11-02', '09:00') });
    expect(u.rows.find((r) => r.servicePointId === 'sp-a')).toMatchObject({ openMinutes: 90, onlineMinutes: 90, share: 1, longestOutageMinutes: 0, longestOutageFrom: null });
    const other = await kioskUptime(store, entities, { orgId: ORG, ...week, unitIds: ['u2'], now: week.to });
    expect(other.rows).toEqual([]);
  });

  it('purges marks older than the retention', async () => {
    const presence = new KioskPresence(store, { retentionMs: 24 * H });
    await presence.seen(ORG, 'sp-a', week.to + 3 * 24 * H);
    expect(await store.firstKioskSeenSlot(ORG)).toBeGreaterThanOrEqual(Math.floor((week.to + 2 * 24 * H) / 300_000));
  });
});
