/**
 * What the admin's structure changes do to an open kiosk, live: a
 * deactivated counter stops offering the survey ("quầy tạm ngừng") and
 * offers it again once reactivated; while closed, its header names no
 * officer on duty (a closed counter serves nobody) and keeps the office,
 * the counter and the language toggle.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createDevice, enrolFromUrl, newKioskPage, onScreen, setKioskTiming } from './kiosk-fixture';

const SHOTS = '/tmp/hl-shots/kiosk';
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
  await browser?.close();
  await s?.stop();
});
afterEach(async () => {
  await context?.close();
});

const setActive = async (active: boolean) => {
  const res = await s.api('/api/v1/service-points/sp-t1', { method: 'PATCH', cookie: admin, json: { active } });
  expect(res.status).toBe(200);
};

describe('a deactivated counter', () => {
  it('its QR page says "quầy tạm ngừng" instead of the questionnaire', async () => {
    const res = await s.api('/api/v1/service-points/sp-t2', { method: 'PATCH', cookie: admin, json: { active: false } });
    expect(res.status).toBe(200);
    try {
      ({ context, page } = await newKioskPage(browser, { width: 390, height: 844 }));
      await page.goto(`${s.url}/s/T2`);
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('Quầy tạm ngừng');
      expect(await page.locator('input[type=radio], button.face').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/survey-counter-closed-vi-390x844.png` });
    } finally {
      await s.api('/api/v1/service-points/sp-t2', { method: 'PATCH', cookie: admin, json: { active: true } });
    }
  });

  it('shows "quầy tạm ngừng" on its open kiosk without a reload, and the faces again once reactivated', async () => {
    const device = await createDevice(s, admin);
    ({ context, page } = await newKioskPage(browser));
    await enrolFromUrl(page, device.url);
    await setActive(false);
    try {
      await onScreen(page, 'counter-closed', 10_000);
      expect(await page.locator('[data-screen="counter-closed"] h1').textContent()).toBe('Quầy tạm ngừng');
      expect(await page.locator('button.face').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/kiosk-counter-closed-vi-1280x800.png` });
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.locator('[data-screen="counter-closed"] h1').textContent(), { timeout: 10_000 }).toBe('This counter is closed for now');
      await page.screenshot({ path: `${SHOTS}/kiosk-counter-closed-en-1280x800.png` });
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.setViewportSize({ width: 800, height: 1280 });
      await page.screenshot({ path: `${SHOTS}/kiosk-counter-closed-vi-800x1280.png` });
      // A reload (the kiosk restarts at night) keeps it closed.
      await page.reload();
      await onScreen(page, 'counter-closed', 10_000);
    } finally {
      await setActive(true);
    }
    await onScreen(page, 'start', 10_000);
    expect(await page.locator('button.face').count()).toBe(5);
  });
});

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
