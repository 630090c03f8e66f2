/**
 * The office console's setup screens in real Chromium against a real server,
 * logged in as real users: users and accounts (a unit head created from the
 * screen logs in with the temporary password shown once), own sessions, and
 * screenshots of each screen in vi and en at 1280×800 (/tmp/shots-setup/).
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { adminPage, openView, poll, shootBoth, signIn, submitSignIn, type AdminLocale } from '../helpers/admin-page';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';

const SHOTS = process.env.SETUP_SHOTS_DIR ?? '/tmp/shots-setup';
let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => closeAll(contexts, browser, s));

const signedIn = (email = ADMIN.email, password = ADMIN.password, locale: AdminLocale = 'vi') =>
  signIn(browser, s.url, { deviceScaleFactor: 1, adminLocale: locale, user: { email, password }, track: contexts });

/** A first sign-in with a temporary password: the change-password screen comes first, then the dashboard. */
async function firstSignIn(email: string, temporary: string): Promise<Page> {
  const page = await adminPage(browser, s.url, { deviceScaleFactor: 1, track: contexts });
  await submitSignIn(page, s.url, { email, password: temporary });
  await poll(() => page.getByTestId('forced-password').count()).toBe(1);
  await page.locator('#pw-current').fill(temporary);
  await page.locator('#pw-new').fill(`${temporary}-riêng`);
  await page.locator('#pw-confirm').fill(`${temporary}-riêng`);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await poll(() => page.getByTestId('user').count()).toBe(1);
  return page;
}

const open = (page: Page, view: string) => openView(page, s.url, view);
const shoot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });

let headPassword = '';

describe('users and accounts', () => {
  it('an admin creates a unit head from the screen; the temporary password, shown once, logs them in', async () => {
    const page = await signedIn();
    await open(page, 'users');
    await page.getByTestId('add-user').click();
    // A unit head without a unit: the server's field error shows next to the field, and what was typed stays.
    await page.locator('#user-email').fill('truong.a@test.local');
    await page.locator('#user-name').fill('Lê Văn Trưởng');
    await page.locator('#user-role').selectOption('unit-head');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await poll(() => page.getByTestId('user-unit-error').count()).toBe(1);
    expect(await page.locator('#user-email').inputValue()).toBe('truong.a@test.local');
    await shoot(page, 'users-form-error-vi-1280x800');
    await page.locator('#user-unit').selectOption('unit-a');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await poll(() => page.getByTestId('temp-password').count()).toBe(1);
    headPassword = (await page.getByTestId('temp-password').textContent())!.trim();
    expect(headPassword).toMatch(/^\S{4}-\S{4}-\S{4}-\S{4}$/);
    await poll(() => page.getByTestId('user-truong.a@test.local').count()).toBe(1);
    await shootBoth(page, SHOTS, 'users');
    await page.getByRole('button', { name: 'Đã chép, đóng lại' }).click();
    expect(await page.getByTestId('temp-password').count()).toBe(0);

    const head = await firstSignIn('truong.a@test.local', headPassword);
    headPassword = `${headPassword}-riêng`;
    expect(await head.getByTestId('user').textContent()).toContain('Trưởng bộ phận');
    // A unit head has no users screen: neither in the menu nor through the API.
    expect(await head.locator('nav a[href="#/users"]').count()).toBe(0);
    expect(await head.evaluate(async () => (await fetch('/api/v1/users')).status)).toBe(403);
  });

  it('deactivation is confirmed, ends the person’s session and is undone by reactivation', async () => {
    const head = await signedIn('truong.a@test.local', headPassword);
    const page = await signedIn();
    await open(page, 'users');
    await page.getByRole('button', { name: 'Ngừng kích hoạt: truong.a@test.local' }).click();
    await poll(() => page.locator('dialog[open]').count()).toBe(1);
    await shoot(page, 'users-confirm-deactivate-vi-1280x800');
    await page.locator('dialog[open] .btn-danger').click();
    await poll(() => page.getByTestId('user-truong.a@test.local').textContent()).toContain('Đã ngừng');
    expect(await head.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);
    await page.getByRole('button', { name: 'Kích hoạt lại: truong.a@test.local' }).click();
    await poll(() => page.getByTestId('user-truong.a@test.local').textContent()).toContain('Đang hoạt động');
  });

  it('own sessions: lists this and another browser, and signs the other out', async () => {
    const other = await signedIn();
    const page = await signedIn();
    await open(page, 'account');
    await poll(() => page.getByTestId('session-current').count()).toBe(1);
    expect(await page.getByTestId('session-other').count()).toBeGreaterThan(0);
    await shootBoth(page, SHOTS, 'account');
    const before = await page.getByTestId('session-other').count();
    await page.getByTestId('session-other').first().getByRole('button').click();
    await page.locator('dialog[open] .dialog-actions button').last().click();
    await poll(() => page.getByTestId('session-other').count()).toBe(before - 1);
    // Some browser lost its session; the screen's own one stayed.
    expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(200);
    void other;
  });
});

