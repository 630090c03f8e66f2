/**
 * Issue 13's "done when", as an office does it in real Chromium: from the
 * Reports screen pick last quarter with the screen's own pickers, download
 * the DOCX, the XLSX and the CSV from its links, print it as A4 in
 * Vietnamese from its print link, issue it — and every figure equals what
 * the dashboard shows for the same quarter (the breakdown screen's headline
 * and counter table, and the trend screen's "this period") and the stats API.
 * admin-reports.test.ts covers the screen on the demo office's current
 * quarter; this adds last quarter, the print link and the dashboard match.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../../shared/satisfaction';
import { launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { lastQuarter, seedLastQuarter } from '../helpers/last-quarter-office';

const SHOTS = '/tmp/hl-shots/tour';
const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
let s: TestServer;
let browser: Browser;
let cookie: string;
let page: Page;
const contexts: BrowserContext[] = [];
const quarter = lastQuarter();
const year = Number(quarter.from.slice(0, 4));
const q = Math.floor((Number(quarter.from.slice(5, 7)) - 1) / 3) + 1;
const ROMAN = ['I', 'II', 'III', 'IV'][q - 1];

interface Row {
  key: string;
  overall: { n: number; s: number; rate: number | null };
}
let counters: Row[];
let office: { n: number; rate: number };

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  cookie = await s.login();
  await seedLastQuarter(s);
  const get = async (p: string) => (await s.api(`/api/v1/stats/${p}?from=${quarter.from}&to=${quarter.to}&groupBy=servicePointId`, { cookie })).json();
  counters = ((await get('breakdown')) as { rows: Row[] }).rows;
  office = ((await get('summary')) as { overall: { n: number; rate: number } }).overall;
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', acceptDownloads: true });
  contexts.push(ctx);
  const [name, value] = cookie.split('=');
  await ctx.addCookies([{ name, value, url: s.url }]);
  await ctx.addInitScript(() => localStorage.setItem('hl-admin-locale', 'vi'));
  page = await ctx.newPage();
  await page.goto(`${s.url}/admin/`);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.stop();
});

async function download(testId: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFile((await dl.path())!);
}

const pct = (x: number | null) => formatPercent(x, 'vi');

describe('last quarter’s report, from the Reports screen', () => {
  it('the fixture: last quarter below 85% because of T1', () => {
    expect(office).toMatchObject({ n: 160, rate: 132 / 160 });
    expect(counters.map((r) => [r.key, r.overall.n, r.overall.s])).toEqual(expect.arrayContaining([['sp-t1', 80, 58], ['sp-t2', 80, 74]]));
  });

  it('picks last quarter with the screen’s pickers and previews it', async () => {
    await page.locator('nav').getByRole('link', { name: 'Báo cáo' }).click();
    await poll(() => page.getByTestId('reports-pick').count()).toBe(1);
    await page.locator('#report-type').selectOption('quarter');
    await page.locator('#report-year').selectOption(String(year));
    await page.locator('#report-quarter').selectOption(String(q));
    await poll(() => page.evaluate(() => location.hash)).toContain(`period=${year}-Q${q}`);
    await poll(() => page.getByTestId('report-summary').textContent()).toContain(`quý ${ROMAN} năm ${year}`);
    expect(await page.getByTestId('report-summary').textContent()).toContain(`đạt ${pct(office.rate)}`);
    expect(await page.getByTestId('report-rate').textContent()).toBe(pct(office.rate));
    await page.screenshot({ path: `${SHOTS}/reports-last-quarter-vi-1280x800.png` });
  });

  it('downloads the DOCX from the screen: the decree header, the period, the headline, the signature block', async () => {
    const xml = await (await JSZip.loadAsync(await download('report-docx'))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const t of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'Nơi nhận', `quý ${ROMAN}`, pct(office.rate)]) expect(text).toContain(t);
  });

  it('downloads the XLSX from the screen: the headline and each counter equal the stats API', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download('report-xlsx')) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Theo quầy')!;
    const rows: (string | number)[][] = [];
    sheet.eachRow((r, i) => {
      if (i > 1) rows.push((r.values as (string | number)[]).slice(1));
    });
    for (const [code, key] of [['T1', 'sp-t1'], ['T2', 'sp-t2']] as const) {
      const api = counters.find((r) => r.key === key)!;
      const row = rows.find((r) => String(r[0]).includes(code))!;
      // Name, responses, n, satisfied, rate (a number with a percent format).
      expect(row.slice(2, 5)).toEqual([api.overall.n, api.overall.s, api.overall.rate]);
      expect(sheet.getRow(rows.indexOf(row) + 2).getCell(5).numFmt).toContain('%');
    }
    const summary = wb.getWorksheet('Tổng hợp')!;
    const values: unknown[] = [];
    summary.eachRow((r) => values.push(r.getCell(2).value));
    expect(values).toContain(office.rate);
  });

  it('downloads the counters CSV from the screen: BOM, diacritics, the same figures', async () => {
    await page.locator('#report-csv-table').selectOption('counters');
    const csv = await download('report-csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toContain('Tỷ lệ hài lòng');
    const t1 = lines.find((l) => l.includes('T1'))!.split(',');
    const api = counters.find((r) => r.key === 'sp-t1')!;
    expect(t1).toContain(String(api.overall.n));
    expect(t1).toContain(String(api.overall.s));
  });

  it('prints it as A4 in Vietnamese from the screen’s print link', async () => {
    const [print] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('report-print').click()]);
    await print.waitForLoadState();
    expect(print.url()).toContain('/reports/print');
    expect(await print.evaluate(() => document.documentElement.lang)).toBe('vi');
    const body = (await print.locator('body').textContent())!;
    for (const t of ['BÁO CÁO', `quý ${ROMAN}`, pct(office.rate)]) expect(body).toContain(t);
    await print.emulateMedia({ media: 'print' });
    const pdf = await print.pdf({ preferCSSPageSize: true, path: `${SHOTS}/reports-last-quarter-print-vi.pdf` });
    // A4 is 595 × 842 points: the page's own @page size, not the printer's default.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'))!;
    expect([Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
    await print.screenshot({ path: `${SHOTS}/reports-last-quarter-print-vi.png` });
    await print.close();
  });

  it('issues it: the archive lists last quarter', async () => {
    await page.getByTestId('report-issue').click();
    await poll(() => page.locator('[data-testid=report-archive] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid=report-archive] tbody tr').textContent()).toContain(`${ROMAN}`);
    const issued = (await (await s.api('/api/v1/reports/issued', { cookie })).json()) as { items: { period: string }[] };
    expect(issued.items.map((x) => x.period)).toEqual([`${year}-Q${q}`]);
  });

  it('every figure matches the dashboard for the same quarter', async () => {
    // The report's own preview, counters table: name → [n, rate].
    const reportCounters = await page.$$eval('.reports-table', (tables) => {
      const t = tables.find((x) => x.querySelector('h3')?.textContent === 'Theo quầy')!;
      return [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent!.trim()));
    });
    const reportRate = await page.getByTestId('report-rate').textContent();

    await page.locator('nav').getByRole('link', { name: 'Phân tích' }).click();
    await page.locator('#bd-period-choice').selectOption('last-quarter');
    await poll(() => page.getByTestId('gap-current').textContent()).toContain(`${pct(office.rate)} trên ${office.n} lượt`);
    expect(reportRate).toBe(pct(office.rate));
    const dashboard = await page.$$eval('tr[data-testid^="bd-row-"]', (trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('[data-testid="bd-name"]')!.textContent!.trim(),
        n: tr.querySelector('[data-testid="bd-n"]')!.textContent!.trim(),
        rate: tr.querySelector('[data-testid="bd-rate"]')!.textContent!.trim(),
      })),
    );
    expect(dashboard).toHaveLength(2);
    for (const d of dashboard) {
      const code = d.name.split(' · ')[0];
      const row = reportCounters.find((r) => r[0].includes(code))!;
      expect(row, code).toContain(d.n);
      expect(row, code).toContain(d.rate);
    }
    await page.locator('nav').getByRole('link', { name: 'Xu hướng' }).click();
    await page.locator('#tr-period-choice').selectOption('last-quarter');
    await poll(() => page.getByTestId('cmp-now').locator('dd').textContent()).toBe(`${pct(office.rate)} n = ${office.n}`);
  });
});
