/**
 * The alerts console in real Chromium against a real server: acknowledge and
 * resolve an alert with a note on the alerts screen and find it in History
 * while the list keeps its order; the overview's alert card keeps an
 * acknowledged alert in its place and shows a resolved one as moved (it
 * used to jump and vanish); the alert-rules preview lists the would-be
 * alerts of a low-rated counter with unsaved settings; the webhook test
 * delivers to a local HTTP receiver and shows the answer. Screenshots in vi
 * and en at 1280×800 and 1920×1080 (ALERTS_SHOTS_DIR, default /tmp/shots-alerts).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, runAxe } from '../helpers/axe';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { adminPage, type AdminLocale } from '../helpers/admin-page';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from '../helpers/webhook-receiver';
import { setAlertEngineDefaults } from '../../server/domain/alerts/alert-engine';
import { signBody } from '../../server/domain/alerts/webhook';

setAlertEngineDefaults({ evaluateGapMs: 0, sweepMs: 3_600_000, webhookBackoffMs: [60_000], webhookTimeoutMs: 3_000 });

const SHOTS = process.env.ALERTS_SHOTS_DIR ?? '/tmp/shots-alerts';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
const SLOW = { timeout: 15_000 };

let s: TestServer;
let browser: Browser;
let admin: string;
const contexts: BrowserContext[] = [];

/** Kiosk ratings at T1 (unit A, officer Nguyễn Văn Một on duty), one commit. */
async function rate(items: { O: number; comment?: string }[]): Promise<void> {
  const responses = items.map(({ O, comment }) => ({ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O }, ...(comment ? { comment } : {}) }));
  const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: { responses }, headers: { authorization: `Bearer ${s.deviceToken}` } });
  expect(res.status).toBe(200);
  await s.ctx.alertEngine.idle();
}

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await s.login();
  mkdirSync(SHOTS, { recursive: true });
  // A low-rated counter: T1 gets mostly 1s and 2s (three of them with comments, which raise alerts).
  await rate([{ O: 5 }, { O: 4 }, { O: 2 }, { O: 1 }, { O: 2 }, { O: 1 }, { O: 2 }, { O: 1 }]);
  for (const comment of ['Chờ quá lâu mới được tiếp nhận hồ sơ.', 'Cán bộ không hướng dẫn cách điền tờ khai.', 'Thái độ chưa niềm nở.']) {
    await rate([{ O: 1, comment }]);
    await new Promise((r) => setTimeout(r, 10));
  }
}, 60_000);

afterAll(() => closeAll(contexts, browser, s));

