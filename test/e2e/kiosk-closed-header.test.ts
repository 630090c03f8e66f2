/**
 * A closed counter ("quầy tạm ngừng") serves nobody, so its kiosk must not
 * name an officer on duty there: the header keeps the office, the counter and
 * the language toggle, and shows the officer again once the counter reopens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createDevice, enrolFromUrl, newKioskPage, onScreen, setKioskTiming } from './kiosk-fixture';

const SHOTS = '/work/wt/shots/defects';
let s: TestServer;
let admin: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await s.login();
  await setKioskTiming(s, admin, 20, 0);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await s?.stop();
});

const setActive = async (active: boolean) => {
  const res = await s.api('/api/v1/service-points/sp-t1', { method: 'PATCH', cookie: admin, json: { active } });
  expect(res.status).toBe(200);
};

describe('the header of a closed counter', () => {
  it('hides the officer on duty while closed, keeps office, counter and language, and shows the officer again on reopening', async () => {
    const device = await createDevice(s, admin);
    ({ context, page } = await newKioskPage(browser));
    await enrolFromUrl(page, device.url);
    // Open: the officer on duty is in the header (the test server puts off-1 at T1).
    expect(await page.locator('[data-testid="officer-name"]').textContent()).toBe('Nguyễn Văn Một');
    await setActive(false);
    try {
      await onScreen(page, 'counter-closed', 10_000);
      expect(await page.locator('[data-testid="officer"]').count()).toBe(0);
      expect(await page.locator('header [data-testid="counter"]').textContent()).toBe('Quầy T1');
      expect(await page.locator('[data-testid="lang"]').isVisible()).toBe(true);
      await page.screenshot({ path: `${SHOTS}/kiosk-closed-header-vi-1280x800.png` });
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.locator('[data-screen="counter-closed"] h1').textContent(), { timeout: 10_000 }).toBe('This counter is closed for now');
      expect(await page.locator('[data-testid="officer"]').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/kiosk-closed-header-en-1280x800.png` });
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.setViewportSize({ width: 800, height: 1280 });
      await expect.poll(() => page.locator('[data-screen="counter-closed"] h1').textContent(), { timeout: 10_000 }).toBe('Quầy tạm ngừng');
      expect(await page.locator('[data-testid="officer"]').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/kiosk-closed-header-vi-800x1280.png` });
    } finally {
      await setActive(true);
    }
    await onScreen(page, 'start', 10_000);
    expect(await page.locator('[data-testid="officer-name"]').textContent()).toBe('Nguyễn Văn Một');
  });
});
