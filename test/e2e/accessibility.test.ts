/**
 * axe-core in real Chromium on every screen people use: the counter kiosk
 * (enrolment, faces, follow-up, thanks), the QR survey page (every step of
 * the questionnaire, the thank-you page, a closed link) and every admin
 * screen there is (sign-in, its error state, the overview for an admin and a
 * unit head, in both languages and on a phone), and the API docs page. No
 * serious or critical violation is allowed; lesser ones are printed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';
import { describeViolations, runAxe, type AxeViolation } from '../helpers/axe';
import { createDevice, enrolFromUrl, newKioskPage, onScreen, pressFace, setKioskTiming } from './kiosk-fixture';

// axe walks the whole DOM; the docs page is large and the machine is shared: more than the default 30 s per test.
vi.setConfig({ testTimeout: 120_000 });

/** Sign-in runs scrypt, then the dashboard loads its chunks and opens its live link: on a shared machine well over expect.poll's default 1 s. */
const SLOW = { timeout: 20_000 };

let s: TestServer;
let browser: Browser;
let admin: string;
const contexts: BrowserContext[] = [];
const minor: { screen: string; v: AxeViolation }[] = [];
let screens = 0;

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await s.login();
  await s.ctx.auth.createUser({ orgId: 'org-main', name: 'Trưởng phòng A', role: 'unit-head', unitId: 'unit-a', email: 'head-a@test.local', password: 'axe-unit-head-pw-2026' });
});
afterAll(async () => {
  const lines = minor.map(({ screen, v }) => `  ${screen}: ${v.impact} ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  console.log(`axe: ${screens} screens checked, 0 serious/critical allowed; minor/moderate seen:\n${lines.join('\n') || '  none'}`);
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.stop();
});

/** Fails on serious or critical violations of the page as shown now. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { blocking, other } = await runAxe(page);
  screens++;
  for (const v of other) minor.push({ screen, v });
  expect(blocking, `${screen}:\n${describeViolations(blocking)}`).toEqual([]);
}

async function newContext(opts: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const ctx = await browser.newContext({ locale: 'vi-VN', deviceScaleFactor: 1, ...opts });
  contexts.push(ctx);
  return ctx.newPage();
}

describe('kiosk', () => {
  it('enrolment, faces, follow-up and thanks have no serious or critical violation', async () => {
    await setKioskTiming(s, admin, 20, 0);
    const device = await createDevice(s, admin);
    const { context, page } = await newKioskPage(browser);
    contexts.push(context);
    await page.goto(`${s.url}/kiosk/`);
    await onScreen(page, 'enrol');
    await expectAccessible(page, 'kiosk enrolment');
    await enrolFromUrl(page, device.url);
    await expectAccessible(page, 'kiosk faces (vi)');
    await page.waitForTimeout(400);
    await pressFace(page, 1);
    await onScreen(page, 'follow-up');
    // A new screen ignores presses in its first moments (the double-tap guard), as a citizen's would be.
    await page.waitForTimeout(400);
    await page.locator('.chip').first().click();
    await expectAccessible(page, 'kiosk follow-up, a reason chosen');
    await page.locator('[data-action="send"]').click();
    await onScreen(page, 'thanks');
    await expectAccessible(page, 'kiosk thanks');
  });
});

describe('QR survey page', () => {
  const heading = (page: Page) => page.locator('main h1');

  it('every step of a counter survey and the thank-you page', async () => {
    const page = await newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
    await page.goto(`${s.url}/s/T1`);
    await expect.poll(() => heading(page).textContent(), SLOW).toBe('Ông/Bà hài lòng thế nào với sự phục vụ hôm nay?');
    await page.locator('label', { has: page.getByRole('radio', { name: 'Hài lòng', exact: true }) }).click();
    const next = page.getByRole('button', { name: /^(Tiếp tục|Next)$/ });
    for (let step = 1; step <= 12; step++) {
      await expectAccessible(page, `QR step ${step}: ${await heading(page).textContent()}`);
      if (!(await next.isVisible())) break;
      const before = await page.locator('.step-of').textContent();
      await next.click();
      await expect.poll(() => page.locator('.step-of').textContent(), SLOW).not.toBe(before);
    }
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => heading(page).textContent(), SLOW).toBe('Cảm ơn Ông/Bà!');
    await expectAccessible(page, 'QR thanks');
  });

  it('an unknown counter and an altered dossier link', async () => {
    const page = await newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
    await page.goto(`${s.url}/s/NOPE`);
    await expect.poll(() => heading(page).count(), SLOW).toBeGreaterThan(0);
    await expectAccessible(page, 'QR unknown counter');
    await page.goto(`${s.url}/l/eyJub3QiOiJyZWFsIn0.altered`);
    await expect.poll(() => heading(page).count(), SLOW).toBeGreaterThan(0);
    await expectAccessible(page, 'QR altered link');
  });
});

describe('API documentation page', () => {
  it('is checked under its strict Content-Security-Policy (axe is injected without a script tag)', async () => {
    const page = await newContext({ viewport: { width: 1366, height: 768 } });
    const res = await page.goto(`${s.url}/api/v1/docs`);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
    await expectAccessible(page, 'API docs page');
  });
});

describe('admin', () => {
  const h1 = (page: Page) => page.locator('h1').textContent();

  it('sign-in and its error state', async () => {
    const page = await newContext({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${s.url}/admin/`);
    await expect.poll(() => h1(page), SLOW).toBe('Đăng nhập');
    await expectAccessible(page, 'admin sign-in');
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('login-problem').textContent(), SLOW).toBeTruthy();
    await expectAccessible(page, 'admin sign-in, wrong password');
  });

  async function overview(email: string, password: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const page = await newContext({ viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
    await page.goto(`${s.url}/admin/`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => h1(page), SLOW).toContain('Tổng quan');
    await expect.poll(() => page.getByTestId('live').getAttribute('data-state'), SLOW).toBe('live');
    return page;
  }

  it('the overview for an admin, in Vietnamese and in English', async () => {
    const page = await overview(ADMIN.email, ADMIN.password);
    await expectAccessible(page, 'admin overview (vi)');
    await page.getByRole('button', { name: /^(English|EN)$/i }).first().click();
    await expect.poll(() => h1(page), SLOW).toContain('Overview');
    await expectAccessible(page, 'admin overview (en)');
  });

  it('the overview for a unit head, and on a phone', async () => {
    const head = await overview('head-a@test.local', 'axe-unit-head-pw-2026');
    await expectAccessible(head, 'admin overview, unit head');
    const phone = await overview(ADMIN.email, ADMIN.password, { width: 390, height: 844 });
    await expectAccessible(phone, 'admin overview, 390×844');
  });
});
