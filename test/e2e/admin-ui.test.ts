/**
 * The admin's shared parts (admin/src/ui) in real Chromium, on a test page
 * (fixtures/admin-ui) built here with vite and served from a temp dir; the
 * API is answered by fixtures through Playwright routing, so the parts run
 * their real fetches. Keyboard use, focus and ARIA are what is checked.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Browser, Page, Route } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser';

const root = fileURLToPath(new URL('./fixtures/admin-ui/', import.meta.url));
let out: string;
let server: Server;
let url: string;
let browser: Browser;

const ORG = { id: 'org-main', name: { vi: 'Sở Thử', en: 'Test Dept' }, target: 0.85, minSample: 30, indexMethod: 'mean-of-criteria', headlineVerifiedOnly: true, activeSurveyVersionId: null, kiosk: { idleSeconds: 30, minGapSeconds: 5 } };
const UNITS = [
  { id: 'unit-a', orgId: 'org-main', code: 'A', name: { vi: 'Phòng A', en: 'Unit A' } },
  { id: 'unit-b', orgId: 'org-main', code: 'B', name: { vi: 'Phòng B', en: 'Unit B' } },
];
const hours = { weekdays: [1, 2, 3, 4, 5], sessions: [{ open: '07:30', close: '17:00' }], holidays: [] };
const SPS = [
  { id: 'sp-t1', orgId: 'org-main', unitId: 'unit-a', code: 'T1', name: { vi: 'Quầy T1', en: 'Counter T1' }, hours, officerOnDutyId: null },
  { id: 'sp-t2', orgId: 'org-main', unitId: 'unit-b', code: 'T2', name: { vi: 'Quầy T2', en: 'Counter T2' }, hours, officerOnDutyId: null },
];
const OFFICERS = [
  { id: 'off-1', orgId: 'org-main', unitId: 'unit-a', name: 'Nguyễn Văn Một', active: true },
  { id: 'off-2', orgId: 'org-main', unitId: 'unit-b', name: 'Trần Thị Hai', active: true },
];
const PROCEDURES = [{ id: 'proc-1', orgId: 'org-main', code: '1.000001', name: { vi: 'Thủ tục một', en: 'Procedure one' }, field: { vi: 'Lĩnh vực', en: 'Field' } }];

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'hailong-admin-ui-'));
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    base: '/',
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: { outDir: out, emptyOutDir: true, target: 'es2019' },
  });
  server = createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path.join(out, p === '/' ? 'index.html' : path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  if (out) rmSync(out, { recursive: true, force: true });
});

const json = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

async function open(patchStatus = 400): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.route('**/api/v1/**', (route) => {
    const u = new URL(route.request().url());
    const p = u.pathname.replace('/api/v1', '');
    if (p === '/organisation' && route.request().method() === 'PATCH') {
      if (patchStatus === 400) {
        return json(route, 400, { error: { code: 'invalid-input', message: 'Some fields are invalid: target', details: [{ path: 'target', message: 'Too big: expected number to be <=1' }] } });
      }
      return json(route, patchStatus, { error: { code: 'forbidden', message: 'Admins only' } });
    }
    const lists: Record<string, unknown> = { '/organisation': ORG, '/units': { items: UNITS }, '/service-points': { items: SPS }, '/officers': { items: OFFICERS }, '/procedures': { items: PROCEDURES } };
    return p in lists ? json(route, 200, lists[p]) : json(route, 404, { error: { code: 'not-found', message: 'none' } });
  });
  await page.goto(url);
  await expect.poll(() => page.getByTestId('filter-bar').count()).toBe(1);
  return page;
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

describe('admin ui parts in the browser', () => {
  it('confirm dialog: opens on Cancel, keeps Tab inside, Escape cancels and gives focus back to the opener', async () => {
    const page = await open();
    await page.getByTestId('open-dialog').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('confirm-dialog');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();
    expect(await page.locator(`#${await dialog.getAttribute('aria-labelledby')}`).textContent()).toBe('Thu hồi kiosk?');
    expect(await focused(page)).toBe('Hủy');
    await page.screenshot({ path: screenshotPath('admin-ui-dialog-vi-1280x800') });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Thu hồi');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Hủy');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Thu hồi');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    expect(await page.getByTestId('dialog-out').textContent()).toBe('cancelled');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-dialog');

    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Thu hồi' }).click();
    expect(await page.getByTestId('dialog-out').textContent()).toBe('confirmed');
  });

  it('form field: shows the API’s per-field error on the field, wired with aria-invalid and aria-describedby', async () => {
    const page = await open();
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('target-error').count()).toBe(1);
    const input = page.locator('#target');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect((await input.getAttribute('aria-describedby'))!.split(' ')).toEqual(['target-hint', 'target-error']);
    expect(await page.getByTestId('target-error').textContent()).toBe('Giá trị này chưa hợp lệ. (Too big: expected number to be <=1)');
    expect(await page.getByTestId('form-problem').getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('form-problem').textContent()).toContain('Một số ô chưa hợp lệ.');
    expect(await page.getByLabel(/Mục tiêu/).getAttribute('id')).toBe('target');
    await page.getByLabel('Khoảng thời gian').selectOption('custom');
    await page.getByTestId('open-dialog').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('admin-ui-parts-vi-1280x800'), fullPage: true });
  });

  it('toasts: an error without a field is said in plain words in the alert region, and can be closed', async () => {
    const page = await open(403);
    await page.getByTestId('save').click();
    const toast = page.locator('[role=alert] [data-testid=toast]');
    await expect.poll(() => toast.count()).toBe(1);
    expect(await toast.textContent()).toContain('Ông/Bà không có quyền thực hiện thao tác này.');
    await toast.getByRole('button', { name: 'Đóng thông báo' }).click();
    await expect.poll(() => toast.count()).toBe(0);
  });

  it('period picker: shows the days in Vietnamese format, refuses a backwards custom range, accepts a valid one', async () => {
    const page = await open();
    await expect.poll(() => page.getByTestId('period-days').textContent({ timeout: 1_000 }).catch(() => null)).toMatch(/^01\/\d\d\/\d{4} – \d\d\/\d\d\/\d{4}$/);
    await page.getByLabel('Khoảng thời gian').selectOption('last-month');
    await expect.poll(() => page.getByTestId('period-out').textContent()).toBe('{"choice":"last-month"}');
    await page.getByLabel('Khoảng thời gian').selectOption('custom');
    await page.getByLabel('Từ ngày').fill('2026-03-31');
    await page.getByLabel('Đến ngày').fill('2026-03-01');
    await expect.poll(() => page.locator('#period-error').textContent()).toBe('Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.');
    expect(await page.getByLabel('Từ ngày').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Đến ngày').fill('2026-04-15');
    await expect.poll(() => page.getByTestId('period-out').textContent()).toBe('{"choice":"custom","from":"2026-03-31","to":"2026-04-15"}');
    expect(await page.getByTestId('period-days').textContent()).toBe('31/03/2026 – 15/04/2026');
    expect(await page.locator('#period-error').count()).toBe(0);
  });

  it('filter bar: counters narrow to the chosen unit, and another unit drops the counter chosen', async () => {
    const page = await open();
    const counter = page.getByLabel('Quầy');
    await expect.poll(() => counter.locator('option').allTextContents()).toEqual(['Tất cả', 'Quầy T1', 'Quầy T2']);
    await page.getByLabel('Bộ phận').selectOption('unit-b');
    await expect.poll(() => counter.locator('option').allTextContents()).toEqual(['Tất cả', 'Quầy T2']);
    await counter.selectOption('sp-t2');
    await page.getByLabel('Kênh').selectOption('kiosk');
    expect(JSON.parse((await page.getByTestId('filters-out').textContent())!)).toEqual({ unitId: 'unit-b', servicePointId: 'sp-t2', channel: 'kiosk' });
    await page.getByLabel('Bộ phận').selectOption('unit-a');
    expect(JSON.parse((await page.getByTestId('filters-out').textContent())!)).toEqual({ unitId: 'unit-a', channel: 'kiosk' });
    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    expect(await page.getByTestId('filters-out').textContent()).toBe('{}');
  });

  it('data table: loading, error with retry and empty states; a row opens with Enter; numbers sort as numbers', async () => {
    const page = await open();
    await page.getByTestId('table-loading').click();
    expect(await page.locator('main [role=status]').first().textContent()).toBe('Đang tải…');
    await page.getByTestId('table-error').click();
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await expect.poll(() => page.getByTestId('row-r1').count()).toBe(1);
    await page.getByTestId('table-empty').click();
    expect(await page.getByText('Không có dữ liệu.').count()).toBe(1);
    await page.getByTestId('table-ready').click();

    await page.getByTestId('row-r2').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('clicked').textContent()).toBe('r2');

    await page.getByRole('button', { name: 'Tên' }).click();
    expect(await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')))).toEqual(['row-r2', 'row-r1']);
    await page.getByRole('button', { name: 'n', exact: true }).click();
    expect(await page.locator('th[aria-sort]').textContent()).toContain('n');
    expect(await page.getByTestId('cell-n').allTextContents()).toEqual(['12', '5']);
  });
});
