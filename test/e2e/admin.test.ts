/**
 * The admin dashboard in real Chromium against a real server: sign-in, the
 * live overview's figures for known ratings, live updates without a reload
 * (headline, comment feed, alerts), a unit head's scope, the language toggle,
 * and screenshots at 1366×768 (vi, en), 1920×1080 and 390×844.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';
import { sha256 } from '../../server/domain/canonical';
import { formatPercent, targetGap, wilson } from '../../shared/satisfaction';

const HEAD_B = { email: 'head-b@test.local', password: 'password-b-123' };

let s: TestServer;
let browser: Browser;
let adminCookie: string;
let t2Token: string;
const contexts: BrowserContext[] = [];

/** Known ratings for today: T1 (unit A) 10 kiosk ratings, 7 satisfied; T2 (unit B) 4 kiosk ratings and 3 dossier-link surveys, 5 satisfied. */
const T1_SCORES = [5, 5, 5, 5, 4, 4, 3, 2, 1, 5];
const T2_SCORES = [5, 4, 4, 1];
/** Full questionnaires through dossier links (verified): they carry the SIPAS criteria. */
const T2_LINK_ANSWERS = [
  { O: 5, A1: 5, A2: 4, A3: 4, P1: 5, P2: 4, P4: 3, C1: 5, C2: 5, C3: 4, R1: 4, R2: 5, F1: 4, H: 'none', M: 'none' },
  { O: 4, A1: 4, A2: 2, A3: 4, P1: 4, P3: 5, P4: 2, C1: 4, C4: 5, R1: 5, R2: 3, F1: 3, F2: 4, H: 'none' },
  { O: 2, A1: 3, A2: 2, P4: 1, C1: 2, C2: 3, R2: 2, F2: 2, H: 'some', M: 'some' },
];
const T2_ALL = [...T2_SCORES, ...T2_LINK_ANSWERS.map((a) => a.O)];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  adminCookie = await s.login();
  await s.ctx.auth.createUser({ orgId: 'org-main', name: 'Trưởng phòng B', role: 'unit-head', unitId: 'unit-b', ...HEAD_B });
  // A second enrolled kiosk, at T2, so unit B has verified ratings too.
  t2Token = randomBytes(24).toString('base64url');
  const t1 = (await s.ctx.entities.get('device', 'dev-t1'))!;
  await s.ctx.entities.put('device', { ...t1, id: 'dev-t2', servicePointId: 'sp-t2', name: 'Kiosk T2', tokenHash: sha256(t2Token) });
  await rate('T1', T1_SCORES.map((O, i) => ({ O, comment: i === 4 ? 'Cán bộ hướng dẫn rất nhiệt tình.' : undefined })));
  await rate('T2', T2_SCORES.map((O) => ({ O })));
  const key = (await (await s.api('/api/v1/integration-keys', { method: 'POST', cookie: adminCookie, json: { name: 'One-stop' } })).json()).key as string;
  for (const answers of T2_LINK_ANSWERS) {
    const link = await s.api('/api/v1/survey-links', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      json: { counter: 'T2', procedureCode: '1.000001', dossierRef: `000.00.H01-${randomUUID()}` },
    });
    const { token } = (await link.json()) as { token: string };
    const res = await s.api('/api/v1/responses', { method: 'POST', json: { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'link', linkToken: token, answers } });
    expect(res.status).toBe(201);
  }
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.stop();
});

/** Ratings through the kiosk API (verified), one commit. */
async function rate(counter: 'T1' | 'T2', items: { O: number; comment?: string }[]): Promise<string[]> {
  const responses = items.map(({ O, comment }) => ({
    id: randomUUID(),
    surveyVersionId: s.surveyVersionId,
    channel: 'kiosk',
    answers: { O },
    ...(comment ? { comment } : {}),
  }));
  const res = await s.api('/api/v1/responses/batch', {
    method: 'POST',
    json: { responses },
    headers: { authorization: `Bearer ${counter === 'T1' ? s.deviceToken : t2Token}` },
  });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: { status: string }[] };
  expect(results.every((r) => r.status === 'stored')).toBe(true);
  return responses.map((r) => r.id);
}

async function newPage(viewport = { width: 1366, height: 768 }, cookie?: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'vi-VN', deviceScaleFactor: 1, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  contexts.push(ctx);
  if (cookie) {
    const [name, value] = cookie.split('=');
    await ctx.addCookies([{ name, value, url: s.url }]);
  }
  return ctx.newPage();
}

