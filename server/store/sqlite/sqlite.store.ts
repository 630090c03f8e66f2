/**
 * The embedded default store. better-sqlite3 is synchronous, so every method
 * finishes its work before its promise is even returned; the async signatures
 * exist only to match the Store interface shared with MongoDB.
 */
import Database from 'better-sqlite3';
import type {
  GapClaim,
  KioskSeenMark,
  AggregateDelta,
  AggregateQuery,
  AggregateRow,
  CommitItem,
  CommitOutcome,
  DutyPeriod,
  DossierEventOutcome,
  DossierEventRecord,
  DossierSummary,
  AuditStoreQuery,
  DossierSummaryQuery,
  EntityRecord,
  FiguresRebuildState,
  RollupDelta,
  RollupQuery,
  ListOptions,
  ResponseQuery,
  SeriesRow,
  Store,
  StoredResponse,
} from '../types';
import { countsInFigures, isPendingSuspect } from '../types';
import { applyMigrations } from './migrations';
import { createFigureIndexesSql, dropFigureIndexesSql } from './figure-indexes';
import { foldText } from '../../../shared/fold-text';
import { COUNT_COLUMNS, aggregateRowOf, type CountColumns } from '../count-columns';
import { aggregateMatch, matchesNothing, mergeDeltas, rollupDeltasOf, splitMetrics } from '../../domain/aggregation';
import { DIMENSION_KINDS, groupName, type Dimension } from '../../../shared/dimensions';

type Db = Database.Database;

interface EntityRow {
  kind: string;
  id: string;
  org_id: string | null;
  lookup: string | null;
  data: string;
  updated_at: string;
}

interface SumRow extends CountColumns {
  grp?: string | number | null;
  bucket?: number;
  metric: string;
}

/** The aggregates' column of each dimension (flags stored as 0/1). */
const DIMENSION_COLUMN: Record<Dimension, string> = {
  unitId: 'unit_id',
  servicePointId: 'sp_id',
  officerId: 'officer_id',
  procedureId: 'procedure_id',
  channel: 'channel',
  verified: 'verified',
};

/** Expired counters are deleted on every Nth bump: cheap, and keeps the table small. */
const COUNTER_PURGE_EVERY = 1000;

