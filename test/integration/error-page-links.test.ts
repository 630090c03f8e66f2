/**
 * The HTML error pages' way back, per path. "/" redirects to the admin
 * sign-in, which is no way back for a citizen: citizen pages (survey, /s/,
 * /l/, /screen/, the kiosk, unknown addresses) carry no link and say what to
 * do instead; staff pages (/admin, /reports/print, /officer) keep a link to
 * the admin sign-in. (Before the fix every page linked "Về trang đầu" to "/".)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8' };

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

async function page(path: string): Promise<{ status: number; html: string }> {
  const res = await s.api(path, { headers: BROWSER });
  expect(res.headers.get('content-type') ?? '', path).toMatch(/^text\/html/);
  return { status: res.status, html: await res.text() };
}
const hrefs = (html: string) => [...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1]);

describe('citizen pages: no admin link, plain advice', () => {
  const cases: [string, number][] = [
    ['/survey/bad-code', 404],
    ['/s/', 404],
    ['/s/NOPE', 404], // the survey app itself, which explains an unknown counter in its own words
    ['/l/', 404],
    ['/screen/', 404],
    ['/screen/NOPE', 404],
    ['/screen/org-main', 403], // switched off
    ['/no/such/page', 404],
    ['/kiosk/no-such-page.html', 404],
  ];
  for (const [path, status] of cases) {
    it(`${path}: ${status}, no link at all, says what to do`, async () => {
      const r = await page(path);
      expect(r.status).toBe(status);
      expect(hrefs(r.html)).toEqual([]);
      expect(r.html).not.toContain('Về trang đầu');
      expect(r.html).not.toContain('/admin');
      // The screen pages speak to whoever switches the TV on; the survey app (/s/NOPE) has its own text.
      if (!path.startsWith('/screen/') && path !== '/s/NOPE') {
        expect(r.html).toContain('quét lại mã QR');
        expect(r.html).toContain('hỏi cán bộ tại quầy');
        expect(r.html).toContain('ask the staff at the counter');
      }
    });
  }
});

describe('staff pages: a link to the admin sign-in', () => {
  it('/reports/print without a session: 401 with "Đến trang đăng nhập" → /admin/', async () => {
    const r = await page('/reports/print?period=2026-M01');
    expect(r.status).toBe(401);
    expect(hrefs(r.html)).toEqual(['/admin/', '/admin/']);
    expect(r.html).toMatch(/<a class="back" href="\/admin\/">Đến trang đăng nhập<\/a>/);
    expect(r.html).toContain('Go to the sign-in page');
  });

  it('/admin/no-such-page: 404 with a link to the admin, no citizen advice', async () => {
    const r = await page('/admin/no-such-page');
    expect(r.status).toBe(404);
    expect(hrefs(r.html)).toEqual(['/admin/', '/admin/']);
    expect(r.html).toMatch(/<a class="back" href="\/admin\/">Về trang quản trị<\/a>/);
    expect(r.html).not.toContain('quét lại mã QR');
  });
});
