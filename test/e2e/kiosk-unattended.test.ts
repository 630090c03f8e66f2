/**
 * The kiosk on a real counter tablet (issue 15), in Chromium against a real
 * server: the web-app manifest and its icons; full screen and the wake lock
 * (stubbed: headless Chromium grants neither, so the calls are recorded);
 * the staff corner behind a 3-second hold and the office PIN; and a counter
 * rating after service, with the officer page inviting. Screenshots of the
 * welcome, rating and staff screens go to /tmp/shots-kiosk/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createDevice, enrolFromUrl, expectStored, kioskResponses, newKioskPage, onScreen, setKioskTiming, type IssuedDevice } from './kiosk-fixture';
import { dossierClaimId } from '../../server/domain/survey-links.service';

const SHOTS = '/tmp/shots-kiosk';
const PIN = '482916';

let s: TestServer;
let admin: string;
let browser: Browser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await s.login();
  await setKioskTiming(s, admin, 60, 0);
  expect((await s.api('/api/v1/organisation', { method: 'PATCH', cookie: admin, json: { kioskPin: PIN } })).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

/** Records full-screen and wake-lock calls; headless Chromium has neither a real full screen nor a wake lock to grant. */
function stubKioskApis(): void {
  const w = window as unknown as { __calls: string[]; __fs: boolean; __locks: { released: boolean }[] };
  w.__calls = [];
  w.__fs = false;
  w.__locks = [];
  Object.defineProperty(Document.prototype, 'fullscreenElement', { configurable: true, get: () => (w.__fs ? document.documentElement : null) });
  Element.prototype.requestFullscreen = async function () {
    w.__calls.push('requestFullscreen');
    w.__fs = true;
  };
  Document.prototype.exitFullscreen = async function () {
    w.__calls.push('exitFullscreen');
    w.__fs = false;
  };
  Object.defineProperty(Navigator.prototype, 'wakeLock', {
    configurable: true,
    get: () => ({
      request: async (type: string) => {
        w.__calls.push(`wakeLock:${type}`);
        const lock = {
          released: false,
          release: async () => {
            lock.released = true;
            w.__calls.push('wakeLock:release');
          },
        };
        w.__locks.push(lock);
        return lock;
      },
    }),
  });
}

const calls = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __calls: string[] }).__calls);

async function stubbedKiosk(viewport = { width: 1280, height: 800 }, first: 'start' | 'welcome' = 'start'): Promise<{ context: BrowserContext; page: Page; device: IssuedDevice }> {
  const device = await createDevice(s, admin);
  const { context, page } = await newKioskPage(browser, viewport);
  await page.addInitScript(stubKioskApis);
  if (first === 'start') await enrolFromUrl(page, device.url);
  else {
    await page.goto(device.url);
    await onScreen(page, 'welcome');
  }
  return { context, page, device };
}

/** Holds the top-left corner for `ms` (a touch-screen long press, as pointer events). */
async function holdCorner(page: Page, ms: number): Promise<void> {
  await page.mouse.move(20, 20);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const d of pin) await page.locator(`.pin-key[data-key="${d}"]`).click();
  await page.locator('.pin-key[data-key="ok"]').click();
}

async function setLocale(page: Page, locale: 'vi' | 'en'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== locale) await page.locator('[data-testid="lang"]').click();
  await page.waitForTimeout(150);
}