describe('organisation settings', () => {
  it('a field error shows beside the field and keeps the typed value; a new target changes the overview’s status and is audited', async () => {
    // Today at T1: 10 kiosk ratings, 9 satisfied (90%): meets 85%, below 95%.
    const responses = [5, 5, 5, 5, 4, 4, 4, 5, 5, 1].map((O) => ({ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O } }));
    const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: { responses }, headers: { authorization: `Bearer ${s.deviceToken}` } });
    expect(res.status).toBe(200);

    const page = await signedIn();
    await poll(() => page.getByTestId('today-status').textContent()).toContain('Đạt mục tiêu');
    await open(page, 'settings');
    // The test server's public URL is localhost: the warning says so.
    expect(await page.getByTestId('localhost-warning').count()).toBe(1);
    await shootBoth(page, SHOTS, 'settings');
    await page.locator('#set-idle').fill('2');
    await page.getByRole('button', { name: 'Lưu cấu hình' }).click();
    await poll(() => page.getByTestId('set-idle-error').count()).toBe(1);
    expect(await page.locator('#set-idle').inputValue()).toBe('2');
    await shoot(page, 'settings-error-vi-1280x800');
    await page.locator('#set-idle').fill('20');
    await page.locator('#set-target').fill('95');
    await page.getByRole('button', { name: 'Lưu cấu hình' }).click();
    await poll(() => page.locator('.toast-success').count()).toBeGreaterThan(0);

    await open(page, 'overview');
    await poll(() => page.getByTestId('today-status').textContent()).toContain('Dưới mục tiêu');
    const audit = await (await s.api('/api/v1/audit', { cookie: await s.login() })).json();
    const entry = audit.items.find((a: { action: string }) => a.action === 'organisation.update');
    expect(entry.details).toEqual({ before: { target: 0.85 }, after: { target: 0.95 } });
  });
});

