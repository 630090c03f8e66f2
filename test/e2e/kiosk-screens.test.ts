/**
 * The kiosk's looks and limits: screenshots in Vietnamese and English,
 * portrait and landscape, 1280×800 to 1920×1080; every touch target at
 * least 72 px; nothing cut off; and the gzipped JS budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { DIST_DIR } from '../../server/dist-dir';
import { createDevice, newKioskPage, onScreen, setKioskTiming } from './kiosk-fixture';

const VIEWPORTS = [
  { name: '1280x800-landscape', width: 1280, height: 800 },
  { name: '800x1280-portrait', width: 800, height: 1280 },
  { name: '1920x1080-landscape', width: 1920, height: 1080 },
  { name: '1080x1920-portrait', width: 1080, height: 1920 },
];
const MIN_TARGET_PX = 72;
const BUDGET_BYTES = 30 * 1024;

let s: TestServer;
let admin: string;
let browser: Browser;
beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await s.login();
  await setKioskTiming(s, admin, 600, 0); // nothing resets while screenshots are taken
  // A photo for the officer on duty, inline so it also shows offline.
  const photo =
    'data:image/svg+xml;utf8,' +
    encodeURIComponent(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="#d9e2ec"/><circle cx="50" cy="38" r="20" fill="#6b7c8f"/><path d="M14 100c4-26 20-36 36-36s32 10 36 36z" fill="#6b7c8f"/></svg>',
    );
  await s.ctx.entities.put('officer', { ...(await s.ctx.entities.get('officer', 'off-1'))!, photoUrl: photo, title: { vi: 'Chuyên viên', en: 'Officer' } });
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

/** Every visible button and text field smaller than the minimum touch target, by its text. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, input, textarea')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < min || r.height < min) small.push(`${el.textContent?.trim() || el.tagName} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return small;
  }, MIN_TARGET_PX);
}

/** Elements of the rating screen that stick out of the viewport (it must fit without scrolling). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('header, main, footer, .face, .lang')) {
      const r = el.getBoundingClientRect();
      if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || r.left < -1 || r.top < -1) out.push(el.className || el.tagName);
    }
    const main = document.querySelector('main');
    if (main && main.scrollHeight > main.clientHeight + 1) out.push('main scrolls');
    return out;
  });
}

describe('kiosk screens', () => {
  it('fits the rating screen in every size and orientation, in both languages, with touch targets of 72 px or more', async () => {
    const device = await createDevice(s, admin);
    const { context, page } = await newKioskPage(browser);
    try {
      await page.goto(device.url);
      await onScreen(page, 'start');
      for (const vp of VIEWPORTS) {
        await page.setViewportSize(vp);
        for (const locale of ['vi', 'en'] as const) {
          const current = await page.evaluate(() => document.documentElement.lang);
          if (current !== locale) await page.locator('[data-testid="lang"]').click();
          await page.waitForTimeout(150);
          await page.screenshot({ path: screenshotPath(`kiosk-start-${locale}-${vp.name}`) });
          expect(await smallTargets(page), `${vp.name} ${locale}`).toEqual([]);
          expect(await overflowing(page), `${vp.name} ${locale}`).toEqual([]);
        }
      }
    } finally {
      await context.close();
    }
  });

  it('shows the follow-up, the thank-you and the enrolment screens legibly in both orientations', async () => {
    for (const vp of [VIEWPORTS[0], VIEWPORTS[1]]) {
      for (const locale of ['vi', 'en'] as const) {
        const device = await createDevice(s, admin);
        const { context, page } = await newKioskPage(browser, vp);
        try {
          await page.goto(`${s.url}/kiosk/`);
          await onScreen(page, 'enrol');
          if (locale === 'en') await page.locator('button.lang').click();
          await page.locator('input[name="code"]').fill('ABCD-EFG');
          await page.screenshot({ path: screenshotPath(`kiosk-enrol-${locale}-${vp.name}`) });
          expect(await smallTargets(page)).toEqual([]);
          await page.goto(device.url);
          await onScreen(page, 'start');
          if (locale === 'en') await page.locator('[data-testid="lang"]').click();
          await page.waitForTimeout(400);
          await page.locator('button.face[data-value="2"]').click();
          await onScreen(page, 'follow-up');
          await page.waitForTimeout(400);
          await page.locator('.chip[data-reason="C"]').click();
          await page.locator('textarea').fill(locale === 'vi' ? 'Phải chờ hơn một giờ' : 'Waited over an hour');
          await page.screenshot({ path: screenshotPath(`kiosk-follow-up-${locale}-${vp.name}`) });
          expect(await smallTargets(page)).toEqual([]);
          await page.locator('[data-action="send"]').click();
          await onScreen(page, 'thanks');
          await page.screenshot({ path: screenshotPath(`kiosk-thanks-${locale}-${vp.name}`) });
        } finally {
          await context.close();
        }
      }
    }
  });
});

describe('kiosk bundle', () => {
  it('ships at most 30 KB of gzipped JavaScript (page scripts, their imports and the service worker)', () => {
    const dir = path.join(DIST_DIR, 'kiosk');
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/kiosk\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    const files = [...new Set([...scripts, 'sw.js'])];
    const sizes = files.map((f) => gzipSync(readFileSync(path.join(dir, f)), { level: 9 }).length);
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`kiosk JS (gzip): ${(total / 1024).toFixed(1)} KB of ${BUDGET_BYTES / 1024} KB — ${files.map((f, i) => `${f} ${(sizes[i] / 1024).toFixed(1)} KB`).join(', ')}`);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
