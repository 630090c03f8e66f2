/**
 * Files an office uploads from the setup screens, in real Chromium: the
 * procedure list as an Excel workbook (XLSX) with one bad row — previewed
 * with the row's error, then only the good rows written; an officer's photo
 * — uploaded from the officer's form, shown on the open kiosk of their
 * counter without a reload, refused when it is not an image, removed.
 */
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { openView, poll, shootBoth, signIn } from '../helpers/admin-page';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';
import { createDevice, enrolFromUrl, newKioskPage } from './kiosk-fixture';

const SHOTS = '/tmp/hl-shots/setup2';
let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(() => closeAll(contexts, browser, s));

const signedIn = () => signIn(browser, s.url, { track: contexts });
const open = (page: Page, view: string) => openView(page, s.url, view);

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
    await shootBoth(page, SHOTS, 'structure-import-xlsx-preview');
    await page.getByTestId('import-write').click();
    await poll(() => page.getByTestId('row-2.002154').count()).toBe(1);
    const after = (await (await s.api('/api/v1/procedures', { cookie })).json()).items as { code: string; name: { vi: string } }[];
    expect(after.map((p) => p.code).sort()).toEqual(['1.000001', '1.004227', '2.002154']);
    expect(after.find((p) => p.code === '1.004227')!.name.vi).toBe('Đăng ký kết hôn có yếu tố nước ngoài');
  });
});

describe('officer photo', () => {
  it('uploads a photo from the officer form; the open kiosk shows it live; a non-image is refused beside the field; removal is confirmed', async () => {
    const admin = await s.login();
    const device = await createDevice(s, admin);
    const { context, page: kiosk } = await newKioskPage(browser);
    contexts.push(context);
    await enrolFromUrl(kiosk, device.url);
    await expect.poll(() => kiosk.getByTestId('officer-initials').textContent(), { timeout: 15_000 }).toBe('M');

    const page = await signedIn();
    await open(page, 'structure?tab=officers');
    await page.getByRole('button', { name: 'Sửa: Nguyễn Văn Một' }).click();
    await poll(() => page.getByTestId('officer-photo').count()).toBe(1);
    // A GIF is not taken: said beside the field before anything is sent.
    await page.getByTestId('officer-photo-file').setInputFiles({ name: 'a.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await poll(() => page.getByTestId('officer-photo-error').count()).toBe(1);
    // A file named .jpg that is not one: the server says so, by the same field.
    await page.getByTestId('officer-photo-file').setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not an image at all') });
    await poll(() => page.getByTestId('officer-photo-error').textContent()).toContain('JPEG, PNG');

    const portrait = await sharp({ create: { width: 900, height: 1200, channels: 3, background: { r: 30, g: 110, b: 90 } } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1200"><circle cx="450" cy="480" r="220" fill="#f1d2b6"/><rect x="180" y="780" width="540" height="420" rx="200" fill="#24476b"/></svg>') }])
      .jpeg()
      .toBuffer();
    await page.getByTestId('officer-photo-file').setInputFiles({ name: 'chan-dung.jpg', mimeType: 'image/jpeg', buffer: portrait });
    await poll(() => page.getByTestId('officer-photo-img').count()).toBe(1);
    expect(await page.getByTestId('officer-photo-error').count()).toBe(0);
    await poll(() => page.getByTestId('officer-photo-img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);
    await page.screenshot({ path: `${SHOTS}/structure-officer-photo-vi-1280x800.png` });
    await page.getByRole('button', { name: 'English' }).click();
    await page.screenshot({ path: `${SHOTS}/structure-officer-photo-en-1280x800.png` });
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();

    // The kiosk at the officer's counter shows the photo without a reload.
    await poll(() => kiosk.locator('img.avatar.photo').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)).catch(() => 0)).toBe(256);
    await kiosk.screenshot({ path: `${SHOTS}/kiosk-officer-photo-vi-1280x800.png` });

    // The list shows it too once the form is closed.
    await page.getByRole('button', { name: 'Hủy' }).click();
    await poll(() => page.locator('img.officer-thumb').count()).toBe(1);
    await page.getByRole('button', { name: 'Sửa: Nguyễn Văn Một' }).click();
    await page.getByRole('button', { name: 'Xóa ảnh' }).click();
    await poll(() => page.locator('dialog[open]').count()).toBe(1);
    await page.locator('dialog[open] .btn-danger').click();
    await poll(() => page.getByTestId('officer-photo-img').count()).toBe(0);
    await poll(() => kiosk.locator('img.avatar.photo').count()).toBe(0);
    expect((await s.ctx.entities.get('officer', 'off-1'))!.photoUrl).toBeNull();
  });
});

describe('deactivation from the structure screen', () => {
  it('switching off the officer on duty and then the counter: the confirmation says what follows, the open kiosk follows live', async () => {
    const admin = await s.login();
    const device = await createDevice(s, admin);
    const { context, page: kiosk } = await newKioskPage(browser);
    contexts.push(context);
    await enrolFromUrl(kiosk, device.url);
    await expect.poll(() => kiosk.getByTestId('officer-name').textContent(), { timeout: 15_000 }).toBe('Nguyễn Văn Một');

    const page = await signedIn();
    await open(page, 'structure?tab=officers');
    await page.getByRole('button', { name: 'Ngừng sử dụng: Nguyễn Văn Một' }).click();
    await poll(() => page.getByTestId('deactivate-effect').textContent()).toContain('ca trực kết thúc');
    await page.screenshot({ path: `${SHOTS}/structure-officer-deactivate-confirm-vi-1280x800.png` });
    await page.locator('dialog[open] .dialog-actions button').last().click();
    await poll(() => kiosk.getByTestId('officer').count()).toBe(0);
    const history = (await (await s.api('/api/v1/service-points/sp-t1/duty-history', { cookie: admin })).json()).items;
    expect(history[0]).toMatchObject({ officerId: null, setBy: ADMIN.email });

    await open(page, 'structure?tab=counters');
    await page.getByRole('button', { name: 'Ngừng sử dụng: T1 · Quầy T1' }).click();
    await poll(() => page.getByTestId('deactivate-effect').textContent()).toContain('Quầy tạm ngừng');
    await page.locator('dialog[open] .dialog-actions button').last().click();
    await poll(() => kiosk.locator('[data-screen="counter-closed"]').count()).toBe(1);
    // A deactivated counter leaves the list unless "show deactivated" is ticked: reactivated through the API here.
    expect((await s.api('/api/v1/service-points/sp-t1', { method: 'PATCH', cookie: admin, json: { active: true } })).status).toBe(200);
    await poll(() => kiosk.locator('[data-screen="start"]').count()).toBe(1);
  }, 60_000);
});
