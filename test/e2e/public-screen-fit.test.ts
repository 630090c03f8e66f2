/**
 * The waiting-room screen with real, long counter names (they wrap to two
 * or three lines in the portrait layout): every row shown sits inside the
 * counters card — none is cut at its bottom edge — and the counters that do
 * not fit are on the next page, not lost. Fails on a fixed rows-per-page
 * count (the last row was clipped at 1080×1920).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';

const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });
const LONG_NAMES = [
  'Quầy 1 – Hộ chiếu, thị thực và giấy tờ xuất nhập cảnh',
  'Quầy 2 – Hợp pháp hóa lãnh sự, chứng nhận lãnh sự',
  'Quầy 3 – Hội nghị, hội thảo quốc tế và đoàn ra, đoàn vào',
  'Quầy 4 – Đoàn ra, đoàn vào của cơ quan nhà nước tỉnh',
  'Quầy 5 – Tiếp nhận và trả kết quả hồ sơ người nước ngoài',
  'Quầy 6 – Tổ chức phi chính phủ nước ngoài và viện trợ',
  'Quầy 7 – Xác nhận, cấp bản sao giấy tờ lãnh sự',
];

let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const org = (await s.ctx.entities.list('organisation'))[0];
  await s.ctx.entities.put('organisation', { ...org, publicScreen: { enabled: true, code: 'fit', parts: ['today', 'month', 'counters'], unitIds: null } });
  const sp1 = (await s.ctx.entities.get('servicePoint', 'sp-t1'))!;
  for (const [i, vi] of LONG_NAMES.entries()) {
    await s.ctx.entities.put('servicePoint', { ...sp1, id: `sp-long-${i}`, code: `L${i + 1}`, name: { vi, en: `Counter ${i + 1} with a long name for the English line` } });
  }
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('the counters card', () => {
  for (const viewport of [{ width: 1080, height: 1920 }, { width: 1920, height: 1080 }]) {
    it(`shows whole rows only, and pages the rest, at ${viewport.width}×${viewport.height}`, async () => {
      const ctx = await browser.newContext({ viewport, locale: 'vi-VN', deviceScaleFactor: 1 });
      try {
        const page = await ctx.newPage();
        await page.goto(`${s.url}/screen/fit`);
        await poll(() => page.locator('[data-testid=counters] tbody tr').count()).toBeGreaterThan(0);
        await page.waitForTimeout(300); // the rows-per-page settles after a render or two
        const fit = await page.evaluate(() => {
          const card = document.querySelector('[data-testid=counters]')!.getBoundingClientRect();
          const rows = [...document.querySelectorAll('[data-testid=counters] tbody tr')].map((r) => r.getBoundingClientRect());
          const pageOf = document.querySelector('[data-testid=page-of]')?.textContent ?? null;
          return { cardBottom: card.bottom, rowBottoms: rows.map((r) => r.bottom), pageOf };
        });
        for (const b of fit.rowBottoms) expect(b).toBeLessThanOrEqual(fit.cardBottom);
        const total = (await s.ctx.entities.list('servicePoint')).filter((sp) => sp.active !== false).length;
        if (fit.rowBottoms.length < total) expect(fit.pageOf, 'the counters that do not fit are on another page').toMatch(/\d+\s*\/\s*\d+/);
      } finally {
        await ctx.close();
      }
    });
  }
});
