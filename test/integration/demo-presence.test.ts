/**
 * The demo office's kiosk presence history: on a demo start the report's
 * "kiosk uptime during opening hours" has figures (it said "not available"
 * because the demo seed wrote no presence marks), realistic ones: most of the
 * opening time online, with some outages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/test-server';
import { startWithAdmin } from '../helpers/server-session';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  ({ s, admin } = await startWithAdmin({ SEED_DEMO: 'true' }));
}, 60_000);
afterAll(() => s.stop());

interface Row {
  servicePointId: string;
  openMinutes: number;
  onlineMinutes: number;
  share: number | null;
  longestOutageMinutes: number;
}
const daysAgo = (n: number) => new Date(Date.now() + 7 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

describe('demo kiosk presence', () => {
  it('gives the last 90 days an uptime section with per-counter figures and outages', async () => {
    const res = await s.api(`/api/v1/reports/content?period=${daysAgo(89)}..${daysAgo(0)}`, { cookie: admin });
    expect(res.status).toBe(200);
    const up = (await res.json()).kioskUptime;
    expect(up.available).toBe(true);
    // The test harness's own office adds counter sp-t1 (an enrolled kiosk, never heard from): the demo's are sp-q*.
    const demo = up.rows.filter((r: Row) => r.servicePointId.startsWith('sp-q'));
    expect(demo.map((r: Row) => r.servicePointId).sort()).toEqual(['sp-q1', 'sp-q2', 'sp-q3', 'sp-q4']);
    for (const r of demo as Row[]) {
      // ~64 working days of 7.5 opening hours each (less today's rest).
      expect(r.openMinutes).toBeGreaterThan(55 * 7.5 * 60);
      // Mostly online, never more than the open time (marks only in opening hours).
      expect(r.share).toBeGreaterThan(0.9);
      expect(r.onlineMinutes).toBeLessThanOrEqual(r.openMinutes);
    }
    // Some outages, of at least a quarter hour.
    expect(Math.max(...demo.map((r: Row) => r.longestOutageMinutes))).toBeGreaterThanOrEqual(15);
    expect(demo.some((r: Row) => r.share! < 1)).toBe(true);
  });

  it('prints the figure instead of "not available" in the report text', async () => {
    const page = await (await s.api(`/reports/print?period=${daysAgo(29)}..${daysAgo(0)}&lang=en`, { cookie: admin })).text();
    expect(page).toMatch(/Kiosk uptime during opening hours: \d+\.\d+%/);
    expect(page).not.toContain('Kiosk uptime during opening hours: not available');
  });
});
