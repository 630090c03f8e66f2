/**
 * The express application, without listening: tests drive it directly and
 * index.ts attaches it to an HTTP server with socket.io.
 */
import express, { type Express } from 'express';
import compression from 'compression';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from './context';
import { apiV1 } from './http/api';
import { postResponse } from './http/responses.routes';
import { jsonBody } from './http/json-body';
import { errorHandler, notFound } from './http/errors';
import { publicRoutes } from './http/public.routes';
import { publicScreenPageRoutes } from './http/public-screen.routes';
import { reportPageRoutes } from './http/reports.routes';
import { DIST_DIR } from './dist-dir';
import { sameOriginWrites, securityHeaders } from './http/security';

export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.TRUST_PROXY);
  app.set('etag', false);

  app.use((req, res, next) => {
    req.id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    res.setHeader('x-request-id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (res.statusCode >= 400 || ctx.log.isLevelEnabled('debug')) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        ctx.log[res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'](
          { reqId: req.id, method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
          'request',
        );
      }
    });
    next();
  });

  // Headers on every answer (CSP, no framing, nosniff, HSTS on https), then the
  // same-origin rule for writes that carry the session cookie (security.ts says why).
  app.use(securityHeaders(ctx.config));
  app.use(sameOriginWrites(ctx.config)); // reads config.publicUrl per request: it is filled in once the port is known

  // Front ends and reads ship gzipped: QR-page phones are often on slow mobile
  // links. Writes answer a few bytes, so the ingest path skips the wrapper entirely.
  const gzip = compression({ threshold: 1024 });
  app.use((req, res, next) => (req.method === 'POST' ? next() : gzip(req, res, next)));

  app.get('/api/health', async (_req, res) => {
    res.json({
      status: 'ok',
      store: ctx.store.kind,
      version: ctx.version,
      uptimeSeconds: Math.round((Date.now() - ctx.startedAt) / 1000),
    });
  });

  const json = express.json({ limit: `${ctx.config.BODY_LIMIT_KB}kb` });
  // Every kiosk press lands here: straight to its handler rather than through
  // the docs, auth and other /api/v1 routers first. The same handler stays
  // mounted in apiV1 (the route table and the OpenAPI check read it there);
  // no earlier /api/v1 router answers this path, so nothing is skipped.
  app.post('/api/v1/responses', jsonBody(ctx.config.BODY_LIMIT_KB * 1024), postResponse(ctx));
  app.use('/api/v1', json, apiV1(ctx));
  app.use('/api', notFound);

  app.use(publicRoutes(ctx));
  app.use(publicScreenPageRoutes(ctx));
  app.use(reportPageRoutes(ctx));
  // The survey-version preview (issue 11) is shown inside the admin's own page: framing by this origin only.
  app.use('/kiosk/preview.html', (_req, res, next) => {
    const csp = res.getHeader('content-security-policy');
    if (typeof csp === 'string') res.setHeader('content-security-policy', csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
    res.setHeader('x-frame-options', 'SAMEORIGIN');
    res.setHeader('cache-control', 'no-cache');
    next();
  });
  for (const name of ['kiosk', 'admin']) {
    const dir = path.join(DIST_DIR, name);
    if (existsSync(dir)) app.use(`/${name}`, express.static(dir, { index: 'index.html', maxAge: 0 }));
  }
  app.get('/', (_req, res) => res.redirect('/admin/'));
  // The officer page ("Mời đánh giá", issue 15): its own small entry of the kiosk build.
  // Express matches "/officer" and "/officer/" alike (non-strict routing): only the bare one is redirected.
  app.get('/officer', (req, res, next) => {
    if (!req.originalUrl.split('?')[0].endsWith('/')) return res.redirect(301, '/officer/');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('x-robots-tag', 'noindex');
    res.sendFile(path.join(DIST_DIR, 'kiosk', 'officer.html'), (err) => err && next());
  });
  // Browsers ask for /favicon.ico on their own (PDF views, posters, the API docs): answer with the app icon.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/kiosk/icons/favicon-32.png'));
  app.use(notFound);
  app.use(errorHandler(ctx.log));
  return app;
}