export function openSqliteStore(opts: { file: string }): Store {
  const db = new Database(opts.file);
  // First, so that switching to WAL waits for another process instead of failing.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // FULL fsyncs the WAL on every commit: an acknowledged rating survives power
  // loss. The domain batches concurrent ratings into one commit to amortise it.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');

  // Statements need the tables, so they are prepared on first use (after migrate()).
  let prepared: Statements | undefined;
  const st = (): Statements => (prepared ??= prepareStatements(db));
  // Dynamic queries (optional filters) are few distinct shapes: cache by SQL text.
  const dynamic = new Map<string, Database.Statement<unknown[], unknown>>();
  const prepareCached = (sql: string) => {
    let s = dynamic.get(sql);
    if (!s) {
      s = db.prepare<unknown[], unknown>(sql);
      dynamic.set(sql, s);
    }
    return s;
  };
  let bumps = 0;

  // Every write of figures goes through here: the crossed rows and the
  // rollups derived from them, in the caller's transaction.
  const applyDeltas = (deltas: AggregateDelta[]) => {
    const s = st();
    // Positional parameters: binding 17 named ones per row costs more than the row's b-tree work.
    for (const d of deltas) {
      s.upsertAggregate.run(d.grain, d.bucket, d.orgId, d.unitId, d.servicePointId, d.officerId, d.procedureId, d.channel, d.verified ? 1 : 0, d.metric, d.c[0], d.c[1], d.c[2], d.c[3], d.c[4], d.na, d.n);
    }
    for (const r of rollupDeltasOf(deltas)) {
      s.upsertRollup.run(r.grain, r.orgId, r.dim, r.key, r.bucket, r.channel, r.verified ? 1 : 0, r.metric, r.c[0], r.c[1], r.c[2], r.c[3], r.c[4], r.na, r.n);
    }
  };

  const rebuildStartTx = db.transaction((): FiguresRebuildState => {
    db.exec('DELETE FROM aggregates; DELETE FROM rollups;');
    const state: FiguresRebuildState = {
      after: null,
      done: 0,
      total: db.prepare<[], number>('SELECT count(*) FROM responses').pluck().get() ?? 0,
      startedAt: new Date().toISOString(),
    };
    st().saveRebuild.run(JSON.stringify(state));
    return state;
  });
  // While rebuilding, the figures' secondary indexes are gone (dropping an
  // absent one is a no-op, so a resumed rebuild needs no flag); the last
  // batch creates them again, in its own transaction, before the state goes.
  // Whether the figures' secondary indexes exist (a rebuild drops them): queries name them only then.
  let figureIndexes = true;
  const readFigureIndexes = () => {
    figureIndexes = db.prepare<[string], 1>("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get('rollups_by_metric') !== undefined;
  };
  const rebuildBatchTx = db.transaction((deltas: AggregateDelta[], state: FiguresRebuildState | null) => {
    if (state) db.exec(dropFigureIndexesSql());
    // Upserts add up, so a batch need not be merged to be right; rebuild batches come merged (DeltaAccumulator).
    applyDeltas(deltas);
    if (state) st().saveRebuild.run(JSON.stringify(state));
    else {
      db.exec(createFigureIndexesSql());
      st().clearRebuild.run();
    }
  });
  // Hour rows of both tables, key by key through the primary keys (which lead
  // with grain, org and unit / dimension + key, then bucket): each key's old
  // hours are one range. Keys are found by seeking to the next one, never by
  // scanning. One transaction per call, so the write lock is held briefly.
  const purgeHoursTx = db.transaction((before: number, limit: number): number => {
    const s = st();
    let left = limit;
    for (let org = s.firstHourOrg.get(); org !== undefined && left > 0; org = s.nextHourOrg.get(org)) {
      for (let u = s.nextHourUnit.get(org, ''); u !== undefined && left > 0; u = s.nextHourUnit.get(org, u)) {
        left -= s.purgeAggregateHours.run(org, u, before, left).changes;
      }
      let k = s.firstHourKey.get(org);
      while (k !== undefined && left > 0) {
        left -= s.purgeRollupHours.run(org, k.dim, k.key, before, left).changes;
        k = s.nextHourKey.get(org, k.dim, k.key);
      }
    }
    return limit - left;
  });

  const commitTx = db.transaction((items: CommitItem[]): CommitOutcome[] => {
    const s = st();
    const now = new Date().toISOString();
    const deltas: AggregateDelta[] = [];
    const outcomes = items.map((item): CommitOutcome => {
      const r = item.response;
      const existingHash = s.responseHash.get(r.id);
      if (existingHash !== undefined) {
        return { status: existingHash === r.bodyHash ? 'duplicate' : 'conflict' };
      }
      const claims = [...new Set(item.claims ?? [])];
      const taken = claims.find((c) => s.claimExists.get(c) !== undefined);
      if (taken !== undefined) return { status: 'claimed', claim: taken };

      s.insertResponse.run(responseParams(r));
      for (const c of claims) s.insertClaim.run(c, now);
      for (const d of item.deltas) deltas.push(d);
      return { status: 'stored' };
    });
    // Items of one batch mostly hit the same buckets: add them up first so
    // each bucket row is upserted once per transaction, not once per rating.
    applyDeltas(mergeDeltas(deltas));
    return outcomes;
  });

  const exclusionTx = db.transaction(
    (id: string, exclusion: StoredResponse['excluded'], deltas: AggregateDelta[]): boolean => {
      const row = st().responseForUpdate.get(id);
      if (!row) return false;
      const wantExcluded = exclusion !== null;
      if ((row.excluded === 1) === wantExcluded) return false;
      const body = JSON.parse(row.body) as StoredResponse;
      // Deltas move only when the response counts on the side of the change where it is in the figures.
      const moves = countsInFigures(wantExcluded ? body : { ...body, excluded: null });
      body.excluded = exclusion;
      st().updateExclusion.run(wantExcluded ? 1 : 0, JSON.stringify(body), id);
      if (moves) applyDeltas(deltas);
      return true;
    },
  );

  const markKioskSeenTx = db.transaction((marks: KioskSeenMark[]) => {
    for (const m of marks) st().markKioskSeen.run(m.orgId, m.servicePointId, m.slot);
  });
  const acceptTx = db.transaction((id: string, accepted: { by: string; at: string }, deltas: AggregateDelta[]): boolean => {
    const row = st().responseForUpdate.get(id);
    if (!row || row.excluded === 1) return false;
    const body = JSON.parse(row.body) as StoredResponse;
    if (!body.suspect || !isPendingSuspect(body)) return false;
    body.suspect = { ...body.suspect, accepted };
    st().updateSuspect.run(0, JSON.stringify(body), id);
    applyDeltas(deltas);
    return true;
  });

  const gapTx = db.transaction((key: string, responseId: string, at: number, gapMs: number, keepUntil: number): boolean => {
    st().upsertGapMark.run(key, responseId, at, keepUntil);
    // Strictly closer than the gap: presses exactly one gap apart are fine.
    return st().gapNeighbour.get(key, responseId, at - gapMs, at + gapMs) === undefined;
  });

  const gapsTx = db.transaction((items: GapClaim[]): boolean[] =>
    items.map((g) => {
      st().upsertGapMark.run(g.key, g.responseId, g.at, g.keepUntil);
      return st().gapNeighbour.get(g.key, g.responseId, g.at - g.gapMs, g.at + g.gapMs) === undefined;
    }),
  );

  const dutyTx = db.transaction((p: Omit<DutyPeriod, 'to'>) => {
    st().closeDuty.run(p.from, p.servicePointId, p.from);
    st().upsertDuty.run({ spId: p.servicePointId, fromMs: p.from, orgId: p.orgId, unitId: p.unitId, officerId: p.officerId, setBy: p.setBy });
  });
  let gapClaims = 0;

  const putOne = (rec: EntityRecord<unknown>): 'ok' | 'duplicate' => {
    const owner = rec.lookup != null ? st().entityIdByLookup.get(rec.kind, rec.lookup) : undefined;
    if (owner !== undefined && owner !== rec.id) return 'duplicate';
    st().upsertEntity.run(entityParams(rec));
    return 'ok';
  };
  const putTx = db.transaction(putOne);
  // A 5,000-row procedure import: one transaction (one fsync), not 5,000.
  const putManyTx = db.transaction((recs: EntityRecord<unknown>[]) => recs.map(putOne));
  const insertManyTx = db.transaction((recs: EntityRecord<unknown>[]) =>
    recs.map((rec): 'inserted' | 'duplicate' => (st().insertEntity.run(entityParams(rec)).changes === 1 ? 'inserted' : 'duplicate')),
  );

  const claimsTx = db.transaction((claims: string[]) => {
    const now = new Date().toISOString();
    for (const c of new Set(claims)) st().insertClaimIfNew.run(c, now);
  });

  const dossierTx = db.transaction((items: DossierEventRecord[]): DossierEventOutcome[] => {
    const s = st();
    return items.map((item): DossierEventOutcome => {
      const prior = s.dossierEventHash.get(item.orgId, item.dossierHash, item.facts.event);
      if (prior !== undefined) return prior === item.factsHash ? { status: 'duplicate' } : { status: 'conflict', field: 'facts' };
      const unit = s.dossierUnit.get(item.orgId, item.dossierHash);
      // undefined: no dossier row yet; null: a dossier whose unit was never named.
      if (item.unitId !== null && unit != null && unit !== item.unitId) return { status: 'conflict', field: 'unitId' };
      s.insertDossierEvent.run({
        orgId: item.orgId,
        hash: item.dossierHash,
        event: item.facts.event,
        unitId: item.unitId,
        factsHash: item.factsHash,
        facts: JSON.stringify(item.facts),
        recordedAt: item.recordedAt,
      });
      const f = item.facts;
      s.upsertDossier.run({
        orgId: item.orgId,
        hash: item.dossierHash,
        unitId: item.unitId,
        settled: f.event === 'settled' ? 1 : 0,
        settledAt: f.event === 'settled' ? Date.parse(f.settledAt) : null,
        late: f.event === 'settled' && f.late ? 1 : 0,
        complaintEvent: f.event === 'complaint' ? 1 : 0,
        complaint: f.event === 'complaint' && f.raised ? 1 : 0,
      });
      return { status: 'stored' };
    });
  });

  const sums = (q: AggregateQuery, series: boolean): SumRow[] => {
    const built = aggregateSql(q, series, figureIndexes);
    return built ? (prepareCached(built.sql).all(...built.params) as SumRow[]) : [];
  };
  const rollupSums = (q: RollupQuery, series: boolean): SumRow[] => {
    const built = rollupSql(q, series, figureIndexes);
    return built ? (prepareCached(built.sql).all(...built.params) as SumRow[]) : [];
  };

  return {
    kind: 'sqlite',

    async migrate() {
      applyMigrations(db);
      readFigureIndexes();
    },

    async close() {
      if (!db.open) return;
      db.pragma('optimize');
      db.close();
    },

    async getEntity<T>(kind: string, id: string) {
      const row = st().entityById.get(kind, id);
      return row ? toEntity<T>(row) : null;
    },

    async findEntity<T>(kind: string, lookup: string) {
      const row = st().entityByLookup.get(kind, lookup);
      return row ? toEntity<T>(row) : null;
    },

    async listEntities<T>(kind: string, opts: ListOptions = {}) {
      // Clamped: SQLite reads a negative LIMIT as "no limit".
      const limit = Math.max(0, opts.limit ?? 1000);
      const offset = Math.max(0, opts.offset ?? 0);
      const rows =
        opts.orgId !== undefined
          ? st().listEntitiesByOrg.all(kind, opts.orgId, limit, offset)
          : st().listEntities.all(kind, limit, offset);
      return rows.map((row) => toEntity<T>(row));
    },

    async insertEntity<T>(rec: EntityRecord<T>) {
      return st().insertEntity.run(entityParams(rec)).changes === 1 ? 'inserted' : 'duplicate';
    },

    async putEntity<T>(rec: EntityRecord<T>) {
      return putTx.immediate(rec);
    },

    async insertEntities<T>(recs: EntityRecord<T>[]) {
      return recs.length ? insertManyTx.immediate(recs) : [];
    },

    async putEntities<T>(recs: EntityRecord<T>[]) {
      return recs.length ? putManyTx.immediate(recs) : [];
    },

    async deleteEntity(kind: string, id: string) {
      return st().deleteEntity.run(kind, id).changes > 0;
    },

    async commitResponses(items: CommitItem[]) {
      if (items.length === 0) return [];
      // IMMEDIATE takes the write lock up front: a deferred transaction that
      // reads then writes can fail with SQLITE_BUSY instead of waiting.
      return commitTx.immediate(items);
    },

    async getResponse(id: string) {
      const body = st().responseBody.get(id);
      return body === undefined ? null : (JSON.parse(body) as StoredResponse);
    },

    async listResponses(q: ResponseQuery) {
      const built = responsesSql(q);
      if (!built) return [];
      const bodies = prepareCached(built.sql).pluck().all(...built.params) as string[];
      return bodies.map((b) => JSON.parse(b) as StoredResponse);
    },

    async setExclusion(id, exclusion, deltas) {
      return exclusionTx.immediate(id, exclusion, deltas);
    },

    async hasClaim(claim: string) {
      return st().claimExists.get(claim) !== undefined;
    },

    async addClaims(claims: string[]) {
      if (claims.length) claimsTx.immediate(claims);
    },

    async recordDossierEvents(items: DossierEventRecord[]) {
      if (items.length === 0) return [];
      return dossierTx.immediate(items);
    },

    async getDossierEvents(orgId: string, dossierHash: string) {
      return st()
        .dossierEvents.all(orgId, dossierHash)
        .map((r) => ({ orgId, dossierHash, unitId: r.unit_id, facts: JSON.parse(r.facts) as DossierEventRecord['facts'], factsHash: r.facts_hash, recordedAt: r.recorded_at }));
    },

    async summariseDossiers(q: DossierSummaryQuery): Promise<DossierSummary> {
      const empty: DossierSummary = { anyRecorded: false, settled: 0, late: 0, complained: 0, lowRated: 0, complainedOrLowRated: 0 };
      if (q.unitIds && q.unitIds.length === 0) return empty;
      const unitWhere = q.unitIds ? ` AND unit_id IN (${placeholders(q.unitIds.length)})` : '';
      const units = q.unitIds ?? [];
      const any = prepareCached(`SELECT 1 FROM dossiers WHERE org_id = ?${unitWhere} LIMIT 1`).pluck().get(q.orgId, ...units) !== undefined;
      if (!any) return empty;
      const row = prepareCached(
        `SELECT COUNT(*) AS settled, COALESCE(SUM(late), 0) AS late, COALESCE(SUM(complaint), 0) AS complained,
                COALESCE(SUM(low), 0) AS lowRated, COALESCE(SUM(complaint = 1 OR low = 1), 0) AS complainedOrLowRated
         FROM (SELECT late, complaint, EXISTS (SELECT 1 FROM claims WHERE claim = ? || dossier_hash) AS low
               FROM dossiers WHERE org_id = ? AND settled_at IS NOT NULL AND settled_at >= ? AND settled_at < ?${unitWhere})`,
      ).get(q.lowRatingClaimPrefix, q.orgId, q.from, q.to, ...units) as Omit<DossierSummary, 'anyRecorded'>;
      return { anyRecorded: true, ...row };
    },

    async sumAggregates(q: AggregateQuery): Promise<AggregateRow[]> {
      return sums(q, false).map((row) => toAggregateRow(row, q.groupBy));
    },

    async aggregateSeries(q: AggregateQuery): Promise<SeriesRow[]> {
      return sums(q, true).map((row) => ({ bucket: Number(row.bucket), ...toAggregateRow(row, q.groupBy) }));
    },

    async sumRollups(q: RollupQuery): Promise<AggregateRow[]> {
      return rollupSums(q, false).map((row) => toRollupRow(row, q.groupBy));
    },

    async rollupSeries(q: RollupQuery): Promise<SeriesRow[]> {
      return rollupSums(q, true).map((row) => ({ bucket: Number(row.bucket), ...toRollupRow(row, q.groupBy) }));
    },

    async purgeHourFigures(before: number, limit: number) {
      return purgeHoursTx.immediate(before, Math.max(0, Math.floor(limit)));
    },

    async figuresRebuildState() {
      const raw = st().readRebuild.get();
      return raw === undefined ? null : (JSON.parse(raw) as FiguresRebuildState);
    },

    async startFiguresRebuild() {
      return rebuildStartTx.immediate();
    },

    async scanResponsesForRebuild(after, limit) {
      const n = Math.max(0, Math.floor(limit));
      const bodies = after
        ? st().rebuildScanAfter.all(after.orgId, after.serverTime, after.id, n)
        : st().rebuildScanFirst.all(n);
      return bodies.map((b) => JSON.parse(b) as StoredResponse);
    },

    async applyRebuildBatch(deltas, state) {
      try {
        rebuildBatchTx.immediate(deltas, state);
      } finally {
        // What the transaction left (committed or rolled back) decides whether queries may name the indexes.
        readFigureIndexes();
      }
    },

    async bumpCounter(key: string, windowStart: number, expiresAt: number) {
      if (++bumps % COUNTER_PURGE_EVERY === 0) st().purgeCounters.run(Date.now());
      return st().bumpCounter.get(key, windowStart, expiresAt) as number;
    },

    async readCounter(key: string, windowStart: number) {
      return (st().readCounter.get(key, windowStart) as number | undefined) ?? 0;
    },

    async acceptSuspect(id, accepted, deltas) {
      return acceptTx.immediate(id, accepted, deltas);
    },

    async claimGap(key, responseId, at, gapMs, keepUntil) {
      if (++gapClaims % COUNTER_PURGE_EVERY === 0) st().purgeGapMarks.run(Date.now());
      // A mark is not an acknowledged rating: it need not cost a WAL fsync of
      // its own (the next FULL commit syncs it too; power loss can at worst
      // forget a mark). Nothing interleaves here: better-sqlite3 is synchronous.
      db.pragma('synchronous = NORMAL');
      try {
        return gapTx.immediate(key, responseId, at, gapMs, keepUntil);
      } finally {
        db.pragma('synchronous = FULL');
      }
    },

    async claimGaps(items) {
      if (!items.length) return [];
      gapClaims += items.length;
      if (gapClaims >= COUNTER_PURGE_EVERY) {
        gapClaims = 0;
        st().purgeGapMarks.run(Date.now());
      }
      db.pragma('synchronous = NORMAL');
      try {
        return gapsTx.immediate(items);
      } finally {
        db.pragma('synchronous = FULL');
      }
    },

    async recordDuty(p) {
      dutyTx.immediate(p);
    },

    async dutyAt(servicePointId, at) {
      const row = st().dutyAt.get(servicePointId, at);
      return row ? toDuty(row) : null;
    },

    async dutyHistory(servicePointId, limit) {
      return st().dutyHistory.all(servicePointId, Math.max(0, Math.floor(limit))).map(toDuty);
    },

    async markKioskSeen(m) {
      // Like a gap mark, a presence mark need not cost an fsync of its own.
      db.pragma('synchronous = NORMAL');
      try {
        st().markKioskSeen.run(m.orgId, m.servicePointId, m.slot);
      } finally {
        db.pragma('synchronous = FULL');
      }
    },

    async markKioskSeenMany(marks) {
      if (!marks.length) return;
      db.pragma('synchronous = NORMAL');
      try {
        markKioskSeenTx(marks);
      } finally {
        db.pragma('synchronous = FULL');
      }
    },

    async kioskSeenSlots(q) {
      const sps = q.servicePointIds;
      if (sps && sps.length === 0) return [];
      const rows = sps
        ? db
            .prepare<unknown[], { sp_id: string; slot: number }>(
              `SELECT sp_id, slot FROM kiosk_seen WHERE org_id = ? AND slot >= ? AND slot < ? AND sp_id IN (${sps.map(() => '?').join(',')}) ORDER BY sp_id, slot`,
            )
            .all(q.orgId, q.fromSlot, q.toSlot, ...sps)
        : st().kioskSeenSlots.all(q.orgId, q.fromSlot, q.toSlot);
      return rows.map((r) => ({ orgId: q.orgId, servicePointId: r.sp_id, slot: r.slot }));
    },

    async firstKioskSeenSlot(orgId) {
      return st().firstKioskSeen.get(orgId) ?? null;
    },

    async purgeKioskSeen(orgId, beforeSlot) {
      return st().purgeKioskSeen.run(orgId, beforeSlot).changes;
    },

    async queryAudit<T>(q: AuditStoreQuery) {
      // kind = 'audit' as a literal: the partial indexes of migration 90 apply only then.
      const where = ["kind = 'audit'", 'org_id = @orgId'];
      const params: Record<string, string | number> = { orgId: q.orgId };
      if (q.actor) {
        where.push("json_extract(data, '$.actor') LIKE @actor ESCAPE '\\'");
        params.actor = `%${likeEscape(q.actor)}%`;
      }
      if (q.action?.endsWith('.')) {
        where.push("json_extract(data, '$.action') LIKE @action ESCAPE '\\'");
        params.action = `${likeEscape(q.action)}%`;
      } else if (q.action) {
        where.push("json_extract(data, '$.action') = @action");
        params.action = q.action;
      }
      if (q.target) {
        where.push("json_extract(data, '$.target') = @target");
        params.target = q.target;
      }
      if (q.from !== undefined) {
        where.push("json_extract(data, '$.at') >= @from");
        params.from = q.from;
      }
      if (q.to !== undefined) {
        where.push("json_extract(data, '$.at') < @to");
        params.to = q.to;
      }
      const cond = where.join(' AND ');
      const total = db.prepare<[Record<string, string | number>], number>(`SELECT count(*) FROM entities WHERE ${cond}`).pluck().get(params) ?? 0;
      const rows = db
        .prepare<[Record<string, string | number>], EntityRow>(`SELECT kind, id, org_id, lookup, data, updated_at FROM entities WHERE ${cond} ORDER BY json_extract(data, '$.at') DESC, id DESC LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: Math.max(0, Math.floor(q.limit)), offset: Math.max(0, Math.floor(q.offset)) });
      return { items: rows.map((r) => toEntity<T>(r).data), total };
    },
  };
}

/** A LIKE pattern's own characters taken literally (with ESCAPE '\\'). */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Db) {
  const entityCols = 'kind, id, org_id, lookup, data, updated_at';
  return {
    entityById: db.prepare<[string, string], EntityRow>(`SELECT ${entityCols} FROM entities WHERE kind = ? AND id = ?`),
    entityByLookup: db.prepare<[string, string], EntityRow>(
      `SELECT ${entityCols} FROM entities WHERE kind = ? AND lookup = ?`,
    ),
    entityIdByLookup: db
      .prepare<[string, string], string>('SELECT id FROM entities WHERE kind = ? AND lookup = ?')
      .pluck(),
    listEntities: db.prepare<[string, number, number], EntityRow>(
      `SELECT ${entityCols} FROM entities WHERE kind = ?
       ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`,
    ),
    listEntitiesByOrg: db.prepare<[string, string, number, number], EntityRow>(
      `SELECT ${entityCols} FROM entities WHERE kind = ? AND org_id = ?
       ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`,
    ),
    // No conflict target: a clash on the id or on the lookup both mean "duplicate".
    insertEntity: db.prepare<[EntityParams]>(
      `INSERT INTO entities (${entityCols}) VALUES (@kind, @id, @orgId, @lookup, @data, @updatedAt)
       ON CONFLICT DO NOTHING`,
    ),
    upsertEntity: db.prepare<[EntityParams]>(
      `INSERT INTO entities (${entityCols}) VALUES (@kind, @id, @orgId, @lookup, @data, @updatedAt)
       ON CONFLICT (kind, id) DO UPDATE SET org_id = excluded.org_id, lookup = excluded.lookup,
         data = excluded.data, updated_at = excluded.updated_at`,
    ),
    deleteEntity: db.prepare<[string, string]>('DELETE FROM entities WHERE kind = ? AND id = ?'),

    responseHash: db.prepare<[string], string>('SELECT body_hash FROM responses WHERE id = ?').pluck(),
    responseBody: db.prepare<[string], string>('SELECT body FROM responses WHERE id = ?').pluck(),
    responseForUpdate: db.prepare<[string], { excluded: number; body: string }>(
      'SELECT excluded, body FROM responses WHERE id = ?',
    ),
    insertResponse: db.prepare<[ResponseParams]>(
      `INSERT INTO responses (id, org_id, server_time, unit_id, sp_id, officer_id, channel, has_comment, excluded, suspect, body_hash, body, comment_folded, overall, procedure_id)
       VALUES (@id, @orgId, @serverTime, @unitId, @spId, @officerId, @channel, @hasComment, @excluded, @suspect, @bodyHash, @body, @commentFolded, @overall, @procedureId)`,
    ),
    updateExclusion: db.prepare<[number, string, string]>('UPDATE responses SET excluded = ?, body = ? WHERE id = ?'),
    updateSuspect: db.prepare<[number, string, string]>('UPDATE responses SET suspect = ?, body = ? WHERE id = ?'),

    upsertGapMark: db.prepare<[string, string, number, number]>(
      `INSERT INTO gap_marks (key, response_id, at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key, response_id) DO NOTHING`,
    ),
    gapNeighbour: db
      .prepare<[string, string, number, number], 1>('SELECT 1 FROM gap_marks WHERE key = ? AND response_id <> ? AND at > ? AND at < ? LIMIT 1')
      .pluck(),
    purgeGapMarks: db.prepare<[number]>('DELETE FROM gap_marks WHERE expires_at < ?'),

    closeDuty: db.prepare<[number, string, number]>('UPDATE duty_periods SET to_ms = ? WHERE sp_id = ? AND to_ms IS NULL AND from_ms < ?'),
    upsertDuty: db.prepare<[DutyParams]>(
      `INSERT INTO duty_periods (sp_id, from_ms, to_ms, org_id, unit_id, officer_id, set_by)
       VALUES (@spId, @fromMs, NULL, @orgId, @unitId, @officerId, @setBy)
       ON CONFLICT (sp_id, from_ms) DO UPDATE SET officer_id = excluded.officer_id, set_by = excluded.set_by,
         org_id = excluded.org_id, unit_id = excluded.unit_id`,
    ),
    dutyAt: db.prepare<[string, number], DutyRow>(
      `SELECT * FROM duty_periods WHERE sp_id = ? AND from_ms <= ? ORDER BY from_ms DESC LIMIT 1`,
    ),
    dutyHistory: db.prepare<[string, number], DutyRow>('SELECT * FROM duty_periods WHERE sp_id = ? ORDER BY from_ms DESC LIMIT ?'),

    markKioskSeen: db.prepare<[string, string, number]>('INSERT OR IGNORE INTO kiosk_seen (org_id, sp_id, slot) VALUES (?, ?, ?)'),
    kioskSeenSlots: db.prepare<[string, number, number], { sp_id: string; slot: number }>(
      'SELECT sp_id, slot FROM kiosk_seen WHERE org_id = ? AND slot >= ? AND slot < ? ORDER BY sp_id, slot',
    ),
    firstKioskSeen: db.prepare<[string], number | null>('SELECT MIN(slot) FROM kiosk_seen WHERE org_id = ?').pluck(),
    purgeKioskSeen: db.prepare<[string, number]>('DELETE FROM kiosk_seen WHERE org_id = ? AND slot < ?'),

    insertClaimIfNew: db.prepare<[string, string]>('INSERT INTO claims (claim, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING'),

    dossierEventHash: db
      .prepare<[string, string, string], string>('SELECT facts_hash FROM dossier_events WHERE org_id = ? AND dossier_hash = ? AND event = ?')
      .pluck(),
    dossierEvents: db.prepare<[string, string], { unit_id: string | null; facts: string; facts_hash: string; recorded_at: string }>(
      'SELECT unit_id, facts, facts_hash, recorded_at FROM dossier_events WHERE org_id = ? AND dossier_hash = ? ORDER BY event',
    ),
    dossierUnit: db.prepare<[string, string], string | null>('SELECT unit_id FROM dossiers WHERE org_id = ? AND dossier_hash = ?').pluck(),
    insertDossierEvent: db.prepare<[{ orgId: string; hash: string; event: string; unitId: string | null; factsHash: string; facts: string; recordedAt: string }]>(
      `INSERT INTO dossier_events (org_id, dossier_hash, event, unit_id, facts_hash, facts, recorded_at)
       VALUES (@orgId, @hash, @event, @unitId, @factsHash, @facts, @recordedAt)`,
    ),
    // One row per dossier: the first unit named sticks (a different one is refused before this);
    // each event sets only its own columns.
    upsertDossier: db.prepare<[{ orgId: string; hash: string; unitId: string | null; settled: number; settledAt: number | null; late: number; complaintEvent: number; complaint: number }]>(
      `INSERT INTO dossiers (org_id, dossier_hash, unit_id, settled_at, late, complaint)
       VALUES (@orgId, @hash, @unitId, @settledAt, @late, @complaint)
       ON CONFLICT (org_id, dossier_hash) DO UPDATE SET
         unit_id    = COALESCE(dossiers.unit_id, excluded.unit_id),
         settled_at = CASE WHEN @settled = 1 THEN excluded.settled_at ELSE dossiers.settled_at END,
         late       = CASE WHEN @settled = 1 THEN excluded.late ELSE dossiers.late END,
         complaint  = CASE WHEN @complaintEvent = 1 THEN excluded.complaint ELSE dossiers.complaint END`,
    ),

    claimExists: db.prepare<[string], 1>('SELECT 1 FROM claims WHERE claim = ?').pluck(),
    insertClaim: db.prepare<[string, string]>('INSERT INTO claims (claim, created_at) VALUES (?, ?)'),

    upsertAggregate: db.prepare<[string, number, string, string, string, string, string, string, number, string, ...CountParams]>(
      `INSERT INTO aggregates (grain, bucket, org_id, unit_id, sp_id, officer_id, procedure_id, channel, verified, metric,
                               c1, c2, c3, c4, c5, na, n)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (grain, org_id, unit_id, bucket, sp_id, officer_id, procedure_id, channel, verified, metric)
       DO UPDATE SET c1 = c1 + excluded.c1, c2 = c2 + excluded.c2, c3 = c3 + excluded.c3, c4 = c4 + excluded.c4,
                     c5 = c5 + excluded.c5, na = na + excluded.na, n = n + excluded.n`,
    ),
    upsertRollup: db.prepare<[string, string, string, string, number, string, number, string, ...CountParams]>(
      `INSERT INTO rollups (grain, org_id, dim, key, bucket, channel, verified, metric, c1, c2, c3, c4, c5, na, n)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (grain, org_id, dim, key, bucket, channel, verified, metric)
       DO UPDATE SET c1 = c1 + excluded.c1, c2 = c2 + excluded.c2, c3 = c3 + excluded.c3, c4 = c4 + excluded.c4,
                     c5 = c5 + excluded.c5, na = na + excluded.na, n = n + excluded.n`,
    ),
    // The first org holding hour rows, and the one after a given org: seeks along the primary key.
    firstHourOrg: db.prepare<[], string>(`SELECT org_id FROM aggregates WHERE grain = 'hour' ORDER BY org_id LIMIT 1`).pluck(),
    nextHourOrg: db.prepare<[string], string>(`SELECT org_id FROM aggregates WHERE grain = 'hour' AND org_id > ? ORDER BY org_id LIMIT 1`).pluck(),
    nextHourUnit: db
      .prepare<[string, string], string>(`SELECT unit_id FROM aggregates WHERE grain = 'hour' AND org_id = ? AND unit_id > ? ORDER BY unit_id LIMIT 1`)
      .pluck(),
    purgeAggregateHours: db.prepare<[string, string, number, number]>(
      `DELETE FROM aggregates WHERE (grain, org_id, unit_id, bucket, sp_id, officer_id, procedure_id, channel, verified, metric) IN
         (SELECT grain, org_id, unit_id, bucket, sp_id, officer_id, procedure_id, channel, verified, metric
          FROM aggregates WHERE grain = 'hour' AND org_id = ? AND unit_id = ? AND bucket < ? ORDER BY bucket LIMIT ?)`,
    ),
    firstHourKey: db.prepare<[string], { dim: string; key: string }>(
      `SELECT dim, key FROM rollups WHERE grain = 'hour' AND org_id = ? ORDER BY dim, key LIMIT 1`,
    ),
    nextHourKey: db.prepare<[string, string, string], { dim: string; key: string }>(
      `SELECT dim, key FROM rollups WHERE grain = 'hour' AND org_id = ? AND (dim, key) > (?, ?) ORDER BY dim, key LIMIT 1`,
    ),
    purgeRollupHours: db.prepare<[string, string, string, number, number]>(
      `DELETE FROM rollups WHERE (grain, org_id, dim, key, bucket, channel, verified, metric) IN
         (SELECT grain, org_id, dim, key, bucket, channel, verified, metric
          FROM rollups WHERE grain = 'hour' AND org_id = ? AND dim = ? AND key = ? AND bucket < ? ORDER BY bucket LIMIT ?)`,
    ),
    readRebuild: db.prepare<[], string>('SELECT state FROM figures_rebuild WHERE id = 1').pluck(),
    saveRebuild: db.prepare<[string]>('INSERT INTO figures_rebuild (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state'),
    clearRebuild: db.prepare<[]>('DELETE FROM figures_rebuild'),
    // (org_id, server_time, id) is the feed index: a rebuild walks it in order from its cursor.
    rebuildScanFirst: db.prepare<[number], string>('SELECT body FROM responses ORDER BY org_id, server_time, id LIMIT ?').pluck(),
    rebuildScanAfter: db
      .prepare<[string, string, string, number], string>(
        'SELECT body FROM responses WHERE (org_id, server_time, id) > (?, ?, ?) ORDER BY org_id, server_time, id LIMIT ?',
      )
      .pluck(),

    // SET expressions all read the old row, so the window test sees the stored window_start.
    bumpCounter: db
      .prepare<[string, number, number], number>(
        `INSERT INTO counters (key, window_start, count, expires_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN counters.window_start = excluded.window_start THEN counters.count + 1 ELSE 1 END,
           window_start = excluded.window_start,
           expires_at = excluded.expires_at
         RETURNING count`,
      )
      .pluck(),
    purgeCounters: db.prepare<[number]>('DELETE FROM counters WHERE expires_at < ?'),
    readCounter: db.prepare<[string, number], number>('SELECT count FROM counters WHERE key = ? AND window_start = ?').pluck(),
  };
}

// ---- row <-> domain mapping -------------------------------------------------

type EntityParams = ReturnType<typeof entityParams>;
function entityParams(rec: EntityRecord<unknown>) {
  return {
    kind: rec.kind,
    id: rec.id,
    orgId: rec.orgId ?? null,
    lookup: rec.lookup ?? null,
    data: JSON.stringify(rec.data ?? null),
    updatedAt: rec.updatedAt,
  };
}

function toEntity<T>(row: EntityRow): EntityRecord<T> {
  return {
    kind: row.kind,
    id: row.id,
    orgId: row.org_id,
    lookup: row.lookup,
    data: JSON.parse(row.data) as T,
    updatedAt: row.updated_at,
  };
}

type ResponseParams = ReturnType<typeof responseParams>;
function responseParams(r: StoredResponse) {
  return {
    id: r.id,
    orgId: r.orgId,
    serverTime: r.serverTime,
    unitId: r.unitId,
    spId: r.servicePointId,
    officerId: r.officerId,
    channel: r.channel,
    hasComment: hasComment(r) ? 1 : 0,
    excluded: r.excluded ? 1 : 0,
    suspect: isPendingSuspect(r) ? 1 : 0,
    bodyHash: r.bodyHash,
    body: JSON.stringify(r),
    commentFolded: hasComment(r) ? foldText(r.comment!) : null,
    overall: r.overall,
    procedureId: r.procedureId,
  };
}

function hasComment(r: Pick<StoredResponse, 'comment'>): boolean {
  return r.comment != null && r.comment.trim() !== '';
}

interface DutyParams {
  spId: string;
  fromMs: number;
  orgId: string;
  unitId: string;
  officerId: string | null;
  setBy: string;
}

interface DutyRow {
  sp_id: string;
  from_ms: number;
  to_ms: number | null;
  org_id: string;
  unit_id: string;
  officer_id: string | null;
  set_by: string;
}

function toDuty(row: DutyRow): DutyPeriod {
  return {
    orgId: row.org_id,
    unitId: row.unit_id,
    servicePointId: row.sp_id,
    officerId: row.officer_id,
    from: row.from_ms,
    to: row.to_ms,
    setBy: row.set_by,
  };
}

/** c1…c5, na, n: the counts every figure row binds last. */
type CountParams = [number, number, number, number, number, number, number];

/** A group column read back as its dimension's kind: SQLite hands a flag back as 0/1. */
function groupValue(d: Dimension, raw: SumRow['grp']): string | boolean | null {
  if (DIMENSION_KINDS[d] === 'flag') return raw === 1;
  return raw == null ? null : String(raw);
}

function toRollupRow(row: SumRow, groupBy: RollupQuery['groupBy']): AggregateRow {
  const out = aggregateRowOf(row.metric, row);
  if (groupBy === 'verified') out.group = String(row.grp === 1);
  else if (groupBy) out.group = String(row.grp ?? '');
  return out;
}

function toAggregateRow(row: SumRow, groupBy: Dimension | undefined): AggregateRow {
  const out = aggregateRowOf(row.metric, row);
  if (groupBy) out.group = groupName(groupBy, groupValue(groupBy, row.grp));
  return out;
}

// ---- dynamic SQL (values always bound as parameters) ------------------------

interface BuiltSql {
  sql: string;
  params: unknown[];
}

const SUM_COUNTS = COUNT_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ');

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The metric names (exact, or prefixes) as one OR-condition; its values are pushed onto params. */
function metricCondition({ exact, prefixes }: { exact: readonly string[]; prefixes: readonly string[] }, params: unknown[]): string {
  const any: string[] = [];
  if (exact.length) {
    any.push(`metric IN (${placeholders(exact.length)})`);
    params.push(...exact);
  }
  // instr(...) = 1 is a case-sensitive "starts with"; LIKE would fold case
  // and treat '_' in metric codes as a wildcard.
  for (const p of prefixes) {
    any.push('instr(metric, ?) = 1');
    params.push(p);
  }
  return `(${any.join(' OR ')})`;
}

/** Null when the filter can match nothing (an empty unitIds or metrics list). */
function aggregateSql(q: AggregateQuery, series: boolean, indexes = true): BuiltSql | null {
  const m = aggregateMatch(q.filter);
  if (!m) return null;
  const where = ['grain = ?', 'org_id = ?', 'bucket >= ?', 'bucket < ?'];
  const params: unknown[] = [q.grain, m.orgId, q.from, q.to];
  if (m.unitIds) {
    where.push(`${DIMENSION_COLUMN.unitId} IN (${placeholders(m.unitIds.length)})`);
    params.push(...m.unitIds);
  }
  for (const { dimension, value } of m.equal) {
    where.push(`${DIMENSION_COLUMN[dimension]} = ?`);
    params.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
  }
  if (m.metrics) where.push(metricCondition(m.metrics, params));

  const keys = [...(series ? ['bucket'] : []), ...(q.groupBy ? [`${DIMENSION_COLUMN[q.groupBy]}`] : []), 'metric'];
  const select = [
    ...(series ? ['bucket'] : []),
    ...(q.groupBy ? [`${DIMENSION_COLUMN[q.groupBy]} AS grp`] : []),
    'metric',
    SUM_COUNTS,
  ];
  const sql = `SELECT ${select.join(', ')} FROM aggregates${indexes ? crossedIndex(m) : ''} WHERE ${where.join(' AND ')}
    GROUP BY ${keys.join(', ')} ORDER BY ${keys.join(', ')}`;
  return { sql, params };
}

/**
 * The crossed table's entry point for a filter: the most selective pinned
 * entity's index (a counter has fewer rows than an officer, an officer than
 * a unit, a unit than a procedure). Named, not left to the planner: without
 * ANALYZE statistics it cannot tell them apart.
 */
function crossedIndex(m: NonNullable<ReturnType<typeof aggregateMatch>>): string {
  const pinned = new Set(m.equal.map((e) => e.dimension));
  if (pinned.has('servicePointId')) return ' INDEXED BY aggregates_by_counter';
  if (pinned.has('officerId')) return ' INDEXED BY aggregates_by_officer';
  if (m.unitIds) return '';
  if (pinned.has('procedureId')) return ' INDEXED BY aggregates_by_procedure';
  return '';
}

/**
 * The metrics the rollups' partial indexes hold (figure-indexes.ts spells the
 * same list): what breakdowns, series and the live today figures read across
 * keys. A query across keys for any other metric walks every key's buckets.
 */
const OVERALL_METRICS: readonly string[] = ['q:O', 'resp', 'comment'];

const ROLLUP_GROUP_COLUMN = { key: 'key', channel: 'channel', verified: 'verified' } as const;

/** Null when the query can match nothing (no keys or no metrics). */
function rollupSql(q: RollupQuery, series: boolean, indexes = true): BuiltSql | null {
  if (q.keys?.length === 0 || q.metrics?.length === 0) return null;
  const where = ['grain = ?', 'org_id = ?', 'dim = ?'];
  const params: unknown[] = [q.grain, q.orgId, q.dim];
  if (q.keys) {
    where.push(`key IN (${placeholders(q.keys.length)})`);
    params.push(...q.keys);
  } else if (q.dim === 'org') {
    // Always '' there; said, so the key-led indexes can range over the buckets.
    where.push("key = ''");
  }
  where.push('bucket >= ?', 'bucket < ?');
  params.push(q.from, q.to);
  if (q.channel !== undefined) {
    where.push('channel = ?');
    params.push(q.channel);
  }
  if (q.verified !== undefined) {
    where.push('verified = ?');
    params.push(q.verified ? 1 : 0);
  }
  let index = '';
  if (q.metrics) {
    const { exact, prefixes } = splitMetrics(q.metrics);
    where.push(metricCondition({ exact, prefixes }, params));
    // Only the overall question, the response and comment counts: read them straight
    // from the metric-ordered partial copies (across keys for a breakdown,
    // along one key's buckets for a series). SQLite uses a partial index only
    // when the query repeats its condition word for word, hence the literal.
    if (!prefixes.length && exact.every((m) => OVERALL_METRICS.includes(m))) {
      where.push(`metric IN (${OVERALL_METRICS.map((m) => `'${m}'`).join(', ')})`);
      if (indexes) index = q.keys || q.dim === 'org' ? ' INDEXED BY rollups_by_key_metric' : ' INDEXED BY rollups_by_metric';
    }
  }
  const group = q.groupBy ? ROLLUP_GROUP_COLUMN[q.groupBy] : undefined;
  const keys = [...(series ? ['bucket'] : []), ...(group ? [group] : []), 'metric'];
  const select = [...(series ? ['bucket'] : []), ...(group ? [`${group} AS grp`] : []), 'metric', SUM_COUNTS];
  const sql = `SELECT ${select.join(', ')} FROM rollups${index} WHERE ${where.join(' AND ')}
    GROUP BY ${keys.join(', ')} ORDER BY ${keys.join(', ')}`;
  return { sql, params };
}

/** Null when the filter can match nothing (an empty unitIds list). */
function responsesSql(q: ResponseQuery): BuiltSql | null {
  if (matchesNothing(q)) return null;
  const where = ['org_id = ?'];
  const params: unknown[] = [q.orgId];
  const add = (cond: string, ...vals: unknown[]) => {
    where.push(cond);
    params.push(...vals);
  };
  if (q.from !== undefined) add('server_time >= ?', q.from);
  if (q.to !== undefined) add('server_time < ?', q.to);
  if (q.unitIds) add(`unit_id IN (${placeholders(q.unitIds.length)})`, ...q.unitIds);
  if (q.servicePointId !== undefined) add('sp_id = ?', q.servicePointId);
  if (q.officerId !== undefined) add('officer_id = ?', q.officerId);
  if (q.channel !== undefined) add('channel = ?', q.channel);
  if (q.withComment !== undefined) add('has_comment = ?', q.withComment ? 1 : 0);
  if (!q.includeExcluded || q.suspect === 'pending') add('excluded = 0');
  if (q.suspect === 'pending') add('suspect = 1');
  const needle = q.commentContains ? foldText(q.commentContains) : '';
  if (needle) add('instr(comment_folded, ?) > 0', needle);
  if (q.overall !== undefined) add('overall = ?', q.overall);
  if (q.procedureId !== undefined) add('procedure_id = ?', q.procedureId);
  // A row value comparison lets SQLite walk the (org_id, server_time, id) index backwards from the cursor.
  if (q.before) add('(server_time, id) < (?, ?)', q.before.serverTime, q.before.id);
  const limit = Math.max(0, Math.floor(q.limit));
  return {
    sql: `SELECT body FROM responses WHERE ${where.join(' AND ')} ORDER BY server_time DESC, id DESC LIMIT ?`,
    params: [...params, limit],
  };
}
