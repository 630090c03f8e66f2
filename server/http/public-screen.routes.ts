/**
 * The public waiting-room screen over HTTP (issue 12 item 8), no login:
 * - GET /screen/:code — the page (dist/kiosk/screen.html) when the screen is
 *   on; otherwise a Vietnamese-first HTML page saying it is off (reloading
 *   itself each minute) or that no screen has this code;
 * - GET /api/v1/public/screens/:code — its figures, the whitelisted
 *   PublicScreen DTO only (403 `screen-off`, 404 unknown code).
 * Live updates go over the `/screen` socket namespace (realtime/screen.handlers.ts).
 */
import { Router } from 'express';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../context';
import { DIST_DIR } from '../dist-dir';
import { handle } from './auth.middleware';
import { parseOr400 } from './validate';
import { DomainError } from '../domain/errors';
import { ScreenCodeParamsSchema } from '../../shared/api/public-screen';
import { sendErrorPage, type PageText } from './error-page';

const screenHtmlPath = path.join(DIST_DIR, 'kiosk', 'screen.html');

const OFF_TEXT: PageText = {
  vi: {
    title: 'Màn hình phòng chờ chưa được bật',
    body: 'Cơ quan chưa bật màn hình công khai kết quả đánh giá. Quản trị viên bật tại Cấu hình → Màn hình phòng chờ; trang này tự tải lại mỗi phút.',
  },
  en: {
    title: 'The waiting-room screen is not switched on',
    body: 'This office has not switched on its public results screen. An administrator turns it on in Settings → Waiting-room screen; this page reloads itself every minute.',
  },
};

const unknownText = (code: string): PageText => ({
  vi: {
    title: 'Không tìm thấy màn hình phòng chờ',
    body: `Không có cơ quan hay đơn vị nào mang mã “${code}”. Xin kiểm tra địa chỉ trong Cấu hình → Màn hình phòng chờ của trang quản trị.`,
  },
  en: {
    title: 'No waiting-room screen with this code',
    body: `No office or unit has the code “${code}”. Check the address under Settings → Waiting-room screen in the admin.`,
  },
});

/** The page route (outside /api). */
export function publicScreenPageRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get(
    '/screen/:code',
    handle(async (req, res) => {
      const code = String(req.params.code).slice(0, 64);
      try {
        await ctx.publicScreen.resolve(code);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        if (err.code === 'forbidden') return sendErrorPage(res, { status: 403, text: OFF_TEXT, audience: 'public', refreshSeconds: 60 });
        return sendErrorPage(res, { status: 404, text: unknownText(code), audience: 'public' });
      }
      const html = await readFile(screenHtmlPath, 'utf8').catch(() => null);
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('x-robots-tag', 'noindex');
      if (html === null) return void res.status(503).type('text/plain').send('The screen page is not built yet (npm run build).');
      res.type('html').send(html);
    }),
  );
  return r;
}

/** The data route, mounted under /api/v1. */
export function publicScreenApiRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get(
    '/public/screens/:code',
    handle(async (req, res) => {
      const { code } = parseOr400(ScreenCodeParamsSchema, req.params);
      const screen = await ctx.publicScreen.screen(code);
      res.setHeader('cache-control', 'no-store');
      // Already the whitelisted DTO: the service parses it through PublicScreenSchema.
      res.json(screen);
    }),
  );
  return r;
}
