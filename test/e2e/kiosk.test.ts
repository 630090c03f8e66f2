/**
 * The counter kiosk in real Chromium against a real server: enrolment, the
 * rating flow, follow-up, language, idle reset, minimum gap, live config and
 * revocation. Offline and restart cases live in kiosk-offline.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import {
  backToStart,
  createDevice,
  enrolFromUrl,
  expectStored,
  newKioskPage,
  onScreen,
  pressFace,
  rateAndReturn,
  setKioskTiming,
  type IssuedDevice,
} from './kiosk-fixture';

let s: TestServer;
let admin: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let device: IssuedDevice;

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await s.login();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

/** A fresh browser profile and a fresh device for each test; no minimum gap unless the test sets one. */
async function freshKiosk(): Promise<void> {
  await setKioskTiming(s, admin, 20, 0);
  device = await createDevice(s, admin);
  ({ context, page } = await newKioskPage(browser));
}
afterEach(async () => {
  await context?.close();
});

describe('enrolment', () => {
  it('enrols from the printed URL, drops the code from the address and boots straight to rating after a reload', async () => {
    await freshKiosk();
    await enrolFromUrl(page, device.url);
    expect(new URL(page.url()).search).toBe('');
    await expect.poll(async () => (await s.ctx.entities.get('device', device.deviceId))?.enrolledAt).toBeTruthy();
    await page.reload();
    await onScreen(page, 'start');
    expect(await page.locator('[data-testid="counter"]').textContent()).toBe('Quầy T1');
  });

  it('enrols with a code typed on the enrolment screen, in lower case', async () => {
    await freshKiosk();
    await page.goto(`${s.url}/kiosk/`);
    await onScreen(page, 'enrol');
    await page.locator('input[name="code"]').fill(device.code.toLowerCase().replace('-', ''));
    await page.locator('button[type="submit"]').click();
    await onScreen(page, 'start');
  });

  it('says so when a code is wrong, and stays on the enrolment screen', async () => {
    await freshKiosk();
    await page.goto(`${s.url}/kiosk/`);
    await page.locator('input[name="code"]').fill('ABCD-EFGH');
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toMatch(/Mã không đúng/);
    expect(await page.locator('[data-screen="enrol"]').isVisible()).toBe(true);
  });

  it('reports itself online with its app version over the live link', async () => {
    await freshKiosk();
    await enrolFromUrl(page, device.url);
    await expect.poll(async () => (await s.ctx.entities.get('device', device.deviceId))?.status?.online, { timeout: 10_000 }).toBe(true);
    const d = (await s.ctx.entities.get('device', device.deviceId))!;
    expect(d.status!.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(Math.abs(d.status!.skewMs)).toBeLessThan(5000);
    expect(d.lastSeenAt).not.toBeNull();
  });
});

describe('rating', () => {
  it('shows office, counter, officer on duty, the question and five labelled faces', async () => {
    await freshKiosk();
    await enrolFromUrl(page, device.url);
    expect(await page.locator('[data-testid="officer-name"]').textContent()).toBe('Nguyễn Văn Một');
    expect(await page.locator('h1.question').textContent()).toMatch(/hài lòng/);
    expect(await page.locator('.face-label').allTextContents()).toEqual(['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng']);
  });

  it('stores exactly one response with the right counter and officer for a happy rating, and the thank-you does not show the face', async () => {
    await freshKiosk();
    await enrolFromUrl(page, device.url);
    await page.waitForTimeout(400);
    await pressFace(page, 5);
    await onScreen(page, 'thanks');
    const thanks = page.locator('[data-screen="thanks"]');
    expect(await thanks.locator('[data-value], .face-label').count()).toBe(0);
    expect(await thanks.textContent()).not.toMatch(/Rất hài lòng/);
    await onScreen(page, 'start');
    const [r] = await expectStored(s, device.deviceId, 1);
    expect(r).toMatchObject({ overall: 5, servicePointId: 'sp-t1', officerId: 'off-1', channel: 'kiosk', verified: true, locale: 'vi', comment: null });
    expect(r.answers).toEqual({ O: 5 });
  });

  it('takes one rating from a double tap on a face', async () => {
    await freshKiosk();
    await enrolFromUrl(page, device.url);
    await page.waitForTimeout(400);
    await page.locator('button.face[data-value="4"]').dblclick();
    await backToStart(page);
    await expectStored(s, device.deviceId, 1);
  });

  it('asks what went wrong after a low rating and stores the reasons and the comment with it', async () => {
    await freshKiosk();
    await enrolFromUrl(page, device.url);
    await page.waitForTimeout(400);
    await pressFace(page, 2);
    await onScreen(page, 'follow-up');
    expect(await page.locator('.chip').count()).toBe(6);
    // Plain words a citizen understands at a glance (SIPAS.md §3), each still the element code in the data.
    expect(await page.locator('.chip').evaluateAll((els) => els.map((e) => [e.getAttribute('data-reason'), e.textContent]))).toEqual([
      ['A', 'Chỉ dẫn, nơi chờ'], ['P', 'Giấy tờ, phí'], ['C', 'Thái độ, hướng dẫn của cán bộ'], ['R', 'Kết quả, thời hạn'], ['F', 'Góp ý, phản ánh'], ['other', 'Khác'],
    ]);
    await page.waitForTimeout(400);
    await page.locator('.chip[data-reason="C"]').click();
    await page.locator('.chip[data-reason="P"]').click();
    expect(await page.locator('.chip[data-reason="C"]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('textarea').fill('Phải chờ quá lâu');
    await page.locator('[data-action="send"]').click();
    await backToStart(page);
    const [r] = await expectStored(s, device.deviceId, 1);
    expect(r.answers).toEqual({ O: 2, reasons: ['C', 'P'] });
    expect(r.comment).toBe('Phải chờ quá lâu');
    expect(r.officerId).toBe('off-1');
  });

  it('stores a low rating without details when the citizen skips the follow-up', async () => {
    await freshKiosk();
    await enrolFromUrl(page, device.url);
    await page.waitForTimeout(400);
    await pressFace(page, 3);
    await onScreen(page, 'follow-up');
    await page.waitForTimeout(400);
    await page.locator('[data-action="skip"]').click();
    await backToStart(page);
    const [r] = await expectStored(s, device.deviceId, 1);
    expect(r.answers).toEqual({ O: 3 });
  });

  it('switches to English and back to Vietnamese for the next citizen', async () => {
    await freshKiosk();
    await enrolFromUrl(page, device.url);
    await page.locator('[data-testid="lang"]').click();
    expect(await page.locator('.face-label').first().textContent()).toBe('Very dissatisfied');
    expect(await page.locator('[data-testid="counter"]').textContent()).toBe('Counter T1');
    await page.waitForTimeout(400);
    await pressFace(page, 4);
    await onScreen(page, 'thanks');
    expect(await page.locator('[data-screen="thanks"] h1').textContent()).toBe('Thank you!');
    await onScreen(page, 'start');
    expect(await page.locator('.face-label').first().textContent()).toBe('Rất không hài lòng');
    const [r] = await expectStored(s, device.deviceId, 1);
    expect(r.locale).toBe('en');
  });

  it('returns to the start screen when left idle, keeping the low rating and the reason chosen', async () => {
    await freshKiosk();
    await setKioskTiming(s, admin, 5, 0); // pushed live to the open kiosk too
    await enrolFromUrl(page, device.url);
    await page.waitForTimeout(400);
    await pressFace(page, 1);
    await onScreen(page, 'follow-up');
    await page.waitForTimeout(400);
    await page.locator('.chip[data-reason="R"]').click();
    const leftAt = Date.now();
    await onScreen(page, 'start', 10_000);
    const waited = Date.now() - leftAt;
    expect(waited).toBeGreaterThan(4000);
    const [r] = await expectStored(s, device.deviceId, 1);
    expect(r.answers).toEqual({ O: 1, reasons: ['R'] });
  });

  it('ignores a face pressed within the minimum gap after the previous rating, with a gentle cue', async () => {
    await freshKiosk();
    await setKioskTiming(s, admin, 20, 60);
    await enrolFromUrl(page, device.url);
    await rateAndReturn(page, 5);
    await page.waitForTimeout(400);
    await pressFace(page, 4);
    await expect.poll(() => page.locator('.faces.resting').count()).toBe(1);
    expect(await page.locator('.wait').textContent()).toMatch(/đợi/);
    expect(await page.locator('[data-screen="start"]').isVisible()).toBe(true);
    await page.waitForTimeout(1000);
    const rows = await expectStored(s, device.deviceId, 1);
    expect(rows[0].overall).toBe(5);
  });
});

describe('live configuration', () => {
  it('shows a new officer on duty without a reload, and records the new officer with the next rating', async () => {
    await freshKiosk();
    await enrolFromUrl(page, device.url);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    // Only an officer of the counter's own unit may be put on duty there.
    await s.ctx.entities.put('officer', { id: 'off-3', orgId: (await s.ctx.entities.get('servicePoint', 'sp-t1'))!.orgId, unitId: 'unit-a', name: 'Lê Văn Ba', active: true });
    const res = await s.api('/api/v1/service-points/sp-t1/duty', { method: 'PUT', json: { officerId: 'off-3' }, cookie: admin });
    expect(res.status).toBe(200);
    try {
      await expect.poll(() => page.locator('[data-testid="officer-name"]').textContent(), { timeout: 10_000 }).toBe('Lê Văn Ba');
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
      await rateAndReturn(page, 4);
      const [r] = await expectStored(s, device.deviceId, 1);
      expect(r.officerId).toBe('off-3');
    } finally {
      await s.api('/api/v1/service-points/sp-t1/duty', { method: 'PUT', json: { officerId: 'off-1' }, cookie: admin });
    }
  });
});

describe('revocation', () => {
  it('sends an open kiosk back to the enrolment screen, and it stays there after a reload', async () => {
    await freshKiosk();
    await enrolFromUrl(page, device.url);
    const res = await s.api(`/api/v1/devices/${device.deviceId}/revoke`, { method: 'POST', cookie: admin });
    expect(res.status).toBe(200);
    await onScreen(page, 'enrol', 10_000);
    expect(await page.locator('[role="alert"]').textContent()).toMatch(/thu hồi/);
    await page.reload();
    await onScreen(page, 'enrol');
  });

  it('boots a kiosk revoked while it was switched off to the enrolment screen', async () => {
    await freshKiosk();
    await enrolFromUrl(page, device.url);
    await page.goto('about:blank');
    await s.api(`/api/v1/devices/${device.deviceId}/revoke`, { method: 'POST', cookie: admin });
    await page.goto(`${s.url}/kiosk/`);
    await onScreen(page, 'enrol', 10_000);
  });
});
