/**
 * The office console's running screens in real Chromium against a real
 * server, logged in as a real admin: the grouped navigation, kiosks (a code
 * made on the screen enrols a kiosk through the API), and screenshots of each
 * screen in vi and en at 1280×800 (/tmp/shots-setup2/).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';

const SHOTS = process.env.SETUP2_SHOTS_DIR ?? '/tmp/shots-setup2';
/** The machine is shared and busy: give the page time, as a person would. */
const poll = <T,>(fn: () => T | Promise<T>, message?: string) => expect.poll(fn, { timeout: 15_000, interval: 100, message });
let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.stop();
});

async function signedIn(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'vi-VN', deviceScaleFactor: 1 });
  contexts.push(ctx);
  await ctx.addInitScript(() => localStorage.setItem('hl-admin-locale', 'vi'));
  const page = await ctx.newPage();
  await page.goto(`${s.url}/admin/`);
  await page.locator('input[type=email]').fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.locator('button[type=submit]').click();
  await poll(() => page.getByTestId('user').count()).toBe(1);
  return page;
}

const open = async (page: Page, view: string) => {
  await page.goto(`${s.url}/admin/#/${view}`);
  await poll(() => page.locator('main .loading').count()).toBe(0);
};

/** Screenshots a screen in Vietnamese, then in English (the toggle), then back. */
async function shootBoth(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}-vi-1280x800.png` });
  await page.getByRole('button', { name: 'English' }).click();
  await page.screenshot({ path: `${SHOTS}/${name}-en-1280x800.png` });
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
}

describe('navigation', () => {
  it('lists the screens in labelled groups: a sidebar at 1280 px, a menu button below 1200 px', async () => {
    const page = await signedIn();
    await open(page, 'overview');
    expect(await page.locator('.nav-group-label').allTextContents()).toEqual(['Số liệu', 'Thiết lập']);
    expect(await page.locator('nav.views-nav').isVisible()).toBe(true);
    expect(await page.locator('.menu-button').isVisible()).toBe(false);
    await shootBoth(page, 'nav');

    const narrow = await signedIn({ width: 1024, height: 768 });
    await open(narrow, 'overview');
    expect(await narrow.locator('nav.views-nav').isVisible()).toBe(false);
    await narrow.locator('.menu-button').click();
    await poll(() => narrow.locator('nav.views-nav').isVisible()).toBe(true);
    await narrow.screenshot({ path: `${SHOTS}/nav-menu-vi-1024x768.png` });
    await narrow.locator('nav.views-nav a[href="#/structure"]').click();
    await poll(() => narrow.locator('nav.views-nav').isVisible()).toBe(false);
    expect(await narrow.locator('h1.page-title').textContent()).toContain('Danh mục');
  });
});
