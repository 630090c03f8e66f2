/**
 * Dossier outcomes over HTTP (shared/api/dossier-outcomes.ts):
 * - POST /dossier-outcomes        one event (integration key): 201 stored, 200 duplicate, 409 conflict;
 * - POST /dossier-outcomes/batch  up to 500 events, each answered on its own (integration key);
 * - POST /dossier-outcomes/import a CSV file, preview or commit (session; a unit head for their unit);
 * - GET  /stats/indicator-766     Decision 766 indicator 5.4 with coverage (session).
 */
import express, { Router } from 'express';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { DomainError } from '../domain/errors';
import { rolesFor, unitFilter, visibleUnitIds } from '../domain/permissions';
import { importOutcomesCsv } from '../domain/dossier-import';
import { CsvImportQuerySchema, DossierOutcomeBatchSchema, Indicator766QuerySchema, MAX_CSV_BYTES } from '../../shared/api';
import { DAY_MS, startOfLocalDay } from '../../shared/periods';
import { toInstant } from './dates';
import { toCsvImportResultDto, toIndicator766Dto, toOutcomeBatchResultDto, toOutcomeResultDto } from './dto';

export function dossierOutcomesRoutes(ctx: AppContext): Router {
  const r = Router();
  const outcomes = ctx.dossierOutcomes;

  r.post(
    '/dossier-outcomes',
    handle(async (req, res) => {
      const key = await ctx.integrationKeys.authenticate(req.headers.authorization);
      const [result] = await outcomes.record([req.body], { orgId: key.orgId });
      if (result.error) {
        const code = result.status === 'invalid' ? 'invalid-input' : result.status === 'conflict' ? 'conflict' : 'unprocessable';
        throw new DomainError(code, result.error.message, result.error.details);
      }
      res.status(result.status === 'stored' ? 201 : 200).json(toOutcomeResultDto(result));
    }),
  );

  r.post(
    '/dossier-outcomes/batch',
    handle(async (req, res) => {
      const key = await ctx.integrationKeys.authenticate(req.headers.authorization);
      const { items } = parseOr400(DossierOutcomeBatchSchema, req.body);
      const results = await outcomes.record(items, { orgId: key.orgId });
      res.status(200).json(toOutcomeBatchResultDto(results));
    }),
  );

  r.post(
    '/dossier-outcomes/import',
    requireUser(ctx, rolesFor('dossier-outcomes.import')),
    // Files are larger than JSON bodies: their own limit. The text parser decodes UTF-8 (and drops a BOM).
    express.text({ type: ['text/csv', 'text/plain'], limit: MAX_CSV_BYTES, defaultCharset: 'utf-8' }),
    handle(async (req, res) => {
      const q = parseOr400(CsvImportQuerySchema, req.query);
      if (typeof req.body !== 'string') {
        throw new DomainError('invalid-input', 'Send the file as text/csv', [{ path: 'content-type', message: 'must be text/csv (UTF-8)' }]);
      }
      const user = req.user!;
      // A unit head without a unit imports nothing rather than the whole organisation.
      const unitIds = user.role === 'unit-head' ? (visibleUnitIds(user) ?? []) : undefined;
      const result = await importOutcomesCsv(outcomes, req.body, { orgId: user.orgId, unitIds }, q.mode);
      if (q.mode === 'commit' && result.events.stored > 0) {
        await ctx.audit.record({ orgId: user.orgId, actor: user.email, action: 'dossierOutcomes.import', target: user.orgId, details: { rows: result.rows, validRows: result.validRows, stored: result.events.stored } });
      }
      res.status(200).json(toCsvImportResultDto(result));
    }),
  );

  r.get(
    '/stats/indicator-766',
    requireUser(ctx, rolesFor('stats.read')),
    handle(async (req, res) => {
      const q = parseOr400(Indicator766QuerySchema, req.query);
      const now = Date.now();
      const to = q.to ? toInstant(q.to, true) : startOfLocalDay(now) + DAY_MS;
      const from = q.from ? toInstant(q.from, false) : startOfLocalDay(now) - 29 * DAY_MS;
      if (!(to > from)) throw new DomainError('invalid-input', 'Empty date range', [{ path: 'to', message: 'must be after from' }]);
      if (to - from > 3 * 366 * DAY_MS) throw new DomainError('invalid-input', 'Range too long', [{ path: 'from', message: 'at most three years' }]);
      const unitIds = unitFilter(req.user!, q.unitId);
      res.json(toIndicator766Dto(await ctx.decision766.indicator({ orgId: req.user!.orgId, from, to, unitIds })));
    }),
  );
  return r;
}
