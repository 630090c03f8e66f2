/**
 * The public waiting-room screen (issue 12 item 8) in real Chromium against a
 * real server: an admin switches it on in the settings (the new section),
 * the TV page shows the figures, a kiosk rating posted through the API
 * changes them without a reload, and the page never holds a comment or an
 * officer's name that exist in the data — under the CSP, with no violation.
 * Screenshots (vi, en) at 1920×1080 and 1080×1920, of the off and unknown
 * pages, and of the settings section at 1280×800 (SCREEN_SHOTS_DIR).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { adminContext, submitSignIn, type AdminLocale } from '../helpers/admin-page';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { postKioskRating, type RatingTarget } from '../integration/realtime-clients';

const SHOTS = process.env.SCREEN_SHOTS_DIR ?? '/tmp/shots-screen';
const poll = <T,>(fn: () => T | Promise<T>, message?: string) => expect.poll(fn, { timeout: 20_000, interval: 100, message });
const COMMENT = 'Bà Lê Thị Bí Mật phàn nàn: chờ quá lâu ở quầy';
const OFFICERS = ['Nguyễn Văn Một', 'Trần Thị Hai'];

let s: TestServer;
let browser: Browser;
let admin: string;
let t: RatingTarget;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  mkdirSync(SHOTS, { recursive: true });
  admin = await s.login();
  t = { url: s.url, deviceToken: s.deviceToken, surveyVersionId: s.surveyVersionId };
  // A fuller office than the fixture's two counters, so the screens look like a real one.
  const org = (await s.ctx.entities.list('organisation'))[0];
  await s.ctx.entities.put('organisation', { ...org, name: { vi: 'Sở Ngoại vụ tỉnh Hài Lòng', en: 'Department of Foreign Affairs' }, minSample: 3 });
  const sp1 = (await s.ctx.entities.get('servicePoint', 'sp-t1'))!;
  for (const [id, code, vi, en] of [
    ['sp-t3', 'T3', 'Quầy 3 – Hợp pháp hóa lãnh sự', 'Counter 3 – Consular legalisation'],
    ['sp-t4', 'T4', 'Quầy 4 – Hội nghị, hội thảo quốc tế', 'Counter 4 – International conferences'],
  ]) {
    await s.ctx.entities.put('servicePoint', { ...sp1, id, code, name: { vi, en } });
  }
  await s.ctx.entities.put('servicePoint', { ...sp1, name: { vi: 'Quầy 1 – Hộ chiếu, thị thực', en: 'Counter 1 – Passports and visas' } });
  s.ctx.events.emit('config:changed', { orgId: org.id, kind: 'organisation', id: org.id });
  for (const score of [5, 5, 4, 5, 2, 4, 5]) await postKioskRating(t, score, score === 2 ? { comment: COMMENT } : {});
});
afterAll(() => closeAll(contexts, browser, s));

async function context(viewport: { width: number; height: number }, cookie = false, adminLocale?: AdminLocale): Promise<BrowserContext> {
  const ctx = await adminContext(browser, s.url, { viewport, deviceScaleFactor: 1, cookie: cookie ? admin : undefined, adminLocale, track: contexts });
  await ctx.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return ctx;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

describe('the settings section', () => {
  it('an admin switches the screen on from the settings, choosing its code; the address and QR are there', async () => {
    const ctx = await context({ width: 1280, height: 800 }, false, 'vi');
    const page = await ctx.newPage();
    await submitSignIn(page, s.url);
    await poll(() => page.getByTestId('user').count()).toBe(1);
    await page.goto(`${s.url}/admin/#/settings`);
    const section = page.getByTestId('screen-settings');
    await poll(() => section.count()).toBe(1);
    await poll(() => section.getByTestId('screen-off-note').count()).toBe(1);
    await poll(() => section.getByTestId('screen-qr').count()).toBe(1);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/settings-screen-off-vi-1280x800.png` });

    await section.getByLabel('Bật màn hình phòng chờ (ai có địa chỉ đều xem được)').check();
    await section.locator('#set-screen-code').fill('snv');
    await section.getByRole('button', { name: 'Lưu màn hình phòng chờ' }).click();
    await poll(() => section.getByTestId('screen-off-note').count()).toBe(0);
    await poll(() => section.getByTestId('screen-url').textContent()).toBe(`${s.url}/screen/snv`);
    expect(await section.getByTestId('screen-url').getAttribute('target')).toBe('_blank');
    const org = await (await s.api('/api/v1/organisation', { cookie: admin })).json();
    expect(org.publicScreen).toMatchObject({ enabled: true, code: 'snv', parts: ['today', 'month', 'counters'], unitIds: null });
    const audit = await (await s.api('/api/v1/audit?action=organisation.update', { cookie: admin })).json();
    expect(audit.items.some((e: { details?: { after?: { publicScreen?: { enabled?: boolean } } } }) => e.details?.after?.publicScreen?.enabled === true)).toBe(true);

    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/settings-screen-on-vi-1280x800.png` });
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => section.locator('legend').first().textContent()).toBe('Waiting-room screen');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/settings-screen-on-en-1280x800.png` });
    // A bad code: the server's field error shows beside the field and nothing is saved.
    await section.locator('#set-screen-code').fill('A');
    await section.getByRole('button', { name: 'Save the waiting-room screen' }).click();
    await poll(() => section.locator('.field-invalid #set-screen-code').count()).toBe(1);
    expect((await (await s.api('/api/v1/organisation', { cookie: admin })).json()).publicScreen.code).toBe('snv');
    expect(await violations(page)).toEqual([]);
  });
});

describe('the TV page', () => {
  it('shows the figures, changes live when a kiosk rating comes in (no reload), and never shows a comment or an officer', async () => {
    const ctx = await context({ width: 1920, height: 1080 });
    const page = await ctx.newPage();
    const res = await page.goto(`${s.url}/screen/snv`);
    expect(res!.status()).toBe(200);
    await poll(() => page.locator('main').getAttribute('data-screen')).toBe('ready');
    await poll(() => page.getByTestId('live').getAttribute('class')).toContain('on');
    await poll(() => page.getByTestId('count-today').textContent()).toBe('7 lượt đánh giá');
    expect(await page.getByTestId('rate-today').textContent()).toContain('85,71%');
    expect(await page.locator('[data-counter=T2] .cell-none').first().textContent()).toBe('Chưa đủ đánh giá');
    // A marker that a reload would wipe.
    await page.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));

    await postKioskRating(t, 1, { comment: COMMENT });
    await poll(() => page.getByTestId('count-today').textContent()).toBe('8 lượt đánh giá');
    expect(await page.getByTestId('rate-today').textContent()).toContain('75,00%');
    expect(await page.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(true);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);

    const text = (await page.locator('body').innerText()) + (await page.content());
    for (const secret of [COMMENT, 'Bí Mật', ...OFFICERS]) expect(text, secret).not.toContain(secret);
    await page.screenshot({ path: `${SHOTS}/screen-vi-1920x1080.png` });
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await poll(() => page.getByTestId('count-today').textContent()).toBe('8 ratings');
    await page.screenshot({ path: `${SHOTS}/screen-en-1920x1080.png` });
    expect(await violations(page)).toEqual([]);
  });

  it('has its own portrait layout at 1080×1920 (stacked, nothing cut), in vi and en', async () => {
    const ctx = await context({ width: 1080, height: 1920 });
    const page = await ctx.newPage();
    await page.goto(`${s.url}/screen/snv`);
    await poll(() => page.locator('main').getAttribute('data-screen')).toBe('ready');
    const box = async (sel: string) => (await page.locator(sel).first().boundingBox())!;
    const cards = await box('.cards');
    const counters = await box('.counters');
    // Portrait: the counters sit below the headline figures, not beside them.
    expect(counters.y).toBeGreaterThanOrEqual(cards.y + cards.height);
    await page.screenshot({ path: `${SHOTS}/screen-vi-1080x1920.png` });
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('.card, .counters, .top, .screen')].filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.className),
    );
    expect(overflow).toEqual([]);
    await page.goto(`${s.url}/screen/snv?lang=en`);
    await poll(() => page.getByTestId('count-today').textContent()).toMatch(/ratings$/);
    await page.screenshot({ path: `${SHOTS}/screen-en-1080x1920.png` });
  });

  it('a unit screen shows that unit only', async () => {
    const ctx = await context({ width: 1920, height: 1080 });
    const page = await ctx.newPage();
    await page.goto(`${s.url}/screen/B`);
    await poll(() => page.locator('main').getAttribute('data-screen')).toBe('ready');
    expect(await page.locator('h1').textContent()).toContain('Phòng B');
    expect(await page.locator('[data-counter]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-counter')))).toEqual(['T2']);
    await page.screenshot({ path: `${SHOTS}/screen-unit-vi-1920x1080.png` });
  });

  it('a long counter list turns its pages by itself, and still fits both TVs', async () => {
    const sp1 = (await s.ctx.entities.get('servicePoint', 'sp-t1'))!;
    for (let i = 5; i <= 14; i++) await s.ctx.entities.put('servicePoint', { ...sp1, id: `sp-x${i}`, code: `T${i}`, name: { vi: `Quầy ${i} – Tiếp nhận hồ sơ`, en: `Counter ${i} – Dossier intake` } });
    s.ctx.events.emit('config:changed', { orgId: 'org-main', kind: 'servicePoint', id: 'sp-x5' });
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1080, height: 1920 }]) {
      const ctx = await context(viewport);
      const page = await ctx.newPage();
      await page.goto(`${s.url}/screen/snv`);
      await poll(() => page.getByTestId('page-of').textContent()).toBe('Trang 1/2');
      expect(await page.locator('[data-counter]').count()).toBe(8);
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll('.card, .counters, .top, .screen')].filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.className),
      );
      await page.screenshot({ path: `${SHOTS}/screen-14-counters-vi-${viewport.width}x${viewport.height}.png` });
      expect(cut, `${viewport.width}×${viewport.height}`).toEqual([]);
      if (viewport.width === 1920) {
        await poll(() => page.getByTestId('page-of').textContent()).toBe('Trang 2/2');
        expect(await page.locator('[data-counter]').count()).toBe(6);
      }
    }
  }, 60_000);

  it('switched off while open: the screen goes to the "not switched on" page by itself; an unknown code has its own page', async () => {
    const ctx = await context({ width: 1920, height: 1080 });
    const page = await ctx.newPage();
    await page.goto(`${s.url}/screen/snv`);
    await poll(() => page.locator('main').getAttribute('data-screen')).toBe('ready');
    const res = await s.api('/api/v1/organisation', { method: 'PATCH', cookie: admin, json: { publicScreen: { enabled: false } }, headers: { origin: s.url } });
    expect(res.status).toBe(200);
    await poll(() => page.locator('h1').textContent()).toBe('Màn hình phòng chờ chưa được bật');
    await page.screenshot({ path: `${SHOTS}/screen-off-vi-1920x1080.png` });
    await page.goto(`${s.url}/screen/KHONG-CO`);
    expect(await page.locator('h1').textContent()).toBe('Không tìm thấy màn hình phòng chờ');
    await page.screenshot({ path: `${SHOTS}/screen-unknown-vi-1920x1080.png` });
    await page.goto(`${s.url}/survey/nope`);
    expect(await page.locator('h1').textContent()).toBe('Không tìm thấy trang');
    await page.screenshot({ path: `${SHOTS}/not-found-vi-1920x1080.png` });
    // Most public 404s come from a phone that scanned an old poster.
    await page.setViewportSize({ width: 360, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}/not-found-vi-360x640.png` });
    expect(await violations(page)).toEqual([]);
  });
});
