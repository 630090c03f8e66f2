/**
 * Error pages for people (issue 12 item 9: "public 404s are raw JSON"): a
 * browser that asks for a page we do not have — a mistyped poster address,
 * an old bookmark, a switched-off waiting-room screen — gets a small
 * Vietnamese-first page with an English line and a way back, never an API
 * error envelope. API paths (/api/…) and non-browser clients keep the JSON
 * envelope. No script (the CSP allows none inline); the style is inline.
 */
import type { Request, Response } from 'express';

export interface PageText {
  vi: { title: string; body: string };
  en: { title: string; body: string };
}

/**
 * Who reads the page. Citizens (survey, /s/, /l/, /screen/, the kiosk, any
 * unknown address a poster may have mistyped) get no link: "/" leads to the
 * admin sign-in, which is no way back for them, so the text says what to do
 * instead. Staff pages (/admin, /reports, /officer) keep a link to the sign-in.
 */
export type Audience = 'public' | 'staff';

export interface ErrorPageOptions {
  status: number;
  text: PageText;
  audience: Audience;
  /** Reload the page every so many seconds (a TV left on a switched-off screen picks it up once it is on). */
  refreshSeconds?: number;
  /** Shown small, for support: the request id of a 500. */
  reference?: string;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STAFF_PREFIXES = ['/admin', '/reports', '/officer'];

/** Staff for the admin, printed reports and the officer page; everyone else is treated as a citizen. */
export function audienceOf(req: Pick<Request, 'originalUrl'>): Audience {
  const path = req.originalUrl.split('?')[0].toLowerCase();
  return STAFF_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`)) ? 'staff' : 'public';
}

/** True when a person's browser asked for a page: not under /api, and HTML preferred over JSON. */
export function wantsPage(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.originalUrl.split('?')[0];
  if (path === '/api' || path.startsWith('/api/')) return false;
  // Browsers navigating send text/html first; fetch(), curl and the one-stop software send */* or JSON.
  return req.accepts(['json', 'html']) === 'html';
}

/** What a citizen can do about any of these pages: scan the poster again, or ask someone at the counter. */
const ASK_VI = 'Xin quét lại mã QR trên áp phích tại quầy; nếu vẫn không mở được, xin hỏi cán bộ tại quầy.';
const ASK_EN = 'Please scan the QR code on the counter poster again; if it still does not open, ask the staff at the counter.';

export const NOT_FOUND_TEXT: PageText = {
  vi: { title: 'Không tìm thấy trang', body: `Địa chỉ này không có trên hệ thống. ${ASK_VI}` },
  en: { title: 'Page not found', body: `This address does not exist here. ${ASK_EN}` },
};

/** The page for an error status, when no more precise text was given. */
export function textForStatus(status: number, audience: Audience): PageText {
  const staff = audience === 'staff';
  if (status === 404) {
    if (!staff) return NOT_FOUND_TEXT;
    return {
      vi: { title: 'Không tìm thấy trang', body: 'Địa chỉ này không có trên hệ thống. Xin kiểm tra lại đường dẫn.' },
      en: { title: 'Page not found', body: 'This address does not exist here. Check the link.' },
    };
  }
  if (status === 401 && staff)
    return {
      vi: { title: 'Cần đăng nhập', body: 'Trang này dành cho cán bộ quản trị. Xin đăng nhập trước.' },
      en: { title: 'Sign-in needed', body: 'This page is for the office staff. Please sign in first.' },
    };
  if (status === 401 || status === 403)
    return staff
      ? { vi: { title: 'Không được phép', body: 'Tài khoản này không được mở trang này.' }, en: { title: 'Not allowed', body: 'This account may not open this page.' } }
      : { vi: { title: 'Không mở được trang này', body: ASK_VI }, en: { title: 'This page cannot be opened', body: ASK_EN } };
  if (status < 500)
    return {
      vi: { title: 'Yêu cầu không hợp lệ', body: `Địa chỉ này có phần không đúng. ${staff ? 'Xin kiểm tra lại đường dẫn.' : ASK_VI}` },
      en: { title: 'Bad request', body: `Part of this address is not right. ${staff ? 'Check the link.' : ASK_EN}` },
    };
  return {
    vi: { title: 'Đã có lỗi', body: `Máy chủ gặp lỗi khi mở trang này. Xin thử lại sau ít phút${staff ? '.' : '; nếu vẫn lỗi, xin hỏi cán bộ tại quầy.'}` },
    en: { title: 'Something went wrong', body: `The server failed to open this page. Please try again in a few minutes${staff ? '.' : '; if it still fails, ask the staff at the counter.'}` },
  };
}

/** Staff pages link to the admin (its sign-in when there is no session); citizen pages have no link. */
function staffLink(status: number): { vi: string; en: string } {
  return status === 401 ? { vi: 'Đến trang đăng nhập', en: 'Go to the sign-in page' } : { vi: 'Về trang quản trị', en: 'Go to the admin' };
}

export function errorPageHtml(o: ErrorPageOptions): string {
  const { vi, en } = o.text;
  const link = o.audience === 'staff' ? staffLink(o.status) : null;
  const refresh = o.refreshSeconds ? `<meta http-equiv="refresh" content="${Math.round(o.refreshSeconds)}">` : '';
  const ref = o.reference ? `<p class="ref">Mã tham chiếu / Reference: ${escapeHtml(o.reference)}</p>` : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${refresh}<link rel="icon" type="image/png" href="/kiosk/icons/favicon-32.png">
<title>${escapeHtml(vi.title)} – Hài Lòng</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; padding: 24px;
    font: 18px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #14181f; background: #e9edf2; }
  main { max-width: 640px; width: 100%; padding: 32px; border-radius: 16px; background: #fff; box-shadow: 0 2px 12px rgba(10, 40, 80, .12); }
  .status { margin: 0 0 8px; font-size: 15px; font-weight: 700; color: #0a4a8f; letter-spacing: .04em; }
  h1 { margin: 0 0 12px; font-size: 30px; line-height: 1.25; }
  p { margin: 0 0 16px; }
  .en { margin-top: 24px; padding-top: 16px; border-top: 1px solid #c3ccd8; color: #4a5565; font-size: 16px; }
  .en h2 { margin: 0 0 6px; font-size: 18px; }
  a.back { display: inline-block; min-height: 48px; padding: 12px 22px; border-radius: 10px; background: #0a4a8f; color: #fff; font-weight: 700; text-decoration: none; }
  a.back:focus-visible { outline: 3px solid #f0a000; outline-offset: 2px; }
  .ref { font-size: 14px; color: #4a5565; }
  @media (max-width: 480px) { body { padding: 12px; font-size: 17px; } main { padding: 20px; } h1 { font-size: 25px; } }
</style>
</head>
<body>
<main>
<p class="status">${o.status}</p>
<h1>${escapeHtml(vi.title)}</h1>
<p>${escapeHtml(vi.body)}</p>
${link ? `<p><a class="back" href="/admin/">${escapeHtml(link.vi)}</a></p>\n` : ''}${ref}<section class="en" lang="en">
<h2>${escapeHtml(en.title)}</h2>
<p>${escapeHtml(en.body)}${link ? ` <a href="/admin/">${escapeHtml(link.en)}</a>` : ''}</p>
</section>
</main>
</body>
</html>
`;
}

export function sendErrorPage(res: Response, o: ErrorPageOptions): void {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-robots-tag', 'noindex');
  res.status(o.status).type('html').send(errorPageHtml(o));
}
