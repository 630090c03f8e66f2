/**
 * Files an office uploads from the setup screens, in real Chromium: the
 * procedure list as an Excel workbook (XLSX) with one bad row — previewed
 * with the row's error, then only the good rows written.
 */
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';

const SHOTS = '/work/wt/shots/setup2';
const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.stop();
});

async function signedIn(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto(`${s.url}/admin/`);
  await page.locator('input[type=email]').fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.locator('button[type=submit]').click();
  await poll(() => page.getByTestId('user').count()).toBe(1);
  return page;
}

const open = async (page: Page, view: string) => {
  await page.goto(`${s.url}/admin/#/${view}`);
  await poll(() => page.locator('main .loading').count()).toBe(0);
};

async function shootBoth(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}-vi-1280x800.png` });
  await page.getByRole('button', { name: 'English' }).click();
  await page.screenshot({ path: `${SHOTS}/${name}-en-1280x800.png` });
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
}

describe('procedure list from Excel', () => {
  it('previews an XLSX with one bad row (named), then writes only the good rows with their diacritics', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh mục TTHC');
    ws.addRow(['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực']);
    ws.addRow(['1.004227', 'Đăng ký kết hôn có yếu tố nước ngoài', 'Hộ tịch']);
    ws.addRow(['1.001193', '', 'Hộ tịch']);
    ws.addRow(['2.002154', 'Cấp giấy chứng nhận quyền sử dụng đất', 'Đất đai']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    const page = await signedIn();
    await open(page, 'structure?tab=procedures');
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles({ name: 'danh-muc.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await poll(() => page.getByTestId('import-summary').textContent()).toContain('2 mới');
    expect(await page.getByTestId('import-row-3').textContent()).toContain('Lỗi: tên: thiếu');
    const cookie = await s.login();
    expect((await (await s.api('/api/v1/procedures', { cookie })).json()).items.map((p: { code: string }) => p.code)).toEqual(['1.000001']);
    await shootBoth(page, 'structure-import-xlsx-preview');
    await page.getByTestId('import-write').click();
    await poll(() => page.getByTestId('row-2.002154').count()).toBe(1);
    const after = (await (await s.api('/api/v1/procedures', { cookie })).json()).items as { code: string; name: { vi: string } }[];
    expect(after.map((p) => p.code).sort()).toEqual(['1.000001', '1.004227', '2.002154']);
    expect(after.find((p) => p.code === '1.004227')!.name.vi).toBe('Đăng ký kết hôn có yếu tố nước ngoài');
  });
});
