/**
 * One officer below the minimum sample in real Chromium: the trend and the
 * breakdown filtered to that officer say "Chưa đủ số đánh giá tối thiểu
 * (n = 7 < 30)" where a rate would be (the server sends n only), the gap card
 * gives no gap; and the English breakdown says "1 row is", not "1 rows are".
 * Screenshots vi/en 1280×800 in /tmp/hl-shots/officer/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { adminPage, openView, poll, type AdminLocale } from '../helpers/admin-page';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { commitRatings, onDay, storedRating } from '../helpers/stored-ratings';

const SHOTS = process.env.OFFICER_SHOTS_DIR ?? '/tmp/hl-shots/officer';
let s: TestServer;
let browser: Browser;
let cookie: string;
let min: number;
const contexts: BrowserContext[] = [];
const RANGE = 'period=custom&from=2026-03-01&to=2026-03-31';

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  mkdirSync(SHOTS, { recursive: true });
  cookie = await s.login();
  min = (await s.ctx.entities.list('organisation'))[0].minSample;
  const one = (officerId: string, servicePointId: string, unitId: string, O: number, i: number, day = '2026-03-02') =>
    storedRating(s, { officerId, unitId, servicePointId, overall: O, serverTime: onDay(day, 9, i) });
  // off-1 at T1: 7 ratings (below the minimum); off-2 at T2: the minimum on 2 March, all unsatisfied (T2 significantly below target).
  // off-2 also has 3 ratings on 4 March (a withheld day between two shown ones) and the minimum again, satisfied, on 6 March.
  const rs = [
    ...Array.from({ length: 7 }, (_, i) => one('off-1', 'sp-t1', 'unit-a', i < 2 ? 1 : 5, i)),
    ...Array.from({ length: min }, (_, i) => one('off-2', 'sp-t2', 'unit-b', 1, i)),
    ...Array.from({ length: 3 }, (_, i) => one('off-2', 'sp-t2', 'unit-b', 5, i, '2026-03-04')),
    ...Array.from({ length: min }, (_, i) => one('off-2', 'sp-t2', 'unit-b', 5, i, '2026-03-06')),
  ];
  await commitRatings(s, rs);
});
afterAll(() => closeAll(contexts, browser, s));

const signedIn = (locale: AdminLocale) => adminPage(browser, s.url, { deviceScaleFactor: 1, adminLocale: locale, cookie, track: contexts });
const open = (page: Page, hash: string) => openView(page, s.url, hash);

describe('one officer below the minimum sample', () => {
  it('trend: no rate, the table says it is withheld, the comparison too', async () => {
    for (const locale of ['vi', 'en'] as const) {
      const text = locale === 'vi' ? `Chưa đủ số đánh giá tối thiểu (n = 7 < ${min})` : `Fewer ratings than the minimum (n = 7 < ${min})`;
      const page = await signedIn(locale);
      await open(page, `trend?${RANGE}&bucket=day&officerId=off-1`);
      await poll(() => page.getByTestId('trend-withheld').count()).toBe(1);
      await expect(page.getByTestId('trend-cell-withheld').first().textContent()).resolves.toBe(text);
      await poll(() => page.getByTestId('cmp-now-withheld').textContent()).toBe(text);
      // Nothing in the trend card reads as a percentage of this officer's 7 ratings.
      expect(await page.getByTestId('trend-card').textContent()).not.toMatch(/71[,.]4/);
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${SHOTS}/trend-officer-withheld-${locale}-1280x800.png` });
    }
  });

  it('breakdown: the row and the gap card say why there is no figure', async () => {
    for (const locale of ['vi', 'en'] as const) {
      const text = locale === 'vi' ? `Chưa đủ số đánh giá tối thiểu (n = 7 < ${min})` : `Fewer ratings than the minimum (n = 7 < ${min})`;
      const page = await signedIn(locale);
      await open(page, `breakdown?${RANGE}&groupBy=servicePointId&officerId=off-1`);
      await poll(() => page.getByTestId('gap-withheld').count()).toBe(1);
      await expect(page.getByTestId('gap-withheld').textContent()).resolves.toContain(`(n = 7 < ${min})`);
      await poll(() => page.locator('[data-testid="bd-row-sp-t1"] [data-testid="bd-rate"]').textContent()).toBe(text);
      expect(await page.getByTestId('gap-needed').count()).toBe(0);
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${SHOTS}/breakdown-officer-withheld-${locale}-1280x800.png` });
    }
  });
});

describe('one officer with some buckets below the minimum', () => {
  it('trend: the chart is drawn, the thin day is withheld in the table', async () => {
    for (const locale of ['vi', 'en'] as const) {
      const page = await signedIn(locale);
      await open(page, `trend?${RANGE}&bucket=day&officerId=off-2`);
      await poll(() => page.getByTestId('trend-withheld').count()).toBe(1);
      expect(await page.locator('[data-testid="trend-card"] canvas').count()).toBe(1);
      await page.getByTestId('trend-table').locator('xpath=ancestor::details').evaluate((d) => ((d as HTMLDetailsElement).open = true));
      const cells = await page.getByTestId('trend-cell-withheld').allTextContents();
      expect(cells).toEqual([locale === 'vi' ? `Chưa đủ số đánh giá tối thiểu (n = 3 < ${min})` : `Fewer ratings than the minimum (n = 3 < ${min})`]);
      await page.getByTestId('trend-card').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${SHOTS}/trend-officer-gap-${locale}-1280x800.png` });
    }
  });
});

describe('breakdown plural', () => {
  it('says "1 row is significantly below target" in English', async () => {
    const page = await signedIn('en');
    await open(page, `breakdown?${RANGE}&groupBy=servicePointId`);
    await poll(() => page.getByTestId('bd-sig-below').textContent()).toBe('1 row is significantly below target (marked ▼).');
  });
});