/** A signed-in page on the overview, live. */
async function overview(cookie = adminCookie, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await newPage(viewport, cookie);
  await page.goto(`${s.url}/admin/`);
  await expect.poll(() => page.getByTestId('live').getAttribute('data-state')).toBe('live');
  await expect.poll(() => page.getByTestId('today-n').textContent()).toMatch(/^n = \d+/);
  return page;
}

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();
const counterRow = (page: Page, code: string) => page.getByTestId(`counter-${code}`);
const nOf = async (page: Page) => Number((await text(page, 'today-n'))!.replace(/\D/g, ''));

describe('admin sign-in', () => {
  it('refuses a wrong password in plain words, then signs in with the right one, stays signed in on reload and signs out', async () => {
    const page = await newPage();
    await page.goto(`${s.url}/admin/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Đăng nhập');
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => text(page, 'login-problem')).toBe('E-mail hoặc mật khẩu không đúng. Xin kiểm tra lại.');
    await page.screenshot({ path: screenshotPath('admin-login-wrong-vi-1366x768') });

    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Tổng quan');
    expect(await text(page, 'user')).toContain('Quản trị viên');

    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Tổng quan');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Đăng nhập');
    const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status));
    expect(me).toBe(401);
  });

  it('says so when there were too many attempts', async () => {
    const email = 'someone@test.local';
    // Fail through the API until the server itself says "too many" (10 per 15 minutes), then once more in the page.
    for (let i = 0; i < 30; i++) {
      const res = await s.api('/api/v1/auth/login', { method: 'POST', json: { email, password: 'wrong-password' } });
      if (res.status === 429) break;
      expect(res.status).toBe(401);
    }
    const page = await newPage();
    await page.goto(`${s.url}/admin/`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mật khẩu').fill('wrong-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => text(page, 'login-problem')).toBe('Đã nhập sai quá nhiều lần. Xin đợi 15 phút rồi thử lại.');
  });
});

describe('admin overview', () => {
  it('shows n, rate, interval, status and the target gap of the known ratings, today and this month, and per counter', async () => {
    const page = await overview();
    const all = [...T1_SCORES, ...T2_ALL];
    const n = all.length;
    const sat = all.filter((x) => x >= 4).length;
    const ci = wilson(sat, n)!;
    for (const period of ['today', 'month']) {
      expect(await text(page, `${period}-n`)).toBe(`n = ${n}`);
      expect(await text(page, `${period}-rate`)).toBe(formatPercent(sat / n, 'vi'));
      expect(await text(page, `${period}-interval`)).toBe(`Khoảng tin cậy 95%: ${formatPercent(ci.low, 'vi')} – ${formatPercent(ci.high, 'vi')}`);
      expect(await text(page, `${period}-status`)).toContain('Dưới mục tiêu');
    }
    expect(await text(page, 'month-gap')).toBe(`Cần thêm ${targetGap(sat, n, 0.85)} lượt hài lòng để đạt 85% trong tháng này`);
    expect(await counterRow(page, 'T1').getByTestId('cell-today-n').textContent()).toBe('10');
    expect(await counterRow(page, 'T1').getByTestId('cell-today-rate').textContent()).toContain('70,00%');
    expect(await counterRow(page, 'T2').getByTestId('cell-today-n').textContent()).toBe(String(T2_ALL.length));
    expect(await counterRow(page, 'T2').getByTestId('cell-today-rate').textContent()).toContain(formatPercent(T2_ALL.filter((x) => x >= 4).length / T2_ALL.length, 'vi'));
    // SIPAS elements from the dossier-link questionnaires: Access = mean of A1 (2/3), A2 (1/3), A3 (2/2).
    expect(await page.getByTestId('element-A').textContent()).toContain(formatPercent((2 / 3 + 1 / 3 + 1) / 3, 'vi'));
    // Their mean is the service index, with its aggregation said, and never the province's SIPAS score.
    expect(await text(page, 'service-index')).toMatch(/^Chỉ số phục vụ \(trung bình 5 yếu tố\): \d+,\d\d%$/);
    expect(await text(page, 'aggregation')).toContain('Cách tính chỉ số yếu tố: trung bình tỷ lệ hài lòng của các tiêu chí thuộc yếu tố.');
    expect(await page.getByTestId('elements').textContent()).not.toContain('Chỉ số SIPAS');
    // H and M: three answers each, far below the minimum sample of 30, so no figure at all.
    for (const code of ['H', 'M']) {
      expect(await text(page, `integrity-${code}-not-enough`)).toBe('Chưa đủ câu trả lời để hiển thị (cần ít nhất 30).');
    }
    expect(await page.getByTestId('integrity').textContent()).not.toMatch(/\d+,\d\d%/);
    // The comment posted with the ratings is in the feed, the trend and the distribution are drawn.
    expect(await page.getByTestId('feed').textContent()).toContain('Cán bộ hướng dẫn rất nhiệt tình.');
    expect(await page.locator('[data-testid=trend] canvas').count()).toBe(1);
    expect(await page.getByTestId('distribution').textContent()).toContain('Rất hài lòng');
  });

  it('updates today’s headline and the counter row live when a rating arrives, without a reload', async () => {
    const page = await overview();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const before = await nOf(page);
    const t1Before = Number(await counterRow(page, 'T1').getByTestId('cell-today-n').textContent());
    await rate('T1', [{ O: 5 }]);
    await expect.poll(() => text(page, 'today-n')).toBe(`n = ${before + 1}`);
    await expect.poll(() => counterRow(page, 'T1').getByTestId('cell-today-n').textContent()).toBe(String(t1Before + 1));
    expect(await text(page, 'month-n')).toBe(`n = ${before + 1}`);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  });

  it('shows the connection is lost, reconnects, and reads again what it missed meanwhile', async () => {
    const page = await overview();
    const before = await nOf(page);
    // Cut every dashboard connection from the server side: no connection-state recovery after that.
    s.realtime.io.of('/dashboard').disconnectSockets(true);
    await expect.poll(() => page.getByTestId('live').getAttribute('data-state')).not.toBe('live');
    expect(await text(page, 'live')).toMatch(/Mất kết nối|Đang kết nối/);
    await rate('T1', [{ O: 4 }, { O: 5 }]);
    await expect.poll(() => page.getByTestId('live').getAttribute('data-state'), { timeout: 15_000 }).toBe('live');
    await expect.poll(() => text(page, 'today-n')).toBe(`n = ${before + 2}`);
  });

  it('shows a 1-rated comment in the feed live, raises its alert live, and acknowledges and resolves it', async () => {
    const page = await overview();
    const comment = `Chờ quá lâu, không ai hướng dẫn (${randomUUID().slice(0, 8)}).`;
    await rate('T1', [{ O: 1, comment }]);
    const item = page.getByTestId('feed-item').filter({ hasText: comment });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('1/5 · Rất không hài lòng');

    const alert = page.locator('[data-testid=alert][data-rule=low-rating-comment]').filter({ hasText: comment });
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.getAttribute('data-state')).toBe('open');
    await page.screenshot({ path: screenshotPath('admin-overview-alert-vi-1366x768') });

    await alert.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(() => alert.getAttribute('data-state')).toBe('acknowledged');
    expect(await alert.textContent()).toContain(`Đã xác nhận: ${ADMIN.email}`);
    const id = (await alert.getAttribute('data-id'))!;
    const stored = await (await s.api(`/api/v1/alerts/${id}`, { cookie: adminCookie })).json();
    expect(stored.state).toBe('acknowledged');

    await alert.getByRole('button', { name: 'Đã xử lý' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    const resolved = await (await s.api(`/api/v1/alerts/${id}`, { cookie: adminCookie })).json();
    expect(resolved.state).toBe('resolved');
  });

  it('shows another dashboard’s acknowledgement live', async () => {
    const page = await overview();
    const comment = `Thái độ chưa tốt (${randomUUID().slice(0, 8)}).`;
    await rate('T2', [{ O: 2, comment }]);
    const alert = page.locator('[data-testid=alert][data-rule=low-rating-comment]').filter({ hasText: comment });
    await expect.poll(() => alert.count()).toBe(1);
    const id = (await alert.getAttribute('data-id'))!;
    const res = await s.api(`/api/v1/alerts/${id}/ack`, { method: 'POST', json: { note: 'Đang xử lý' }, cookie: adminCookie });
    expect(res.status).toBe(200);
    await expect.poll(() => alert.getAttribute('data-state')).toBe('acknowledged');
  });
});

describe('unit head', () => {
  it('sees only their unit’s counters and figures, live', async () => {
    const cookie = await s.login(HEAD_B.email, HEAD_B.password);
    const page = await overview(cookie);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Phòng B');
    await expect.poll(() => counterRow(page, 'T2').count()).toBe(1);
    expect(await counterRow(page, 'T1').count()).toBe(0);
    const summary = await (await s.api('/api/v1/stats/summary?from=' + new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10), { cookie })).json();
    expect(await text(page, 'today-n')).toBe(`n = ${summary.overall.n}`);
    for (const f of await page.getByTestId('feed-item').allTextContents()) expect(f).toContain('Quầy T2');

    // A rating at T1 (unit A) changes nothing here; one at T2 does.
    const before = await nOf(page);
    await rate('T1', [{ O: 4 }]);
    await rate('T2', [{ O: 4 }]);
    await expect.poll(() => text(page, 'today-n')).toBe(`n = ${before + 1}`);
    expect(await counterRow(page, 'T1').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('admin-overview-unit-head-vi-1366x768'), fullPage: true });
  });
});

describe('language and screens', () => {
  it('switches between Vietnamese and English, rates printed in each language’s way, and remembers the choice', async () => {
    const page = await overview();
    const viRate = (await text(page, 'today-rate'))!;
    expect(viRate).toMatch(/^\d+,\d\d%$/);
    await page.screenshot({ path: screenshotPath('admin-overview-vi-1366x768') });
    await page.screenshot({ path: screenshotPath('admin-overview-vi-1366x768-full'), fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Overview');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await text(page, 'today-rate')).toBe(viRate.replace(',', '.'));
    expect(await text(page, 'month-gap')).toMatch(/^\d+ more satisfied ratings? (is|are) needed to reach 85% this month$/);
    expect(await text(page, 'today-status')).toMatch(/target/);
    await page.screenshot({ path: screenshotPath('admin-overview-en-1366x768') });
    await page.screenshot({ path: screenshotPath('admin-overview-en-1366x768-full'), fullPage: true });

    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Overview');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Tổng quan');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('vi');
  });

  it('fits 1366×768 and 1920×1080 screens and a 390×844 phone without sideways scrolling', async () => {
    for (const vp of [
      { name: '1366x768', width: 1366, height: 768 },
      { name: '1920x1080', width: 1920, height: 1080 },
      { name: '390x844', width: 390, height: 844 },
    ]) {
      const page = await overview(adminCookie, vp);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, vp.name).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath(`admin-overview-vi-${vp.name}`) });
      await page.screenshot({ path: screenshotPath(`admin-overview-vi-${vp.name}-full`), fullPage: true });
    }
    const login = await newPage({ width: 390, height: 844 });
    await login.goto(`${s.url}/admin/`);
    await expect.poll(() => login.locator('h1').textContent()).toBe('Đăng nhập');
    await login.screenshot({ path: screenshotPath('admin-login-vi-390x844') });
  });

  it('shows the counter table whole at 1280×800 and 800×1280, with real unit names, in vi and en', async () => {
    // Unit names as offices have them: long enough that a unit column of their own wrapped a word per line.
    const units = { 'unit-a': { vi: 'Phòng Lãnh sự – Người Việt Nam ở nước ngoài', en: 'Consular Department – Overseas Vietnamese' }, 'unit-b': { vi: 'Phòng Hợp tác quốc tế', en: 'International Cooperation Department' } };
    const before = await Promise.all(Object.keys(units).map((id) => s.ctx.entities.get('unit', id)));
    try {
      for (const u of before) await s.ctx.entities.put('unit', { ...u!, name: units[u!.id as keyof typeof units] });
      for (const vp of [{ width: 1280, height: 800 }, { width: 800, height: 1280 }]) {
        const page = await overview(adminCookie, vp);
        for (const lang of ['vi', 'en']) {
          if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
          const table = page.locator('[data-testid=counters] table');
          await expect.poll(() => table.count()).toBe(1);
          const [scroll, client] = await table.evaluate((t) => [t.parentElement!.scrollWidth, t.parentElement!.clientWidth]);
          expect(scroll, `${lang} ${vp.width}×${vp.height}`).toBeLessThanOrEqual(client);
          await page.screenshot({ path: screenshotPath(`admin-counters-${lang}-${vp.width}x${vp.height}`), fullPage: true });
        }
      }
    } finally {
      for (const u of before) await s.ctx.entities.put('unit', u!);
    }
  });

  it('shows a visible focus ring on keyboard focus', async () => {
    const page = await overview();
    await page.keyboard.press('Tab'); // the skip link
    await page.keyboard.press('Tab'); // the first nav link
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const cs = getComputedStyle(el);
      return { tag: el.tagName, style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
    });
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });
});
