/**
 * Periodic reports (issue 13): one report content for a period and a scope,
 * in every format. parse → authorise (a unit head only their unit) → build → render.
 *   GET /api/v1/reports/content | report.xlsx | report.csv?table= | report.docx
 *   GET /reports/drafts · /drafts/:id · /drafts/:id/report.docx|xlsx · POST /drafts/:id/issue (monthly drafts)
 *   GET /reports/print (A4 page to print, vi or en)
 */
import { Router, type Request } from 'express';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { rolesFor, unitFilter } from '../domain/permissions';
import { DomainError } from '../domain/errors';
import { periodFromCode } from '../../shared/periods';
import { ReportDraftFileQuerySchema, ReportDraftIdParamsSchema, ReportDraftIssueBodySchema, ReportIssueBodySchema, ReportQuerySchema, type ReportContent, type ReportQuery } from '../../shared/api/reports';
import { z } from 'zod';
import type { Response } from 'express';
import { defaultSurveyDefinition } from '../../shared/survey';
import { reportDifferences } from '../domain/reports/report-diff';
import { csvHeader, csvLines, ndjsonLines, rawColumns, responsePages } from '../domain/reports/raw-export';
import { buildReportContent, reportDocx, reportHtml, reportTables, reportXlsx, tableCsv } from '../domain/reports';

async function reportFor(ctx: AppContext, req: Request, input: unknown = req.query): Promise<{ q: ReportQuery; content: ReportContent }> {
  const q = parseOr400(ReportQuerySchema, input);
  const period = periodFromCode(q.period);
  if (!period) throw new DomainError('invalid-input', 'Unknown period', [{ path: 'period', message: 'e.g. 2026-03, 2026-Q2, 2026-H1, 2026-9M, 2026 or 2026-01-01..2026-02-15' }]);
  const user = req.user!;
  const org = await ctx.entities.get('organisation', user.orgId);
  if (!org) throw new DomainError('not-found', 'Organisation missing');
  const unitIds = unitFilter(user, q.unitId);
  if (unitIds && unitIds.length !== 1) throw new DomainError('forbidden', 'A report covers the organisation or one unit');
  const unitId = unitIds?.[0];
  if (unitId) {
    const unit = await ctx.entities.get('unit', unitId);
    if (!unit || unit.orgId !== org.id) throw new DomainError('not-found', 'No such unit');
  }
  const content = await buildReportContent(ctx, { org, period: { ...period, code: q.period }, unitId });
  return { q, content };
}

const fileName = (c: ReportContent, ext: string, suffix = '') => `bao-cao-${c.period.code.replace(/[^0-9A-Za-z.-]/g, '_')}${c.scope.unitId ? `-${c.scope.unitId}` : ''}${suffix}.${ext}`;

