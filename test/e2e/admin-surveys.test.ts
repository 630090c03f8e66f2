/**
 * Survey versions end to end in real Chromium (issue 11 item 11): an admin
 * makes a new version from a copy of the office's (rewords the kiosk
 * question, switches criterion A3 off, adds a single-choice question — the
 * editor's own check names the empty fields first), previews it as the kiosk
 * and the QR page show it (the real screens in an iframe), activates it for
 * counter T1 with the confirm dialog; T1's open kiosk shows the reworded
 * question without reload and stores a rating against the new version, T2's
 * kiosk keeps the office's. Screenshots vi/en at 1280×800 (SURVEYS_SHOTS_DIR).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { closeAll } from '../helpers/e2e-teardown';
import { poll, shootBoth as shootBothIn, signIn } from '../helpers/admin-page';
import { describeViolations, runAxe } from '../helpers/axe';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createDevice, enrolFromUrl, newKioskPage, pressFace, onScreen } from './kiosk-fixture';

const SHOTS = process.env.SURVEYS_SHOTS_DIR ?? '/tmp/shots-surveys';
const REWORDED = { vi: 'Ông/Bà hài lòng với quầy T1 hôm nay chứ?', en: 'Are you satisfied with counter T1 today?' };
let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => closeAll(contexts, browser, s));

const signedIn = () => signIn(browser, s.url, { deviceScaleFactor: 1, adminLocale: 'vi', track: contexts });

const shoot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });
/** `before` brings back into view what the language switch scrolled away. */
const shootBoth = (page: Page, name: string, before?: () => Promise<void>) => shootBothIn(page, SHOTS, name, { after: before });

/** The preview iframe's document, once its page has rendered. */
async function previewFrame(page: Page, ready: string): Promise<Frame> {
  const handle = await page.getByTestId('preview-frame').elementHandle();
  const frame = (await handle!.contentFrame())!;
  await frame.locator(ready).first().waitFor({ state: 'visible', timeout: 15_000 });
  return frame;
}

