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
  vi: { title: string; body: string; link: string };
  en: { title: string; body: string; link: string };
}

export interface ErrorPageOptions {
  status: number;
  text: PageText;
  /** Where the link goes (default: the start page). */
  href?: string;
  /** Reload the page every so many seconds (a TV left on a switched-off screen picks it up once it is on). */
  refreshSeconds?: number;
  /** Shown small, for support: the request id of a 500. */
  reference?: string;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** True when a person's browser asked for a page: not under /api, and HTML preferred over JSON. */
export function wantsPage(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.originalUrl.split('?')[0];
  if (path === '/api' || path.startsWith('/api/')) return false;
  // Browsers navigating send text/html first; fetch(), curl and the one-stop software send */* or JSON.
  return req.accepts(['json', 'html']) === 'html';
}

export const NOT_FOUND_TEXT: PageText = {
  vi: {
    title: 'Không tìm thấy trang',
    body: 'Địa chỉ này không có trên hệ thống. Xin kiểm tra lại đường dẫn, hoặc quét lại mã QR trên áp phích tại quầy.',
    link: 'Về trang đầu',
  },
  en: { title: 'Page not found', body: 'This address does not exist here. Check the link, or scan the QR code on the counter poster again.', link: 'Go to the start page' },
};

/** The page for an error status, when no more precise text was given. */
export function textForStatus(status: number): PageText {
  if (status === 404) return NOT_FOUND_TEXT;
  if (status === 401)
    return {
      vi: { title: 'Cần đăng nhập', body: 'Trang này dành cho cán bộ quản trị. Xin đăng nhập trước.', link: 'Đến trang đăng nhập' },
      en: { title: 'Sign-in needed', body: 'This page is for the office staff. Please sign in first.', link: 'Go to the sign-in page' },
    };
  if (status === 403)
    return {
      vi: { title: 'Không được phép', body: 'Tài khoản này không được mở trang này.', link: 'Về trang đầu' },
      en: { title: 'Not allowed', body: 'This account may not open this page.', link: 'Go to the start page' },
    };
  if (status < 500)
    return {
      vi: { title: 'Yêu cầu không hợp lệ', body: 'Địa chỉ này có phần không đúng. Xin kiểm tra lại đường dẫn.', link: 'Về trang đầu' },
      en: { title: 'Bad request', body: 'Part of this address is not right. Check the link.', link: 'Go to the start page' },
    };
  return {
    vi: { title: 'Đã có lỗi', body: 'Máy chủ gặp lỗi khi mở trang này. Xin thử lại sau ít phút.', link: 'Về trang đầu' },
    en: { title: 'Something went wrong', body: 'The server failed to open this page. Please try again in a few minutes.', link: 'Go to the start page' },
  };
}

export function errorPageHtml(o: ErrorPageOptions): string {
  const { vi, en } = o.text;
  const href = escapeHtml(o.href ?? (o.status === 401 ? '/admin/' : '/'));
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
<p><a class="back" href="${href}">${escapeHtml(vi.link)}</a></p>
${ref}<section class="en" lang="en">
<h2>${escapeHtml(en.title)}</h2>
<p>${escapeHtml(en.body)} <a href="${href}">${escapeHtml(en.link)}</a></p>
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
