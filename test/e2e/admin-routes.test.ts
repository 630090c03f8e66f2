/**
 * The admin scaffolding in real Chromium: a screen's state lives in the
 * address (#/<view>?<params>), so it survives a reload and a shared link
 * opens the same view; the counter table sorts from the keyboard, with
 * aria-sort on the sorted header; screens arrive as their own chunk.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { sha256 } from '../../server/domain/canonical';

let s: TestServer;
let browser: Browser;
let cookie: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  cookie = await s.login();
  // T1: 6 ratings, 3 satisfied (50%); T2: 2 ratings, both satisfied (100%).
  const t2Token = randomUUID();
  const t1 = (await s.ctx.entities.get('device', 'dev-t1'))!;
  await s.ctx.entities.put('device', { ...t1, id: 'dev-t2', servicePointId: 'sp-t2', name: 'Kiosk T2', tokenHash: sha256(t2Token) });
  await rate(s.deviceToken, [5, 4, 4, 2, 1, 3]);
  await rate(t2Token, [5, 5]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.stop();
});

async function rate(token: string, scores: number[]): Promise<void> {
  const responses = scores.map((O) => ({ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O } }));
  const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: { responses }, headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
}

async function page(hash = ''): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  contexts.push(ctx);
  const [name, value] = cookie.split('=');
  await ctx.addCookies([{ name, value, url: s.url }]);
  const p = await ctx.newPage();
  await p.goto(`${s.url}/admin/${hash}`);
  await expect.poll(() => p.getByTestId('counter-T2').count()).toBe(1);
  return p;
}

const order = (p: Page) => p.locator('[data-testid=counters] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
const ariaSort = (p: Page, column: string) => p.locator(`[data-testid=counters] th[data-column=${column}]`).getAttribute('aria-sort');
const hashOf = (p: Page) => p.evaluate(() => location.hash);

describe('admin routes and the data table', () => {
  it('sorts the counter table from the keyboard, keeps the sort in the address, and keeps it on reload', async () => {
    const p = await page();
    expect(await order(p)).toEqual(['counter-T1', 'counter-T2']);
    expect(await ariaSort(p, 'today-rate')).toBeNull();

    // The header's own button, reached and pressed with the keyboard: highest rate first.
    await p.locator('[data-testid=counters] th[data-column=today-rate] button').focus();
    await p.keyboard.press('Enter');
    await expect.poll(() => order(p)).toEqual(['counter-T2', 'counter-T1']);
    expect(await ariaSort(p, 'today-rate')).toBe('descending');
    expect(await hashOf(p)).toBe('#/overview?sort=today-rate&dir=desc');

    // Pressed again (Space): the other way round.
    await p.keyboard.press('Space');
    await expect.poll(() => ariaSort(p, 'today-rate')).toBe('ascending');
    expect(await order(p)).toEqual(['counter-T1', 'counter-T2']);

    // By n, highest first, then reload: same order, same header marked.
    await p.locator('[data-testid=counters] th[data-column=today-n] button').focus();
    await p.keyboard.press('Enter');
    await expect.poll(() => hashOf(p)).toBe('#/overview?sort=today-n&dir=desc');
    await p.reload();
    await expect.poll(() => p.getByTestId('counter-T2').count()).toBe(1);
    expect(await order(p)).toEqual(['counter-T1', 'counter-T2']);
    expect(await ariaSort(p, 'today-n')).toBe('descending');
    expect(await ariaSort(p, 'today-rate')).toBeNull();
    expect(await p.locator('h1').textContent()).toContain('Tổng quan');
    await p.screenshot({ path: screenshotPath('admin-overview-sorted-vi-1366x768'), fullPage: true });
  });

  it('opens a shared link with its params as the same view, and an unknown view as the overview', async () => {
    const shared = await page('#/overview?sort=counter&dir=desc');
    expect(await order(shared)).toEqual(['counter-T2', 'counter-T1']);
    expect(await ariaSort(shared, 'counter')).toBe('descending');

    const unknown = await page('#/no-such-screen?x=1');
    expect(await unknown.locator('h1').textContent()).toContain('Tổng quan');
    expect(await unknown.locator('.views-nav a[aria-current=page]').textContent()).toBe('Tổng quan');
  });

  it('loads the overview as its own chunk after the frame', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    contexts.push(ctx);
    const [name, value] = cookie.split('=');
    await ctx.addCookies([{ name, value, url: s.url }]);
    const p = await ctx.newPage();
    const scripts: string[] = [];
    p.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await p.goto(`${s.url}/admin/`);
    await expect.poll(() => p.getByTestId('today-n').count()).toBe(1);
    const entry = await p.evaluate(() => (document.querySelector('script[type=module][src]') as HTMLScriptElement).getAttribute('src'));
    expect(scripts).toContain(entry);
    expect(scripts.some((u) => /\/assets\/view-overview-[\w-]+\.js$/.test(u))).toBe(true);
  });
});
