/**
 * The screen tour (not part of npm test): a real server with the demo office
 * (plus last quarter's fixture of last-quarter-office.ts), real Chromium, and
 * a screenshot of every admin screen of the registry in vi and en at
 * 1280×800 and 1920×1080, the kiosk (1280×800, 800×1280), the QR survey page
 * (360×640) and the waiting-room screen (1920×1080, 1080×1920, switched on
 * through the API) into /tmp/hl-shots/tour/ (TOUR_SHOTS to change it), for
 * a person to open and look at. It also prints, per shot, what a machine can
 * see: the page scrolling sideways, boxes wider than their card, text that
 * looks like raw JSON.
 *
 *   npm run build && npx tsx test/helpers/screen-tour.ts
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { VIEWS } from '../../admin/src/views/registry';
import { launchBrowser } from './browser';
import { startTestServer, type TestServer } from './test-server';
import { seedLastQuarter } from './last-quarter-office';

const SHOTS = process.env.TOUR_SHOTS ?? '/tmp/hl-shots/tour';
const ADMIN_SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

interface Finding {
  shot: string;
  sideways: number;
  wideBoxes: string[];
  json: boolean;
}
const findings: Finding[] = [];

/** What a machine can see on the page: sideways scroll, boxes wider than their card, raw JSON. */
async function look(page: Page, shot: string): Promise<void> {
  const seen = await page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [...document.querySelectorAll<HTMLElement>('.card, section, table, .table-scroll, form, dialog[open]')]
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto' && getComputedStyle(el).overflowX !== 'scroll')
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}(+${el.scrollWidth - el.clientWidth}px)`);
    const scrollers = [...document.querySelectorAll<HTMLElement>('.table-scroll')]
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `scrolls sideways: .table-scroll in ${el.closest('section,.card')?.className ?? '?'} (+${el.scrollWidth - el.clientWidth}px)`);
    const text = document.body.innerText.trim();
    return { sideways: doc.scrollWidth - doc.clientWidth, wide: [...wide, ...scrollers], json: /^[[{]\s*"/.test(text) };
  });
  findings.push({ shot, sideways: seen.sideways, wideBoxes: seen.wide, json: seen.json });
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await look(page, name);
}

async function adminScreens(s: TestServer, browser: Browser, cookie: string): Promise<void> {
  const [name, value] = cookie.split('=');
  for (const viewport of ADMIN_SIZES) {
    for (const locale of ['vi', 'en'] as const) {
      const ctx = await browser.newContext({ viewport, locale: locale === 'vi' ? 'vi-VN' : 'en-GB', deviceScaleFactor: 1 });
      await ctx.addCookies([{ name, value, url: s.url }]);
      await ctx.addInitScript((l) => localStorage.setItem('hl-admin-locale', l), locale);
      const page = await ctx.newPage();
      for (const view of VIEWS) {
        await page.goto(`${s.url}/admin/#/${view.id}`);
        await page.waitForFunction(() => document.querySelector('main') && !document.querySelector('main .loading'), null, { timeout: 20_000 }).catch(() => undefined);
        // Charts and the second fetch of a screen (filters, archives) settle.
        await page.waitForTimeout(1200);
        await shoot(page, `admin-${view.id}-${locale}-${viewport.width}x${viewport.height}`);
      }
      await ctx.close();
    }
  }
}

async function kiosk(s: TestServer, browser: Browser, cookie: string): Promise<void> {
  const res = await s.api('/api/v1/devices', { method: 'POST', json: { servicePointId: 'sp-t1' }, cookie });
  if (res.status !== 201) throw new Error(`device: ${res.status}`);
  const { enrolment } = (await res.json()) as { enrolment: { url: string } };
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto(enrolment.url);
  await page.locator('[data-screen="start"]').waitFor({ state: 'visible', timeout: 20_000 });
  await page.waitForTimeout(800);
  await shoot(page, 'kiosk-start-1280x800');
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.waitForTimeout(800);
  await shoot(page, 'kiosk-start-800x1280');
  await ctx.close();
}

async function qrSurvey(s: TestServer, browser: Browser): Promise<void> {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await page.goto(`${s.url}/s/T1`);
  await page.waitForTimeout(1000);
  await shoot(page, 'qr-survey-360x640');
  await ctx.close();
}

async function waitingRoom(s: TestServer, browser: Browser, cookie: string): Promise<void> {
  const res = await s.api('/api/v1/organisation', { method: 'PATCH', cookie, json: { publicScreen: { enabled: true, code: 'snv' } }, headers: { origin: s.url } });
  if (res.status !== 200) throw new Error(`public screen: ${res.status} ${await res.text()}`);
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ]) {
    const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.goto(`${s.url}/screen/snv`);
    await page.locator('main[data-screen="ready"]').waitFor({ timeout: 20_000 }).catch(() => undefined);
    await page.waitForTimeout(800);
    // The TV screen is one screen: no full-page shot, what the TV shows.
    await page.screenshot({ path: `${SHOTS}/screen-snv-${viewport.width}x${viewport.height}.png` });
    await look(page, `screen-snv-${viewport.width}x${viewport.height}`);
    await ctx.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const [s, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  try {
    await seedLastQuarter(s);
    const cookie = await s.login();
    await adminScreens(s, browser, cookie);
    await kiosk(s, browser, cookie);
    await qrSurvey(s, browser);
    await waitingRoom(s, browser, cookie);
  } finally {
    await browser.close();
    await s.stop();
  }
  for (const f of findings) {
    const notes = [f.sideways > 0 ? `page scrolls sideways by ${f.sideways}px` : '', f.json ? 'raw JSON' : '', ...f.wideBoxes].filter(Boolean);
    console.log(`${f.shot}: ${notes.length ? notes.join('; ') : 'ok'}`);
  }
  console.log(`${findings.length} screenshots in ${SHOTS}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
