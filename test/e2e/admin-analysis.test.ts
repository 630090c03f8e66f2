/**
 * The console's analysis screens in real Chromium against a real server:
 * the breakdown (figures equal the stats API for last month and a quarter,
 * sorting, drilling into a counter, officers below the minimum sample
 * hidden, the gap to target) and the comments (searched without accents,
 * marked handled and audited; a response excluded changes the figures; the
 * suspect-review tab) — with screenshots in vi and en at 1280×800 and
 * 1920×1080 (/tmp/shots-analysis/).
 */
import { mkdirSync } from 'node:fs';
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../../shared/satisfaction';
import { rangeOf } from '../../admin/src/ui/period-range';
import { lastYearRange, previousRange } from '../../admin/src/views/breakdown/model';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { adminPage, DESKTOP, openView, poll, type AdminLocale } from '../helpers/admin-page';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SHOTS = process.env.ANALYSIS_SHOTS_DIR ?? '/tmp/hl-shots/analysis';
let s: TestServer;
let browser: Browser;
let cookie: string;
let t2Token: string;
const contexts: BrowserContext[] = [];
const sha256 = (x: string) => createHash('sha256').update(x).digest('hex');

/** T1: 10 ratings, 7 satisfied (70%); T2: 4 ratings, 3 satisfied (75%). */
const T1_SCORES = [5, 5, 5, 5, 4, 4, 3, 2, 1, 5];
const T2_SCORES = [5, 4, 4, 1];

async function rate(counter: 'T1' | 'T2', items: { O: number; comment?: string }[]): Promise<string[]> {
  const responses = items.map(({ O, comment }) => ({ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O }, ...(comment ? { comment } : {}) }));
  const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: { responses }, headers: { authorization: `Bearer ${counter === 'T1' ? s.deviceToken : t2Token}` } });
  expect(res.status).toBe(200);
  return responses.map((r) => r.id);
}

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  mkdirSync(SHOTS, { recursive: true });
  cookie = await s.login();
  t2Token = randomBytes(24).toString('base64url');
  const t1 = (await s.ctx.entities.get('device', 'dev-t1'))!;
  await s.ctx.entities.put('device', { ...t1, id: 'dev-t2', servicePointId: 'sp-t2', name: 'Kiosk T2', tokenHash: sha256(t2Token) });
  await rate('T1', T1_SCORES.map((O, i) => ({ O, comment: i === 7 ? 'Chờ quá lâu, cán bộ không hướng dẫn.' : i === 0 ? 'Rất nhiệt tình.' : undefined })));
  await rate('T2', T2_SCORES.map((O, i) => ({ O, comment: i === 3 ? 'Thủ tục rườm rà, phải đi lại nhiều lần.' : undefined })));
});
afterAll(() => closeAll(contexts, browser, s));

const signedIn = (viewport = DESKTOP, locale: AdminLocale = 'vi') =>
  adminPage(browser, s.url, { viewport, deviceScaleFactor: 1, adminLocale: locale, cookie, track: contexts });
const open = (page: Page, hash: string) => openView(page, s.url, hash);

