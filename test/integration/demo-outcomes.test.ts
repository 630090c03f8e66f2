/**
 * The demo office's dossiers (issue 10 item 8): on a demo start, coverage and
 * Decision 766 indicator 5.4 show realistic values, and coverage stays at or
 * below 100% (issue 9 item 9: the demo once showed 12.67 = 1,267%).
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

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() + 7 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

describe('demo dossier outcomes', () => {
  it('gives the last 90 days a realistic indicator 5.4 with its counts', async () => {
    const body = await (await s.api(`/api/v1/stats/indicator-766?from=${daysAgo(89)}&to=${today()}`, { cookie: admin })).json();
    expect(body.unavailable).toBeNull();
    expect(body.dossiers.settled).toBeGreaterThan(300);
    expect(body.dossiers.late).toBeGreaterThan(0);
    expect(body.dossiers.complained).toBeGreaterThan(0);
    expect(body.dossiers.lowRated).toBeGreaterThan(0);
    expect(body.value).toBeGreaterThan(0.8);
    expect(body.value).toBeLessThan(0.99);
  });

  it('keeps link coverage between 0 and 100% for every window', async () => {
    for (const [from, to] of [[daysAgo(29), today()], [daysAgo(89), today()], [daysAgo(6), today()], [today(), today()]]) {
      const links = await (await s.api(`/api/v1/survey-links/stats?from=${from}&to=${to}`, { cookie: admin })).json();
      if (links.coverage !== null) {
        expect(links.coverage).toBeGreaterThanOrEqual(0);
        expect(links.coverage).toBeLessThanOrEqual(1);
      }
    }
    const month = await (await s.api(`/api/v1/survey-links/stats?from=${daysAgo(29)}&to=${today()}`, { cookie: admin })).json();
    expect(month.issued).toBeGreaterThan(month.answered);
    expect(month.coverage).toBeGreaterThan(0.2);
    expect(month.coverage).toBeLessThan(0.7);
  });
});
