/**
 * Public pages outside /api: the QR survey page behind a counter link
 * (/s/<counter code>, printed on posters) and a dossier link (/l/<token>).
 * Both serve the built dist/kiosk/survey.html; the page reads its context
 * from GET /api/v1/public/survey-context.
 */
import { Router, type Response } from 'express';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../context';
import { DIST_DIR } from '../dist-dir';
import { handle } from './auth.middleware';
import { CLIENT_COOKIE, readCookie } from '../cookies';
import { setClientCookie } from './client-id';
import { POSTER_SCRIPT, POSTER_SCRIPT_PATH } from '../domain/posters';

const surveyHtmlPath = path.join(DIST_DIR, 'kiosk', 'survey.html');

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Read per request: the file is a few hundred bytes, and a rebuilt front end
 * is picked up without a restart.
 */
async function surveyPage(contextUrl: string): Promise<string | null> {
  const html = await readFile(surveyHtmlPath, 'utf8').catch(() => null);
  if (html === null) return null;
  // Start fetching the context with the script instead of after it: one round trip less on a slow phone.
  const preload = `<link rel="preload" href="${escapeAttr(contextUrl)}" as="fetch" crossorigin="anonymous">`;
  return html.replace('</head>', `${preload}</head>`);
}

function sendPage(res: Response, html: string | null, status = 200): void {
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('x-robots-tag', 'noindex');
  if (html === null) {
    res.status(503).type('text/plain').send('The survey page is not built yet (npm run build).');
    return;
  }
  res.status(status).type('html').send(html);
}

export function publicRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get(
    '/s/:code',
    handle(async (req, res) => {
      const code = String(req.params.code);
      // Missing, or not one this server signed: a fresh one (rate-limited per address), never an error.
      if (!(await ctx.surveyLinks.verifyClientId(readCookie(req.headers.cookie, CLIENT_COOKIE)))) await setClientCookie(ctx, req, res);
      const known = code.length <= 32 && (await ctx.surveyLinks.hasCounter(code));
      // An unknown counter still gets the page (it explains itself), with an honest status.
      sendPage(res, await surveyPage(`/api/v1/public/survey-context?counter=${encodeURIComponent(code)}`), known ? 200 : 404);
    }),
  );

  // The poster's print button (no inline script under the CSP).
  r.get(POSTER_SCRIPT_PATH, (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type('text/javascript').send(POSTER_SCRIPT);
  });

  r.get(
    '/l/:token',
    handle(async (req, res) => {
      const token = String(req.params.token);
      // The token is a credential: never send it on as a referrer.
      res.setHeader('referrer-policy', 'no-referrer');
      sendPage(res, await surveyPage(`/api/v1/public/survey-context?token=${encodeURIComponent(token)}`));
    }),
  );
  return r;
}
