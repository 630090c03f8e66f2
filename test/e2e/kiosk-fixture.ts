/**
 * Shared steps of the kiosk end-to-end suites: a real server, a real device
 * created through the admin API, real Chromium driving /kiosk/.
 */
import { createServer } from 'node:net';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestServer } from '../helpers/test-server';
import type { StoredResponse } from '../../server/store/types';

export const LANDSCAPE = { width: 1280, height: 800 };

export interface IssuedDevice {
  deviceId: string;
  code: string;
  url: string;
}

/** A new kiosk device at a counter, with its one-time enrolment code. */
export async function createDevice(s: TestServer, cookie: string, servicePointId = 'sp-t1'): Promise<IssuedDevice> {
  const res = await s.api('/api/v1/devices', { method: 'POST', json: { servicePointId }, cookie });
  expect(res.status).toBe(201);
  const { device, enrolment } = await res.json();
  return { deviceId: device.id, code: enrolment.code, url: enrolment.url };
}

export async function setKioskTiming(s: TestServer, cookie: string, idleSeconds: number, minGapSeconds: number): Promise<void> {
  const res = await s.api('/api/v1/organisation', { method: 'PATCH', json: { kiosk: { idleSeconds, minGapSeconds } }, cookie });
  expect(res.status).toBe(200);
}

export async function newKioskPage(browser: Browser, viewport = LANDSCAPE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, hasTouch: true });
  const page = await context.newPage();
  return { context, page };
}

/** Opens the printed enrolment URL and waits for the rating screen. */
export async function enrolFromUrl(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await onScreen(page, 'start');
}

/** Waits for a kiosk screen; on timeout says which screen (or page) was showing instead. */
export async function onScreen(page: Page, screen: string, timeout = 15_000): Promise<void> {
  try {
    await page.locator(`[data-screen="${screen}"]`).waitFor({ state: 'visible', timeout });
  } catch (err) {
    const shown = await page
      .evaluate(() => `${document.querySelector('[data-screen]')?.getAttribute('data-screen') ?? 'no screen'}: ${document.body?.innerText.slice(0, 300)}`)
      .catch((e: Error) => `page unreadable (${e.message})`);
    throw new Error(`expected the "${screen}" screen at ${page.url()}, but it shows ${shown}`, { cause: err });
  }
}

/** Presses a face; waits until the start screen has gone (the press was taken). */
export async function pressFace(page: Page, value: number): Promise<void> {
  await page.locator(`button.face[data-value="${value}"]`).click();
}

/** Waits out the thank-you screen. */
export async function backToStart(page: Page): Promise<void> {
  await onScreen(page, 'thanks');
  await onScreen(page, 'start');
}

/** A happy rating from the start screen back to the start screen. */
export async function rateAndReturn(page: Page, value: number): Promise<void> {
  // The start screen ignores presses in its first moments (double-tap guard).
  await page.waitForTimeout(400);
  await pressFace(page, value);
  await backToStart(page);
}

export async function kioskResponses(s: TestServer, deviceId: string): Promise<StoredResponse[]> {
  const orgId = (await s.ctx.entities.list('organisation'))[0].id;
  const all = await s.ctx.store.listResponses({ orgId, channel: 'kiosk', limit: 500 });
  return all.filter((r) => r.deviceId === deviceId);
}

/** Waits until the device has exactly `n` stored responses (and checks it stays so for a moment). */
export async function expectStored(s: TestServer, deviceId: string, n: number, timeout = 20_000): Promise<StoredResponse[]> {
  await expect.poll(async () => (await kioskResponses(s, deviceId)).length, { timeout, interval: 200 }).toBe(n);
  await new Promise((r) => setTimeout(r, 300));
  const rows = await kioskResponses(s, deviceId);
  expect(rows).toHaveLength(n);
  return rows;
}

/** The outbox length the staff line shows. */
export const staffOutbox = async (page: Page): Promise<number> =>
  Number(await page.locator('[data-testid="staff-status"]').getAttribute('data-outbox'));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
