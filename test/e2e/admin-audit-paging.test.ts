/**
 * The audit screen on the store's filtered query: the pager knows how many
 * entries match (the server counts them), and a filter by who finds an entry
 * far behind newer ones.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { poll, signIn } from '../helpers/admin-page';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SHOTS = '/tmp/hl-shots/setup2';
let s: TestServer;
let browser: Browser;
let ctx: BrowserContext;

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const orgId = (await s.ctx.entities.list('organisation'))[0].id;
  await s.ctx.audit.record({ orgId, actor: 'nguoi.cu@test.local', action: 'unit.create', target: 'unit-a', details: { after: { code: 'A' } } });
  for (let i = 0; i < 120; i++) await s.ctx.audit.record({ orgId, actor: 'system', action: 'device.revoke', target: `dev-${i}` });
});
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await s?.stop();
});

describe('audit screen', () => {
  it('pages with the total of matches, and a filter by who reaches an old entry', async () => {
    const page = await signIn(browser, s.url);
    ctx = page.context();
    await page.goto(`${s.url}/admin/#/audit`);
    await poll(() => page.getByTestId('audit-page').textContent()).toMatch(/^Trang 1\/3 · 12\d mục$/);
    await page.getByRole('button', { name: 'Cũ hơn ›' }).click();
    await poll(() => page.getByTestId('audit-page').textContent()).toMatch(/^Trang 2\/3/);
    await page.screenshot({ path: `${SHOTS}/audit-paging-vi-1280x800.png` });
    await page.locator('#audit-who').fill('NGUOI.CU');
    await page.locator('#audit-who').press('Enter');
    await poll(() => page.locator('[data-testid="audit-unit.create"]').count()).toBe(1);
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('audit-page').count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await page.screenshot({ path: `${SHOTS}/audit-filtered-en-1280x800.png` });
  });
});
