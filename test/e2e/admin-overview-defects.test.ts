/**
 * Overview defects of issue 12 item 9, in real Chromium against a real
 * server: the score-distribution table fits its card at 800 and 1280 px
 * (vi and en); on the 1st of the month (a fixed clock in the page) the
 * overview shows yesterday and last month instead of two identical cards;
 * the comment feed names the officer; unverified QR answers are counted
 * apart from the verified headline; the kiosk health summary.
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../../shared/satisfaction';
import { addDays, calendarOf, dayStart, localDay } from '../../admin/src/dates';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { adminPage, DESKTOP, poll, type AdminLocale } from '../helpers/admin-page';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { commitRatings, onDay, storedRating } from '../helpers/stored-ratings';

const SHOTS = process.env.ANALYSIS_SHOTS_DIR ?? '/tmp/hl-shots/analysis';
/** The 1st of this (real) month, 10:00 in Vietnam, and the month before it. */
const FIRST = calendarOf(localDay(Date.now())).monthStart;
const FIRST_AT = dayStart(FIRST) + 10 * 3_600_000;
const LAST_DAY = addDays(FIRST, -1);
const LAST_MONTH_START = calendarOf(LAST_DAY).monthStart;
let s: TestServer;
let browser: Browser;
let cookie: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  mkdirSync(SHOTS, { recursive: true });
  cookie = await s.login();
  const responses = [5, 5, 4, 3, 1, 5, 5, 2].map((O, i) => ({
    id: randomUUID(),
    surveyVersionId: s.surveyVersionId,
    channel: 'kiosk',
    answers: { O },
    ...(i === 4 ? { comment: 'Chờ quá lâu ở quầy.' } : {}),
  }));
  const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: { responses }, headers: { authorization: `Bearer ${s.deviceToken}` } });
  expect(res.status).toBe(200);
  // Two counter-QR answers (unverified): never in the verified headline.
  // With the client id the counter page issues (an unsigned one would be held for review).
  const qrPage = await s.api('/s/T2');
  const clientCookie = (qrPage.headers.get('set-cookie') ?? '').split(';')[0];
  expect(clientCookie).toContain('=');
  for (const O of [5, 2]) {
    const r = await s.api('/api/v1/responses', { method: 'POST', headers: { cookie: clientCookie }, json: { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'qr', servicePointId: 'sp-t2', answers: { O } } });
    expect(r.status).toBe(201);
  }
  // Last month, as stored by the server then: 5 ratings on the 20th (4 satisfied), 3 on its last day (1 satisfied).
  const past = (day: string, O: number) =>
    storedRating(s, { unitId: 'unit-a', servicePointId: 'sp-t1', deviceId: 'dev-t1', officerId: 'off-1', overall: O, serverTime: onDay(day, 10) });
  const rs = [...[5, 5, 4, 4, 2].map((O) => past(`${LAST_MONTH_START.slice(0, 8)}20`, O)), ...[5, 1, 2].map((O) => past(LAST_DAY, O))];
  await commitRatings(s, rs);
});
afterAll(() => closeAll(contexts, browser, s));

async function signedIn(viewport = DESKTOP, locale: AdminLocale = 'vi', fixedTime?: number): Promise<Page> {
  const page = await adminPage(browser, s.url, { viewport, deviceScaleFactor: 1, adminLocale: locale, cookie, track: contexts });
  if (fixedTime !== undefined) await page.clock.setFixedTime(fixedTime);
  return page;
}

async function openOverview(page: Page) {
  await page.goto(`${s.url}/admin/#/overview`);
  await poll(() => page.getByTestId('headline-today').count()).toBe(1);
}

