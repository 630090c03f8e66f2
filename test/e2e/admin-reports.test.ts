/**
 * The Reports screen in real Chromium on the demo office: pick a quarter,
 * see the preview, download the DOCX and XLSX from the screen and open them
 * (jszip, exceljs), open the A4 print page; screenshots in Vietnamese and
 * English at 1280×800 (and the print page) go to /tmp/shots-reports/.
 */
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { adminPage, type AdminLocale } from '../helpers/admin-page';
import { describeViolations, runAxe } from '../helpers/axe';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SHOTS = '/tmp/shots-reports';
// axe walks the whole screen on a shared machine: more than the default per-test time.
vi.setConfig({ testTimeout: 120_000 });
let s: TestServer;
let browser: Browser;
let cookie: string;
const contexts: BrowserContext[] = [];

/** The quarter holding now, in Vietnam time: the demo data covers the last 90 days. */
function currentQuarter(): string {
  const d = new Date(Date.now() + 7 * 3600_000);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [s, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  cookie = await s.login();
});

afterAll(() => closeAll(contexts, browser, s));

async function open(locale: AdminLocale, hash: string): Promise<Page> {
  const browserLocale = locale === 'vi' ? 'vi-VN' : 'en-GB';
  const p = await adminPage(browser, s.url, { browserLocale, acceptDownloads: true, adminLocale: locale, cookie, track: contexts });
  await p.goto(`${s.url}/admin/${hash}`);
  return p;
}

async function download(p: Page, testId: string): Promise<Buffer> {
  const [dl] = await Promise.all([p.waitForEvent('download'), p.getByTestId(testId).click()]);
  const file = await dl.path();
  return readFile(file!);
}