describe('survey versions in the console', () => {
  // Two kiosks, the admin, axe twice: more than the default per-test time on a shared machine.
  it('copy with edits → preview → activate for T1 → T1\'s kiosk asks it, T2\'s the office\'s', { timeout: 90_000 }, async () => {
    const cookie = await s.login();
    const officeId = s.surveyVersionId;
    const officeQuestion = (await s.ctx.entities.get('surveyVersion', officeId))!.definition.questions[0].text.vi;
    // Two open kiosks, at T1 and T2.
    const kiosks: Record<'t1' | 't2', Page> = {} as never;
    for (const [k, sp] of [['t1', 'sp-t1'], ['t2', 'sp-t2']] as const) {
      const { context, page } = await newKioskPage(browser);
      contexts.push(context);
      await enrolFromUrl(page, (await createDevice(s, cookie, sp)).url);
      kiosks[k] = page;
      expect(await page.locator('h1.question').textContent()).toBe(officeQuestion);
    }

    const page = await signedIn();
    await page.goto(`${s.url}/admin/#/surveys`);
    await poll(() => page.getByTestId(`copy-${officeId}`).count()).toBe(1);
    await poll(() => page.getByTestId('assign-office').textContent()).toContain('sipas v1');
    await shootBoth(page, 'surveys-screen');
    const screenAxe = await runAxe(page);
    expect(screenAxe.blocking, describeViolations(screenAxe.blocking)).toEqual([]);

    // The copy: reword O, switch A3 off, add a single-choice question.
    await page.getByTestId(`copy-${officeId}`).click();
    await poll(() => page.getByTestId('survey-editor').count()).toBe(1);
    await page.locator('#sq-O-vi').fill(REWORDED.vi);
    await page.locator('#sq-O-en').fill(REWORDED.en);
    await page.getByTestId('sq-on-A3').uncheck();
    await page.getByTestId('add-choice').click();
    // Sent empty, the editor's own check names the new question's fields, and keeps what was typed.
    await page.getByTestId('save-version').click();
    const fresh = page.locator('[data-testid^="sq-new-"]');
    await poll(() => fresh.locator('.field-error').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#sq-O-vi').inputValue()).toBe(REWORDED.vi);
    await fresh.locator('input.survey-id-input').fill('A3'); // a national code: refused beside the field
    await page.getByTestId('save-version').click();
    await poll(() => fresh.locator('.field-error').first().textContent()).toContain('mã quốc gia');
    await fresh.scrollIntoViewIfNeeded();
    await shootBoth(page, 'surveys-editor-new-question-errors', () => fresh.scrollIntoViewIfNeeded());
    await fresh.locator('input.survey-id-input').fill('visit');
    await fresh.locator('input[lang=vi]').fill('Ông/Bà đến lần thứ mấy?');
    await fresh.locator('input[lang=en]').fill('Which visit is this?');
    await fresh.locator('textarea').fill('Lần đầu | First time\nĐã đến trước đây | Been before');
    await page.locator('#sq-O-vi').scrollIntoViewIfNeeded();
    await shootBoth(page, 'surveys-editor', () => page.locator('#sq-O-vi').scrollIntoViewIfNeeded());
    const editorAxe = await runAxe(page);
    expect(editorAxe.blocking, describeViolations(editorAxe.blocking)).toEqual([]);
    await page.getByTestId('save-version').click();

    // Saved: the new draft opens in the preview.
    await poll(async () => (await s.ctx.entities.list('surveyVersion', { orgId: 'org-main' })).length).toBe(2);
    const created = (await s.ctx.entities.list('surveyVersion', { orgId: 'org-main' })).find((v) => v.id !== officeId)!;
    expect(created.definition.questions.map((q) => q.id)).not.toContain('A3');
    expect(created.definition.questions.find((q) => q.id === 'visit')).toMatchObject({ kind: 'choice', options: [{ id: 'o1' }, { id: 'o2' }] });
    await poll(() => page.getByTestId('survey-preview').count()).toBe(1);
    let frame = await previewFrame(page, 'h1.question');
    expect(await frame.locator('h1.question').textContent()).toBe(REWORDED.vi);
    expect(await frame.locator('button.face').count()).toBe(5);
    await page.getByTestId('survey-preview').scrollIntoViewIfNeeded();
    await shootBoth(page, 'surveys-preview-kiosk', async () => {
      await previewFrame(page, 'h1.question');
      await page.getByTestId('survey-preview').scrollIntoViewIfNeeded();
    });
    await page.getByTestId('preview-tab-qr').click();
    frame = await previewFrame(page, '[data-step="overall"]');
    const qrText = await frame.locator('body').innerText();
    expect(qrText).toContain('Ông/Bà đến lần thứ mấy?');
    expect(await frame.locator('input[name="q-A3"]').count()).toBe(0);
    expect(await frame.locator('input[name="q-A2"]').count()).toBeGreaterThan(0);
    await shootBoth(page, 'surveys-preview-qr', async () => {
      await previewFrame(page, '[data-step="overall"]');
      await page.getByTestId('survey-preview').scrollIntoViewIfNeeded();
    });
    // The preview stored nothing.
    expect((await s.ctx.store.listResponses({ orgId: 'org-main', limit: 10 })).length).toBe(0);

    // Activate for counter T1, through the confirm dialog.
    await page.getByTestId(`activate-${created.id}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('activate-where').selectOption('sp-t1');
    await shoot(page, 'surveys-activate-vi-1280x800');
    await dialog.getByRole('button', { name: 'Áp dụng', exact: true }).click();
    await poll(() => page.getByTestId('assign-T1').textContent()).toContain(`sipas v${created.version}`);
    expect(await page.getByTestId('assign-T2').textContent()).toContain('Phiếu của cơ quan');
    await page.getByTestId('survey-preview').getByRole('button', { name: 'Đóng' }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shootBoth(page, 'surveys-screen-after-activation');

    // T1's open kiosk gets it live; T2's keeps the office's question.
    await poll(() => kiosks.t1.locator('h1.question').textContent()).toBe(REWORDED.vi);
    expect(await kiosks.t2.locator('h1.question').textContent()).toBe(officeQuestion);
    await kiosks.t1.waitForTimeout(400);
    await pressFace(kiosks.t1, 5);
    await onScreen(kiosks.t1, 'thanks');
    await poll(async () => (await s.ctx.store.listResponses({ orgId: 'org-main', channel: 'kiosk', servicePointId: 'sp-t1', limit: 1 }))[0]?.surveyVersionId).toBe(created.id);
    // Now in use: the screen no longer offers to edit it, and the audit log has each step.
    const actions = (await (await s.api('/api/v1/audit', { cookie })).json()).items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['survey.create', 'survey.activate']));
  });

  it('the server\'s 409 for a code that changes meaning shows beside that question\'s code, and what was typed stays', async () => {
    const page = await signedIn();
    await page.goto(`${s.url}/admin/#/surveys`);
    await poll(() => page.getByTestId(`copy-${s.surveyVersionId}`).count()).toBe(1);
    await page.getByTestId(`copy-${s.surveyVersionId}`).click();
    await page.getByTestId('add-text').click();
    const fresh = page.locator('[data-testid^="sq-new-"]');
    // "visit" is not in v1, so the editor cannot know: the previous version made it a choice question.
    await fresh.locator('input.survey-id-input').fill('visit');
    await fresh.locator('input[lang=vi]').fill('Ông/Bà đến lần thứ mấy?');
    await fresh.locator('input[lang=en]').fill('Which visit?');
    const before = (await s.ctx.entities.list('surveyVersion', { orgId: 'org-main' })).length;
    await page.getByTestId('save-version').click();
    await poll(() => fresh.locator('.field-error').textContent()).toContain('visit was a choice question');
    expect(await fresh.locator('input.survey-id-input').inputValue()).toBe('visit');
    expect((await s.ctx.entities.list('surveyVersion', { orgId: 'org-main' })).length).toBe(before);
    await fresh.scrollIntoViewIfNeeded();
    await shoot(page, 'surveys-editor-server-409-vi-1280x800');
  });
});
