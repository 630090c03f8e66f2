/**
 * Survey links over HTTP:
 * - GET  /public/survey-context — the QR page's bootstrap (public);
 * - POST /survey-links — a dossier link for the one-stop software (integration key);
 * - GET  /survey-links/stats — links issued vs answered, for coverage (session);
 * - GET  /service-points/:id/poster | qr.svg | qr.png — counter posters (session).
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { DomainError } from '../domain/errors';
import { unitScope } from '../domain/auth.service';
import type { ServicePoint } from '../domain/entities';
import { posterHtml, qrPng, qrPngDataUrl, qrSvg, QR_PNG_SIZES } from '../domain/posters';
import { DAY_MS, localMidnight, startOfLocalDay } from '../../shared/periods';

const ContextQuery = z
  .object({
    counter: z.string().trim().min(1).max(32).optional(),
    token: z.string().trim().min(1).max(512).optional(),
  })
  .refine((q) => Boolean(q.counter) !== Boolean(q.token), { message: 'give exactly one of counter or token', path: ['counter'] });

const IssueBody = z.object({
  /** Counter code as printed on the counter (e.g. "Q1"). */
  counter: z.string().trim().min(1).max(32),
  /** National procedure code (mã TTHC), e.g. "1.001234". */
  procedureCode: z.string().trim().min(1).max(64),
  officerId: z.string().trim().min(1).max(64).optional(),
  /** The dossier number in the one-stop system; only a keyed hash of it is kept. */
  dossierRef: z.string().trim().min(1).max(128),
  expiresInDays: z.number().int().min(1).max(365).optional(),
});

const StatsQuery = z.object({
  /** Local (Asia/Ho_Chi_Minh) days, both inclusive. Default: the last 30 days. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

const PngQuery = z.object({
  size: z.coerce.number().int().min(QR_PNG_SIZES.min).max(QR_PNG_SIZES.max).default(QR_PNG_SIZES.default),
  download: z.enum(['0', '1']).optional(),
});
const SvgQuery = z.object({ download: z.enum(['0', '1']).optional() });

const localDay = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return localMidnight(y, m, d);
};

/** File names stay ASCII: counter codes are admin-entered and end up in a header. */
const fileSafe = (code: string): string => code.replace(/[^A-Za-z0-9_-]/g, '_') || 'counter';

export function surveyLinksRoutes(ctx: AppContext): Router {
  const r = Router();
  const links = ctx.surveyLinks;
  const keys = ctx.integrationKeys;

  /** Public: what the QR page needs to render (office, counter, survey, link state). */
  r.get(
    '/public/survey-context',
    handle(async (req, res) => {
      const q = parseOr400(ContextQuery, req.query);
      const body = q.counter ? await links.counterContext(q.counter) : await links.linkContext(q.token!);
      res.setHeader('cache-control', 'no-store');
      res.json(body);
    }),
  );

  /** The one-stop software asks for a dossier link. 201 { url, token, expiresAt, qrSvg, qrPng }. */
  r.post(
    '/survey-links',
    handle(async (req, res) => {
      const key = await keys.authenticate(req.headers.authorization);
      const body = parseOr400(IssueBody, req.body);
      const issued = await links.issue({ ...body, orgId: key.orgId, apiKeyId: key.id });
      const [svg, png] = await Promise.all([qrSvg(issued.url), qrPngDataUrl(issued.url)]);
      res.setHeader('cache-control', 'no-store');
      res.status(201).json({ url: issued.url, token: issued.token, expiresAt: issued.expiresAt, qrSvg: svg, qrPng: png });
    }),
  );

  r.get(
    '/survey-links/stats',
    requireUser(ctx, ['admin', 'manager']),
    handle(async (req, res) => {
      const q = parseOr400(StatsQuery, req.query);
      const today = startOfLocalDay(Date.now());
      const to = q.to ? localDay(q.to) + DAY_MS : today + DAY_MS;
      const from = q.from ? localDay(q.from) : to - 30 * DAY_MS;
      if (!(to > from)) throw new DomainError('invalid-input', 'Empty date range', [{ path: 'to', message: 'must not be before from' }]);
      if (to - from > 3 * 366 * DAY_MS) throw new DomainError('invalid-input', 'Range too long', [{ path: 'from', message: 'at most three years' }]);
      const { issued, answered } = await links.stats(req.user!.orgId, from, to);
      res.json({
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        issued,
        answered,
        coverage: issued ? answered / issued : null,
      });
    }),
  );

  // ---- counter posters -------------------------------------------------------

  /** Printing is an office task: a session, and a unit head only for their unit's counters. */
  const visibleServicePoint = async (req: Request): Promise<ServicePoint> => {
    const sp = await ctx.entities.get('servicePoint', String(req.params.id));
    if (!sp || sp.orgId !== req.user!.orgId) throw new DomainError('not-found', 'No such service point');
    const scope = unitScope(req.user!);
    if (scope && !scope.includes(sp.unitId)) throw new DomainError('forbidden', 'Outside your unit');
    return sp;
  };
  const disposition = (download: string | undefined, name: string) => `${download === '1' ? 'attachment' : 'inline'}; filename="${name}"`;

  r.get(
    '/service-points/:id/poster',
    requireUser(ctx),
    handle(async (req, res) => {
      const sp = await visibleServicePoint(req);
      const org = await ctx.entities.get('organisation', sp.orgId);
      if (!org) throw new DomainError('not-found', 'Organisation missing');
      const html = await posterHtml({ orgName: org.name, counterName: sp.name, counterCode: sp.code, url: links.counterUrl(sp.code) });
      res.setHeader('cache-control', 'private, no-cache');
      res.type('html').send(html);
    }),
  );

  r.get(
    '/service-points/:id/qr.svg',
    requireUser(ctx),
    handle(async (req, res) => {
      const q = parseOr400(SvgQuery, req.query);
      const sp = await visibleServicePoint(req);
      res.setHeader('cache-control', 'private, no-cache');
      res.setHeader('content-disposition', disposition(q.download, `qr-${fileSafe(sp.code)}.svg`));
      res.type('image/svg+xml').send(await qrSvg(links.counterUrl(sp.code)));
    }),
  );

  r.get(
    '/service-points/:id/qr.png',
    requireUser(ctx),
    handle(async (req, res) => {
      const q = parseOr400(PngQuery, req.query);
      const sp = await visibleServicePoint(req);
      res.setHeader('cache-control', 'private, no-cache');
      res.setHeader('content-disposition', disposition(q.download, `qr-${fileSafe(sp.code)}.png`));
      res.type('image/png').send(await qrPng(links.counterUrl(sp.code), q.size));
    }),
  );
  return r;
}
