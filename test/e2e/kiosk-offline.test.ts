/**
 * Offline safety, for real: the browser's network cut, and the server process
 * stopped and started again on the same port and data directory. Ratings made
 * meanwhile wait in IndexedDB and are stored exactly once each afterwards;
 * a reload while the server is down still shows the kiosk (service worker).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createDevice, enrolFromUrl, expectStored, freePort, newKioskPage, onScreen, rateAndReturn, setKioskTiming, staffOutbox } from './kiosk-fixture';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('offline', () => {
  it('keeps three ratings made with the network cut and stores each exactly once when it returns', async () => {
    const s = await startTestServer();
    const { context, page } = await newKioskPage(browser);
    try {
      const admin = await s.login();
      await setKioskTiming(s, admin, 20, 0);
      const device = await createDevice(s, admin);
      await enrolFromUrl(page, device.url);

      await context.setOffline(true);
      for (const v of [5, 2, 4]) {
        if (v <= 3) {
          await page.waitForTimeout(400);
          await page.locator(`button.face[data-value="${v}"]`).click();
          await onScreen(page, 'follow-up');
          await page.waitForTimeout(400);
          await page.locator('[data-action="send"]').click();
          await onScreen(page, 'thanks');
          await onScreen(page, 'start');
        } else {
          await rateAndReturn(page, v);
        }
      }
      expect(await staffOutbox(page)).toBe(3);
      expect(await page.locator('[data-testid="staff-status"]').textContent()).toMatch(/Chờ gửi: 3/);
      await expectStored(s, device.deviceId, 0, 1000);

      await context.setOffline(false);
      const rows = await expectStored(s, device.deviceId, 3, 30_000);
      expect(rows.map((r) => r.overall).sort()).toEqual([2, 4, 5]);
      expect(new Set(rows.map((r) => r.id)).size).toBe(3);
      await expect.poll(() => staffOutbox(page), { timeout: 10_000 }).toBe(0);
    } finally {
      await context.close();
      await s.stop();
    }
  });

  it('survives the server going down and up: a reload meanwhile shows the kiosk, nothing is lost or doubled', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hailong-kiosk-restart-'));
    const env = { PORT: String(port), DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '500' };
    let s: TestServer = await startTestServer(env);
    const { context, page } = await newKioskPage(browser);
    try {
      const admin = await s.login();
      await setKioskTiming(s, admin, 20, 0);
      const device = await createDevice(s, admin);
      await enrolFromUrl(page, device.url);
      // The service worker has taken the page over, so the shell is cached.
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 10_000 });
      await rateAndReturn(page, 5);
      await expectStored(s, device.deviceId, 1);

      await s.stop();
      for (const v of [4, 5, 4]) await rateAndReturn(page, v);
      expect(await staffOutbox(page)).toBe(3);

      await page.reload();
      await onScreen(page, 'start');
      expect(await page.locator('[data-testid="counter"]').textContent()).toBe('Quầy T1');
      await expect.poll(() => staffOutbox(page)).toBe(3);
      expect(await page.locator('[data-testid="staff-status"]').getAttribute('data-online')).toBe('false');

      s = await startTestServer(env);
      const rows = await expectStored(s, device.deviceId, 4, 45_000);
      expect(new Set(rows.map((r) => r.id)).size).toBe(4);
      expect(rows.map((r) => r.overall).sort()).toEqual([4, 4, 5, 5]);
      await expect.poll(() => page.locator('[data-testid="staff-status"]').getAttribute('data-online'), { timeout: 20_000 }).toBe('true');
      await expect.poll(() => staffOutbox(page)).toBe(0);
    } finally {
      await context.close();
      await s.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