async function shots(name: string, hash: string) {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    for (const locale of ['vi', 'en'] as const) {
      const page = await signedIn(viewport, locale);
      await open(page, hash);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SHOTS}/${name}-${locale}-${viewport.width}x${viewport.height}.png`, fullPage: false });
      await page.context().close();
    }
  }
}

async function apiBreakdown(q: Record<string, string>) {
  const res = await s.api(`/api/v1/stats/breakdown?${new URLSearchParams(q)}`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as { rows: { key: string; overall: { n: number; rate: number | null } }[] };
}

/** What the table shows, row key → [n, rate]. */
async function tableFigures(page: Page): Promise<Record<string, [string, string]>> {
  return page.$$eval('tr[data-testid^="bd-row-"]', (trs) =>
    Object.fromEntries(
      trs.map((tr) => [
        tr.getAttribute('data-testid')!.slice('bd-row-'.length),
        [tr.querySelector('[data-testid="bd-n"]')!.textContent!.trim(), tr.querySelector('[data-testid="bd-rate"]')!.textContent!.trim()],
      ]),
    ),
  );
}

const expected = (rows: { key: string; overall: { n: number; rate: number | null } }[]) =>
  Object.fromEntries(rows.map((r) => [r.key || 'none', [new Intl.NumberFormat('vi-VN').format(r.overall.n), formatPercent(r.overall.rate, 'vi')]]));

describe('breakdown', () => {
  it('this month, last month and the quarter show the figures the stats API gives', async () => {
    const page = await signedIn();
    await open(page, 'breakdown?groupBy=servicePointId');
    await poll(() => page.locator('tr[data-testid^="bd-row-"]').count()).toBe(2);
    for (const choice of ['month', 'last-month', 'quarter'] as const) {
      await page.locator('#bd-period-choice').selectOption(choice);
      await poll(() => page.evaluate(() => location.hash)).toContain(`period=${choice}`);
      const r = rangeOf({ choice })!;
      const api = await apiBreakdown({ from: r.from, to: r.to, groupBy: 'servicePointId' });
      if (api.rows.length === 0) await poll(() => page.getByText('Không có đánh giá nào trong kỳ và phạm vi này.').count()).toBe(1);
      else await poll(() => tableFigures(page)).toEqual(expected(api.rows));
    }
    // The quarter has today's ratings: T1 70,00% on 10, T2 75,00% on 4.
    expect(await tableFigures(page)).toEqual({ 'sp-t1': ['10', '70,00%'], 'sp-t2': ['4', '75,00%'] });
    // Each row has its small trend (weeks over a quarter), drawn and said in words, and its change against the previous period.
    const t1 = page.getByTestId('bd-row-sp-t1');
    expect(await t1.getByTestId('bd-trend').locator('svg path.spark-line, svg circle.spark-dot').count()).toBeGreaterThan(0);
    expect(await t1.getByTestId('bd-trend').locator('.visually-hidden').textContent()).toMatch(/^Xu hướng theo tuần: từ 70,00% \(\d\d\/\d\d\/\d{4}\) đến 70,00% \(\d\d\/\d\d\/\d{4}\), 1 mốc có số liệu$/);
    expect(await t1.getByTestId('bd-change').textContent()).toBe('không có');
  });

  it('sorts the counters by rate, keeps the sort in the address, and a counter opens its officers', async () => {
    const page = await signedIn();
    await open(page, 'breakdown?period=month&groupBy=servicePointId');
    await poll(() => page.locator('tr[data-testid^="bd-row-"]').count()).toBe(2);
    await page.locator('th[data-column="rate"] button').click();
    await poll(() => page.evaluate(() => location.hash)).toContain('sort=rate');
    const order = () => page.$$eval('tr[data-testid^="bd-row-"]', (trs) => trs.map((t) => t.getAttribute('data-testid')));
    await poll(order).toEqual(['bd-row-sp-t1', 'bd-row-sp-t2']);
    await page.locator('th[data-column="rate"] button').click();
    await poll(order).toEqual(['bd-row-sp-t2', 'bd-row-sp-t1']);
    // Keyboard: Enter on the T1 row drills into it.
    await page.getByTestId('bd-row-sp-t1').focus();
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => location.hash)).toMatch(/groupBy=officerId/);
    expect(await page.evaluate(() => location.hash)).toContain('servicePointId=sp-t1');
    // Officer Một has 10 ratings, below the minimum sample of 30: hidden, and the screen says so.
    await poll(() => page.getByTestId('bd-hidden').textContent()).toContain('Đã ẩn 1 cán bộ có dưới 30 lượt');
    expect(await page.locator('tr[data-testid^="bd-row-"]').count()).toBe(0);
    expect(await page.locator('#bd-filter-servicePointId').inputValue()).toBe('sp-t1');
    // …and what its citizens said: the comments of that counter in that period.
    await page.getByTestId('bd-comments').click();
    await poll(() => page.locator('tr[data-testid^="cm-row-"]').count()).toBe(2);
    expect(await page.evaluate(() => location.hash)).toContain('servicePointId=sp-t1');
  });

  it('shows the gap to target for the scope and the counters contributing most', async () => {
    const page = await signedIn();
    await open(page, 'breakdown?period=month');
    // 10/14 satisfied: (0.85·14 − 10)/0.15 = 12.67 → 13 more.
    await poll(() => page.getByTestId('gap-needed').textContent()).toBe('Cần thêm 13 đánh giá hài lòng để đạt 85%');
    const summary = (await (await s.api(`/api/v1/stats/summary?from=${rangeOf({ choice: 'month' })!.from}&to=${rangeOf({ choice: 'month' })!.to}`, { cookie })).json()) as { overall: { gap: number } };
    expect(summary.overall.gap).toBe(13);
    const contributors = await page.getByTestId('gap-contributors').textContent();
    expect(contributors!.indexOf('T1')).toBeLessThan(contributors!.indexOf('T2'));
    await poll(() => page.getByTestId('gap-projection').textContent()).toContain('Dự báo cuối tháng');
  });

  it('screenshots', async () => {
    await shots('breakdown-counters', 'breakdown?period=month&groupBy=servicePointId');
    await shots('breakdown-unit', 'breakdown?period=quarter&groupBy=unitId');
  }, 120_000);
});

describe('trend', () => {
  it('shows the rate per week and per month with the target line; the table equals the stats API', async () => {
    const page = await signedIn();
    await open(page, 'trend?period=quarter&bucket=week');
    await poll(() => page.getByTestId('trend-card').locator('canvas').count()).toBe(1);
    expect(await page.getByTestId('trend-card').textContent()).toContain('Mục tiêu 85%');
    await page.locator('#tr-bucket').selectOption('month');
    await poll(() => page.evaluate(() => location.hash)).toContain('bucket=month');
    const r = rangeOf({ choice: 'quarter' })!;
    const api = (await (await s.api(`/api/v1/stats/timeseries?from=${r.from}&to=${r.to}&bucket=month`, { cookie })).json()) as { points: { n: number; rate: number | null }[] };
    const expectedRows = [...api.points].reverse().map((p) => [formatPercent(p.rate, 'vi'), String(p.n)]);
    await page.locator('[data-testid="trend-card"] summary').click();
    await poll(() =>
      page.$$eval('[data-testid="trend-table"] tbody tr', (trs) => trs.map((tr) => [tr.children[1].textContent!.trim(), tr.children[2].textContent!.trim()])),
    ).toEqual(expectedRows);
    // The quarter against the previous quarter and the same quarter last year, as the stats API gives them.
    const prev = previousRange(r);
    const ly = lastYearRange(r);
    const sum = async (x: { from: string; to: string }) =>
      ((await (await s.api(`/api/v1/stats/summary?from=${x.from}&to=${x.to}`, { cookie })).json()) as { overall: { n: number; rate: number | null } }).overall;
    const [now, before, lastYear] = await Promise.all([sum(r), sum(prev), sum(ly)]);
    await poll(() => page.getByTestId('cmp-now').locator('dd').textContent()).toBe(`${formatPercent(now.rate, 'vi')} n = ${now.n}`);
    expect(await page.getByTestId('cmp-previous').locator('dt').textContent()).toContain(`${prev.from.slice(8, 10)}/${prev.from.slice(5, 7)}/${prev.from.slice(0, 4)}`);
    expect(await page.getByTestId('cmp-previous').locator('dd').textContent()).toContain(`${formatPercent(before.rate, 'vi')} n = ${before.n}`);
    expect(await page.getByTestId('cmp-year').locator('dd').textContent()).toContain(`${formatPercent(lastYear.rate, 'vi')} n = ${lastYear.n}`);
    await shots('trend', 'trend?period=quarter&bucket=week');
  }, 120_000);
});

describe('comments', () => {
  it('finds a comment typed without accents and marks it handled with a note; the audit log has it', async () => {
    const page = await signedIn();
    await open(page, 'comments?period=month');
    await poll(() => page.locator('tr[data-testid^="cm-row-"]').count()).toBe(3);
    await page.locator('#cm-q').fill('cho qua lau');
    await page.locator('#cm-q').press('Enter');
    await poll(() => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('q'))).toBe('cho qua lau');
    await poll(() => page.locator('tr[data-testid^="cm-row-"]').count()).toBe(1);
    expect(await page.getByTestId('cm-comment').textContent()).toBe('Chờ quá lâu, cán bộ không hướng dẫn.');
    await page.getByTestId('cm-handle').click();
    await page.locator('#cm-text').fill('Đã gọi lại cho người dân, nhắc cán bộ quầy T1');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.getByTestId('cm-state').textContent()).toContain('Đã xử lý bởi admin@test.local');
    expect(await page.getByTestId('cm-state').textContent()).toContain('Đã gọi lại cho người dân');
    const audit = await (await s.api('/api/v1/audit', { cookie })).json();
    expect(audit.items[0]).toMatchObject({ action: 'response.handled', actor: 'admin@test.local', details: { note: 'Đã gọi lại cho người dân, nhắc cán bộ quầy T1' } });
    // A mark made by mistake is taken back, and the audit log keeps what it was.
    await page.getByTestId('cm-unhandle').click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Bỏ đánh dấu' }).click();
    await poll(() => page.getByTestId('cm-unhandle').count()).toBe(0);
    expect(await page.getByTestId('cm-state').textContent()).toBe('');
    const undone = await (await s.api('/api/v1/audit', { cookie })).json();
    expect(undone.items[0]).toMatchObject({ action: 'response.unhandled', actor: 'admin@test.local', details: { note: { before: 'Đã gọi lại cho người dân, nhắc cán bộ quầy T1', after: null } } });
    // Marked again, for the filter below.
    await page.getByTestId('cm-handle').click();
    await page.locator('#cm-text').fill('Đã gọi lại cho người dân, nhắc cán bộ quầy T1');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.getByTestId('cm-state').textContent()).toContain('Đã xử lý bởi admin@test.local');
    // The screen fits 1280 px: no sideways scroll of the page, in vi and en.
    for (const locale of ['vi', 'en'] as const) {
      const wide = await signedIn({ width: 1280, height: 800 }, locale);
      await open(wide, 'comments?period=month');
      await poll(() => wide.locator('tr[data-testid^="cm-row-"]').count()).toBe(3);
      expect(await wide.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), locale).toBe(0);
      // …and the table itself fits its card: no action button cut off behind a sideways scroll.
      expect(await wide.locator('.comments-screen .table-scroll').evaluate((el) => el.scrollWidth - el.clientWidth), `${locale} table`).toBeLessThanOrEqual(0);
      await wide.screenshot({ path: `${SHOTS}/comments-handled-${locale}-1280x800.png` });
      await wide.context().close();
    }
    // Handled ones can be filtered out.
    await open(page, 'comments?period=month&handled=no');
    await poll(() => page.locator('tr[data-testid^="cm-row-"]').count()).toBe(2);
    await shots('comments', 'comments?period=month');
  }, 120_000);

  it('excludes a response with a reason and the breakdown changes; restoring it brings the figure back', async () => {
    const page = await signedIn();
    await open(page, 'comments?period=month&q=cho%20qua%20lau');
    await poll(() => page.locator('tr[data-testid^="cm-row-"]').count()).toBe(1);
    await page.getByTestId('cm-exclude').click();
    await page.locator('#cm-text').fill('Phiếu thử của nhân viên');
    await page.locator('dialog[open]').getByRole('button', { name: 'Loại khỏi số liệu' }).click();
    await poll(() => page.getByTestId('cm-state').textContent()).toContain('Đã loại khỏi số liệu');
    const audit = await (await s.api('/api/v1/audit', { cookie })).json();
    expect(audit.items[0]).toMatchObject({ action: 'response.exclude', actor: 'admin@test.local', details: { reason: 'Phiếu thử của nhân viên' } });
    // T1 without its 2: 7 of 9.
    await open(page, 'breakdown?period=month&groupBy=servicePointId');
    await poll(() => tableFigures(page)).toEqual({ 'sp-t1': ['9', '77,78%'], 'sp-t2': ['4', '75,00%'] });
    await open(page, 'comments?period=month&q=cho%20qua%20lau');
    await poll(() => page.getByTestId('cm-restore').count()).toBe(1);
    await page.getByTestId('cm-restore').click();
    await page.getByRole('button', { name: 'Đưa trở lại', exact: true }).click();
    await poll(() => page.getByTestId('cm-exclude').count()).toBe(1);
    await open(page, 'breakdown?period=month&groupBy=servicePointId');
    await poll(() => tableFigures(page)).toEqual({ 'sp-t1': ['10', '70,00%'], 'sp-t2': ['4', '75,00%'] });
  });

  it('lists suspect ratings for review and accepts one into the figures (audited)', async () => {
    // With a 5-second kiosk gap, two quick ratings at T2: the second is held for review.
    const setGap = async (minGapSeconds: number) =>
      expect((await s.api('/api/v1/organisation', { method: 'PATCH', json: { kiosk: { idleSeconds: 20, minGapSeconds } }, cookie })).status).toBe(200);
    await setGap(5);
    const [, held] = await rate('T2', [{ O: 5 }, { O: 5, comment: 'Nghi vấn' }]);
    await setGap(0);
    const r = rangeOf({ choice: 'month' })!;
    const n = async () => (await apiBreakdown({ from: r.from, to: r.to, groupBy: 'servicePointId' })).rows.find((x) => x.key === 'sp-t2')!.overall.n;
    const before = await n();
    const page = await signedIn();
    await open(page, 'comments?tab=suspect');
    await poll(() => page.getByTestId(`cm-row-${held}`).count()).toBe(1);
    expect(await page.getByTestId(`cm-row-${held}`).textContent()).toContain('Quá sát phiếu trước tại cùng máy');
    await shots('comments-suspect', 'comments?tab=suspect');
    await page.getByTestId(`cm-row-${held}`).getByTestId('cm-accept').click();
    // The dialog's own button (the row's button has the same words), once the dialog is open.
    await page.locator('dialog[open]').getByRole('button', { name: 'Chấp nhận, tính vào số liệu' }).click();
    await poll(() => page.getByTestId(`cm-row-${held}`).count()).toBe(0);
    await poll(n).toBe(before + 1);
    const audit = await (await s.api('/api/v1/audit', { cookie })).json();
    expect(audit.items[0]).toMatchObject({ action: 'response.accept', target: held });
  }, 120_000);
});

describe('breakdown, after a bad day at T2', () => {
  it('makes a counter significantly below target stand out, and names how many', async () => {
    await rate('T2', Array.from({ length: 30 }, () => ({ O: 1 })));
    const page = await signedIn();
    await open(page, 'breakdown?period=month&groupBy=servicePointId');
    await poll(() => page.getByTestId('bd-row-sp-t2').getAttribute('class')).toContain('row-sig-below');
    expect(await page.getByTestId('bd-row-sp-t1').getAttribute('class')).not.toContain('row-sig-below');
    expect(await page.getByTestId('bd-sig-below').textContent()).toContain('1 dòng thấp hơn mục tiêu có ý nghĩa thống kê');
    expect(await page.getByTestId('bd-row-sp-t2').locator('[data-status]').getAttribute('data-status')).toBe('significantly-below');
    await shots('breakdown-significant', 'breakdown?period=month&groupBy=servicePointId');
  }, 120_000);
});