describe('the score distribution', () => {
  it('fits its card at 800 and 1280 px wide, in vi and en', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 800, height: 1280 },
    ]) {
      for (const locale of ['vi', 'en'] as const) {
        const page = await signedIn(viewport, locale);
        await openOverview(page);
        const card = page.getByTestId('distribution');
        await poll(() => card.locator('table').count()).toBe(1);
        const [tableWidth, cardWidth, cardScroll] = await card.evaluate((c) => {
          const t = c.querySelector('table')!;
          return [t.scrollWidth, c.clientWidth, c.scrollWidth];
        });
        expect(tableWidth, `${locale} ${viewport.width}: table ${tableWidth} > card ${cardWidth}`).toBeLessThanOrEqual(cardWidth);
        expect(cardScroll, `${locale} ${viewport.width}: the card itself overflows`).toBeLessThanOrEqual(cardWidth);
        await card.screenshot({ path: `${SHOTS}/overview-distribution-${locale}-${viewport.width}.png` });
        await page.context().close();
      }
    }
  }, 60_000);
});

async function apiSummary(q: Record<string, string>) {
  const res = await s.api(`/api/v1/stats/summary?${new URLSearchParams(q)}`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as { responses: number; overall: { n: number; rate: number | null } };
}

async function apiBreakdownRow(q: Record<string, string>, key: string) {
  const res = await s.api(`/api/v1/stats/breakdown?${new URLSearchParams({ ...q, groupBy: 'servicePointId' })}`, { cookie });
  return ((await res.json()) as { rows: { key: string; overall: { n: number } }[] }).rows.find((r) => r.key === key)?.overall.n ?? 0;
}

/** The page's clock fixed at `at`, its socket cut so the server's own day never reloads it. */
async function overviewAt(at: number, locale: 'vi' | 'en' = 'vi', viewport = { width: 1280, height: 800 }) {
  const page = await signedIn(viewport, locale, at);
  await page.route('**/socket.io/**', (r) => r.abort());
  await openOverview(page);
  return page;
}

describe('on the 1st of the month', () => {
  it('shows last month and yesterday instead of a second copy of today; the figures equal the stats API', async () => {
    const page = await overviewAt(FIRST_AT);
    const last = await apiSummary({ from: LAST_MONTH_START, to: LAST_DAY });
    const yesterday = await apiSummary({ from: LAST_DAY, to: LAST_DAY });
    expect(last.overall.n).toBeGreaterThanOrEqual(8);
    await poll(() => page.locator('#month-title').textContent()).toBe(`Tháng trước (${LAST_MONTH_START.slice(5, 7)}/${LAST_MONTH_START.slice(0, 4)})`);
    expect(await page.getByTestId('month-rate').textContent()).toBe(formatPercent(last.overall.rate, 'vi'));
    expect(await page.getByTestId('month-n').textContent()).toBe(`n = ${last.overall.n}`);
    expect(await page.getByTestId('yesterday').textContent()).toBe(`Hôm qua: ${formatPercent(yesterday.overall.rate, 'vi')} (n = ${yesterday.overall.n})`);
    expect(await page.getByTestId('first-of-month').count()).toBe(1);
    // The distribution's second column is last month too.
    expect(await page.getByTestId('distribution-table').locator('thead th').nth(2).textContent()).toBe('Tháng trước');
    // …and the counter table's second column: T1 had all 8 of last month's ratings.
    const t1Month = await apiBreakdownRow({ from: LAST_MONTH_START, to: LAST_DAY }, 'sp-t1');
    expect(await page.getByTestId('counters').textContent()).toContain('Tháng trước');
    expect(await page.getByTestId('counters').locator('table [data-testid="cell-month-n"]').first().textContent()).toBe(String(t1Month));
    await page.screenshot({ path: `${SHOTS}/overview-first-of-month-vi-1280x800.png` });
    const en = await overviewAt(FIRST_AT, 'en');
    await poll(() => en.locator('#month-title').textContent()).toMatch(/^Last month \(\d\d\/\d{4}\)$/);
    await en.screenshot({ path: `${SHOTS}/overview-first-of-month-en-1280x800.png` });
  });

  it('any other day shows this month, and no yesterday line', async () => {
    const page = await overviewAt(dayStart(`${LAST_MONTH_START.slice(0, 8)}15`) + 10 * 3_600_000);
    await poll(() => page.locator('#month-title').textContent()).toBe('Tháng này');
    expect(await page.getByTestId('yesterday').count()).toBe(0);
    expect(await page.getByTestId('first-of-month').count()).toBe(0);
  });
});

describe('the comment feed', () => {
  it('names the officer of each comment', async () => {
    const page = await signedIn();
    await openOverview(page);
    await poll(() => page.getByTestId('feed-item').count()).toBe(1);
    await poll(() => page.getByTestId('feed-officer').textContent()).toBe(' · Cán bộ: Nguyễn Văn Một');
  });
});

describe('kiosk health', () => {
  it('says how many kiosks are online, which are silent while open, the longest outbox, and links to the kiosks screen', async () => {
    const t1 = (await s.ctx.entities.get('device', 'dev-t1'))!;
    await s.ctx.entities.put('device', { ...t1, lastSeenAt: new Date(Date.now() - 40 * 60_000).toISOString(), status: { online: false, outbox: 3, oldestQueuedMs: 4 * 60_000, appVersion: '1', skewMs: 0 } });
    const page = await signedIn();
    await openOverview(page);
    const card = page.getByTestId('kiosk-health');
    await poll(() => card.getByTestId('kh-online').textContent()).toBe('0/1 máy');
    expect(await card.getByTestId('kh-silent').textContent()).toBe('1');
    expect(await card.getByTestId('kh-silent-list').textContent()).toContain('Quầy T1');
    // 4 minutes when last reported, 40 minutes ago: 44 minutes now.
    expect(await card.getByTestId('kh-outbox').textContent()).toBe(`3 phiếu chờ gửi, cũ nhất 44 phút (${t1.name})`);
    await card.screenshot({ path: `${SHOTS}/overview-kiosk-health-vi.png` });
    await card.getByTestId('kh-link').click();
    await poll(() => page.evaluate(() => location.hash)).toBe('#/kiosks');
    await s.ctx.entities.put('device', t1);
  });
});

describe('unverified QR answers', () => {
  it('are counted apart from the verified headline, with their rate, in vi and en', async () => {
    const today = localDay(Date.now());
    const verified = await apiSummary({ from: today, to: today });
    const qr = await apiSummary({ from: today, to: today, channel: 'qr', verified: 'unverified' });
    expect(qr.responses).toBe(2);
    const page = await signedIn();
    await openOverview(page);
    // The headline is the 8 verified kiosk ratings only…
    await poll(() => page.getByTestId('today-n').textContent()).toBe(`n = ${verified.overall.n}`);
    expect(verified.overall.n).toBe(8);
    // …and the QR answers stand apart, with their own count and rate.
    await poll(() => page.getByTestId('uq-today').textContent()).toBe(`2 phiếu · hài lòng ${formatPercent(qr.overall.rate, 'vi')} (n = 2)`);
    expect(await page.getByTestId('uq-basis').textContent()).toContain('Không tính vào tỷ lệ chính');
    const en = await signedIn(undefined, 'en');
    await openOverview(en);
    await poll(() => en.getByTestId('uq-today').textContent()).toBe(`2 answers · satisfied ${formatPercent(qr.overall.rate, 'en')} (n = 2)`);
  });

  it('screenshots of the overview, vi and en, 1280×800 and 1920×1080', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 },
    ]) {
      for (const locale of ['vi', 'en'] as const) {
        const page = await signedIn(viewport, locale);
        await openOverview(page);
        await page.waitForTimeout(400);
        await page.screenshot({ path: `${SHOTS}/overview-${locale}-${viewport.width}x${viewport.height}.png`, fullPage: true });
        await page.context().close();
      }
    }
  }, 60_000);
});