export function reportsRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use(requireUser(ctx, rolesFor('stats.read')));
  r.get(
    '/content',
    handle(async (req, res) => {
      res.json((await reportFor(ctx, req)).content);
    }),
  );
  r.get(
    '/report.xlsx',
    handle(async (req, res) => {
      const { q, content } = await reportFor(ctx, req);
      res.attachment(fileName(content, 'xlsx'));
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await reportXlsx(content, q.lang));
    }),
  );
  r.get(
    '/report.docx',
    handle(async (req, res) => {
      const { q, content } = await reportFor(ctx, req);
      res.attachment(fileName(content, 'docx'));
      res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(await reportDocx(content, q.lang));
    }),
  );
  r.get(
    '/report.csv',
    handle(async (req, res) => {
      const { q, content } = await reportFor(ctx, req);
      const table = reportTables(content, q.lang).find((t) => t.id === q.table)!;
      res.attachment(fileName(content, 'csv', `-${q.table}`));
      res.type('text/csv; charset=utf-8').send(tableCsv(table, q.lang));
    }),
  );

  // ---- raw responses, streamed a page at a time (never the whole period in memory) ----
  for (const format of ['csv', 'ndjson'] as const) {
    r.get(
      `/responses.${format}`,
      handle(async (req, res) => {
        const q = parseOr400(ReportQuerySchema, req.query);
        const period = periodFromCode(q.period);
        if (!period) throw new DomainError('invalid-input', 'Unknown period', [{ path: 'period', message: 'e.g. 2026-03, 2026-Q2, 2026-H1, 2026-9M, 2026 or 2026-01-01..2026-02-15' }]);
        const user = req.user!;
        const unitIds = unitFilter(user, q.unitId);
        const org = await ctx.entities.get('organisation', user.orgId);
        const survey = org?.activeSurveyVersionId ? await ctx.surveys.get(org.activeSurveyVersionId) : null;
        const questionIds = (survey?.definition ?? defaultSurveyDefinition()).questions.map((x) => x.id);
        const name = `phieu-${q.period.replace(/[^0-9A-Za-z.-]/g, '_')}${unitIds?.length === 1 ? `-${unitIds[0]}` : ''}.${format}`;
        res.attachment(name);
        res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        const flush = () => (res as Response & { flush?: () => void }).flush?.();
        if (format === 'csv') res.write(csvHeader(rawColumns(questionIds)));
        for await (const page of responsePages(ctx.store, { orgId: user.orgId, from: period.from, to: period.to, unitIds })) {
          if (res.destroyed) return;
          const ok = res.write(format === 'csv' ? csvLines(page, questionIds) : ndjsonLines(page, questionIds));
          flush();
          // Back-pressure: wait for a slow client before reading the next page from the store.
          if (!ok) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
        }
        res.end();
      }),
    );
  }

  // ---- issued reports: frozen as sent, downloadable identically, compared with today's figures ----
  const IdParams = z.object({ id: z.string().min(1).max(64) });
  r.post(
    '/issued',
    requireUser(ctx, rolesFor('reports.issue')),
    handle(async (req, res) => {
      const body = parseOr400(ReportIssueBodySchema, req.body);
      const { content } = await reportFor(ctx, req, body);
      res.status(201).json(await ctx.issuedReports.issue(req.user!, content, body.lang));
    }),
  );
  r.get(
    '/issued',
    handle(async (req, res) => {
      res.json({ items: await ctx.issuedReports.list(req.user!) });
    }),
  );
  r.get(
    '/issued/:id',
    handle(async (req, res) => {
      const { id } = parseOr400(IdParams, req.params);
      const issued = await ctx.issuedReports.get(req.user!, id);
      const { content: current } = await reportFor(ctx, req, { period: issued.period, unitId: issued.unitId ?? undefined });
      const { orgId: _o, content, ...report } = issued;
      res.json({ report, content, differences: ctx.issuedReports.differences(issued, current) });
    }),
  );
  for (const format of ['docx', 'xlsx'] as const) {
    r.get(
      `/issued/:id/report.${format}`,
      handle(async (req, res) => {
        const { id } = parseOr400(IdParams, req.params);
        const issued = await ctx.issuedReports.get(req.user!, id);
        const bytes = await ctx.issuedReports.file(req.user!, id, format);
        res.attachment(`bao-cao-${issued.period.replace(/[^0-9A-Za-z.-]/g, '_')}-${issued.contentHash.slice(0, 8)}.${format}`);
        res.type(format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(bytes);
      }),
    );
  }

  // ---- monthly drafts (prepared by the server on the 1st; issuing one freezes the report as it stands now) ----
  r.get(
    '/drafts',
    handle(async (req, res) => {
      res.json({ items: await ctx.reportDrafts.list(req.user!) });
    }),
  );
  r.get(
    '/drafts/:id',
    handle(async (req, res) => {
      const { id } = parseOr400(ReportDraftIdParamsSchema, req.params);
      const d = await ctx.reportDrafts.get(req.user!, id);
      const { content: current } = await reportFor(ctx, req, { period: d.period, unitId: d.unitId ?? undefined });
      const { orgId: _o, content, ...draft } = d;
      res.json({ draft, content, differences: reportDifferences(content, current) });
    }),
  );
  for (const format of ['docx', 'xlsx'] as const) {
    r.get(
      `/drafts/:id/report.${format}`,
      handle(async (req, res) => {
        const { id } = parseOr400(ReportDraftIdParamsSchema, req.params);
        const { lang } = parseOr400(ReportDraftFileQuerySchema, req.query);
        const d = await ctx.reportDrafts.get(req.user!, id);
        res.attachment(fileName(d.content, format, '-du-thao'));
        if (format === 'docx') res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(await reportDocx(d.content, lang));
        else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await reportXlsx(d.content, lang));
      }),
    );
  }
  r.post(
    '/drafts/:id/issue',
    requireUser(ctx, rolesFor('reports.issue')),
    handle(async (req, res) => {
      const { id } = parseOr400(ReportDraftIdParamsSchema, req.params);
      const { lang } = parseOr400(ReportDraftIssueBodySchema, req.body ?? {});
      const d = await ctx.reportDrafts.get(req.user!, id);
      const { content } = await reportFor(ctx, req, { period: d.period, unitId: d.unitId ?? undefined, lang });
      const issued = await ctx.issuedReports.issue(req.user!, content, lang);
      await ctx.reportDrafts.markIssued(req.user!, id, issued.id);
      res.status(201).json(issued);
    }),
  );
  return r;
}

/** The printable page, outside /api (a person opens it from the Reports screen). */
export function reportPageRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get(
    '/reports/print',
    requireUser(ctx, rolesFor('stats.read')),
    handle(async (req, res) => {
      const { q, content } = await reportFor(ctx, req);
      res.setHeader('cache-control', 'no-store');
      res.type('html').send(reportHtml(content, q.lang));
    }),
  );
  return r;
}
