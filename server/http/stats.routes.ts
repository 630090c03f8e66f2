import { Router, type Request } from 'express';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { refuseOutsideUnit, unitFilter } from '../domain/permissions';
import { DomainError } from '../domain/errors';
import { procedureLookup } from '../domain/entities';
import type { BreakdownRow, SeriesPoint, StatsScope, Summary } from '../domain/stats.service';
import { DAY_MS, startOfLocalDay } from '../../shared/periods';
import { toInstant } from './dates';
import { kioskHealth } from '../domain/kiosk-health';
import { StatsQuerySchema, type StatsQuery } from '../../shared/api/stats';

export { StatsQuerySchema };

/** Turns the query into a scope the user may see; a unit head never leaves their unit. */
export async function statsScope(ctx: AppContext, req: Request): Promise<StatsScope & { query: StatsQuery }> {
  const q = parseOr400(StatsQuerySchema, req.query);
  const user = req.user!;
  const org = await ctx.entities.get('organisation', user.orgId);
  if (!org) throw new DomainError('not-found', 'Organisation missing');
  const now = Date.now();
  const to = q.to ? toInstant(q.to, true) : now;
  const from = q.from ? toInstant(q.from, false) : startOfLocalDay(now) - 29 * DAY_MS;
  if (!(to > from)) throw new DomainError('invalid-input', 'Empty date range', [{ path: 'to', message: 'must be after from' }]);
  if (to - from > 3 * 366 * DAY_MS) throw new DomainError('invalid-input', 'Range too long', [{ path: 'from', message: 'at most three years' }]);
  const unitIds = unitFilter(user, q.unitId);
  // A unit head naming another unit's counter or officer is refused, not answered with an empty figure.
  if (q.servicePointId) refuseOutsideUnit(user, 'counter', await ctx.entities.get('servicePoint', q.servicePointId));
  if (q.officerId) refuseOutsideUnit(user, 'officer', await ctx.entities.get('officer', q.officerId));
  let procedureId = q.procedureId;
  if (q.procedureCode) {
    const p = await ctx.entities.find('procedure', procedureLookup(org.id, q.procedureCode));
    if (!p) throw new DomainError('unprocessable', 'Unknown procedure', [{ path: 'procedureCode', message: 'no such procedure' }]);
    procedureId = p.id;
  }
  const verifiedMode = q.verified ?? (org.headlineVerifiedOnly ? 'only' : 'all');
  return {
    query: q,
    from,
    to,
    target: org.target,
    minSample: org.minSample,
    indexMethod: org.indexMethod,
    filter: {
      orgId: org.id,
      unitIds,
      servicePointId: q.servicePointId,
      officerId: q.officerId,
      procedureId,
      channel: q.channel,
      verified: verifiedMode === 'all' ? undefined : verifiedMode === 'only',
    },
  };
}

/**
 * Officer rows below the minimum sample keep their n (so a screen can say how
 * many were hidden) but not their figures: the rule "nobody is judged on five
 * ratings" holds for every client of the API, not only the console.
 */
export function withheldBelowMinSample(rows: BreakdownRow[], groupBy: StatsQuery['groupBy'], minSample: number, oneOfficer = false): (BreakdownRow & { hidden?: true })[] {
  // One officer's rows by counter, procedure… are that officer's figures too (key '' there is still theirs).
  if (oneOfficer) return rows.map((r) => (r.overall.n >= minSample ? r : withheld(r)));
  if (groupBy !== 'officerId') return rows;
  return rows.map((r) => (!r.key || r.overall.n >= minSample ? r : withheld(r)));
}

function withheld(r: BreakdownRow): BreakdownRow & { hidden: true } {
  return { ...r, hidden: true, overall: { n: r.overall.n, s: 0, rate: null, interval: null, status: 'no-data', gap: null, distribution: [0, 0, 0, 0, 0] } };
}

/**
 * One officer's summary below the minimum sample: n (with the response and
 * comment counts) stays, so a screen can say why nothing is shown; the rate,
 * interval, distribution, indices, criteria, choices and integrity shares go,
 * because any of them judges that officer on a handful of ratings.
 */
export function withheldSummary(sum: Summary, minSample: number): Summary & { hidden?: true } {
  if (sum.overall.n === 0 || sum.overall.n >= minSample) return sum;
  const none = { n: 0, minSample, enough: false, counts: null, shares: null };
  return {
    ...sum,
    hidden: true,
    overall: { n: sum.overall.n, s: 0, rate: null, interval: null, status: 'no-data', gap: null, distribution: [0, 0, 0, 0, 0], notApplicable: 0 },
    indices: { criteria: {}, elements: {}, serviceIndex: null, aggregation: sum.indices.aggregation, sipas: null },
    criteria: {},
    choices: {},
    integrity: { H: none, M: none },
  };
}

/**
 * One officer's series: each bucket with 1 … minSample − 1 ratings keeps n but
 * not its rate or interval (three ratings in a week judge nobody fairly); a
 * bucket at or above the minimum is shown even when the whole range is not.
 */
export function withheldSeries(points: SeriesPoint[], minSample: number): (SeriesPoint & { hidden?: true })[] {
  return points.map((p) => (p.n === 0 || p.n >= minSample ? p : { ...p, hidden: true, s: 0, rate: null, interval: null }));
}

export function statsRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use(requireUser(ctx));
  r.get(
    '/summary',
    handle(async (req, res) => {
      const scope = await statsScope(ctx, req);
      const sum = await ctx.stats.summary(scope);
      res.json(scope.query.officerId ? withheldSummary(sum, scope.minSample) : sum);
    }),
  );
  r.get(
    '/timeseries',
    handle(async (req, res) => {
      const scope = await statsScope(ctx, req);
      const { points, source } = await ctx.stats.timeseriesWithSource(scope, scope.query.bucket);
      res.json({ bucket: scope.query.bucket, target: scope.target, source, points: scope.query.officerId ? withheldSeries(points, scope.minSample) : points });
    }),
  );
  r.get(
    '/breakdown',
    handle(async (req, res) => {
      const scope = await statsScope(ctx, req);
      const found = await ctx.stats.breakdownWithSource(scope, scope.query.groupBy);
      const source = found.source;
      const rows = withheldBelowMinSample(found.rows, scope.query.groupBy, scope.minSample, !!scope.query.officerId);
      if (scope.query.trend === 'true') {
        // A small trend has 4–31 points: days up to a month, weeks up to half a year, months beyond.
        const days = (scope.to - scope.from) / DAY_MS;
        const size = days <= 31 ? 'day' : days <= 190 ? 'week' : 'month';
        const trends = await ctx.stats.breakdownTrend(scope, scope.query.groupBy, size);
        res.json({ groupBy: scope.query.groupBy, target: scope.target, source, rows: rows.map((r) => ({ ...r, trend: { size, points: r.hidden ? [] : (trends.get(r.key) ?? []) } })) });
        return;
      }
      res.json({ groupBy: scope.query.groupBy, target: scope.target, source, rows });
    }),
  );
  /** Kiosks online, silent while their counter is open, the longest outbox (a unit head: their unit's). */
  r.get(
    '/kiosk-health',
    handle(async (req, res) => {
      const user = req.user!;
      const [devices, sps] = await Promise.all([
        ctx.entities.list('device', { orgId: user.orgId, limit: 10_000 }),
        ctx.entities.list('servicePoint', { orgId: user.orgId, limit: 10_000 }),
      ]);
      res.json(kioskHealth(user, devices, sps, Date.now()));
    }),
  );
  return r;
}