describe('the installable kiosk', () => {
  it('serves a valid manifest: fullscreen, start in the kiosk, icons that exist and decode at their sizes', async () => {
    const html = await (await s.api('/kiosk/')).text();
    expect(html).toContain('<link rel="manifest" href="/kiosk/manifest.webmanifest"');
    expect(html).toContain('rel="apple-touch-icon"');
    const res = await s.api('/kiosk/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/manifest\+json|application\/json/);
    const manifest = await res.json();
    expect(manifest).toMatchObject({ display: 'fullscreen', start_url: '/kiosk/', scope: '/kiosk/', orientation: 'any', theme_color: '#0b3a6f', lang: 'vi' });
    expect(manifest.name).toContain('Hài Lòng');
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i: { purpose: string }) => i.purpose === 'maskable')).toBe(true);
    const files = [...manifest.icons.map((i: { src: string; sizes: string }) => [i.src, i.sizes]), ['/kiosk/icons/apple-touch-icon.png', '180x180'], ['/kiosk/icons/favicon-32.png', '32x32']];
    for (const [src, size] of files) {
      const icon = await s.api(src);
      expect(icon.status, src).toBe(200);
      expect(icon.headers.get('content-type')).toBe('image/png');
      const png = PNG.sync.read(Buffer.from(await icon.arrayBuffer()));
      expect(`${png.width}x${png.height}`, src).toBe(size);
    }
  });

  it('keeps the manifest and icons in the service worker shell, and gives both front ends a favicon', async () => {
    const sw = await (await s.api('/kiosk/sw.js')).text();
    for (const f of ['/kiosk/manifest.webmanifest', '/kiosk/icons/icon-192.png', '/kiosk/icons/apple-touch-icon.png']) expect(sw).toContain(f);
    expect(await (await s.api('/admin/')).text()).toContain('href="/admin/favicon-32.png"');
    expect((await s.api('/admin/favicon-32.png')).status).toBe(200);
    const ico = await s.api('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/png');
  });
});

