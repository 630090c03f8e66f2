/**
 * Officer photos offline: the kiosk's service worker keeps the photos it has
 * shown (stale-while-revalidate, a small cap), so with the server down and
 * the browser's HTTP cache gone (a kiosk restarted, the cache evicted) the
 * header still shows the officer's face, not the initials. The shell keeps
 * working as before (kiosk-offline.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createDevice, enrolFromUrl, freePort, newKioskPage, onScreen, setKioskTiming } from './kiosk-fixture';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The header photo: loaded with real pixels and not hidden by its error handler. */
const photoShown = (page: Page) =>
  page.evaluate(() => {
    const img = document.querySelector<HTMLImageElement>('header img.avatar.photo');
    return !!img && img.complete && img.naturalWidth > 0 && img.style.display !== 'none';
  });
const keptPhotos = (page: Page) => page.evaluate(async () => (await (await caches.open('hl-kiosk-photos')).keys()).map((r) => new URL(r.url).pathname));

describe('officer photo offline', () => {
  it('is shown from the service worker with the server down and the HTTP cache cleared', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hailong-kiosk-photo-'));
    let s: TestServer = await startTestServer({ PORT: String(port), DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '500' });
    const { context, page } = await newKioskPage(browser);
    try {
      const admin = await s.login();
      await setKioskTiming(s, admin, 20, 0);
      const jpeg = await sharp({ create: { width: 240, height: 240, channels: 3, background: { r: 40, g: 90, b: 160 } } }).jpeg().toBuffer();
      const up = await s.api('/api/v1/officers/off-1/photo', { method: 'POST', cookie: admin, headers: { 'content-type': 'image/jpeg' }, body: jpeg as unknown as BodyInit });
      expect(up.status).toBe(200);
      const device = await createDevice(s, admin);
      await enrolFromUrl(page, device.url);
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 10_000 });
      // Now controlled: this load of the photo goes through the worker, which keeps it.
      await page.reload();
      await onScreen(page, 'start');
      await expect.poll(() => photoShown(page)).toBe(true);
      await expect.poll(() => keptPhotos(page)).toEqual(['/api/v1/officer-photos/off-1']);

      await s.stop();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      await page.reload();
      await onScreen(page, 'start');
      expect(await page.locator('[data-testid="officer-name"]').textContent()).toBe('Nguyễn Văn Một');
      await expect.poll(() => photoShown(page)).toBe(true);
      await page.screenshot({ path: '/tmp/hl-shots/defects/kiosk-offline-photo-vi-1280x800.png' });
      s = await startTestServer({ PORT: String(port), DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '500' });
    } finally {
      await context.close();
      await s.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
