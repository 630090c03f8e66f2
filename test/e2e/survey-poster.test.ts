/**
 * The "done" path on the demo office: an admin prints the poster of a
 * demo counter, the QR code on the rendered A4 page scans (decoded with jsqr
 * from a screenshot) to the counter link, a phone answers, the dashboard
 * figures count it. Plus: the poster fits one printed page.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

// A4 at 96 dpi.
const A4 = { width: 794, height: 1123 };

describe('counter poster', () => {
  it('a demo counter\'s printed poster scans to its link; a phone answers there and the response is counted', async () => {
    const admin = await s.login();
    const cookie = admin.split('=');
    const ctx = await browser.newContext({ viewport: A4 });
    await ctx.addCookies([{ name: cookie[0], value: cookie.slice(1).join('='), url: s.url }]);
    const page = await ctx.newPage();
    await page.goto(`${s.url}/api/v1/service-points/sp-q1/poster`);
    await page.emulateMedia({ media: 'print' });
    const shot = await page.screenshot({ path: screenshotPath('survey-poster-a4'), fullPage: true });
    const img = PNG.sync.read(shot);
    const scanned = jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
    expect(scanned).toBe(`${s.ctx.config.publicUrl}/s/Q1`);
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: screenshotPath('survey-poster-screen') });
    await ctx.close();

    const counted = async (): Promise<number> => {
      const res = await s.api('/api/v1/stats/summary?servicePointId=sp-q1&channel=qr&verified=all', { cookie: admin });
      return (await res.json()).responses;
    };
    const before = await counted();

    // The test server has no PUBLIC_URL; open the scanned path on this server, as a phone would on the real one.
    const phone = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await p.goto(`${s.url}${new URL(scanned!).pathname}`);
    await expect.poll(() => p.locator('.counter').textContent()).toBe('Quầy 1 – Hộ chiếu, thị thực');
    await p.locator('label', { has: p.getByRole('radio', { name: 'Rất hài lòng', exact: true }) }).click();
    for (let step = 2; step <= 9; step++) {
      await p.getByRole('button', { name: 'Tiếp tục' }).click();
      await expect.poll(() => p.locator('.step-of').textContent()).toBe(`Bước ${step}/9`);
    }
    await p.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => p.locator('main h1').textContent()).toBe('Cảm ơn Ông/Bà!');
    await phone.close();

    expect(await counted()).toBe(before + 1);
  });

  it('fits one A4 page when printed, with long real-world names and the PUBLIC_URL warning', async () => {
    const org = (await s.ctx.entities.get('organisation', 'org-main'))!;
    const sp = (await s.ctx.entities.get('servicePoint', 'sp-t2'))!; // the fixture counter: its names are replaced here
    await s.ctx.entities.put('organisation', { ...org, name: { vi: 'Sở Ngoại vụ tỉnh Bà Rịa – Vũng Tàu (Bộ phận Một cửa)', en: 'Department of Foreign Affairs of Ba Ria – Vung Tau Province' } });
    await s.ctx.entities.put('servicePoint', { ...sp, name: { vi: 'Quầy 2 – Hợp pháp hóa lãnh sự, chứng nhận lãnh sự', en: 'Counter 2 – Consular legalisation and certification' } });
    try {
      const cookie = (await s.login()).split('=');
      const ctx = await browser.newContext();
      await ctx.addCookies([{ name: cookie[0], value: cookie.slice(1).join('='), url: s.url }]);
      const page = await ctx.newPage();
      await page.goto(`${s.url}/api/v1/service-points/sp-t2/poster`);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages).toHaveLength(1);
      // …and nothing is cut off: the printable area is A4 less 12 mm margins (186 × 273 mm ≈ 703 × 1032 px).
      await page.setViewportSize({ width: 703, height: 1032 });
      await page.emulateMedia({ media: 'print' });
      const fits = await page.evaluate(() => {
        const sheet = document.querySelector('.sheet')!;
        const last = document.querySelector('.url')!;
        return sheet.scrollHeight <= sheet.clientHeight && last.getBoundingClientRect().bottom <= sheet.getBoundingClientRect().bottom;
      });
      await page.screenshot({ path: screenshotPath('survey-poster-a4-print-long-names') });
      expect(fits).toBe(true);
      await ctx.close();
    } finally {
      await s.ctx.entities.put('organisation', org);
      await s.ctx.entities.put('servicePoint', sp);
    }
  });
});
