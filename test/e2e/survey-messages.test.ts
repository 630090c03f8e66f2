/**
 * The QR survey page at 360×640 (issue 12 item 9): the "please choose a
 * rating" error and the rate-limit message must be seen, not left under the
 * sticky footer — each message's box inside the viewport and, at its centre
 * and near its bottom, the message itself is what the screen shows there
 * (elementFromPoint), not the footer. Screenshots in vi and en.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SHOTS = process.env.ANALYSIS_SHOTS_DIR ?? '/tmp/hl-shots/analysis';
let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  mkdirSync(SHOTS, { recursive: true });
  // Real names are long: the header then takes two or three lines, and the messages fall under the footer.
  const org = (await s.ctx.entities.get('organisation', 'org-main'))!;
  const sp = (await s.ctx.entities.get('servicePoint', 'sp-t1'))!;
  await s.ctx.entities.put('organisation', { ...org, name: { vi: 'Sở Ngoại vụ tỉnh Bà Rịa – Vũng Tàu (Bộ phận Một cửa)', en: 'Department of Foreign Affairs of Ba Ria – Vung Tau' } });
  await s.ctx.entities.put('servicePoint', { ...sp, name: { vi: 'Quầy 2 – Hợp pháp hóa lãnh sự', en: 'Counter 2 – Consular legalisation' } });
});
afterAll(() => closeAll(contexts, browser, s));

async function phone(locale: 'vi-VN' | 'en-US' = 'vi-VN'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1, locale });
  contexts.push(ctx);
  return ctx.newPage();
}

/** The message is on screen and on top: inside the viewport, and what the screen shows at its centre and bottom edge. */
async function expectSeen(el: Locator): Promise<void> {
  await expect.poll(async () => {
    const box = await el.boundingBox();
    if (!box) return 'no box';
    if (box.y < 0 || box.y + box.height > 640 || box.x < 0 || box.x + box.width > 360) return `outside the viewport: ${JSON.stringify(box)}`;
    const covered = await el.evaluate((node) => {
      const r = node.getBoundingClientRect();
      for (const y of [r.top + r.height / 2, r.bottom - 2]) {
        const hit = document.elementFromPoint(r.left + r.width / 2, y);
        if (!hit || !(node === hit || node.contains(hit))) return `covered at y=${Math.round(y)} by ${hit?.tagName}.${hit?.className}`;
      }
      return '';
    });
    return covered || 'seen';
  }, { timeout: 5000, interval: 100 }).toBe('seen');
}

const nextButton = (page: Page) => page.getByRole('button', { name: /^(Tiếp tục|Next)$/ });

describe('QR survey page messages at 360×640', () => {
  for (const [locale, lang] of [['vi-VN', 'vi'], ['en-US', 'en']] as const) {
    it(`shows "please choose a rating" above the footer (${lang})`, async () => {
      const page = await phone(locale);
      await page.goto(`${s.url}/s/T1${lang === 'en' ? '?lang=en' : ''}`);
      await expect.poll(() => page.locator('.step-of').count()).toBe(1);
      if (lang === 'en' && (await page.locator('html').getAttribute('lang')) !== 'en') {
        await page.locator('button.lang').click();
        await expect.poll(() => page.locator('.counter').textContent()).toBe('Counter 2 – Consular legalisation');
      }
      await nextButton(page).click();
      const error = page.locator('.field-error');
      await expect.poll(() => error.count()).toBe(1);
      await expectSeen(error);
      await page.screenshot({ path: `${SHOTS}/qr-overall-required-${lang}-360x640.png` });
    });
  }

  it('shows the rate-limit message above the footer', async () => {
    const page = await phone();
    // The server's answer when a counter link is used too often from one phone.
    await page.route('**/api/v1/responses', (r) =>
      r.request().method() === 'POST'
        ? r.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ error: { code: 'rate-limited', message: 'Too many responses', details: [] } }) })
        : r.continue(),
    );
    await page.goto(`${s.url}/s/T1`);
    await expect.poll(() => page.locator('.step-of').count()).toBe(1);
    await page.locator('label', { has: page.getByRole('radio', { name: 'Hài lòng', exact: true }) }).click();
    // On to the last step, then send.
    for (let i = 0; i < 12 && (await page.getByRole('button', { name: 'Gửi đánh giá' }).count()) === 0; i++) {
      const before = await page.locator('.step-of').textContent();
      await nextButton(page).click();
      await expect.poll(() => page.locator('.step-of').textContent()).not.toBe(before);
    }
    await page.locator('#comment').fill('Cán bộ hướng dẫn tận tình. '.repeat(8));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    const error = page.locator('.submit-error');
    await expect.poll(() => error.count()).toBe(1);
    await expectSeen(error);
    await page.screenshot({ path: `${SHOTS}/qr-rate-limited-vi-360x640.png` });
  });
});
