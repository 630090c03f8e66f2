/**
 * Survey links over HTTP:
 * - GET  /public/survey-context — the QR page's bootstrap (public);
 * - POST /survey-links — a dossier link for the one-stop software (integration key);
 * - GET  /survey-links/stats — links issued vs answered, for coverage (session);
 * - GET  /service-points/:id/poster | qr.svg | qr.png — counter posters (session).
 */
import { Router } from 'express';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { DomainError } from '../domain/errors';
import { rolesFor } from '../domain/permissions';
import { IssueLinkBodySchema, LinkStatsQuerySchema, PostersQuerySchema, QrPngQuerySchema, QrSvgQuerySchema, SurveyContextQuerySchema } from '../../shared/api';
import { DAY_MS, localMidnight, startOfLocalDay } from '../../shared/periods';
import { toIssuedLinkDto, toLinkStatsDto, toSurveyContextDto } from './dto';

const localDay = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return localMidnight(y, m, d);
};

/** File names stay ASCII: counter codes are admin-entered and end up in a header. */
const fileSafe = (code: string): string => code.replace(/[^A-Za-z0-9_-]/g, '_') || 'counter';
const disposition = (download: string | undefined, name: string) => `${download === '1' ? 'attachment' : 'inline'}; filename="${name}"`;

export function surveyLinksRoutes(ctx: AppContext): Router {
  const r = Router();
  const links = ctx.surveyLinks;

  /** Public: what the QR page needs to render (office, counter, survey, link state). */
  r.get(
    '/public/survey-context',
    handle(async (req, res) => {
      const q = parseOr400(SurveyContextQuerySchema, req.query);
      const body = q.counter ? await links.counterContext(q.counter) : await links.linkContext(q.token!);
      res.setHeader('cache-control', 'no-store');
      res.json(toSurveyContextDto(body));
    }),
  );

  /** The one-stop software asks for a dossier link. 201 { url, token, expiresAt, qrSvg, qrPng }. */
  r.post(
    '/survey-links',
    handle(async (req, res) => {
      const key = await ctx.integrationKeys.authenticate(req.headers.authorization);
      const body = parseOr400(IssueLinkBodySchema, req.body);
      const issued = await links.issueWithQr({ ...body, orgId: key.orgId, apiKeyId: key.id });
      res.setHeader('cache-control', 'no-store');
      res.status(201).json(toIssuedLinkDto(issued, issued.qrSvg, issued.qrPng));
    }),
  );

  r.get(
    '/survey-links/stats',
    requireUser(ctx, rolesFor('survey-links.stats')),
    handle(async (req, res) => {
      const q = parseOr400(LinkStatsQuerySchema, req.query);
      const today = startOfLocalDay(Date.now());
      const to = q.to ? localDay(q.to) + DAY_MS : today + DAY_MS;
      const from = q.from ? localDay(q.from) : to - 30 * DAY_MS;
      if (!(to > from)) throw new DomainError('invalid-input', 'Empty date range', [{ path: 'to', message: 'must not be before from' }]);
      if (to - from > 3 * 366 * DAY_MS) throw new DomainError('invalid-input', 'Range too long', [{ path: 'from', message: 'at most three years' }]);
      const { issued, answered } = await links.stats(req.user!.orgId, from, to);
      res.json(toLinkStatsDto(from, to, issued, answered));
    }),
  );

  // ---- counter posters -------------------------------------------------------

  const printers = requireUser(ctx, rolesFor('posters.print'));

  /** Every counter's poster in one printable document (one A4 each), for "print all". */
  r.get(
    '/service-points/posters',
    printers,
    handle(async (req, res) => {
      const q = parseOr400(PostersQuerySchema, req.query);
      const html = await ctx.posters.posters(req.user!, { ids: q.ids, unitId: q.unitId });
      res.setHeader('cache-control', 'private, no-cache');
      res.type('html').send(html);
    }),
  );

  r.get(
    '/service-points/:id/poster',
    printers,
    handle(async (req, res) => {
      const html = await ctx.posters.poster(req.user!, String(req.params.id));
      res.setHeader('cache-control', 'private, no-cache');
      res.type('html').send(html);
    }),
  );

  r.get(
    '/service-points/:id/qr.svg',
    printers,
    handle(async (req, res) => {
      const q = parseOr400(QrSvgQuerySchema, req.query);
      const { code, svg } = await ctx.posters.qrSvg(req.user!, String(req.params.id));
      res.setHeader('cache-control', 'private, no-cache');
      res.setHeader('content-disposition', disposition(q.download, `qr-${fileSafe(code)}.svg`));
      res.type('image/svg+xml').send(svg);
    }),
  );

  r.get(
    '/service-points/:id/qr.png',
    printers,
    handle(async (req, res) => {
      const q = parseOr400(QrPngQuerySchema, req.query);
      const { code, png } = await ctx.posters.qrPng(req.user!, String(req.params.id), q.size);
      res.setHeader('cache-control', 'private, no-cache');
      res.setHeader('content-disposition', disposition(q.download, `qr-${fileSafe(code)}.png`));
      res.type('image/png').send(png);
    }),
  );
  return r;
}
