/**
 * "A new user can enrol the demo kiosk from the printed URL and rate": the
 * demo office as `npm start` seeds it, the URL issueDemoEnrolment gives the
 * start banner, real Chromium. Also screenshots the kiosk with the demo's
 * long, real-looking names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { issueDemoEnrolment } from '../../server/domain/devices.service';
import { DEMO_IDS } from '../../server/domain/seed';
import { freePort, newKioskPage, onScreen, rateAndReturn } from './kiosk-fixture';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  // A fixed port, so the printed URL (built on PUBLIC_URL's default) is the real one.
  const port = await freePort();
  [s, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true', PORT: String(port) }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('the demo kiosk', () => {
  it('enrols from the start-banner URL and stores a rating for counter Q1 and its officer on duty', async () => {
    const issued = await issueDemoEnrolment(s.ctx);
    expect(issued!.url).toBe(`${s.url}/kiosk/?code=${issued!.code}`);
    const { context, page } = await newKioskPage(browser);
    try {
      await page.goto(issued!.url);
      await onScreen(page, 'start');
      expect(await page.locator('[data-testid="counter"]').textContent()).toBe('Quầy 1 – Hộ chiếu, thị thực');
      expect(await page.locator('[data-testid="officer-name"]').textContent()).toBe('Nguyễn Thị Lan');
      await page.screenshot({ path: screenshotPath('kiosk-demo-vi-1280x800-landscape') });
      await page.setViewportSize({ width: 800, height: 1280 });
      await page.screenshot({ path: screenshotPath('kiosk-demo-vi-800x1280-portrait') });
      await page.setViewportSize({ width: 1280, height: 800 });

      const before = (await s.ctx.store.listResponses({ orgId: 'org-main', channel: 'kiosk', limit: 500 })).filter((r) => r.deviceId === DEMO_IDS.device).length;
      await rateAndReturn(page, 4);
      await expect
        .poll(async () => (await s.ctx.store.listResponses({ orgId: 'org-main', channel: 'kiosk', servicePointId: 'sp-q1', limit: 1 }))[0]?.overall)
        .toBe(4);
      const [latest] = await s.ctx.store.listResponses({ orgId: 'org-main', channel: 'kiosk', servicePointId: 'sp-q1', limit: 1 });
      expect(latest).toMatchObject({ deviceId: DEMO_IDS.device, officerId: 'off-lan', verified: true });
      expect(before).toBeGreaterThan(0); // the seeded history of this kiosk is there too
      expect(await issueDemoEnrolment(s.ctx)).toBeNull(); // enrolled: the next start prints no code
    } finally {
      await context.close();
    }
  });
});
