/**
 * A temporary password leads to the change-password screen, in real
 * Chromium: after an admin resets a password from the users screen, that
 * person's first sign-in shows only "choose your password"; the dashboard
 * opens once it is changed, and the API refused everything else meanwhile.
 * The account screen changes one's own password too.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { adminPage, poll, submitSignIn } from '../helpers/admin-page';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';

const SHOTS = '/tmp/hl-shots/setup2';
let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(() => closeAll(contexts, browser, s));

/** Submits the sign-in form in a new context; the test waits for what it expects next. */
async function signIn(email: string, password: string): Promise<Page> {
  const page = await adminPage(browser, s.url, { track: contexts });
  await submitSignIn(page, s.url, { email, password });
  return page;
}

describe('temporary password', () => {
  it('after a reset from the users screen, the first sign-in must choose a password before anything else', async () => {
    const admin = await s.login();
    const made = await (await s.api('/api/v1/users', { method: 'POST', cookie: admin, json: { email: 'lanh.dao@test.local', name: 'Lãnh Đạo', role: 'manager' } })).json();
    // The person chose their own once; then forgot it, and the admin resets it from the screen.
    const first = await s.login('lanh.dao@test.local', made.temporaryPassword);
    expect((await s.api('/api/v1/me/password', { method: 'POST', cookie: first, json: { currentPassword: made.temporaryPassword, newPassword: 'forgotten-password-1' } })).status).toBe(204);

    const adminPage = await signIn(ADMIN.email, ADMIN.password);
    await poll(() => adminPage.getByTestId('user').count()).toBe(1);
    await adminPage.goto(`${s.url}/admin/#/users`);
    await adminPage.getByRole('button', { name: 'Đặt lại mật khẩu: lanh.dao@test.local' }).click();
    await adminPage.locator('dialog[open] .dialog-actions button').last().click();
    await poll(() => adminPage.getByTestId('temp-password').count()).toBe(1);
    const temporary = (await adminPage.getByTestId('temp-password').textContent())!.trim();

    const page = await signIn('lanh.dao@test.local', temporary);
    await poll(() => page.getByTestId('forced-password').count()).toBe(1);
    expect(await page.locator('nav').count()).toBe(0);
    // The API agrees: nothing but the change answers.
    const gated = await page.evaluate(async () => {
      const r = await fetch('/api/v1/units');
      return { status: r.status, code: (await r.json()).error.code };
    });
    expect(gated).toEqual({ status: 403, code: 'password-change-required' });
    await page.screenshot({ path: `${SHOTS}/forced-password-vi-1280x800.png` });
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => page.locator('h1').textContent()).toBe('Choose your password');
    await page.screenshot({ path: `${SHOTS}/forced-password-en-1280x800.png` });
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();

    // Two different entries: said beside the field, nothing sent.
    await page.locator('#pw-current').fill(temporary);
    await page.locator('#pw-new').fill('my-own-password-2026');
    await page.locator('#pw-confirm').fill('my-own-password-2027');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await poll(() => page.getByTestId('pw-confirm-error').count()).toBe(1);
    // Too weak: the server's error shows beside the new password, the typed value stays.
    await page.locator('#pw-new').fill('123456');
    await page.locator('#pw-confirm').fill('123456');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await poll(() => page.getByTestId('pw-new-error').count()).toBe(1);
    expect(await page.locator('#pw-current').inputValue()).toBe(temporary);
    await page.screenshot({ path: `${SHOTS}/forced-password-error-vi-1280x800.png` });

    await page.locator('#pw-new').fill('my-own-password-2026');
    await page.locator('#pw-confirm').fill('my-own-password-2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await poll(() => page.getByTestId('user').count()).toBe(1);
    expect(await page.evaluate(async () => (await fetch('/api/v1/units')).status)).toBe(200);
    // The temporary one no longer works; the new one does, straight to the dashboard.
    expect((await s.api('/api/v1/auth/login', { method: 'POST', json: { email: 'lanh.dao@test.local', password: temporary } })).status).toBe(401);
    const again = await signIn('lanh.dao@test.local', 'my-own-password-2026');
    await poll(() => again.getByTestId('user').count()).toBe(1);
    expect(await again.getByTestId('forced-password').count()).toBe(0);
  });

  it('the account screen changes one’s own password', async () => {
    const page = await signIn('lanh.dao@test.local', 'my-own-password-2026');
    await poll(() => page.getByTestId('user').count()).toBe(1);
    await page.goto(`${s.url}/admin/#/account`);
    await poll(() => page.getByTestId('password-form').count()).toBe(1);
    await page.locator('#pw-current').fill('wrong-password-xx');
    await page.locator('#pw-new').fill('next-own-password-1');
    await page.locator('#pw-confirm').fill('next-own-password-1');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await poll(() => page.getByTestId('pw-current-error').count()).toBe(1);
    await page.locator('#pw-current').fill('my-own-password-2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await poll(() => page.getByTestId('password-done').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/account-password-vi-1280x800.png` });
    await page.getByRole('button', { name: 'English' }).click();
    await page.screenshot({ path: `${SHOTS}/account-password-en-1280x800.png` });
    expect((await s.api('/api/v1/auth/login', { method: 'POST', json: { email: 'lanh.dao@test.local', password: 'next-own-password-1' } })).status).toBe(200);
  });
});
