/**
 * Issue 12 item 9, "public 404s are raw JSON": a person's browser asking for
 * a page we do not have gets a Vietnamese-first HTML page with an English
 * line and a way back; API paths and programs keep the JSON error envelope.
 * (Before the fix every one of these pages answered `{"error":{…}}`.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
/** What Chromium sends when it navigates to a page. */
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8' };

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

async function page(path: string): Promise<{ status: number; type: string; html: string }> {
  const res = await s.api(path, { headers: BROWSER });
  return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}

describe('unknown pages in a browser', () => {
  for (const path of ['/survey/bad-code', '/screen/', '/s/', '/l/', '/no/such/page', '/kiosk/no-such-page.html', '/admin/no-such-page']) {
    it(`${path}: an HTML 404 page, Vietnamese first, with a way back`, async () => {
      const r = await page(path);
      expect(r.status).toBe(404);
      expect(r.type).toMatch(/^text\/html/);
      expect(r.html).toContain('<html lang="vi">');
      expect(r.html).toContain('<h1>Không tìm thấy trang</h1>');
      expect(r.html).toContain('Page not found');
      // The way back (error-page-links.test.ts): a link to the admin on staff pages, plain advice on citizen ones.
      if (path.startsWith('/admin/')) expect(r.html).toMatch(/<a class="back" href="\/admin\/">Về trang quản trị<\/a>/);
      else expect(r.html).toContain('quét lại mã QR');
      expect(r.html).not.toContain('"error"');
      expect(r.html).not.toContain('<script');
    });
  }

  it('an unknown counter (/s/<bad>) and screen (/screen/<bad>) say so in HTML too', async () => {
    const counter = await page('/s/NOPE');
    expect(counter.status).toBe(404);
    expect(counter.type).toMatch(/^text\/html/);
    const screen = await page('/screen/NOPE');
    expect(screen.status).toBe(404);
    expect(screen.type).toMatch(/^text\/html/);
    expect(screen.html).toContain('Không tìm thấy màn hình phòng chờ');
  });

  it('a staff page without a session: an HTML page pointing to the sign-in, not the 401 envelope', async () => {
    const r = await page('/reports/print?period=2026-M01');
    expect(r.status).toBe(401);
    expect(r.type).toMatch(/^text\/html/);
    expect(r.html).toContain('Cần đăng nhập');
    expect(r.html).toContain('href="/admin/"');
  });

  it('the page passes the CSP: no inline script, the policy header is there', async () => {
    const res = await s.api('/survey/bad-code', { headers: BROWSER });
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).not.toMatch(/<script|\son\w+=/i);
  });
});

describe('API paths and programs keep JSON', () => {
  it('/api/… in a browser: the JSON envelope', async () => {
    for (const path of ['/api/nope', '/api/v2/anything', '/api/v1/public/screens/NOPE']) {
      const res = await s.api(path, { headers: BROWSER });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect((await res.json()).error.code, path).toBe('not-found');
    }
  });

  it('a program (Accept */* or JSON) asking for an unknown page: the JSON envelope', async () => {
    for (const accept of ['*/*', 'application/json']) {
      const res = await s.api('/survey/bad-code', { headers: { accept } });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not-found');
    }
  });

  it('a write to an unknown page stays JSON whatever it accepts', async () => {
    const res = await s.api('/survey/bad-code', { method: 'POST', headers: BROWSER });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