describe('unattended operation', () => {
  it('asks for a screen wake lock at once (counter open) and full screen on the first touch', async () => {
    const { context, page } = await stubbedKiosk();
    try {
      await expect.poll(() => calls(page)).toContain('wakeLock:screen');
      expect(await calls(page)).not.toContain('requestFullscreen');
      await page.locator('main').click({ position: { x: 600, y: 40 } });
      await expect.poll(() => calls(page)).toContain('requestFullscreen');
    } finally {
      await context.close();
    }
  });

  it('takes the wake lock again when the page becomes visible after the browser dropped it', async () => {
    const { context, page } = await stubbedKiosk();
    try {
      await expect.poll(() => calls(page)).toContain('wakeLock:screen');
      await page.evaluate(() => {
        (window as unknown as { __locks: { released: boolean }[] }).__locks.forEach((l) => (l.released = true));
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await expect.poll(async () => (await calls(page)).filter((c) => c === 'wakeLock:screen').length).toBe(2);
    } finally {
      await context.close();
    }
  });

  it('blocks the long-press menu and has a viewport that cannot zoom', async () => {
    const { context, page } = await stubbedKiosk();
    try {
      const prevented = await page.evaluate(() => {
        const e = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
        document.querySelector('main')!.dispatchEvent(e);
        return e.defaultPrevented;
      });
      expect(prevented).toBe(true);
      expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toMatch(/user-scalable=no/);
      const css = await page.evaluate(() => {
        const b = getComputedStyle(document.body);
        return { overscroll: getComputedStyle(document.documentElement).overscrollBehaviorY, select: b.userSelect, touch: b.touchAction };
      });
      expect(css).toEqual({ overscroll: 'none', select: 'none', touch: 'manipulation' });
    } finally {
      await context.close();
    }
  });
});

describe('the staff corner', () => {
  it('stays shut for a tap or a short hold on the corner', async () => {
    const { context, page } = await stubbedKiosk();
    try {
      await page.mouse.click(20, 20);
      await holdCorner(page, 1500);
      await page.waitForTimeout(2000);
      expect(await page.locator('[data-screen="staff-pin"]').count()).toBe(0);
      await onScreen(page, 'start');
    } finally {
      await context.close();
    }
  });

  it('opens with a 3-second hold and the right PIN only; shows the state and leaves kiosk mode', async () => {
    const { context, page, device } = await stubbedKiosk();
    try {
      await page.mouse.click(600, 40); // the first touch: full screen
      await holdCorner(page, 3300);
      await onScreen(page, 'staff-pin');
      await typePin(page, '111111');
      await expect.poll(() => page.locator('[data-screen="staff-pin"] [role="alert"]').textContent()).toBe('Mã PIN không đúng.');
      expect(await page.locator('[data-screen="staff"]').count()).toBe(0);
      await typePin(page, PIN);
      await onScreen(page, 'staff');
      const fact = (k: string) => page.locator(`[data-fact="${k}"] dd`).textContent();
      expect(await fact('counter')).toBe('T1 · Quầy T1');
      expect(await fact('officer')).toBe('Nguyễn Văn Một');
      expect(await fact('queued')).toBe('0');
      expect(await fact('link')).toBe('Trực tuyến');
      expect(await fact('awake')).toBe('Có');
      expect(await fact('version')).toMatch(/\d+\.\d+\.\d+/);
      await page.locator('[data-action="sync"]').click();
      await page.locator('[data-action="leave"]').click();
      await expect.poll(() => calls(page)).toEqual(expect.arrayContaining(['exitFullscreen', 'wakeLock:release']));
      await page.locator('[data-action="close"]').click();
      expect(await page.locator('[data-screen="staff"]').count()).toBe(0);
      await onScreen(page, 'start');
      expect(await kioskResponses(s, device.deviceId)).toHaveLength(0);
    } finally {
      await context.close();
    }
  });

  it('re-enrols: back to the enrolment screen after a confirming second press', async () => {
    const { context, page } = await stubbedKiosk();
    try {
      await holdCorner(page, 3300);
      await typePin(page, PIN);
      await onScreen(page, 'staff');
      await page.locator('[data-action="re-enrol"]').click();
      await onScreen(page, 'staff');
      await page.locator('[data-action="re-enrol"]').click();
      await expect.poll(() => page.locator('form.enrol').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe('rating after service', () => {
  let key: string;
  beforeAll(async () => {
    key = (await (await s.api('/api/v1/integration-keys', { method: 'POST', cookie: admin, json: { name: 'Một cửa' } })).json()).key;
    expect((await s.api('/api/v1/officers/off-1/pin', { method: 'PUT', cookie: admin, json: { pin: '2580' } })).status).toBe(200);
    expect((await s.api('/api/v1/service-points/sp-t1/rating-mode', { method: 'PUT', cookie: admin, json: { ratingMode: 'after-service' } })).status).toBe(200);
  });
  afterAll(async () => {
    await s.api('/api/v1/service-points/sp-t1/rating-mode', { method: 'PUT', cookie: admin, json: { ratingMode: 'always' } });
  });

  it('welcome (presses store nothing) → officer invites → faces with a countdown → one rating with the procedure → nothing more', async () => {
    const { context, page, device } = await stubbedKiosk(undefined, 'welcome');
    const officer = await context.newPage();
    try {
      await onScreen(page, 'welcome');
      for (const [x, y] of [[640, 400], [200, 600], [1100, 600]]) await page.mouse.click(x, y);
      await page.waitForTimeout(500);
      expect(await page.locator('button.face').count()).toBe(0);

      await officer.setViewportSize({ width: 390, height: 844 }); // an officer's phone
      await officer.goto(`${s.url}/officer/`);
      await officer.locator('[data-screen="officer-sign-in"]').waitFor();
      await officer.screenshot({ path: `${SHOTS}/officer-sign-in-vi-390x844.png` });
      await officer.locator('input[name="counter"]').fill('T1');
      await officer.locator('input[name="pin"]').fill('2580');
      await officer.locator('button[type="submit"]').click();
      await officer.locator('[data-screen="officer-invite"]').waitFor();
      expect(await officer.locator('[data-testid="officer-counter"]').textContent()).toContain('Quầy T1');
      await officer.locator('select[name="procedure"]').selectOption('1.000001');
      await officer.locator('[data-testid="invite"]').click();
      await expect.poll(() => officer.locator('[data-testid="invite-result"]').textContent()).toMatch(/Đã mời/);
      await officer.screenshot({ path: `${SHOTS}/officer-invited-vi-390x844.png` });

      await onScreen(page, 'start');
      expect(await page.locator('[data-screen="start"]').getAttribute('data-session')).toBe('open');
      expect(await page.locator('[data-testid="countdown"]').textContent()).toMatch(/Còn (60|59|58) giây/);
      await page.waitForTimeout(400);
      await page.locator('button.face[data-value="5"]').click();
      await onScreen(page, 'thanks');
      const [stored] = await expectStored(s, device.deviceId, 1);
      expect(stored).toMatchObject({ procedureId: 'proc-1', officerId: 'off-1', overall: 5 });
      await onScreen(page, 'welcome');
      await page.mouse.click(640, 400);
      await page.waitForTimeout(800);
      expect(await kioskResponses(s, device.deviceId)).toHaveLength(1);
      // The officer page never learns the answer: its text is the same "invited" as before.
      expect(await officer.locator('[data-testid="invite-result"]').textContent()).toMatch(/^Đã mời/);
      expect(await officer.locator('body').innerText()).not.toMatch(/Rất hài lòng|5\b/);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a session from the one-stop software naming a dossier counts the rating for that dossier, once', async () => {
    const { context, page, device } = await stubbedKiosk(undefined, 'welcome');
    try {
      await online(page);
      const res = await s.api('/api/v1/rating-sessions', { method: 'POST', headers: { authorization: `Bearer ${key}` }, json: { counter: 'T1', procedureCode: '1.000001', dossierRef: 'HS-E2E-1' } });
      expect(res.status).toBe(201);
      await onScreen(page, 'start');
      await page.waitForTimeout(400);
      await page.locator('button.face[data-value="4"]').click();
      const [stored] = await expectStored(s, device.deviceId, 1);
      expect(stored.procedureId).toBe('proc-1');
      const orgId = (await s.ctx.entities.list('organisation'))[0].id;
      const hash = await s.ctx.surveyLinks.dossierRefHash(orgId, 'HS-E2E-1');
      expect(await s.ctx.store.hasClaim(`link:${dossierClaimId(hash)}`)).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('takes screenshots of the welcome, rating and staff screens at 1280×800 and 800×1280, in vi and en', async () => {
    for (const vp of [
      { name: '1280x800', width: 1280, height: 800 },
      { name: '800x1280', width: 800, height: 1280 },
    ]) {
      const { context, page } = await stubbedKiosk({ width: vp.width, height: vp.height }, 'welcome');
      try {
        for (const locale of ['vi', 'en'] as const) {
          await onScreen(page, 'welcome');
          await setLocale(page, locale);
          await page.screenshot({ path: `${SHOTS}/welcome-${locale}-${vp.name}.png` });
          await online(page);
          const res = await s.api('/api/v1/rating-sessions', { method: 'POST', headers: { authorization: `Bearer ${key}` }, json: { counter: 'T1', procedureCode: '1.000001' } });
          expect(res.status).toBe(201);
          await onScreen(page, 'start');
          await setLocale(page, locale);
          await page.screenshot({ path: `${SHOTS}/rating-${locale}-${vp.name}.png` });
          await holdCorner(page, 3300);
          await onScreen(page, 'staff-pin');
          await page.screenshot({ path: `${SHOTS}/staff-pin-${locale}-${vp.name}.png` });
          await typePin(page, PIN);
          await onScreen(page, 'staff');
          await page.screenshot({ path: `${SHOTS}/staff-${locale}-${vp.name}.png` });
          await page.locator('[data-action="close"]').click();
          await waitWelcome(page);
        }
      } finally {
        await context.close();
      }
    }
  }, 240_000);
});

/** The kiosk's live link is up (sessions are pushed over it). */
async function online(page: Page): Promise<void> {
  await expect.poll(() => page.locator('[data-testid="staff-status"]').getAttribute('data-online'), { timeout: 15_000 }).toBe('true');
}

/** Back to the welcome screen: answer the open session and wait out the thank-you. */
async function waitWelcome(page: Page): Promise<void> {
  if (await page.locator('button.face').count()) {
    await page.waitForTimeout(400);
    await page.locator('button.face[data-value="5"]').click();
    await onScreen(page, 'thanks');
  }
  await onScreen(page, 'welcome', 20_000);
}