describe('units, counters, officers, procedures', () => {
  it('adds an officer: an empty name is refused beside the field, then the officer is listed (and audited)', async () => {
    const page = await signedIn();
    await open(page, 'structure?tab=officers');
    await poll(() => page.getByTestId('row-Nguyễn Văn Một').count()).toBe(1);
    await page.getByTestId('add-officers').click();
    await page.locator('#officer-unit').selectOption('unit-a');
    await page.locator('#officer-title').fill('Chuyên viên');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.getByTestId('officer-name-error').count()).toBe(1);
    expect(await page.locator('#officer-title').inputValue()).toBe('Chuyên viên');
    await page.locator('#officer-name').fill('Đỗ Thị Năm');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.getByTestId('row-Đỗ Thị Năm').count()).toBe(1);
    expect(await page.getByTestId('row-Đỗ Thị Năm').textContent()).toContain('ĐTN');
    await shootBoth(page, SHOTS, 'structure-officers');
  });

  it('adds a counter with Saturday-morning hours and a holiday', async () => {
    const page = await signedIn();
    await open(page, 'structure?tab=counters');
    await page.getByTestId('add-counters').click();
    await page.locator('#counter-code').fill('T5');
    await page.locator('#counter-unit').selectOption('unit-a');
    await page.locator('#counter-name-vi').fill('Quầy số 5');
    await page.locator('label').filter({ hasText: 'Làm việc' }).nth(5).locator('input').check();
    await page.getByTestId('hours-6').fill('07:30-11:30');
    await page.locator('#counter-holidays').fill('02/09/2026');
    await shoot(page, 'structure-counter-form-vi-1280x800');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.getByTestId('row-T5 · Quầy số 5').count()).toBe(1);
    const sps = await (await s.api('/api/v1/service-points', { cookie: await s.login() })).json();
    const t5 = sps.items.find((x: { code: string }) => x.code === 'T5');
    expect(t5.hours).toMatchObject({ weekdays: [1, 2, 3, 4, 5, 6], perDay: { '6': [{ open: '07:30', close: '11:30' }] }, holidays: ['2026-09-02'] });
    await shootBoth(page, SHOTS, 'structure-counters');
    await open(page, 'structure?tab=units');
    await shootBoth(page, SHOTS, 'structure-units');
  });

  it('imports a procedure CSV with one bad row: the preview names it, and nothing of it is stored', async () => {
    const csv = '\uFEFFMã thủ tục;Tên thủ tục;Lĩnh vực\r\n1.004227;Đăng ký kết hôn;Hộ tịch\r\n1.001193;;Hộ tịch\r\n2.002154;Cấp giấy chứng nhận quyền sử dụng đất;Đất đai\r\n';
    const page = await signedIn();
    await open(page, 'structure?tab=procedures');
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles({ name: 'thu-tuc.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await poll(() => page.getByTestId('import-summary').textContent()).toContain('2 mới');
    expect(await page.getByTestId('import-row-3').textContent()).toContain('Lỗi: tên: thiếu');
    // Nothing is written by the preview.
    const before = await (await s.api('/api/v1/procedures', { cookie: await s.login() })).json();
    expect(before.items.map((p: { code: string }) => p.code)).toEqual(['1.000001']);
    await shootBoth(page, SHOTS, 'structure-import-preview');
    await page.getByTestId('import-write').click();
    await poll(() => page.getByTestId('row-2.002154').count()).toBe(1);
    const after = await (await s.api('/api/v1/procedures', { cookie: await s.login() })).json();
    expect(after.items.map((p: { code: string }) => p.code).sort()).toEqual(['1.000001', '1.004227', '2.002154']);
    expect(after.items.find((p: { code: string }) => p.code === '1.004227').name.vi).toBe('Đăng ký kết hôn');
    await shootBoth(page, SHOTS, 'structure-procedures');
  });

  it('a unit head sees only their unit in every screen and gets 403/404 through the API for another unit', async () => {
    const head = await signedIn('truong.a@test.local', headPassword);
    await poll(() => head.locator('h1').textContent()).toContain('Phòng A');
    const nav = await head.locator('nav.views-nav a').allTextContents();
    // Every role's screens are listed; the admins' and managers' ones are not.
    expect(nav).toEqual(expect.arrayContaining(['Tổng quan', 'Phân tích', 'Xu hướng', 'Góp ý', 'Báo cáo', 'Danh mục']));
    for (const adminOnly of ['Tài khoản', 'Cấu hình', 'Nhật ký', 'Máy đánh giá']) expect(nav).not.toContain(adminOnly);
    await open(head, 'structure?tab=counters');
    await poll(() => head.getByTestId('row-T1 · Quầy T1').count()).toBe(1);
    expect(await head.getByTestId('row-T2 · Quầy T2').count()).toBe(0);
    await open(head, 'structure?tab=officers');
    await poll(() => head.getByTestId('row-Nguyễn Văn Một').count()).toBe(1);
    expect(await head.getByTestId('row-Trần Thị Hai').count()).toBe(0);
    await open(head, 'structure?tab=units');
    await poll(() => head.locator('[data-testid^=row-]').allTextContents()).toHaveLength(1);
    // Procedures are the whole office's: read-only for a unit head.
    await open(head, 'structure?tab=procedures');
    await poll(() => head.getByTestId('row-1.000001').count()).toBe(1);
    expect(await head.getByTestId('import-open').count()).toBe(0);
    expect(await head.getByTestId('add-procedures').count()).toBe(0);
    await shootBoth(head, SHOTS, 'structure-unit-head');
    // Screens the unit head has no menu entry for fall back to the overview.
    await head.goto(`${s.url}/admin/#/users`);
    await poll(() => head.locator('h1').textContent()).toContain('Tổng quan');

    const status = (path: string, init: { method?: string; body?: unknown } = {}) =>
      head.evaluate(
        async ([p, m, b]) => (await fetch(`/api/v1${p}`, { method: m, headers: { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) })).status,
        [path, init.method ?? 'GET', init.body] as const,
      );
    expect(await status('/service-points/sp-t2', { method: 'PATCH', body: { name: { vi: 'X' } } })).toBe(403);
    expect(await status('/officers/off-2', { method: 'PATCH', body: { name: 'X' } })).toBe(403);
    expect(await status('/officers', { method: 'POST', body: { name: 'X', unitId: 'unit-b' } })).toBe(403);
    expect(await status('/units/unit-b', { method: 'PATCH', body: { name: { vi: 'X' } } })).toBe(403);
    expect(await status('/service-points/sp-t2/duty', { method: 'PUT', body: { officerId: null } })).toBe(403);
    expect(await status('/stats/summary?unitId=unit-b')).toBe(403);
    expect(await status('/audit')).toBe(403);
    expect(await status('/organisation', { method: 'PATCH', body: { target: 0.5 } })).toBe(403);
    expect(await status('/alerts/not-in-my-unit')).toBe(404);
  });
});

describe('audit log', () => {
  it('every change made above shows, in words, with before and after; filters by what and who', async () => {
    const page = await signedIn();
    await open(page, 'audit');
    for (const action of ['user.create', 'user.deactivate', 'user.reactivate', 'organisation.update', 'officer.create', 'counter.create', 'procedure.import']) {
      await poll(() => page.getByTestId(`audit-${action}`).count(), action).toBeGreaterThan(0);
    }
    expect(await page.getByTestId('audit-organisation.update').first().textContent()).toContain('mục tiêu: 85% → 95%');
    expect(await page.getByTestId('audit-user.deactivate').first().textContent()).toContain('ngừng: Không → Có');
    expect(await page.getByTestId('audit-officer.create').first().textContent()).toContain('Đỗ Thị Năm');
    expect(await page.locator('main').textContent()).not.toMatch(/[{}"]/);
    await shootBoth(page, SHOTS, 'audit');

    await page.locator('#audit-what').selectOption('officer.');
    await poll(() => page.locator('[data-testid^=audit-]:not([data-testid=audit-filters])').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(['audit-officer.create']);
    await page.locator('#audit-what').selectOption('');
    await page.locator('#audit-who').fill('truong.a');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    // The filtered list itself: not the unfiltered one (it has sign-ins too), not the empty one while it loads.
    await poll(async () => [(await page.getByTestId('audit-user.create').count()) === 0, (await page.getByTestId('audit-auth.login').count()) > 0]).toEqual([true, true]);
    await shoot(page, 'audit-filtered-vi-1280x800');
  });
});
