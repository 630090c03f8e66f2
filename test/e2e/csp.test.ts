/**
 * Issue 9, item 4, in real Chromium: every page we serve works under the
 * Content-Security-Policy (no `securitypolicyviolation` event, no CSP error in
 * the console) through its normal flow — the kiosk, the QR page, a poster and
 * the admin; and a page on another port of the same host can neither frame
 * the admin nor revoke a device with the admin's cookie.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';
import { createDevice, enrolFromUrl, expectStored, rateAndReturn } from './kiosk-fixture';

/** expect.poll's default second is too short on a loaded 2-core machine. */
const SLOW = { timeout: 15_000 };

let s: TestServer;
let browser: Browser;
let admin: string;
beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await s.login();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

/** Records every CSP violation the page reports, as events and as console errors. */
async function watched(context: BrowserContext): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) console.push(m.text());
  });
  const violations = async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp).catch(() => []))];
  return { page, violations };
}

async function withCookie(): Promise<BrowserContext> {
  const ctx = await browser.newContext();
  const [name, ...rest] = admin.split('=');
  await ctx.addCookies([{ name, value: rest.join('='), url: s.url }]);
  return ctx;
}

describe('pages work under the CSP', () => {
  it('the kiosk: enrol, rate, stored, with no violation', async () => {
    const device = await createDevice(s, admin);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    const { page, violations } = await watched(context);
    await enrolFromUrl(page, device.url);
    await rateAndReturn(page, 5);
    await expectStored(s, device.deviceId, 1);
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('the QR page: a full answer submitted, with no violation', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
    const { page, violations } = await watched(context);
    await page.goto(`${s.url}/s/T1`);
    await expect.poll(() => page.locator('.counter').textContent(), SLOW).toBe('Quầy T1');
    await page.locator('label', { has: page.getByRole('radio', { name: 'Rất hài lòng', exact: true }) }).click();
    // The national questionnaire: the overall question, five elements, H and M, expectations, comment.
    for (let step = 2; step <= 9; step++) {
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await expect.poll(() => page.locator('.step-of').textContent(), SLOW).toBe(`Bước ${step}/9`);
    }
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => page.locator('main h1').textContent(), SLOW).toBe('Cảm ơn Ông/Bà!');
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('a poster: its print button still prints (an external script), with no violation', async () => {
    const context = await withCookie();
    await context.addInitScript(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    const { page, violations } = await watched(context);
    await page.goto(`${s.url}/api/v1/service-points/sp-t1/poster`);
    await page.locator('button.print').click();
    await expect.poll(() => page.locator('body').getAttribute('data-printed'), SLOW).toBe('yes');
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('the admin: sign in, the live overview with its charts and socket, sign out, with no violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const { page, violations } = await watched(context);
    await page.goto(`${s.url}/admin/`);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.locator('h1').textContent(), SLOW).toContain('Tổng quan');
    await expect.poll(() => page.locator('[data-testid=trend] canvas').count(), SLOW).toBe(1);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('Đăng nhập');
    expect(await violations()).toEqual([]);
    await context.close();
  });
});

describe('the policy bites', () => {
  it('an injected inline script does not run on the admin page, and the watcher reports it', async () => {
    const context = await browser.newContext();
    const { page, violations } = await watched(context);
    await page.goto(`${s.url}/admin/`);
    await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('Đăng nhập');
    const ran = await page.evaluate(() => {
      const el = document.createElement('script');
      el.textContent = 'window.__injected = true';
      document.head.append(el);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(async () => (await violations()).length, SLOW).toBeGreaterThan(0);
    await context.close();
  });
});

describe('a page on another port of the same host', () => {
  let evil: Server;
  let evilUrl: string;
  beforeAll(async () => {
    evil = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title><body></body>'));
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    // The same host name as the server, another port: the same *site*, so SameSite=Lax cookies ride along.
    evilUrl = `http://${new URL(s.url).hostname}:${(evil.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => evil.close(resolve));
  });

  it('cannot revoke a device with the admin cookie', async () => {
    const device = await createDevice(s, admin);
    const context = await withCookie();
    const page = await context.newPage();
    await page.goto(evilUrl);
    const status = await page.evaluate(
      (url) => fetch(url, { method: 'POST', credentials: 'include' }).then((r) => r.status, () => -1),
      `${s.url}/api/v1/devices/${device.deviceId}/revoke`,
    );
    // Answered 403 (the browser may hide it from the page: no CORS); what matters is that nothing changed.
    expect([403, -1]).toContain(status);
    const after = await (await s.api(`/api/v1/devices/${device.deviceId}`, { cookie: admin })).json();
    expect(after.state).not.toBe('revoked');
    await context.close();
  });

  it('cannot frame the admin', async () => {
    const context = await withCookie();
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors|X-Frame-Options/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(evilUrl);
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.append(f);
    }, `${s.url}/admin/`);
    await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const framed = page.frames().find((f) => f.url().startsWith(s.url));
    expect(await framed?.locator('h1').count().catch(() => 0) ?? 0).toBe(0);
    await context.close();
  });
});
