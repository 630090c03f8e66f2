/**
 * The QR survey page in real Chromium on a phone-sized screen (360×640):
 * a counter link and a dossier link answered end to end, the draft, the
 * retry, the closed-link pages, keyboard use, and the page's weight.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { DIST_DIR } from '../../server/dist-dir';
import { DAY_MS } from '../../shared/periods';

let s: TestServer;
let browser: Browser;
let admin: string;
let apiKey: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await s.login();
  const res = await s.api('/api/v1/integration-keys', { method: 'POST', cookie: admin, json: { name: 'One-stop' } });
  apiKey = (await res.json()).key;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await s?.stop();
});

/** A fresh phone: its own storage and cookies. */
async function phone(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1, locale: 'vi-VN' });
  contexts.push(ctx);
  return ctx.newPage();
}

async function issueLink(over: Record<string, unknown> = {}): Promise<{ url: string; token: string }> {
  const res = await s.api('/api/v1/survey-links', {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}` },
    json: { counter: 'T2', procedureCode: '1.000001', officerId: 'off-2', dossierRef: `000.00.H01-${randomUUID()}`, ...over },
  });
  expect(res.status).toBe(201);
  return res.json();
}

/** Clicks the visible box of a radio or checkbox, as a thumb would. */
async function pick(page: Page, name: string, group?: string): Promise<void> {
  const scope = group ? page.getByRole('group', { name: group, exact: true }) : page;
  // The inner locator is matched inside each label, so it is built from `page`, not from the scope.
  const input = page.getByRole('radio', { name, exact: true }).or(page.getByRole('checkbox', { name, exact: true }));
  await scope.locator('label', { has: input }).click();
}

/** All five levels of the overall question and the button fit on a 360×640 screen without scrolling. */
async function expectAllLevelsAboveTheFold(page: Page, lastLevelName = 'Rất hài lòng'): Promise<void> {
  const lastLevel = (await page.locator('label', { has: page.getByRole('radio', { name: lastLevelName, exact: true }) }).boundingBox())!;
  const nav = (await page.locator('nav.actions').boundingBox())!;
  expect(lastLevel.y + lastLevel.height).toBeLessThanOrEqual(nav.y);
}

const heading = (page: Page) => page.locator('main h1');
const A1_VI = 'Thông tin về giải quyết thủ tục hành chính được cung cấp theo nhiều hình thức, dễ tiếp cận, dễ hiểu';
const H_VI = 'Khi giải quyết thủ tục, có công chức nào gây phiền hà, sách nhiễu Ông/Bà không?';
const M_VI = 'Theo Ông/Bà, có người dân nào phải đưa tiền ngoài quy định khi giải quyết thủ tục không?';
const nextButton = (page: Page) => page.getByRole('button', { name: /^(Tiếp tục|Next)$/ });
/** Next, then wait for the step to change: preact renders after the click returns, and reading too early would double-step. */
async function next(page: Page): Promise<void> {
  const before = await page.locator('.step-of').textContent();
  await nextButton(page).click();
  await expect.poll(() => page.locator('.step-of').textContent()).not.toBe(before);
}
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: screenshotPath(name), fullPage });

async function skipTo(page: Page, title: string): Promise<void> {
  for (let i = 0; i < 10 && (await heading(page).textContent()) !== title; i++) await next(page);
  await expect.poll(() => heading(page).textContent()).toBe(title);
}

describe('QR survey page — counter link', () => {
  it('a citizen answers the full questionnaire on a phone and the response is counted, unverified', async () => {
    const page = await phone();
    await page.goto(`${s.url}/s/T1`);
    await expect.poll(() => heading(page).textContent()).toBe('Ông/Bà hài lòng thế nào với sự phục vụ hôm nay?');
    await expectAllLevelsAboveTheFold(page);
    await expect.poll(() => page.locator('.counter').textContent()).toBe('Quầy T1');
    await expect.poll(() => page.locator('.step-of').textContent()).toBe('Bước 1/9');
    await pick(page, 'Hài lòng');
    await shot(page, 'survey-vi-1-overall');
    await next(page);

    await expect.poll(() => heading(page).textContent()).toBe('Tiếp cận dịch vụ hành chính công');
    await pick(page, '5 – Rất hài lòng', A1_VI);
    await pick(page, 'Không áp dụng', 'Trụ sở có biển hiệu, hướng dẫn rõ ràng, dễ thấy');
    await pick(page, '3 – Bình thường', 'Trụ sở sạch sẽ, văn minh');
    await pick(page, '4 – Hài lòng', 'Trang thiết bị đầy đủ, chất lượng tốt');
    await shot(page, 'survey-vi-2-element');
    await shot(page, 'survey-vi-2-element-full', true);
    await next(page);

    await expect.poll(() => heading(page).textContent()).toBe('Thủ tục hành chính');
    await next(page);
    await pick(page, '2 – Không hài lòng', 'Thái độ giao tiếp lịch sự, tôn trọng');
    await pick(page, '4 – Hài lòng', 'Tận tình trong quá trình giải quyết công việc');
    await skipTo(page, 'Phiền hà, sách nhiễu và chi phí ngoài quy định');
    await pick(page, 'Một số công chức gây phiền hà, sách nhiễu', H_VI);
    await pick(page, 'Không có người dân nào phải đưa tiền ngoài quy định', M_VI);
    await shot(page, 'survey-vi-3-integrity');
    await shot(page, 'survey-vi-3-integrity-full', true);
    await next(page);
    await expect.poll(() => heading(page).textContent()).toBe('Mong muốn của Ông/Bà');
    await pick(page, 'Ứng dụng công nghệ thông tin, chuyển đổi số');
    await pick(page, 'Sự quan tâm đến nhu cầu, mong đợi của người dân');
    await shot(page, 'survey-vi-3-expectations');
    await next(page);

    await expect.poll(() => heading(page).textContent()).toBe('Góp ý thêm');
    await page.getByLabel('Ý kiến, góp ý (không bắt buộc)').fill('Cần thêm ghế chờ.');
    await shot(page, 'survey-vi-4-comment');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();

    await expect.poll(() => heading(page).textContent()).toBe('Cảm ơn Ông/Bà!');
    await shot(page, 'survey-vi-5-done');

    const [stored] = await s.ctx.store.listResponses({ orgId: 'org-main', servicePointId: 'sp-t1', channel: 'qr', limit: 1 });
    expect(stored).toMatchObject({
      verified: false,
      servicePointId: 'sp-t1',
      officerId: 'off-1',
      locale: 'vi',
      comment: 'Cần thêm ghế chờ.',
      answers: { O: 4, A1: 5, A2: null, A3: 3, A4: 4, C1: 2, C5: 4, H: 'some', M: 'none', expect: ['digital', 'needs'] },
    });
    const summary = await (await s.api('/api/v1/stats/summary?servicePointId=sp-t1&verified=all', { cookie: admin })).json();
    expect(summary.responses).toBeGreaterThanOrEqual(1);
    expect(summary.overall.distribution[3]).toBeGreaterThanOrEqual(1); // a 4 ("Hài lòng") counted
  });

  it('asks the 19 national criteria under their five elements, each with "Không áp dụng", then H and M with three answers each', async () => {
    const page = await phone();
    await page.goto(`${s.url}/s/T1`);
    await pick(page, 'Hài lòng');
    const perElement: [string, number][] = [];
    for (const title of ['Tiếp cận dịch vụ hành chính công', 'Thủ tục hành chính', 'Công chức trực tiếp giải quyết công việc', 'Kết quả giải quyết thủ tục hành chính', 'Tiếp nhận, xử lý ý kiến góp ý, phản ánh, kiến nghị']) {
      await next(page);
      await expect.poll(() => heading(page).textContent()).toBe(title);
      const criteria = page.locator('fieldset.criterion');
      perElement.push([title, await criteria.count()]);
      expect(await criteria.filter({ has: page.getByRole('radio', { name: 'Không áp dụng', exact: true }) }).count()).toBe(await criteria.count());
      if (title === 'Công chức trực tiếp giải quyết công việc') await shot(page, 'survey-vi-2-element-C-full', true);
    }
    expect(perElement.map(([, n]) => n)).toEqual([4, 4, 5, 3, 3]);
    await next(page);
    await expect.poll(() => heading(page).textContent()).toBe('Phiền hà, sách nhiễu và chi phí ngoài quy định');
    for (const name of [H_VI, M_VI]) expect(await page.getByRole('group', { name, exact: true }).getByRole('radio').count()).toBe(3);
    await expect.poll(() => page.locator('.step-of').textContent()).toBe('Bước 7/9');
  });

  it('switches to English and answers in English', async () => {
    const page = await phone();
    await page.goto(`${s.url}/s/T2`);
    await expect.poll(() => page.locator('.counter').textContent()).toBe('Quầy T2');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('How satisfied are you with the service today?');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.locator('.counter').textContent()).toBe('Counter T2');
    await pick(page, 'Very satisfied');
    await shot(page, 'survey-en-1-overall');
    await next(page);
    await expect.poll(() => heading(page).textContent()).toBe('Access to public administrative services');
    await pick(page, '4 – Satisfied', 'Information on procedures in many forms, easy to reach and understand');
    await shot(page, 'survey-en-2-element');
    await skipTo(page, 'Harassment and unofficial payments');
    await pick(page, 'No civil servant harassed me or made improper demands');
    await pick(page, 'Nobody has to pay beyond the prescribed fees');
    await shot(page, 'survey-en-3-integrity');
    await next(page);
    await expect.poll(() => heading(page).textContent()).toBe('Your expectations');
    await pick(page, 'Use of IT and digital services');
    await shot(page, 'survey-en-3-expectations');
    await next(page);
    await shot(page, 'survey-en-4-comment');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Thank you!');
    await shot(page, 'survey-en-5-done');
    const [stored] = await s.ctx.store.listResponses({ orgId: 'org-main', servicePointId: 'sp-t2', channel: 'qr', limit: 1 });
    expect(stored).toMatchObject({ locale: 'en', answers: { O: 5, A1: 4, H: 'none', M: 'none', expect: ['digital'] } });
  });

  it('fits the whole overall question on a 360×640 screen even with long office and counter names', async () => {
    const org = (await s.ctx.entities.get('organisation', 'org-main'))!;
    const sp = (await s.ctx.entities.get('servicePoint', 'sp-t2'))!;
    await s.ctx.entities.put('organisation', { ...org, name: { vi: 'Sở Ngoại vụ tỉnh Bà Rịa – Vũng Tàu (Bộ phận Một cửa)', en: 'Department of Foreign Affairs of Ba Ria – Vung Tau' } });
    await s.ctx.entities.put('servicePoint', { ...sp, name: { vi: 'Quầy 2 – Hợp pháp hóa lãnh sự', en: 'Counter 2 – Consular legalisation' } });
    try {
      const page = await phone();
      await page.goto(`${s.url}/s/T2`);
      await expect.poll(() => page.locator('.counter').textContent()).toBe('Quầy 2 – Hợp pháp hóa lãnh sự');
      await expectAllLevelsAboveTheFold(page);
      await shot(page, 'survey-vi-1-overall-long-names');
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.locator('.counter').textContent()).toBe('Counter 2 – Consular legalisation');
      await expectAllLevelsAboveTheFold(page, 'Very satisfied');
      await shot(page, 'survey-en-1-overall-long-names');
    } finally {
      await s.ctx.entities.put('organisation', org);
      await s.ctx.entities.put('servicePoint', sp);
    }
  });

  it('asks for the overall rating before moving on', async () => {
    const page = await phone();
    await page.goto(`${s.url}/s/T1`);
    await expect.poll(() => page.locator('.step-of').textContent()).toBe('Bước 1/9');
    await nextButton(page).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Vui lòng chọn một mức đánh giá để tiếp tục.');
    expect(await page.locator('.step-of').textContent()).toBe('Bước 1/9');
    await shot(page, 'survey-vi-overall-required');
  });

  it('keeps the draft when the citizen leaves and comes back', async () => {
    const page = await phone();
    await page.goto(`${s.url}/s/T1`);
    await pick(page, 'Rất hài lòng');
    await next(page);
    await pick(page, '3 – Bình thường', 'Trụ sở sạch sẽ, văn minh');
    await page.goto('about:blank');
    await page.goto(`${s.url}/s/T1`);
    await expect.poll(() => page.locator('.step-of').textContent()).toBe('Bước 2/9');
    expect(await page.getByRole('status').textContent()).toBe('Đã khôi phục các câu trả lời đang làm dở.');
    const group = page.getByRole('group', { name: 'Trụ sở sạch sẽ, văn minh', exact: true });
    expect(await group.getByRole('radio', { name: '3 – Bình thường', exact: true }).isChecked()).toBe(true);
    await shot(page, 'survey-vi-draft-restored');
    await page.getByRole('button', { name: 'Quay lại' }).click();
    expect(await page.getByRole('radio', { name: 'Rất hài lòng', exact: true }).isChecked()).toBe(true);
  });

  it('retries a submission whose reply was lost with the same id, storing it once', async () => {
    const page = await phone();
    await page.goto(`${s.url}/s/T2`);
    await pick(page, 'Bình thường');
    await skipTo(page, 'Góp ý thêm');
    const marker = `retry-${randomUUID()}`;
    await page.getByLabel('Ý kiến, góp ý (không bắt buộc)').fill(marker);

    const ids: string[] = [];
    let firstStatus = 0;
    await page.route(
      '**/api/v1/responses',
      async (route) => {
        const res = await route.fetch(); // the server stores it…
        firstStatus = res.status();
        await route.abort('connectionreset'); // …but the phone never hears back
      },
      { times: 1 },
    );
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/responses')) ids.push(JSON.parse(r.postData()!).id);
    });
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Chưa gửi được. Câu trả lời vẫn được lưu trên máy; vui lòng thử lại.');
    expect(firstStatus).toBe(201);
    await shot(page, 'survey-vi-send-failed');

    await page.getByRole('button', { name: 'Thử lại' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Cảm ơn Ông/Bà!');
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    const stored = await s.ctx.store.listResponses({ orgId: 'org-main', servicePointId: 'sp-t2', withComment: true, limit: 50 });
    expect(stored.filter((r) => r.comment === marker)).toHaveLength(1);
  });

  it('is operable with the keyboard alone, with a visible focus', async () => {
    const page = await phone();
    await page.goto(`${s.url}/s/T1`);
    await expect.poll(() => page.locator('.step-of').textContent()).toBe('Bước 1/9');
    await page.keyboard.press('Tab'); // language switch
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('English');
    await page.keyboard.press('Tab'); // into the rating group
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Hài lòng', exact: true }).isChecked()).toBe(true);
    const ring = await page.evaluate(() => {
      const box = document.activeElement?.nextElementSibling as HTMLElement | null;
      return box ? getComputedStyle(box).outlineStyle : 'none';
    });
    expect(ring).toBe('solid');
    await shot(page, 'survey-vi-keyboard-focus');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent()).toBe('Tiếp cận dịch vụ hành chính công');
    // Focus moves to the new step's heading (in an effect, after the paint).
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });

  it('says so when the counter does not exist', async () => {
    const page = await phone();
    const res = await page.goto(`${s.url}/s/NOPE`);
    expect(res!.status()).toBe(404);
    await expect.poll(() => heading(page).textContent()).toBe('Không tìm thấy quầy');
  });
});

describe('QR survey page — dossier link', () => {
  it('a citizen answers through the link on the receipt; the response is verified with the dossier\'s counter, procedure and officer', async () => {
    const link = await issueLink({ officerId: 'off-2' });
    const page = await phone();
    await page.goto(`${s.url}/l/${link.token}`);
    await expect.poll(() => page.locator('.proc').textContent()).toBe('Thủ tục: Thủ tục một');
    await expectAllLevelsAboveTheFold(page);
    await shot(page, 'survey-vi-link-1-overall');
    await pick(page, 'Rất hài lòng');
    await next(page);
    await pick(page, '5 – Rất hài lòng', A1_VI);
    await skipTo(page, 'Phiền hà, sách nhiễu và chi phí ngoài quy định');
    await pick(page, 'Không có công chức nào gây phiền hà, sách nhiễu', H_VI);
    await skipTo(page, 'Góp ý thêm');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Cảm ơn Ông/Bà!');

    const [stored] = await s.ctx.store.listResponses({ orgId: 'org-main', channel: 'link', limit: 1 });
    expect(stored).toMatchObject({ verified: true, servicePointId: 'sp-t2', procedureId: 'proc-1', officerId: 'off-2', answers: { O: 5, A1: 5, H: 'none' } });

    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe('Hồ sơ này đã được đánh giá');
    await shot(page, 'survey-vi-link-used');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('This survey has already been answered');
    await shot(page, 'survey-en-link-used');
  });

  it('a second submission of the same link (another tab) gets the "already answered" page', async () => {
    const link = await issueLink();
    const [a, b] = [await phone(), await phone()];
    for (const page of [a, b]) {
      await page.goto(`${s.url}/l/${link.token}`);
      await pick(page, 'Hài lòng');
      await skipTo(page, 'Góp ý thêm');
    }
    await a.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => heading(a).textContent()).toBe('Cảm ơn Ông/Bà!');
    await b.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => heading(b).textContent()).toBe('Hồ sơ này đã được đánh giá');
  });

  it('an expired link and a tampered link each explain themselves', async () => {
    const old = await s.ctx.surveyLinks.issue(
      { orgId: 'org-main', apiKeyId: 'e2e', counter: 'T1', procedureCode: '1.000001', dossierRef: `HS-${randomUUID()}` },
      Date.now() - 31 * DAY_MS,
    );
    const page = await phone();
    await page.goto(`${s.url}/l/${old.token}`);
    await expect.poll(() => heading(page).textContent()).toBe('Đường dẫn khảo sát đã hết hạn');
    await shot(page, 'survey-vi-link-expired');
    await page.goto(`${s.url}/l/${old.token.slice(0, -4)}AAAA`);
    await expect.poll(() => heading(page).textContent()).toBe('Đường dẫn khảo sát không hợp lệ');
    await shot(page, 'survey-vi-link-invalid');
  });
});

describe('QR survey page — weight and speed', () => {
  it('ships at most 40 KB of gzipped JS, with no socket.io', () => {
    const html = readFileSync(path.join(DIST_DIR, 'kiosk', 'survey.html'), 'utf8');
    const files = [...html.matchAll(/(?:src|href)="\/kiosk\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(0);
    let gz = 0;
    for (const f of files) {
      const js = readFileSync(path.join(DIST_DIR, 'kiosk', f));
      expect(js.toString()).not.toContain('engine.io');
      gz += gzipSync(js, { level: 9 }).length;
    }
    console.log(`QR page JS: ${files.join(', ')} = ${(gz / 1024).toFixed(1)} KB gzipped`);
    expect(gz).toBeLessThanOrEqual(40 * 1024);
  });

  it('shows the first question within 10 s on a slow 3G connection', async () => {
    const page = await phone();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    // Chrome DevTools' "Slow 3G": 400 ms latency, ~400 kbit/s down.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 });
    const started = Date.now();
    await page.goto(`${s.url}/s/T1`);
    await page.getByRole('radio', { name: 'Hài lòng', exact: true }).waitFor({ state: 'attached', timeout: 10_000 });
    console.log(`QR page on slow 3G: first question after ${Date.now() - started} ms`);
  });
});
