/**
 * The office console's running screens in real Chromium against a real
 * server, logged in as a real admin: the grouped navigation, kiosks (a code
 * made on the screen enrols a kiosk through the API), and screenshots of each
 * screen in vi and en at 1280×800 (/tmp/shots-setup2/).
 */
import { mkdirSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { DESKTOP, openView, poll, shootBoth, signIn } from '../helpers/admin-page';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';

const SHOTS = process.env.SETUP2_SHOTS_DIR ?? '/tmp/shots-setup2';
let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => closeAll(contexts, browser, s));

const signedIn = (viewport = DESKTOP) => signIn(browser, s.url, { viewport, deviceScaleFactor: 1, adminLocale: 'vi', track: contexts });
const open = (page: Page, view: string) => openView(page, s.url, view);

describe('navigation', () => {
  it('lists the screens in labelled groups: a sidebar at 1280 px, a menu button below 1200 px', async () => {
    const page = await signedIn();
    await open(page, 'overview');
    expect(await page.locator('.nav-group-label').allTextContents()).toEqual(['Số liệu', 'Thiết lập']);
    expect(await page.locator('nav.views-nav').isVisible()).toBe(true);
    expect(await page.locator('.menu-button').isVisible()).toBe(false);
    await shootBoth(page, SHOTS, 'nav');

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
  it('paints the sidebar column to the bottom of the window on a long page scrolled to its end', async () => {
    const page = await signedIn();
    await open(page, 'settings');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    const png = PNG.sync.read(await page.screenshot());
    const at = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    // A point inside the sidebar column below its last link, near the bottom
    // edge, must be the sidebar's own colour, the same as beside its links.
    const besideLinks = await page.evaluate(() => {
      const r = document.querySelector('nav.views-nav')!.getBoundingClientRect();
      return Math.max(0, Math.round(r.top) + 4);
    });
    expect(at(200, png.height - 1)).toEqual(at(200, besideLinks));
  });

  it('paints the sidebar column to the bottom of the window on a page shorter than the window', async () => {
    const page = await signedIn();
    await open(page, 'alerts');
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(800);
    const png = PNG.sync.read(await page.screenshot());
    const at = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    const top = await page.evaluate(() => Math.round(document.querySelector('nav.views-nav')!.getBoundingClientRect().top) + 4);
    // The last row of the window, under the sidebar: its colour, not the page's.
    expect(at(200, png.height - 1)).toEqual(at(200, top));
  });
});

describe('kiosks', () => {
  it('enrols a kiosk from the screen: the code shown enrols a kiosk through the API; revoking is confirmed', async () => {
    const page = await signedIn();
    await open(page, 'kiosks');
    await poll(() => page.locator('.kiosks-screen table, .kiosks-screen .table-empty, .kiosks-screen [data-state]').count()).toBeGreaterThan(0);
    await page.getByTestId('add-kiosk').click();
    await page.locator('#kiosk-counter').selectOption('sp-t1');
    await page.locator('#kiosk-name').fill('Máy quầy T1');
    await page.getByRole('button', { name: 'Tạo mã kích hoạt' }).click();
    await poll(() => page.getByTestId('kiosk-code').count()).toBe(1);
    const code = (await page.getByTestId('kiosk-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await page.locator('.enrolment-qr svg').count()).toBe(1);
    await shootBoth(page, SHOTS, 'kiosks-code');

    const enrol = await fetch(`${s.url}/api/v1/devices/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(enrol.status).toBe(200);
    const { device } = (await enrol.json()) as { device: { id: string; servicePointId: string } };
    expect(device.servicePointId).toBe('sp-t1');

    await page.getByRole('button', { name: 'Xong, đóng lại' }).click();
    await page.reload();
    const row = page.getByTestId(`kiosk-${device.id}`);
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Máy quầy T1');
    expect(await row.textContent()).toContain('Chưa kết nối');
    await shootBoth(page, SHOTS, 'kiosks');

    // Move it to the other counter from the edit form.
    await page.getByRole('button', { name: 'Đổi tên / chuyển quầy: Máy quầy T1' }).click();
    await page.locator('#kiosk-counter').selectOption('sp-t2');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await poll(() => row.textContent()).toContain('T2 · Quầy T2');

    await page.getByRole('button', { name: 'Thu hồi: Máy quầy T1' }).click();
    await poll(() => page.locator('dialog[open]').count()).toBe(1);
    await page.locator('dialog[open]').getByRole('button', { name: 'Thu hồi' }).click();
    await poll(() => row.textContent()).toContain('Đã thu hồi');
    const again = await fetch(`${s.url}/api/v1/devices/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(again.status).not.toBe(200);
  });
});

describe('posters', () => {
  it('warns while PUBLIC_URL is localhost, and prints all counters: one A4 page each, each QR decoding to its counter link', async () => {
    const page = await signedIn();
    await open(page, 'posters');
    await poll(() => page.locator('.poster-card').count()).toBe(2);
    expect(await page.getByTestId('posters-local-warning').textContent()).toContain('PUBLIC_URL');
    await poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLImageElement>('.poster-qr')].every((i) => i.complete && i.naturalWidth > 0))).toBe(true);
    await shootBoth(page, SHOTS, 'posters');

    const href = await page.getByTestId('print-all').getAttribute('href');
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('print-all').click()]);
    await popup.waitForLoadState('load');
    expect(popup.url()).toBe(new URL(href!, s.url).href);
    expect(await popup.locator('main.sheet').count()).toBe(2);
    const pdf = await popup.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length;
    expect(pages).toBe(2);

    // Each sheet's QR, drawn by Chromium and read back by a real decoder, is its counter's link.
    await popup.setViewportSize({ width: 900, height: 1200 });
    const links: string[] = [];
    for (const sheet of await popup.locator('main.sheet .qr').all()) {
      await sheet.scrollIntoViewIfNeeded();
      const png = PNG.sync.read(await sheet.screenshot());
      links.push(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '');
    }
    expect(links.map((l) => new URL(l).pathname)).toEqual(['/s/T1', '/s/T2']);
  });
});

