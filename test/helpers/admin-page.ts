/**
 * The admin console in real Chromium, the way the e2e tests reach it: a fresh
 * browser context (1280×800, Vietnamese unless told), signed in through the
 * form or with a session cookie, a screen opened by its hash and left to load,
 * and screenshots of a screen in vi then en. One copy, so that a change to the
 * sign-in form or the loading marker is made once.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ADMIN } from './test-server';

export type Viewport = { width: number; height: number };
export type AdminLocale = 'vi' | 'en';
export const DESKTOP: Viewport = { width: 1280, height: 800 };

/**
 * `expect.poll` with the wait a person would give: the machine is shared and
 * busy, and only a timeout would fail (the config's default is 10 s).
 */
export const poll = <T,>(fn: () => T | Promise<T>, message?: string, timeout = 15_000) =>
  expect.poll(fn, { timeout, interval: 100, message });

export interface AdminContextOptions {
  /** Default 1280×800. */
  viewport?: Viewport;
  /** The browser's own locale (Accept-Language, Intl); default vi-VN. */
  browserLocale?: string;
  /** Stored as `hl-admin-locale` before any script of the page runs; unset when omitted. */
  adminLocale?: AdminLocale;
  /** Passed to Chromium only when given, so a test keeps the context it had. */
  deviceScaleFactor?: number;
  acceptDownloads?: boolean;
  /** A session cookie `name=value` (from `s.login()`): the page is signed in without the form. */
  cookie?: string;
  /** The context is pushed here so that the test's afterAll closes it. */
  track?: BrowserContext[];
}

/** A new browser context for the admin console at `url`. */
export async function adminContext(browser: Browser, url: string, o: AdminContextOptions = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    viewport: o.viewport ?? DESKTOP,
    locale: o.browserLocale ?? 'vi-VN',
    ...(o.deviceScaleFactor === undefined ? {} : { deviceScaleFactor: o.deviceScaleFactor }),
    ...(o.acceptDownloads === undefined ? {} : { acceptDownloads: o.acceptDownloads }),
  });
  o.track?.push(ctx);
  if (o.cookie) {
    const [name, ...rest] = o.cookie.split('=');
    await ctx.addCookies([{ name, value: rest.join('='), url }]);
  }
  if (o.adminLocale) await ctx.addInitScript((l) => localStorage.setItem('hl-admin-locale', l), o.adminLocale);
  return ctx;
}

/** A page in a new admin context: signed in already when `o.cookie` is given, else at no address yet. */
export async function adminPage(browser: Browser, url: string, o: AdminContextOptions = {}): Promise<Page> {
  return (await adminContext(browser, url, o)).newPage();
}

export interface Credentials {
  email: string;
  password: string;
}

/** Opens the sign-in form and submits it; does not wait for what comes next (dashboard, forced change, wizard). */
export async function submitSignIn(page: Page, url: string, user: Credentials = ADMIN): Promise<void> {
  await page.goto(`${url}/admin/`);
  await page.locator('input[type=email]').fill(user.email);
  await page.locator('input[type=password]').fill(user.password);
  await page.locator('button[type=submit]').click();
}

/** A page signed in through the form as `user` (default the fixture's admin), once the user badge shows. */
export async function signIn(browser: Browser, url: string, o: AdminContextOptions & { user?: Credentials } = {}): Promise<Page> {
  const page = await adminPage(browser, url, o);
  await submitSignIn(page, url, o.user);
  await poll(() => page.getByTestId('user').count()).toBe(1);
  return page;
}

/** Opens an admin screen by its hash (`overview`, `trend?from=…`) and waits until nothing in main is loading. */
export async function openView(page: Page, url: string, view: string): Promise<void> {
  await page.goto(`${url}/admin/#/${view}`);
  await poll(() => page.locator('main .loading').count()).toBe(0);
}

export interface ShootBothOptions {
  /** The size in the file name; default 1280x800. */
  size?: string;
  /** Run after each language switch (scroll something back into view). */
  after?: () => Promise<void>;
}

/**
 * Screenshots a screen in Vietnamese, switches to English with the toggle,
 * screenshots again, and switches back: `<dir>/<name>-vi-1280x800.png`, `…-en-…`.
 */
export async function shootBoth(page: Page, dir: string, name: string, o: ShootBothOptions = {}): Promise<void> {
  const size = o.size ?? '1280x800';
  await page.screenshot({ path: `${dir}/${name}-vi-${size}.png` });
  await page.getByRole('button', { name: 'English' }).click();
  await o.after?.();
  await page.screenshot({ path: `${dir}/${name}-en-${size}.png` });
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await o.after?.();
}
