/**
 * The first-run wizard in real Chromium against a real server started on an
 * empty store (SEED_DEMO=false, no fixture office): the first admin logs in,
 * sets the office name and target, adds a unit, a counter and an officer,
 * creates the first kiosk's enrolment code and QR, and that code enrols a
 * kiosk that stores a rating. Screenshots in vi and en at 1280×800.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { adminContext, poll, shootBoth, submitSignIn } from '../helpers/admin-page';
import { testConfig } from '../helpers/test-server';
import { startServer, type RunningServer } from '../../server/index';

const SHOTS = process.env.SETUP_SHOTS_DIR ?? '/tmp/shots-setup';
let server: RunningServer;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hailong-first-run-'));
  [server, browser] = await Promise.all([startServer(testConfig({ DATA_DIR: dataDir })), launchBrowser()]);
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('first run without demo data', () => {
  it('goes from an empty store to an enrolled kiosk that stores a rating, through the wizard', async () => {
    expect(await server.ctx.entities.list('unit')).toEqual([]);
    const ctx = await adminContext(browser, server.url, { adminLocale: 'vi' });
    const page = await ctx.newPage();
    await submitSignIn(page, server.url);

    // 1. Office and target.
    await poll(() => page.getByTestId('setup-step').textContent()).toContain('Bước 1/5');
    await page.locator('#setup-name-vi').fill('UBND Phường Bến Nghé');
    await page.locator('#setup-name-en').fill('Ben Nghe Ward');
    await page.locator('#setup-target').fill('90');
    await shootBoth(page, SHOTS, 'setup-1-office');
    await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

    // 2. A unit.
    await poll(() => page.getByTestId('setup-step').textContent()).toContain('Bước 2/5');
    await page.getByTestId('setup-next').click();
    await poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    await page.locator('#unit-code').fill('MC');
    await page.locator('#unit-name-vi').fill('Bộ phận Một cửa');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.getByTestId('setup-added-unit').textContent()).toContain('Bộ phận Một cửa');
    await shootBoth(page, SHOTS, 'setup-2-units');
    await page.getByTestId('setup-next').click();

    // 3. A counter (its unit is the only one, chosen already).
    await poll(() => page.getByTestId('setup-step').textContent()).toContain('Bước 3/5');
    await page.locator('#counter-code').fill('Q1');
    await page.locator('#counter-name-vi').fill('Quầy 1');
    await poll(() => page.locator('#counter-unit option').count()).toBe(1);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.getByTestId('setup-added-counter').textContent()).toContain('Q1');
    await page.getByTestId('setup-next').click();

    // 4. An officer.
    await poll(() => page.getByTestId('setup-step').textContent()).toContain('Bước 4/5');
    await page.locator('#officer-name').fill('Nguyễn Thị Mai');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.getByTestId('setup-added-officer').textContent()).toContain('Nguyễn Thị Mai');
    await shootBoth(page, SHOTS, 'setup-4-officers');
    await page.getByTestId('setup-next').click();

    // 5. The first kiosk: code, link and QR.
    await poll(() => page.getByTestId('setup-step').textContent()).toContain('Bước 5/5');
    await page.getByRole('button', { name: 'Tạo mã kích hoạt' }).click();
    await poll(() => page.getByTestId('enrol-code').count()).toBe(1);
    expect(await page.locator('.enrol-qr svg').count()).toBe(1);
    const code = (await page.getByTestId('enrol-code').textContent())!.trim();
    await shootBoth(page, SHOTS, 'setup-5-kiosk');

    // The tablet trades the code for its token, and its first rating is stored.
    const enrol = await fetch(`${server.url}/api/v1/devices/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(enrol.status).toBe(200);
    const { token, config } = (await enrol.json()) as { token: string; config: { servicePoint: { code: string }; organisation: { name: { vi: string } }; survey: { versionId: string } } };
    expect(config.servicePoint.code).toBe('Q1');
    expect(config.organisation.name.vi).toBe('UBND Phường Bến Nghé');
    const rating = await fetch(`${server.url}/api/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ id: randomUUID(), surveyVersionId: config.survey.versionId, channel: 'kiosk', answers: { O: 5 } }),
    });
    expect(rating.status).toBe(201);

    await page.getByTestId('setup-finish').click();
    await poll(() => page.locator('h1').textContent()).toContain('Tổng quan');
    expect((await server.ctx.entities.list('organisation'))[0].target).toBe(0.9);
    // Not offered again on this browser.
    await page.reload();
    await poll(() => page.locator('h1').textContent()).toContain('Tổng quan');
    await ctx.close();
  });
});