describe('duty roster', () => {
  it('puts an officer on duty at a counter and shows the change in its history, with who set it', async () => {
    const cookie = await s.login();
    const created = await s.api('/api/v1/officers', { method: 'POST', json: { unitId: 'unit-a', name: 'Lê Văn Ba' }, cookie });
    expect(created.status).toBe(201);
    const page = await signedIn();
    await open(page, 'duty');
    const row = page.getByTestId('duty-T1');
    await poll(() => row.count()).toBe(1);
    // Only the counter's unit's officers are offered.
    const offered = await row.locator('select option').allTextContents();
    expect(offered).toContain('Lê Văn Ba');
    expect(offered).not.toContain('Trần Thị Hai');
    await row.locator('select').selectOption({ label: 'Lê Văn Ba' });
    await page.getByRole('button', { name: 'Đặt người trực tại quầy T1' }).click();
    await poll(() => row.getByTestId('on-duty').textContent()).toBe('Lê Văn Ba');
    const sp = (await (await s.api('/api/v1/service-points', { cookie })).json()).items.find((x: { code: string }) => x.code === 'T1');
    expect(sp.officerOnDutyId).toBe((await created.json()).id);

    await page.getByRole('button', { name: 'Lịch sử trực tại quầy T1' }).click();
    const history = page.getByTestId('duty-history');
    await poll(() => history.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    const newest = await history.locator('tbody tr').first().textContent();
    expect(newest).toContain('Lê Văn Ba');
    expect(newest).toContain('đến nay');
    expect(newest).toContain(ADMIN.email);
    expect(await history.locator('tbody tr').nth(1).textContent()).toContain('Nguyễn Văn Một');
    await shootBoth(page, SHOTS, 'duty');

    // From the officer's side: Nguyễn Văn Một back at T1.
    const officer = page.getByTestId('officer-Nguyễn Văn Một');
    await officer.locator('select').selectOption({ label: 'T1 · Quầy T1' });
    await page.getByRole('button', { name: 'Đặt Nguyễn Văn Một vào quầy đã chọn' }).click();
    await poll(() => row.getByTestId('on-duty').textContent()).toBe('Nguyễn Văn Một');
    await poll(() => history.locator('tbody tr').first().textContent()).toContain('Nguyễn Văn Một');
    await page.getByTestId('officer-Nguyễn Văn Một').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/duty-by-officer-vi-1280x800.png` });
  });
});

describe('integrations', () => {
  it('creates an integration key shown once that issues links, lists it, and revokes it with a confirmation', async () => {
    const page = await signedIn();
    await open(page, 'integrations');
    await poll(() => page.getByTestId('webhook-form').locator('#webhook-url').count()).toBe(1);
    // An empty name is refused beside the field.
    await page.getByRole('button', { name: 'Tạo khóa' }).click();
    await poll(() => page.locator('#key-name[aria-invalid=true]').count()).toBe(1);
    await page.locator('#key-name').fill('Một cửa tỉnh');
    await page.getByRole('button', { name: 'Tạo khóa' }).click();
    await poll(() => page.getByTestId('integration-key').count()).toBe(1);
    const key = (await page.getByTestId('integration-key').textContent())!.trim();
    expect(key).toMatch(/^hlk_/);
    await shootBoth(page, SHOTS, 'integrations-key');
    await page.getByRole('button', { name: 'Đã chép, đóng lại' }).click();
    expect(await page.getByTestId('integration-key').count()).toBe(0);
    await page.reload();
    const row = page.getByTestId('key-Một cửa tỉnh');
    await poll(() => row.count()).toBe(1);
    // Shown once: the list never carries the key.
    expect(await page.content()).not.toContain(key);
    expect(await row.textContent()).toContain('Đang dùng');

    // The key works for the one-stop software …
    const link = await fetch(`${s.url}/api/v1/survey-links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ counter: 'T1', procedureCode: '1.000001', dossierRef: `HS-${Math.random()}` }),
    });
    expect(link.status).toBe(201);

    // … until revoked.
    await page.getByRole('button', { name: 'Thu hồi: Một cửa tỉnh' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Thu hồi' }).click();
    await poll(() => row.textContent()).toContain('Đã thu hồi');
    const refused = await fetch(`${s.url}/api/v1/survey-links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ counter: 'T1', procedureCode: '1.000001', dossierRef: `HS-${Math.random()}` }),
    });
    expect(refused.status).toBe(401);
  });

  it('saves the webhook, refusing a short secret beside its field, and shows the delivery log', async () => {
    const page = await signedIn();
    await open(page, 'integrations');
    await poll(() => page.locator('#webhook-url').count()).toBe(1);
    await page.locator('#webhook-url').fill('https://hooks.example.gov.vn/hailong');
    await page.locator('#webhook-secret').fill('short');
    await page.getByRole('button', { name: 'Lưu webhook' }).click();
    await poll(() => page.locator('#webhook-secret[aria-invalid=true]').count()).toBe(1);
    expect(await page.locator('#webhook-url').inputValue()).toBe('https://hooks.example.gov.vn/hailong');
    await page.locator('#webhook-secret').fill('a-long-enough-secret-123');
    await page.getByRole('button', { name: 'Lưu webhook' }).click();
    await poll(() => page.locator('#webhook-secret-hint').textContent()).toContain('Đã có khóa bí mật');
    const cookie = await s.login();
    const rules = await (await s.api('/api/v1/alert-rules', { cookie })).json();
    expect(rules.webhook).toMatchObject({ url: 'https://hooks.example.gov.vn/hailong', secretSet: true });
    await shootBoth(page, SHOTS, 'integrations');
  });
});

describe('alert rules', () => {
  it('explains each rule in plain words with its numbers, refuses a bad value beside its field, and saves on/off and settings', async () => {
    const page = await signedIn();
    await open(page, 'alert-rules');
    await poll(() => page.getByTestId('meaning-kioskSilent').count()).toBe(1);
    expect(await page.getByTestId('meaning-lowSatisfaction').textContent()).toContain('7 ngày');
    expect(await page.getByTestId('meaning-lowSatisfaction').textContent()).toContain('85%');
    await page.locator('#kioskSilent-minutes').fill('30');
    await poll(() => page.getByTestId('meaning-kioskSilent').textContent()).toContain('30 phút');
    await page.getByTestId('rule-burst').getByRole('checkbox', { name: 'Bật quy tắc này' }).uncheck();
    await page.locator('#lowSatisfaction-windowDays').fill('0');
    await page.getByRole('button', { name: 'Lưu các quy tắc' }).click();
    await poll(() => page.locator('#lowSatisfaction-windowDays[aria-invalid=true]').count()).toBe(1);
    expect(await page.locator('#kioskSilent-minutes').inputValue()).toBe('30');
    await page.locator('#lowSatisfaction-windowDays').fill('14');
    await page.getByRole('button', { name: 'Lưu các quy tắc' }).click();
    await poll(() => page.locator('#lowSatisfaction-windowDays[aria-invalid=true]').count()).toBe(0);
    const cookie = await s.login();
    await poll(async () => (await (await s.api('/api/v1/alert-rules', { cookie })).json()).kioskSilent.minutes).toBe(30);
    const rules = await (await s.api('/api/v1/alert-rules', { cookie })).json();
    expect(rules.burst.enabled).toBe(false);
    expect(rules.lowSatisfaction.windowDays).toBe(14);
    // The webhook set on the Integrations screen is kept.
    expect(rules.webhook.secretSet).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shootBoth(page, SHOTS, 'alert-rules');
  });
});
