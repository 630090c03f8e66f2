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
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';

const SHOTS = process.env.SETUP_SHOTS_DIR ?? '/tmp/shots-setup';
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

async function signedIn(email = ADMIN.email, password = ADMIN.password, locale: 'vi' | 'en' = 'vi'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', deviceScaleFactor: 1 });
  contexts.push(ctx);
  await ctx.addInitScript((l) => localStorage.setItem('hl-admin-locale', l), locale);
  const page = await ctx.newPage();
  await page.goto(`${s.url}/admin/`);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await expect.poll(() => page.getByTestId('user').count()).toBe(1);
  return page;
}

const open = async (page: Page, view: string) => {
  await page.goto(`${s.url}/admin/#/${view}`);
  await expect.poll(() => page.locator('main .loading').count()).toBe(0);
};

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

/** Screenshots a screen in Vietnamese, then in English (the toggle), then back. */
async function shootBoth(page: Page, name: string) {
  await shoot(page, `${name}-vi-1280x800`);
  await page.getByRole('button', { name: 'English' }).click();
  await shoot(page, `${name}-en-1280x800`);
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
}

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
    await expect.poll(() => page.getByTestId('user-unit-error').count()).toBe(1);
    expect(await page.locator('#user-email').inputValue()).toBe('truong.a@test.local');
    await shoot(page, 'users-form-error-vi-1280x800');
    await page.locator('#user-unit').selectOption('unit-a');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect.poll(() => page.getByTestId('temp-password').count()).toBe(1);
    headPassword = (await page.getByTestId('temp-password').textContent())!.trim();
    expect(headPassword).toMatch(/^\S{4}-\S{4}-\S{4}-\S{4}$/);
    await expect.poll(() => page.getByTestId('user-truong.a@test.local').count()).toBe(1);
    await shootBoth(page, 'users');
    await page.getByRole('button', { name: 'Đã chép, đóng lại' }).click();
    expect(await page.getByTestId('temp-password').count()).toBe(0);

    const head = await signedIn('truong.a@test.local', headPassword);
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
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(1);
    await shoot(page, 'users-confirm-deactivate-vi-1280x800');
    await page.locator('dialog[open] .btn-danger').click();
    await expect.poll(() => page.getByTestId('user-truong.a@test.local').textContent()).toContain('Đã ngừng');
    expect(await head.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);
    await page.getByRole('button', { name: 'Kích hoạt lại: truong.a@test.local' }).click();
    await expect.poll(() => page.getByTestId('user-truong.a@test.local').textContent()).toContain('Đang hoạt động');
  });

  it('own sessions: lists this and another browser, and signs the other out', async () => {
    const other = await signedIn();
    const page = await signedIn();
    await open(page, 'account');
    await expect.poll(() => page.getByTestId('session-current').count()).toBe(1);
    expect(await page.getByTestId('session-other').count()).toBeGreaterThan(0);
    await shootBoth(page, 'account');
    const before = await page.getByTestId('session-other').count();
    await page.getByTestId('session-other').first().getByRole('button').click();
    await page.locator('dialog[open] .dialog-actions button').last().click();
    await expect.poll(() => page.getByTestId('session-other').count()).toBe(before - 1);
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
    await expect.poll(() => page.getByTestId('today-status').textContent()).toContain('Đạt mục tiêu');
    await open(page, 'settings');
    // The test server's public URL is localhost: the warning says so.
    expect(await page.getByTestId('localhost-warning').count()).toBe(1);
    await shootBoth(page, 'settings');
    await page.locator('#set-idle').fill('2');
    await page.getByRole('button', { name: 'Lưu cấu hình' }).click();
    await expect.poll(() => page.getByTestId('set-idle-error').count()).toBe(1);
    expect(await page.locator('#set-idle').inputValue()).toBe('2');
    await shoot(page, 'settings-error-vi-1280x800');
    await page.locator('#set-idle').fill('20');
    await page.locator('#set-target').fill('95');
    await page.getByRole('button', { name: 'Lưu cấu hình' }).click();
    await expect.poll(() => page.locator('.toast-success').count()).toBeGreaterThan(0);

    await open(page, 'overview');
    await expect.poll(() => page.getByTestId('today-status').textContent()).toContain('Dưới mục tiêu');
    const audit = await (await s.api('/api/v1/audit', { cookie: await s.login() })).json();
    const entry = audit.items.find((a: { action: string }) => a.action === 'organisation.update');
    expect(entry.details).toEqual({ before: { target: 0.85 }, after: { target: 0.95 } });
  });
});