async function signedIn(hash: string, viewport = SIZES[0], locale: AdminLocale = 'vi', cookie = admin): Promise<Page> {
  const page = await adminPage(browser, s.url, { viewport, deviceScaleFactor: 1, adminLocale: locale, cookie, track: contexts });
  await page.goto(`${s.url}/admin/${hash}`);
  await expect.poll(() => page.getByTestId('live').getAttribute('data-state'), SLOW).toBe('live');
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
const liveIds = (page: Page) => page.locator('[data-testid=alerts-live] > li').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')}:${e.getAttribute('data-id')}`));

describe('the alerts screen', () => {
  it('acknowledges and resolves an alert with a note, keeps the list order, and shows it in history', async () => {
    const page = await signedIn('#/alerts?rule=low-rating-comment');
    const cards = page.locator('[data-testid=alerts-live] [data-testid=alert-card]');
    await expect.poll(() => cards.count(), SLOW).toBe(3);
    const before = await liveIds(page);
    const second = cards.nth(1);
    const id = (await second.getAttribute('data-id'))!;
    expect(await second.getByTestId('alert-officer').textContent()).toBe('Cán bộ: Nguyễn Văn Một');
    expect(await second.getByTestId('alert-figures').textContent()).toMatch(/Quầy T1 \(T1\), 7 ngày gần nhất: .*% hài lòng \(n = 11\), mục tiêu 85%/);

    // Acknowledge with a note: it stays where it was.
    await second.getByTestId('alert-ack').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.getByTestId('alert-note').fill('Đã giao trưởng phòng A xem xét.');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    const card = page.locator(`[data-testid=alerts-live] [data-id="${id}"]`);
    await expect.poll(() => card.getAttribute('data-state')).toBe('acknowledged');
    expect(await card.getByTestId('alert-acknowledged').textContent()).toMatch(/^Đã xác nhận: admin@test\.local, lúc \d\d\/\d\d\/\d{4} \d\d:\d\d — Ghi chú: Đã giao trưởng phòng A xem xét\.$/);
    expect(await liveIds(page)).toEqual(before);

    // Resolve with a note: a "moved to history" line in its place, the alert in History.
    await card.getByTestId('alert-resolve').click();
    await dialog.getByTestId('alert-note').fill('Đã gọi điện xin lỗi công dân.');
    await dialog.getByRole('button', { name: 'Đóng cảnh báo' }).click();
    await expect.poll(() => liveIds(page)).toEqual(before.map((x) => (x === `alert-card:${id}` ? `alert-moved:${id}` : x)));
    expect(await page.getByTestId('alert-moved').textContent()).toContain('đã được đóng và chuyển xuống Lịch sử');
    await page.getByTestId('alert-moved').getByRole('button', { name: 'Xem lịch sử' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('al-history-title');
    expect(page.url()).toContain('#/alerts');
    const inHistory = page.locator(`[data-testid=alerts-history] [data-id="${id}"]`);
    await expect.poll(() => inHistory.count()).toBe(1);
    expect(await inHistory.getByTestId('alert-resolved').textContent()).toMatch(/^Đã đóng: admin@test\.local, lúc .* — Ghi chú: Đã gọi điện xin lỗi công dân\.$/);
    expect(await inHistory.getByTestId('alert-acknowledged').textContent()).toContain('Đã giao trưởng phòng A xem xét.');
    await shot(page, 'alerts-vi-1280x800');

    // After a reload the history still has it (the server's), and the other two are still in order.
    await page.reload();
    await expect.poll(() => page.locator(`[data-testid=alerts-history] [data-id="${id}"]`).count(), SLOW).toBe(1);
    expect(await liveIds(page)).toEqual(before.filter((x) => x !== `alert-card:${id}`));
    const audit = await (await s.api(`/api/v1/audit?target=${id}`, { cookie: admin })).json();
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(['alert.acknowledge', 'alert.resolve']);
  });

  it('shows a new alert live without a reload', async () => {
    const page = await signedIn('#/alerts');
    const cards = page.locator('[data-testid=alerts-live] [data-testid=alert-card]');
    await expect.poll(() => cards.count(), SLOW).toBeGreaterThan(0);
    const n = await cards.count();
    const comment = `Phải đi lại ba lần (${randomUUID().slice(0, 6)}).`;
    await rate([{ O: 2, comment }]);
    await expect.poll(() => cards.count(), SLOW).toBe(n + 1);
    expect(await cards.first().textContent()).toContain(comment);
  });

  it("shows a unit head none of another unit's alerts", async () => {
    await s.ctx.auth.createUser({ orgId: 'org-main', email: 'head-b@test.local', name: 'Trưởng phòng B', role: 'unit-head', unitId: 'unit-b', password: 'password-b-123' });
    const page = await signedIn('#/alerts', SIZES[0], 'vi', await s.login('head-b@test.local', 'password-b-123'));
    await expect.poll(() => page.locator('.alerts-screen').textContent(), SLOW).toContain('Không có cảnh báo nào đang mở khớp với bộ lọc.');
    expect(await page.locator('.alerts-screen').textContent()).toContain('Chưa có cảnh báo nào đã xử lý khớp với bộ lọc.');
    expect(await page.getByTestId('alert-card').count()).toBe(0);
  });

  it('filters by kind, state and counter, kept in the address', async () => {
    const page = await signedIn('#/alerts');
    const cards = page.locator('[data-testid=alerts-live] [data-testid=alert-card]');
    await expect.poll(() => cards.count(), SLOW).toBeGreaterThan(0);
    await page.locator('#al-rule').selectOption('kiosk-silent');
    await expect.poll(() => page.locator('.alerts-screen').textContent()).toContain('Không có cảnh báo nào đang mở khớp với bộ lọc.');
    expect(page.url()).toContain('rule=kiosk-silent');
    await page.locator('#al-rule').selectOption('');
    await page.locator('#al-state').selectOption('acknowledged');
    await expect.poll(() => cards.count(), SLOW).toBe(0);
    await page.locator('#al-state').selectOption('active');
    await page.locator('#al-filter-servicePointId').selectOption('sp-t2');
    await expect.poll(() => page.locator('.alerts-screen').textContent()).toContain('Chưa có cảnh báo nào đã xử lý khớp với bộ lọc.');
    expect(await cards.count()).toBe(0);
    await page.locator('#al-when').selectOption('period');
    await expect.poll(() => page.url()).toContain('period=month');
  });

  it('looks right in both languages at 1280×800 and 1920×1080', async () => {
    for (const size of SIZES) {
      for (const locale of ['vi', 'en'] as const) {
        const page = await signedIn('#/alerts', size, locale);
        await expect.poll(() => page.locator('[data-testid=alerts-live] [data-testid=alert-card]').count(), SLOW).toBeGreaterThan(0);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        if (locale === 'en') expect(await page.locator('.alerts-screen').textContent()).toContain('History (resolved)');
        await shot(page, `alerts-${locale}-${size.width}x${size.height}`);
        await page.context().close();
      }
    }
  });
});

describe('accessibility', () => {
  it('the alerts screen (with the note dialog open) and the alert rules with a preview have no serious or critical violation', async () => {
    const page = await signedIn('#/alerts');
    await expect.poll(() => page.locator('[data-testid=alerts-live] [data-testid=alert-card]').count(), SLOW).toBeGreaterThan(0);
    let { blocking } = await runAxe(page);
    expect(blocking, describeViolations(blocking)).toEqual([]);
    await page.locator('[data-testid=alerts-live] [data-testid=alert-resolve]').first().click();
    await expect.poll(() => page.getByTestId('alert-note').isVisible()).toBe(true);
    ({ blocking } = await runAxe(page));
    expect(blocking, describeViolations(blocking)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.goto(`${s.url}/admin/#/alert-rules`);
    await page.getByTestId('preview-run-lowRatingComment').click();
    await expect.poll(() => page.getByTestId('preview-result-lowRatingComment').count(), SLOW).toBe(1);
    ({ blocking } = await runAxe(page));
    expect(blocking, describeViolations(blocking)).toEqual([]);
  }, 60_000);
});

describe('the overview alert list', () => {
  it('keeps an acknowledged alert in its place and shows a resolved one as moved to history', async () => {
    await rate([{ O: 1, comment: 'Không có chỗ ngồi chờ.' }]);
    const page = await signedIn('');
    const items = page.locator('[data-testid=alerts] .alert-list > li');
    await expect.poll(() => items.count(), SLOW).toBeGreaterThanOrEqual(3);
    const order = () => items.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    const before = await order();
    // The first one is acknowledged: the old list sorted acknowledged alerts after every open one.
    const target = page.locator(`[data-testid=alert][data-id="${before[0]}"]`);
    await target.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(() => target.getAttribute('data-state')).toBe('acknowledged');
    expect(await order()).toEqual(before);
    await target.getByRole('button', { name: 'Đã xử lý' }).click();
    const moved = page.locator(`[data-testid=alert-moved][data-id="${before[0]}"]`);
    await expect.poll(() => moved.count()).toBe(1);
    expect(await order()).toEqual(before);
    expect(await moved.textContent()).toContain('chuyển xuống Lịch sử');
    expect(await moved.locator('a').getAttribute('href')).toBe('#/alerts');
    await page.getByTestId('alerts').scrollIntoViewIfNeeded();
    await page.getByTestId('alerts').screenshot({ path: path.join(SHOTS, 'overview-alert-list-vi-1280x800.png') });
  });
});

describe('the alert-rules screen', () => {
  it('previews what low satisfaction would have raised over 7 days with unsaved settings', async () => {
    const page = await signedIn('#/alert-rules');
    await page.locator('#lowSatisfaction-minSample').fill('5');
    await page.getByTestId('preview-run-lowSatisfaction').click();
    const rows = page.getByTestId('preview-lowSatisfaction').getByTestId('would-be-alert');
    await expect.poll(() => rows.count(), SLOW).toBeGreaterThan(0);
    const t1 = rows.and(page.locator('[data-scope="sp:sp-t1"]'));
    expect(await t1.count()).toBe(1);
    expect(await t1.textContent()).toMatch(/Quầy T1 \(T1\).*% \(n = \d+\)/);
    // Only previewed, not saved.
    const rules = await (await s.api('/api/v1/alert-rules', { cookie: admin })).json();
    expect(rules.lowSatisfaction.minSample).toBeNull();
    // A number the rule refuses is named in plain words.
    await page.locator('#lowSatisfaction-windowDays').fill('0');
    await page.getByTestId('preview-run-lowSatisfaction').click();
    await expect.poll(() => page.getByTestId('preview-lowSatisfaction').locator('[role=alert]').textContent()).toContain('Số ngày tính');
    await page.locator('#lowSatisfaction-windowDays').fill('7');
    await page.getByTestId('preview-run-lowSatisfaction').click();
    await expect.poll(() => rows.count(), SLOW).toBeGreaterThan(0);
    await page.getByTestId('preview-run-lowRatingComment').click();
    await expect.poll(() => page.getByTestId('preview-lowRatingComment').getByTestId('would-be-alert').count(), SLOW).toBeGreaterThanOrEqual(4);
    await page.getByTestId('preview-lowSatisfaction').scrollIntoViewIfNeeded();
    await shot(page, 'alert-rules-preview-low-satisfaction-vi-1280x800');
  });

  describe('webhook test delivery', () => {
    let receiver: WebhookReceiver;
    const got: ReceivedHook[] = [];
    const secret = 'an-office-webhook-secret-123';
    beforeAll(async () => {
      receiver = await startWebhookReceiver(got, () => 204);
      const url = receiver.url('/hailong');
      const res = await s.api('/api/v1/alert-rules', { method: 'PUT', cookie: admin, json: { webhook: { url, secret } } });
      expect(res.status).toBe(200);
    });
    afterAll(() => receiver.close());

    it('sends a signed test event from the screen and shows the answer', async () => {
      const page = await signedIn('#/alert-rules');
      await page.getByTestId('webhook-test-send').click();
      const result = page.getByTestId('webhook-test-result');
      await expect.poll(() => result.getAttribute('data-status'), SLOW).toBe('delivered');
      expect(await result.textContent()).toMatch(/^Đã gửi tới nơi\. Trả lời: HTTP 204, sau \d+ ms, lúc \d\d:\d\d\.$/);
      expect(got).toHaveLength(1);
      expect(got[0].headers['x-hailong-signature']).toBe(signBody(secret, got[0].body));
      expect(JSON.parse(got[0].body)).toMatchObject({ event: 'webhook.test', test: true });
      const log = await (await s.api('/api/v1/webhook-deliveries', { cookie: admin })).json();
      expect(log.items[0]).toMatchObject({ event: 'webhook.test', status: 'delivered' });
      await page.getByTestId('rules-webhook').scrollIntoViewIfNeeded();
      await shot(page, 'alert-rules-webhook-vi-1280x800');
    });

    it('shows the test event in the Integrations delivery log right after sending it', async () => {
      const page = await signedIn('#/integrations');
      const rows = page.getByTestId('delivery-log').locator('tbody tr');
      const before = (await (await s.api('/api/v1/webhook-deliveries', { cookie: admin })).json()).items.length;
      await expect.poll(() => rows.count(), SLOW).toBe(before);
      await page.getByTestId('webhook-test-send').click();
      await expect.poll(() => page.getByTestId('webhook-test-result').getAttribute('data-status'), SLOW).toBe('delivered');
      // No reload and no "Refresh" click: the log shows the new delivery on its own.
      await expect.poll(() => rows.count(), SLOW).toBe(before + 1);
      expect(await rows.first().textContent()).toContain('webhook.test');
      await page.getByTestId('delivery-log').scrollIntoViewIfNeeded();
      await shot(page, 'integrations-log-after-test-vi-1280x800');
    });

    it('looks right in both languages at 1280×800 and 1920×1080', async () => {
      for (const size of SIZES) {
        for (const locale of ['vi', 'en'] as const) {
          const page = await signedIn('#/alert-rules', size, locale);
          await page.getByTestId('preview-run-burst').click();
          await expect.poll(() => page.getByTestId('preview-result-burst').count(), SLOW).toBe(1);
          await page.getByTestId('preview-run-lowRatingComment').click();
          await expect.poll(() => page.getByTestId('preview-result-lowRatingComment').count(), SLOW).toBe(1);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          if (locale === 'en') expect(await page.getByTestId('preview-lowRatingComment').textContent()).toContain('With these numbers');
          await page.locator('h1').scrollIntoViewIfNeeded();
          await shot(page, `alert-rules-${locale}-${size.width}x${size.height}`);
          await page.getByTestId('rule-lowRatingComment').scrollIntoViewIfNeeded();
          await shot(page, `alert-rules-preview-${locale}-${size.width}x${size.height}`);
          await page.context().close();
        }
      }
    });
  });
});