describe('Reports screen', () => {
  it('previews the quarter and downloads a DOCX and an XLSX that open', async () => {
    const q = currentQuarter();
    const p = await open('vi', `#/reports?period=${q}`);
    await expect.poll(() => p.getByTestId('report-summary').count(), { timeout: 15_000 }).toBe(1);
    expect(await p.getByTestId('report-summary').textContent()).toMatch(/^Tỷ lệ hài lòng quý [IV]+ năm \d{4} đạt \d+,\d\d%/);
    expect(await p.getByTestId('report-rate').textContent()).toMatch(/^\d+,\d\d%$/);
    await p.screenshot({ path: `${SHOTS}/reports-vi.png` });
    const { blocking } = await runAxe(p);
    expect(blocking, describeViolations(blocking)).toEqual([]);
    await p.screenshot({ path: `${SHOTS}/reports-vi-full.png`, fullPage: true });

    const docx = await download(p, 'report-docx');
    expect(docx.length).toBeGreaterThan(1000);
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain('BÁO CÁO');

    const xlsx = await download(p, 'report-xlsx');
    expect(xlsx.length).toBeGreaterThan(1000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Tổng hợp')).toBeTruthy();
    expect(wb.getWorksheet('Theo quầy')!.rowCount).toBeGreaterThan(1);

    const csv = await download(p, 'report-csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('changes the period from the pickers and keeps it in the address', async () => {
    const p = await open('vi', '#/reports');
    await expect.poll(() => p.getByTestId('report-summary').count(), { timeout: 15_000 }).toBe(1);
    await p.selectOption('#report-type', 'month');
    await expect.poll(() => p.evaluate(() => location.hash)).toMatch(/period=\d{4}-01/);
    await p.selectOption('#report-type', 'nine-months');
    await expect.poll(() => p.evaluate(() => location.hash)).toMatch(/period=\d{4}-9M/);
    await expect.poll(() => p.getByTestId('report-summary').textContent(), { timeout: 15_000 }).toMatch(/9 tháng đầu năm/);
  });

  it('issues the report and lists it in the archive with its files', async () => {
    const p = await open('vi', `#/reports?period=${currentQuarter()}`);
    await expect.poll(() => p.getByTestId('report-summary').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => p.getByTestId('report-issue').isEnabled()).toBe(true);
    await p.getByTestId('report-issue').click();
    await expect.poll(() => p.locator('[data-testid=report-archive] tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await p.locator('[data-testid=report-archive] button').first().click();
    await expect.poll(() => p.getByTestId('report-differences').textContent(), { timeout: 15_000 }).toContain('không khác');
    const axe = await runAxe(p);
    expect(axe.blocking, describeViolations(axe.blocking)).toEqual([]);
    await p.getByTestId('report-archive').screenshot({ path: `${SHOTS}/reports-archive-vi.png` });
    await p.locator('.reports-downloads').screenshot({ path: `${SHOTS}/reports-downloads-vi.png` });
  });

  it('sets the signature block in Settings, and the DOCX carries it', async () => {
    const p = await open('vi', '#/settings');
    await expect.poll(() => p.locator('#set-report-signer').count(), { timeout: 15_000 }).toBe(1);
    await p.fill('#set-agency-parent', 'UBND TỈNH HÀI LÒNG');
    await p.fill('#set-report-place', 'Hài Lòng');
    await p.fill('#set-report-signer-title', 'GIÁM ĐỐC');
    await p.fill('#set-report-signer', 'Nguyễn Văn Ký');
    await p.locator('[data-testid=settings-form] button[type=submit]').click();
    await expect.poll(async () => (await (await s.api('/api/v1/organisation', { cookie })).json()).reportSigner).toBe('Nguyễn Văn Ký');
    await p.locator('#set-agency-parent').scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/settings-report-vi.png` });
    const res = await s.api(`/api/v1/reports/report.docx?period=${currentQuarter()}`, { cookie });
    const xml = await (await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))).file('word/document.xml')!.async('string');
    for (const t of ['UBND TỈNH HÀI LÒNG', 'Hài Lòng, ngày', 'GIÁM ĐỐC', 'Nguyễn Văn Ký']) expect(xml).toContain(t);
  });

  it('shows the screen in English', async () => {
    const p = await open('en', `#/reports?period=${currentQuarter()}`);
    await expect.poll(() => p.getByTestId('report-summary').count(), { timeout: 15_000 }).toBe(1);
    expect(await p.getByTestId('report-summary').textContent()).toMatch(/^The satisfaction rate for Q\d \d{4} is \d+\.\d\d%/);
    await p.screenshot({ path: `${SHOTS}/reports-en.png` });
  });

  it('prints the A4 page (PDF and a page image)', async () => {
    const p = await open('vi', '');
    await p.setViewportSize({ width: 794, height: 1123 });
    for (const lang of ['vi', 'en'] as const) {
      await p.emulateMedia({ media: 'screen' });
      const res = await p.goto(`${s.url}/reports/print?period=${currentQuarter()}&lang=${lang}`);
      expect(res!.status()).toBe(200);
      await p.screenshot({ path: `${SHOTS}/print-${lang}-top.png` });
      await p.emulateMedia({ media: 'print' });
      await p.screenshot({ path: `${SHOTS}/print-${lang}.png`, fullPage: true });
      const pdf = await p.pdf({ format: 'A4', preferCSSPageSize: true, path: `${SHOTS}/print-${lang}.pdf` });
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    }
  });

  it('shows last month\'s drafts (office and units), opens one and issues from it', async () => {
    await s.ctx.reportDrafts.runDue();
    const made = (await (await s.api('/api/v1/reports/drafts', { cookie })).json()).items as { id: string; unitId: string | null; period: string; periodLabel: { vi: string } }[];
    expect(made.length).toBeGreaterThan(1);
    const office = made.find((d) => d.unitId === null)!;
    const p = await open('vi', `#/reports?period=${currentQuarter()}`);
    const drafts = p.getByTestId('report-drafts');
    await expect.poll(() => drafts.locator('tbody tr').count(), { timeout: 15_000 }).toBe(made.length);
    expect(await drafts.locator('tbody tr').first().textContent()).toContain('Dự thảo');
    // The card is below the fold at 1280×800: a notice at the top counts the drafts waiting and jumps to them.
    const notice = p.getByTestId('report-drafts-notice');
    await expect.poll(() => notice.textContent()).toContain(`Có ${made.length} báo cáo tháng dự thảo chờ phát hành`);
    expect(await notice.boundingBox().then((b) => b!.y + b!.height)).toBeLessThan(800);
    expect(await drafts.boundingBox().then((b) => b!.y)).toBeGreaterThan(800);
    await p.screenshot({ path: `${SHOTS}/reports-drafts-notice-vi.png` });
    await notice.getByRole('button', { name: 'Xem các dự thảo' }).click();
    await expect.poll(() => p.evaluate(() => document.activeElement?.id)).toBe('report-drafts-title');
    await expect.poll(() => drafts.boundingBox().then((b) => b!.y)).toBeLessThan(400);
    await p.screenshot({ path: `${SHOTS}/reports-drafts-vi.png` });
    await p.getByTestId(`draft-${office.id}-open`).click();
    await expect.poll(() => p.evaluate(() => location.hash)).toContain(`period=${office.period}`);
    await expect.poll(() => p.getByTestId('draft-differences').textContent(), { timeout: 15_000 }).toContain('không khác lúc lập dự thảo');
    await expect.poll(() => p.getByTestId('report-summary').textContent(), { timeout: 15_000 }).toContain(office.periodLabel.vi.toLowerCase());
    const archived = await p.locator('[data-testid=report-archive] tbody tr').count();
    await p.getByTestId(`draft-${office.id}-issue`).click();
    await expect.poll(() => p.locator('[data-testid=report-archive] tbody tr').count(), { timeout: 15_000 }).toBe(archived + 1);
    await expect.poll(() => p.getByTestId(`draft-${office.id}-issue`).count()).toBe(0);
    expect(await drafts.textContent()).toContain('Đã phát hành');
    await expect.poll(() => notice.textContent()).toContain(`Có ${made.length - 1} báo cáo tháng dự thảo chờ phát hành`);
    const axe = await runAxe(p);
    expect(axe.blocking, describeViolations(axe.blocking)).toEqual([]);
    const en = await open('en', `#/reports?period=${currentQuarter()}`);
    await expect.poll(() => en.locator('[data-testid=report-drafts] tbody tr').count(), { timeout: 15_000 }).toBe(made.length);
    await expect.poll(() => en.getByTestId('report-drafts-notice').textContent()).toContain(`waiting to be issued: ${made.length - 1} of ${made.length}`);
    await en.screenshot({ path: `${SHOTS}/reports-drafts-notice-en.png` });
    await en.getByRole('button', { name: 'See the drafts' }).click();
    await expect.poll(() => en.getByTestId('report-drafts').boundingBox().then((b) => b!.y)).toBeLessThan(400);
    await en.screenshot({ path: `${SHOTS}/reports-drafts-en.png` });
  });
});
