/**
 * The MongoDB store, for deployments past one machine. Same semantics as the
 * SQLite store; the contract suite in test/contract runs against both.
 *
 * MongoDB MUST run as a replica set: commitResponses and setExclusion use
 * multi-document transactions, which a standalone mongod rejects. A
 * single-node replica set (`mongod --replSet rs0`, then `rs.initiate()`) is
 * enough for one server.
 *
 * Indexes are built only by migrate() (autoIndex/autoCreate off), so starting
 * a node never triggers an index build on a large collection.
 */
import mongoose, { Schema, mongo, type ClientSession, type Connection, type PipelineStage } from 'mongoose';
import type {
  AggregateDelta,
  AggregateQuery,
  AggregateRow,
  CommitItem,
  CommitOutcome,
  DutyPeriod,
  KioskSeenMark,
  DossierEventOutcome,
  DossierEventRecord,
  DossierFacts,
  DossierSummary,
  AuditStoreQuery,
  DossierSummaryQuery,
  EntityRecord,
  FiguresRebuildState,
  ListOptions,
  RollupDelta,
  RollupQuery,
  ResponseQuery,
  SeriesRow,
  Store,
  StoredResponse,
} from '../types';
import { countsInFigures, isPendingSuspect } from '../types';
import { COUNT_COLUMNS, aggregateRowOf, toCountColumns, type CountColumns } from '../count-columns';
import {
  BUCKET_KEY,
  ROLLUP_KEY,
  aggregateMatch,
  matchesNothing,
  mergeDeltas,
  rollupDeltasOf,
  splitMetrics,
  type BucketKeyField,
  type RollupKeyField,
} from '../../domain/aggregation';
import { DIMENSIONS, DIMENSION_KINDS, groupName, type Dimension } from '../../../shared/dimensions';
import { foldText } from '../../../shared/fold-text';

// ---- document shapes (never leave this module) ------------------------------

interface EntityDoc {
  kind: string;
  id: string;
  orgId: string | null;
  lookup: string | null;
  data: unknown;
  updatedAt: string;
}

/** The stored response with its id as `_id`, plus flags the comment feed and the review list filter on. */
/** commentFolded: the comment folded by shared/fold-text, for search (absent when there is no comment). */
type ResponseDoc = Omit<StoredResponse, 'id'> & { _id: string; hasComment: boolean; suspectPending?: boolean; commentFolded?: string | null };

/** One rating's mark for the minimum gap of one kiosk. `_id` = key + NUL + response id. */
interface GapMarkDoc {
  _id: string;
  key: string;
  at: number;
  expiresAt: Date;
}

/** Taken (incremented) first in every gap transaction, so two claims on one key conflict and one retries. */
interface GapLockDoc {
  _id: string;
  n: number;
}

/** A kiosk presence mark; `_id` = org + NUL + counter + NUL + slot, so a second mark of a slot is a no-op upsert. */
type KioskSeenDoc = KioskSeenMark & { _id: string };

/** A duty period; `_id` = counter id + NUL + from. */
type DutyDoc = DutyPeriod & { _id: string };

interface ClaimDoc {
  _id: string;
  createdAt: Date;
}

/** A bucket: its key fields (every dimension under its own name) and its counts. */
type AggregateDoc = Pick<AggregateDelta, BucketKeyField> & CountColumns;

/** A per-dimension rollup bucket: (grain, orgId, dim, key, bucket, channel, verified, metric) and its counts. */
type RollupDoc = Pick<RollupDelta, RollupKeyField> & CountColumns;

/**
 * Store-wide bookkeeping, one document per purpose: `figures-rebuild` holds
 * the rebuild in progress (`state`), `figures-schema` the figures layout
 * version migrate() last brought the store to (`version`).
 */
interface MetaDoc {
  _id: string;
  state?: FiguresRebuildState;
  /** Set while a started rebuild is still emptying the figures (see clearFigures). */
  clearing?: boolean;
  version?: number;
}

interface CounterDoc {
  _id: string;
  windowStart: number;
  count: number;
  /** A Date so the TTL index can purge expired counters. */
  expiresAt: Date;
}

/** One (dossier, event) as received; `_id` = `<orgId>:<dossierHash>:<event>` makes replays collide. */
interface DossierEventDoc {
  _id: string;
  orgId: string;
  dossierHash: string;
  event: string;
  unitId: string | null;
  factsHash: string;
  facts: DossierFacts;
  recordedAt: string;
}

/** The per-dossier projection indicator 5.4 reads; `_id` = `<orgId>:<dossierHash>`. */
interface DossierDoc {
  _id: string;
  orgId: string;
  dossierHash: string;
  unitId: string | null;
  /** Epoch ms; null until settled. */
  settledAt: number | null;
  late: boolean;
  complaint: boolean;
}

// ---- schemas ----------------------------------------------------------------

const { Mixed } = Schema.Types;
// minimize:false keeps empty objects ({} answers/data) instead of dropping them;
// id:false frees the `id` path for entities.
const schemaOptions = { versionKey: false, minimize: false, id: false, autoIndex: false, autoCreate: false } as const;

const entitySchema = new Schema<EntityDoc>(
  {
    kind: String,
    id: String,
    orgId: { type: String, default: null },
    lookup: { type: String, default: null },
    data: Mixed,
    updatedAt: String,
  },
  schemaOptions,
);
entitySchema.index({ kind: 1, id: 1 }, { unique: true });
// Only string lookups are indexed, so any number of records may have none.
entitySchema.index({ kind: 1, lookup: 1 }, { unique: true, partialFilterExpression: { lookup: { $type: 'string' } } });
entitySchema.index({ kind: 1, orgId: 1, updatedAt: -1, id: -1 });
entitySchema.index({ kind: 1, updatedAt: -1, id: -1 });
// The audit log filtered in the store (queryAudit): by time, action or record, per organisation.
entitySchema.index({ orgId: 1, 'data.at': -1, id: -1 }, { partialFilterExpression: { kind: 'audit' } });
entitySchema.index({ orgId: 1, 'data.action': 1, 'data.at': -1 }, { partialFilterExpression: { kind: 'audit' } });
entitySchema.index({ orgId: 1, 'data.target': 1, 'data.at': -1 }, { partialFilterExpression: { kind: 'audit' } });

const responseSchema = new Schema<ResponseDoc>(
  {
    _id: String,
    orgId: String,
    unitId: String,
    servicePointId: String,
    deviceId: String,
    officerId: String,
    procedureId: String,
    surveyVersionId: String,
    channel: String,
    verified: Boolean,
    outsideHours: Boolean,
    locale: String,
    overall: Number,
    answers: Mixed,
    comment: String,
    clientTime: String,
    serverTime: String,
    bodyHash: String,
    excluded: Mixed,
    suspect: Mixed,
    hasComment: Boolean,
    suspectPending: Boolean,
    commentFolded: String,
  },
  // strict:false: a field added to StoredResponse later is kept, as SQLite's JSON body keeps it.
  { ...schemaOptions, strict: false },
);
responseSchema.index({ orgId: 1, serverTime: -1, _id: -1 });
// The review list: only pending suspects are in it, so it stays small.
responseSchema.index({ orgId: 1, suspectPending: 1, serverTime: -1, _id: -1 }, { partialFilterExpression: { suspectPending: true } });

const gapMarkSchema = new Schema<GapMarkDoc>({ _id: String, key: String, at: Number, expiresAt: Date }, schemaOptions);
gapMarkSchema.index({ key: 1, at: 1 });
gapMarkSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
const gapLockSchema = new Schema<GapLockDoc>({ _id: String, n: Number }, schemaOptions);

const dutySchema = new Schema<DutyDoc>(
  { _id: String, orgId: String, unitId: String, servicePointId: String, officerId: String, from: Number, to: Number, setBy: String },
  schemaOptions,
);
dutySchema.index({ servicePointId: 1, from: -1 });

const kioskSeenSchema = new Schema<KioskSeenDoc>({ _id: String, orgId: String, servicePointId: String, slot: Number }, schemaOptions);
kioskSeenSchema.index({ orgId: 1, servicePointId: 1, slot: 1 });
kioskSeenSchema.index({ orgId: 1, slot: 1 });

const claimSchema = new Schema<ClaimDoc>({ _id: String, createdAt: Date }, schemaOptions);

const aggregateSchema = new Schema<AggregateDoc>(
  {
    grain: String,
    orgId: String,
    bucket: Number,
    ...Object.fromEntries(DIMENSIONS.map((d) => [d, DIMENSION_KINDS[d] === 'flag' ? Boolean : String])),
    metric: String,
    ...Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number])),
  },
  schemaOptions,
);
// The crossed buckets, keyed unit first as SQLite's primary key (migration 100):
// a unit head's range query walks its own units' rows, not every row of the range.
// migrate() drops the unique index of the old (grain, orgId, bucket, …) order.
const CROSSED_KEY = ['grain', 'orgId', 'unitId', 'bucket', 'servicePointId', 'officerId', 'procedureId', 'channel', 'verified', 'metric'] as const satisfies readonly BucketKeyField[];
const COUNTS = Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 1 as const]));
const ascending = (fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, 1 as const]));
aggregateSchema.index(ascending(CROSSED_KEY), { unique: true, name: 'aggregates_key' });
// A crossed query that pins a counter, an officer or a procedure walks that entity's
// rows through its own index; the counts ride along so the $group is covered.
aggregateSchema.index(
  { ...ascending(['grain', 'orgId', 'servicePointId', 'bucket', 'officerId', 'procedureId', 'metric', 'channel', 'verified', 'unitId']), ...COUNTS },
  { name: 'aggregates_by_counter' },
);
aggregateSchema.index(
  { ...ascending(['grain', 'orgId', 'officerId', 'bucket', 'procedureId', 'metric', 'channel', 'verified', 'unitId', 'servicePointId']), ...COUNTS },
  { name: 'aggregates_by_officer' },
);
aggregateSchema.index(
  { ...ascending(['grain', 'orgId', 'procedureId', 'bucket', 'metric', 'channel', 'verified', 'unitId', 'servicePointId', 'officerId']), ...COUNTS },
  { name: 'aggregates_by_procedure' },
);
// Hour retention (purgeHourFigures): the oldest hour rows first, day and month rows not in it.
aggregateSchema.index({ bucket: 1 }, { name: 'aggregates_hour_bucket', partialFilterExpression: { grain: 'hour' } });

const rollupSchema = new Schema<RollupDoc>(
  {
    grain: String,
    orgId: String,
    dim: String,
    key: String,
    bucket: Number,
    channel: String,
    verified: Boolean,
    metric: String,
    ...Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number])),
  },
  schemaOptions,
);
// The $inc upserts' key, in SQLite's primary-key order; also a series of one key's buckets.
rollupSchema.index(ascending(ROLLUP_KEY), { unique: true, name: 'rollups_key' });
// Breakdowns: one metric across every key of a dimension, bucket range first.
rollupSchema.index({ ...ascending(['grain', 'orgId', 'dim', 'metric', 'bucket', 'key', 'channel', 'verified']), ...COUNTS }, { name: 'rollups_by_metric' });
// Series and summaries of named keys: one key's metric along its buckets.
rollupSchema.index({ ...ascending(['grain', 'orgId', 'dim', 'key', 'metric', 'bucket', 'channel', 'verified']), ...COUNTS }, { name: 'rollups_by_key_metric' });
rollupSchema.index({ bucket: 1 }, { name: 'rollups_hour_bucket', partialFilterExpression: { grain: 'hour' } });

const metaSchema = new Schema<MetaDoc>({ _id: String, state: Mixed, clearing: Boolean, version: Number }, schemaOptions);

const counterSchema = new Schema<CounterDoc>(
  { _id: String, windowStart: Number, count: Number, expiresAt: Date },
  schemaOptions,
);
counterSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

const dossierEventSchema = new Schema<DossierEventDoc>(
  { _id: String, orgId: String, dossierHash: String, event: String, unitId: { type: String, default: null }, factsHash: String, facts: Mixed, recordedAt: String },
  schemaOptions,
);
const dossierSchema = new Schema<DossierDoc>(
  { _id: String, orgId: String, dossierHash: String, unitId: { type: String, default: null }, settledAt: { type: Number, default: null }, late: Boolean, complaint: Boolean },
  schemaOptions,
);
// The indicator's range scan: dossiers settled in a period, per organisation (and unit).
dossierSchema.index({ orgId: 1, settledAt: 1 }, { partialFilterExpression: { settledAt: { $type: 'number' } } });
dossierSchema.index({ orgId: 1, unitId: 1 });

// ---- the store --------------------------------------------------------------

const REBUILD_ID = 'figures-rebuild';
const SCHEMA_ID = 'figures-schema';
/** The figures layout of issue 14 (rollups, month grain, unit-first crossed key); SQLite's migration 100. */
const FIGURES_VERSION = 100;

/** Commits are acknowledged only once a majority has them in its journal. */
const durable = new mongo.WriteConcern('majority', undefined, true);
const txOptions: mongo.TransactionOptions = {
  readConcern: { level: 'snapshot' },
  writeConcern: durable,
  readPreference: 'primary',
};

export async function openMongoStore(opts: { uri: string; dbName?: string }): Promise<Store> {
  const conn: Connection = await mongoose
    .createConnection(opts.uri, {
      autoIndex: false,
      autoCreate: false,
      writeConcern: { w: 'majority', journal: true },
      ...(opts.dbName ? { dbName: opts.dbName } : {}),
    })
    .asPromise();

  const Entities = conn.model<EntityDoc>('Entity', entitySchema, 'entities');
  const Responses = conn.model<ResponseDoc>('Response', responseSchema, 'responses');
  const Claims = conn.model<ClaimDoc>('Claim', claimSchema, 'claims');
  const Aggregates = conn.model<AggregateDoc>('Aggregate', aggregateSchema, 'aggregates');
  const Rollups = conn.model<RollupDoc>('Rollup', rollupSchema, 'rollups');
  const Meta = conn.model<MetaDoc>('Meta', metaSchema, 'meta');
  const Counters = conn.model<CounterDoc>('Counter', counterSchema, 'counters');
  const GapMarks = conn.model<GapMarkDoc>('GapMark', gapMarkSchema, 'gapMarks');
  const GapLocks = conn.model<GapLockDoc>('GapLock', gapLockSchema, 'gapLocks');
  const Duty = conn.model<DutyDoc>('Duty', dutySchema, 'dutyPeriods');
  const KioskSeen = conn.model<KioskSeenDoc>('KioskSeen', kioskSeenSchema, 'kioskSeen');
  const DossierEvents = conn.model<DossierEventDoc>('DossierEvent', dossierEventSchema, 'dossierEvents');
  const Dossiers = conn.model<DossierDoc>('Dossier', dossierSchema, 'dossiers');

  /** Runs fn in a transaction; withTransaction retries it whole on transient errors, so fn must start from scratch. */
  const inTransaction = async <T>(fn: (session: ClientSession) => Promise<T>): Promise<T> => {
    const session = await conn.startSession();
    try {
      return await session.withTransaction(() => fn(session), txOptions);
    } finally {
      await session.endSession();
    }
  };

  /**
   * A transaction that may create figure buckets, retried once on a duplicate
   * key: a concurrent transaction that inserted the same new bucket after our
   * snapshot can surface as one instead of a (retried) write conflict. The
   * retry starts from scratch, so its state checks see the winner's writes.
   * (A pending suspect's buckets, never written, are the likely case.)
   */
  const figuresTransaction = async <T>(fn: (session: ClientSession) => Promise<T>): Promise<T> => {
    try {
      return await inTransaction(fn);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return inTransaction(fn);
    }
  };

  /**
   * Every write of figures goes through here: the crossed buckets and the
   * rollups derived from them (rollupDeltasOf), in the caller's transaction,
   * so the two can never disagree. One $inc upsert per bucket, merged first.
   */
  const applyDeltas = async (deltas: AggregateDelta[], session: ClientSession) => {
    const merged = mergeDeltas(deltas);
    if (!merged.length) return;
    const crossed = merged.map((d) => ({
      updateOne: { filter: aggregateKey(d), update: { $inc: toCountColumns(d) }, upsert: true, setDefaultsOnInsert: false },
    }));
    const rolled = rollupDeltasOf(merged).map((r) => ({
      updateOne: { filter: rollupKey(r), update: { $inc: toCountColumns(r) }, upsert: true, setDefaultsOnInsert: false },
    }));
    // ordered (the default): a failing op throws instead of being skipped silently,
    // and the transaction is aborted whole. Sequential: one session runs one operation at a time.
    await Aggregates.bulkWrite(crossed, { session });
    await Rollups.bulkWrite(rolled, { session });
  };

  const saveRebuildState = async (state: FiguresRebuildState | null, session: ClientSession) => {
    if (state) await Meta.updateOne({ _id: REBUILD_ID }, { $set: { state } }, { upsert: true, session }).exec();
    else await Meta.deleteOne({ _id: REBUILD_ID }, { session }).exec();
  };

  /** A fresh rebuild state; `total` is counted first (progress only, and nothing else writes figures meanwhile). */
  const freshRebuildState = async (): Promise<FiguresRebuildState> => ({
    after: null,
    done: 0,
    total: await Responses.countDocuments({}).exec(),
    startedAt: new Date().toISOString(),
  });

  /**
   * Empties both figures collections for a rebuild whose state is saved with
   * `clearing: true`, then clears the flag. Not one transaction: a national
   * store's buckets are far past a transaction's time and size limits. Not a
   * drop either: dropping a sharded collection loses its shard key. A crash
   * midway leaves the flag, and the next migrate() (every start) finishes the
   * job before any batch can be applied (applyRebuildBatch refuses meanwhile).
   */
  const clearFigures = async () => {
    await Aggregates.deleteMany({}).exec();
    await Rollups.deleteMany({}).exec();
    await Meta.updateOne({ _id: REBUILD_ID }, { $unset: { clearing: 1 } }).exec();
  };

  /** Saves a fresh state flagged `clearing` (one document: atomic without a transaction), then empties the figures. */
  const startRebuild = async (): Promise<FiguresRebuildState> => {
    const state = await freshRebuildState();
    await Meta.replaceOne({ _id: REBUILD_ID }, { _id: REBUILD_ID, state, clearing: true }, { upsert: true }).exec();
    await clearFigures();
    return state;
  };

  /**
   * The figures layout of issue 14 on a store made before it: the old crossed
   * unique index (grain, orgId, bucket, …) goes, and a store holding responses
   * but no rollups and no rebuild in progress gets a pending rebuild with its
   * old crossed buckets emptied, which the server runs at start (as SQLite
   * migration 100). The layout version is recorded once that is done, so a
   * store whose every response is excluded is not rebuilt at every start.
   */
  const upgradeFigures = async () => {
    const crossedKey = JSON.stringify(ascending(CROSSED_KEY));
    const bucketFields = [...BUCKET_KEY].sort().join();
    for (const ix of await Aggregates.collection.indexes()) {
      const fields = Object.keys(ix.key);
      const stale = ix.unique && fields.slice().sort().join() === bucketFields && JSON.stringify(ix.key) !== crossedKey;
      if (stale && ix.name) await Aggregates.collection.dropIndex(ix.name);
    }
    const pending = await Meta.findById(REBUILD_ID).lean<MetaDoc>().exec();
    if (pending?.clearing) await clearFigures();
    const schema = await Meta.findById(SCHEMA_ID).lean<MetaDoc>().exec();
    if ((schema?.version ?? 0) >= FIGURES_VERSION) return;
    const needsRebuild = !pending && (await Responses.exists({}).exec()) !== null && (await Rollups.exists({}).exec()) === null;
    if (needsRebuild) await startRebuild();
    await Meta.replaceOne({ _id: SCHEMA_ID }, { _id: SCHEMA_ID, version: FIGURES_VERSION }, { upsert: true }).exec();
  };

  /** One transaction for the whole batch, whatever its size: two reads, three writes. */
  const commitBatch = (items: CommitItem[]) =>
    inTransaction(async (session) => {
      // Decide item by item in memory, tracking what earlier items took, so
      // repeats inside one batch behave as if committed one after another.
      const ids = [...new Set(items.map((i) => i.response.id))];
      const known = new Map<string, string>();
      for (const d of await Responses.find({ _id: { $in: ids } }, { bodyHash: 1 })
        .session(session)
        .lean<Pick<ResponseDoc, '_id' | 'bodyHash'>[]>()
        .exec()) {
        known.set(d._id, d.bodyHash);
      }
      const wanted = [...new Set(items.flatMap((i) => i.claims ?? []))];
      const taken = new Set<string>();
      if (wanted.length) {
        for (const c of await Claims.find({ _id: { $in: wanted } }, { _id: 1 })
          .session(session)
          .lean<Pick<ClaimDoc, '_id'>[]>()
          .exec()) {
          taken.add(c._id);
        }
      }

      const now = new Date();
      const newResponses: ResponseDoc[] = [];
      const newClaims: ClaimDoc[] = [];
      const deltas: AggregateDelta[] = [];
      const outcomes = items.map((item): CommitOutcome => {
        const r = item.response;
        const priorHash = known.get(r.id);
        if (priorHash !== undefined) return { status: priorHash === r.bodyHash ? 'duplicate' : 'conflict' };
        const claims = [...new Set(item.claims ?? [])];
        const clash = claims.find((c) => taken.has(c));
        if (clash !== undefined) return { status: 'claimed', claim: clash };

        known.set(r.id, r.bodyHash);
        for (const c of claims) {
          taken.add(c);
          newClaims.push({ _id: c, createdAt: now });
        }
        newResponses.push(toResponseDoc(r));
        deltas.push(...item.deltas);
        return { status: 'stored' };
      });

      // lean: these documents are built here with exact types; skip hydration on the hot path.
      if (newResponses.length) await Responses.insertMany(newResponses, { session, lean: true });
      if (newClaims.length) await Claims.insertMany(newClaims, { session, lean: true });
      await applyDeltas(deltas, session);
      return outcomes;
    });

  /** Item by item in one transaction, as SQLite does: a later item of the batch sees an earlier one. */
  const recordDossiers = (items: DossierEventRecord[]) =>
    inTransaction(async (session) => {
      const outcomes: DossierEventOutcome[] = [];
      for (const item of items) {
        const eventId = `${item.orgId}:${item.dossierHash}:${item.facts.event}`;
        const dossierId = `${item.orgId}:${item.dossierHash}`;
        const prior = await DossierEvents.findById(eventId, { factsHash: 1 }).session(session).lean<Pick<DossierEventDoc, 'factsHash'>>().exec();
        if (prior) {
          outcomes.push(prior.factsHash === item.factsHash ? { status: 'duplicate' } : { status: 'conflict', field: 'facts' });
          continue;
        }
        const dossier = await Dossiers.findById(dossierId, { unitId: 1 }).session(session).lean<Pick<DossierDoc, 'unitId'>>().exec();
        if (item.unitId !== null && dossier?.unitId != null && dossier.unitId !== item.unitId) {
          outcomes.push({ status: 'conflict', field: 'unitId' });
          continue;
        }
        await DossierEvents.insertMany(
          [{ _id: eventId, orgId: item.orgId, dossierHash: item.dossierHash, event: item.facts.event, unitId: item.unitId, factsHash: item.factsHash, facts: item.facts, recordedAt: item.recordedAt }],
          { session, lean: true },
        );
        const f = item.facts;
        const set: Partial<DossierDoc> = {};
        // The first unit named sticks (a different one was refused above).
        if (item.unitId !== null && dossier?.unitId == null) set.unitId = item.unitId;
        if (f.event === 'settled') Object.assign(set, { settledAt: Date.parse(f.settledAt), late: f.late });
        if (f.event === 'complaint') set.complaint = f.raised;
        const onInsert: Partial<DossierDoc> = { orgId: item.orgId, dossierHash: item.dossierHash };
        if (!('unitId' in set)) onInsert.unitId = null;
        if (!('settledAt' in set)) Object.assign(onInsert, { settledAt: null, late: false });
        if (!('complaint' in set)) onInsert.complaint = false;
        await Dossiers.updateOne({ _id: dossierId }, { $set: set, $setOnInsert: onInsert }, { upsert: true, session, setDefaultsOnInsert: false }).exec();
        outcomes.push({ status: 'stored' });
      }
      return outcomes;
    });

  const sums = async (q: AggregateQuery, series: boolean) => {
    const pipeline = aggregatePipeline(q, series);
    if (!pipeline) return [];
    const hint = crossedHint(q);
    const agg = Aggregates.aggregate<SumResult>(pipeline);
    return (hint ? agg.option({ hint }) : agg).exec();
  };
  const rollupSums = async (q: RollupQuery, series: boolean) => {
    const built = rollupPipeline(q, series);
    if (!built) return [];
    const agg = Rollups.aggregate<SumResult>(built.pipeline);
    return (built.hint ? agg.option({ hint: built.hint }) : agg).exec();
  };
  /** The first organisation after `org` (any when null) that has responses: the feed index's first key past it. */
  const nextOrg = async (org: string | null): Promise<string | null> => {
    const doc = await Responses.findOne(org === null ? {} : { orgId: { $gt: org } }, { orgId: 1 })
      .sort({ orgId: 1 })
      .lean<Pick<ResponseDoc, 'orgId'>>()
      .exec();
    return doc?.orgId ?? null;
  };

  const claimGapOne = async (key: string, responseId: string, at: number, gapMs: number, keepUntil: number): Promise<boolean> => {
    return inTransaction(async (session) => {
      // Serialises claims on one kiosk: without it, two transactions could each see no neighbour (write skew).
      await GapLocks.updateOne({ _id: key }, { $inc: { n: 1 } }, { upsert: true, session }).exec();
      const own = `${key}\u0000${responseId}`;
      await GapMarks.updateOne(
        { _id: own },
        { $setOnInsert: { key, at, expiresAt: new Date(keepUntil) } },
        { upsert: true, session },
      ).exec();
      const neighbour = await GapMarks.findOne({ key, at: { $gt: at - gapMs, $lt: at + gapMs }, _id: { $ne: own } }, { _id: 1 })
        .session(session)
        .lean()
        .exec();
      return neighbour === null;
    });
  };

  return {
    kind: 'mongo',

    async migrate() {
      // createIndexes only adds: an index an operator created by hand (e.g. for sharding) is never dropped.
      const models = [Entities, Responses, Claims, Aggregates, Rollups, Meta, Counters, GapMarks, GapLocks, Duty, DossierEvents, Dossiers, KioskSeen];
      for (const model of models) await model.createCollection();
      // Before the index builds: an upgraded store's old buckets are emptied first, so the new indexes build on nothing.
      await upgradeFigures();
      for (const model of models) await model.createIndexes();
      // Responses stored before comment search existed: fold their comments once (issue 12).
      for (;;) {
        const docs = await Responses.find({ hasComment: true, commentFolded: { $exists: false } }, { comment: 1 }).limit(500).lean<Pick<ResponseDoc, '_id' | 'comment'>[]>().exec();
        if (docs.length === 0) break;
        await Responses.bulkWrite(docs.map((d) => ({ updateOne: { filter: { _id: d._id }, update: { $set: { commentFolded: foldText(d.comment ?? '') } } } })));
      }
    },

    async close() {
      await conn.close();
    },

    async getEntity<T>(kind: string, id: string) {
      const doc = await Entities.findOne({ kind, id }).lean<EntityDoc>().exec();
      return doc ? toEntity<T>(doc) : null;
    },

    async findEntity<T>(kind: string, lookup: string) {
      // Restating the partial index's $type condition lets the planner use that index.
      const doc = await Entities.findOne({ kind, lookup: { $eq: lookup, $type: 'string' } })
        .lean<EntityDoc>()
        .exec();
      return doc ? toEntity<T>(doc) : null;
    },

    async listEntities<T>(kind: string, opts: ListOptions = {}) {
      const limit = opts.limit ?? 1000;
      // limit(0) means "no limit" to MongoDB.
      if (limit <= 0) return [];
      const filter = opts.orgId !== undefined ? { kind, orgId: opts.orgId } : { kind };
      const docs = await Entities.find(filter)
        .sort({ updatedAt: -1, id: -1 })
        .skip(opts.offset ?? 0)
        .limit(limit)
        .lean<EntityDoc[]>()
        .exec();
      return docs.map((d) => toEntity<T>(d));
    },

    async insertEntity<T>(rec: EntityRecord<T>) {
      try {
        await Entities.insertMany([entityDoc(rec)], { lean: true });
        return 'inserted';
      } catch (err) {
        if (isDuplicateKey(err)) return 'duplicate';
        throw err;
      }
    },

    async putEntity<T>(rec: EntityRecord<T>) {
      try {
        // A concurrent upsert of the same (kind, id) is retried by the server;
        // a duplicate key here can only be the lookup of another record.
        await Entities.replaceOne({ kind: rec.kind, id: rec.id }, entityDoc(rec), { upsert: true }).exec();
        return 'ok';
      } catch (err) {
        if (isDuplicateKey(err)) return 'duplicate';
        throw err;
      }
    },

    async insertEntities<T>(recs: EntityRecord<T>[]) {
      const out: ('inserted' | 'duplicate')[] = recs.map(() => 'inserted');
      if (!recs.length) return out;
      try {
        // Unordered: every record is tried; the duplicates come back as write errors by index.
        await Entities.bulkWrite(recs.map((rec) => ({ insertOne: { document: entityDoc(rec) } })), { ordered: false });
      } catch (err) {
        for (const i of duplicateIndexes(err)) out[i] = 'duplicate';
      }
      return out;
    },

    async putEntities<T>(recs: EntityRecord<T>[]) {
      const out: ('ok' | 'duplicate')[] = recs.map(() => 'ok');
      if (!recs.length) return out;
      try {
        await Entities.bulkWrite(
          recs.map((rec) => ({ replaceOne: { filter: { kind: rec.kind, id: rec.id }, replacement: entityDoc(rec), upsert: true } })),
          { ordered: false },
        );
      } catch (err) {
        for (const i of duplicateIndexes(err)) out[i] = 'duplicate';
      }
      return out;
    },

    async deleteEntity(kind: string, id: string) {
      const res = await Entities.deleteOne({ kind, id }).exec();
      return res.deletedCount > 0;
    },

    async commitResponses(items: CommitItem[]) {
      if (items.length === 0) return [];
      try {
        return await commitBatch(items);
      } catch (err) {
        // A transaction racing one that committed the same id, claim or new
        // bucket after our snapshot may see a duplicate key rather than a
        // (retried) write conflict. Once more from scratch, it reads the
        // winner's writes and answers duplicate / conflict / claimed.
        if (!isDuplicateKey(err)) throw err;
        return commitBatch(items);
      }
    },

    async getResponse(id: string) {
      const doc = await Responses.findById(id).lean<ResponseDoc>().exec();
      return doc ? toStoredResponse(doc) : null;
    },

    async listResponses(q: ResponseQuery) {
      const filter = responseFilter(q);
      const limit = Math.floor(q.limit);
      if (!filter || limit <= 0) return [];
      const docs = await Responses.find(filter)
        .sort({ serverTime: -1, _id: -1 })
        .limit(limit)
        .lean<ResponseDoc[]>()
        .exec();
      return docs.map(toStoredResponse);
    },

    async setExclusion(id, exclusion, deltas) {
      return figuresTransaction(async (session) => {
        // The state test is part of the update filter, so two concurrent
        // exclusions cannot both apply their deltas; the document before the
        // change says whether the response counts on the figures' side.
        const before = await Responses.findOneAndUpdate(
          { _id: id, excluded: exclusion === null ? { $ne: null } : null },
          { $set: { excluded: exclusion } },
          { session, returnDocument: 'before', projection: { suspect: 1, excluded: 1 } },
        )
          .lean<Pick<ResponseDoc, 'suspect' | 'excluded'>>()
          .exec();
        if (!before) return false;
        const moves = countsInFigures(exclusion === null ? { ...before, excluded: null } : before);
        if (moves) await applyDeltas(deltas, session);
        return true;
      });
    },

    async acceptSuspect(id, accepted, deltas) {
      return figuresTransaction(async (session) => {
        const res = await Responses.updateOne(
          { _id: id, excluded: null, suspectPending: true },
          { $set: { 'suspect.accepted': accepted, suspectPending: false } },
          { session },
        ).exec();
        if (res.matchedCount === 0) return false;
        await applyDeltas(deltas, session);
        return true;
      });
    },

    async claimGaps(items) {
      // One transaction per claim, in order: the same answers as claiming one after the other.
      const out: boolean[] = [];
      for (const g of items) out.push(await claimGapOne(g.key, g.responseId, g.at, g.gapMs, g.keepUntil));
      return out;
    },

    async claimGap(key, responseId, at, gapMs, keepUntil) {
      return claimGapOne(key, responseId, at, gapMs, keepUntil);
    },

    async recordDuty(p) {
      await inTransaction(async (session) => {
        await Duty.updateMany({ servicePointId: p.servicePointId, to: null, from: { $lt: p.from } }, { $set: { to: p.from } }, { session }).exec();
        const doc: DutyDoc = { _id: `${p.servicePointId}\u0000${p.from}`, ...p, to: null };
        await Duty.replaceOne({ _id: doc._id }, doc, { upsert: true, session }).exec();
      });
    },

    async dutyAt(servicePointId, at) {
      const doc = await Duty.findOne({ servicePointId, from: { $lte: at } }).sort({ from: -1 }).lean<DutyDoc>().exec();
      return doc ? toDuty(doc) : null;
    },

    async dutyHistory(servicePointId, limit) {
      if (limit <= 0) return [];
      const docs = await Duty.find({ servicePointId }).sort({ from: -1 }).limit(Math.floor(limit)).lean<DutyDoc[]>().exec();
      return docs.map(toDuty);
    },

    async markKioskSeen(m) {
      const _id = `${m.orgId}\u0000${m.servicePointId}\u0000${m.slot}`;
      try {
        await KioskSeen.updateOne({ _id }, { $setOnInsert: { orgId: m.orgId, servicePointId: m.servicePointId, slot: m.slot } }, { upsert: true }).exec();
      } catch (err) {
        // Two nodes upserting the same slot at once: the other one's mark is ours.
        if (!isDuplicateKey(err)) throw err;
      }
    },

    async markKioskSeenMany(marks) {
      if (!marks.length) return;
      const ops = marks.map((m) => ({
        updateOne: { filter: { _id: `${m.orgId}\u0000${m.servicePointId}\u0000${m.slot}` }, update: { $setOnInsert: { orgId: m.orgId, servicePointId: m.servicePointId, slot: m.slot } }, upsert: true },
      }));
      try {
        await KioskSeen.bulkWrite(ops, { ordered: false });
      } catch (err) {
        // Unordered: every other mark was written; a duplicate is another node's same mark, any other failure is not.
        const errors = (err as { writeErrors?: { code?: number }[] } | null)?.writeErrors;
        if (!errors?.length || !errors.every((w) => w.code === 11000)) throw err;
      }
    },

    async kioskSeenSlots(q) {
      if (q.servicePointIds && q.servicePointIds.length === 0) return [];
      const filter = { orgId: q.orgId, slot: { $gte: q.fromSlot, $lt: q.toSlot }, ...(q.servicePointIds ? { servicePointId: { $in: q.servicePointIds } } : {}) };
      const docs = await KioskSeen.find(filter, { _id: 0, orgId: 1, servicePointId: 1, slot: 1 }).sort({ servicePointId: 1, slot: 1 }).lean<KioskSeenMark[]>().exec();
      return docs.map((d) => ({ orgId: d.orgId, servicePointId: d.servicePointId, slot: d.slot }));
    },

    async firstKioskSeenSlot(orgId) {
      const doc = await KioskSeen.findOne({ orgId }, { slot: 1 }).sort({ slot: 1 }).lean<KioskSeenDoc>().exec();
      return doc ? doc.slot : null;
    },

    async purgeKioskSeen(orgId, beforeSlot) {
      return (await KioskSeen.deleteMany({ orgId, slot: { $lt: beforeSlot } }).exec()).deletedCount;
    },

    async queryAudit<T>(q: AuditStoreQuery) {
      const filter: Record<string, unknown> = { kind: 'audit', orgId: q.orgId };
      if (q.actor) filter['data.actor'] = { $regex: regexEscape(q.actor), $options: 'i' };
      if (q.action?.endsWith('.')) filter['data.action'] = { $regex: `^${regexEscape(q.action)}` };
      else if (q.action) filter['data.action'] = q.action;
      if (q.target) filter['data.target'] = q.target;
      if (q.from !== undefined || q.to !== undefined) filter['data.at'] = { ...(q.from !== undefined ? { $gte: q.from } : {}), ...(q.to !== undefined ? { $lt: q.to } : {}) };
      const limit = Math.max(0, Math.floor(q.limit));
      const [total, docs] = await Promise.all([
        Entities.countDocuments(filter).exec(),
        // limit(0) means "no limit" to MongoDB.
        limit === 0 ? Promise.resolve([] as EntityDoc[]) : Entities.find(filter).sort({ 'data.at': -1, id: -1 }).skip(Math.max(0, Math.floor(q.offset))).limit(limit).lean<EntityDoc[]>().exec(),
      ]);
      return { items: docs.map((d) => toEntity<T>(d).data), total };
    },

    async hasClaim(claim: string) {
      return (await Claims.exists({ _id: claim }).exec()) !== null;
    },

    async addClaims(claims: string[]) {
      const ops = [...new Set(claims)].map((c) => ({
        updateOne: { filter: { _id: c }, update: { $setOnInsert: { createdAt: new Date() } }, upsert: true },
      }));
      if (ops.length) await Claims.bulkWrite(ops, { writeConcern: { w: 'majority', j: true } });
    },

    async recordDossierEvents(items: DossierEventRecord[]) {
      if (items.length === 0) return [];
      try {
        return await recordDossiers(items);
      } catch (err) {
        // A concurrent batch inserted the same (dossier, event) after our snapshot: once more, it reads as a replay.
        if (!isDuplicateKey(err)) throw err;
        return recordDossiers(items);
      }
    },

    async getDossierEvents(orgId: string, dossierHash: string) {
      const docs = await DossierEvents.find({ orgId, dossierHash }).sort({ event: 1 }).lean<DossierEventDoc[]>().exec();
      return docs.map((d) => ({ orgId: d.orgId, dossierHash: d.dossierHash, unitId: d.unitId ?? null, facts: d.facts, factsHash: d.factsHash, recordedAt: d.recordedAt }));
    },

    async summariseDossiers(q: DossierSummaryQuery): Promise<DossierSummary> {
      const empty: DossierSummary = { anyRecorded: false, settled: 0, late: 0, complained: 0, lowRated: 0, complainedOrLowRated: 0 };
      if (q.unitIds && q.unitIds.length === 0) return empty;
      const scope: Record<string, unknown> = { orgId: q.orgId, ...(q.unitIds ? { unitId: { $in: q.unitIds } } : {}) };
      if ((await Dossiers.exists(scope).exec()) === null) return empty;
      const [row] = await Dossiers.aggregate<Omit<DossierSummary, 'anyRecorded'>>([
        { $match: { ...scope, settledAt: { $type: 'number', $gte: q.from, $lt: q.to } } },
        {
          $lookup: {
            from: Claims.collection.name,
            let: { claim: { $concat: [q.lowRatingClaimPrefix, '$dossierHash'] } },
            pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$claim'] } } }, { $project: { _id: 1 } }],
            as: 'low',
          },
        },
        { $set: { isLow: { $gt: [{ $size: '$low' }, 0] } } },
        {
          $group: {
            _id: null,
            settled: { $sum: 1 },
            late: { $sum: { $cond: ['$late', 1, 0] } },
            complained: { $sum: { $cond: ['$complaint', 1, 0] } },
            lowRated: { $sum: { $cond: ['$isLow', 1, 0] } },
            complainedOrLowRated: { $sum: { $cond: [{ $or: ['$complaint', '$isLow'] }, 1, 0] } },
          },
        },
        { $project: { _id: 0 } },
      ]).exec();
      return { anyRecorded: true, ...(row ?? { settled: 0, late: 0, complained: 0, lowRated: 0, complainedOrLowRated: 0 }) };
    },

    async sumRollups(q: RollupQuery): Promise<AggregateRow[]> {
      return (await rollupSums(q, false)).map((r) => toRollupRow(r, q.groupBy));
    },

    async rollupSeries(q: RollupQuery): Promise<SeriesRow[]> {
      return (await rollupSums(q, true)).map((r) => ({ bucket: Number(r._id.bucket), ...toRollupRow(r, q.groupBy) }));
    },

    async purgeHourFigures(before: number, limit: number) {
      // limit(0) means "no limit" to MongoDB: a zero budget deletes nothing.
      let budget = Math.max(0, Math.floor(limit));
      let gone = 0;
      // Crossed buckets first, then rollups, as SQLite; the oldest first through each partial hour index.
      // No transaction: each row is deleted once by its _id, and a row left by a crash goes in the next call.
      for (const [coll, index] of [
        [Aggregates.collection, 'aggregates_hour_bucket'],
        [Rollups.collection, 'rollups_hour_bucket'],
      ] as const) {
        if (budget === 0) break;
        const oldest = await coll.find({ grain: 'hour', bucket: { $lt: before } }, { projection: { _id: 1 }, sort: { bucket: 1 }, limit: budget, hint: index }).toArray();
        if (!oldest.length) continue;
        const n = (await coll.deleteMany({ _id: { $in: oldest.map((d) => d._id) } })).deletedCount;
        gone += n;
        budget -= n;
      }
      return gone;
    },

    async figuresRebuildState() {
      const doc = await Meta.findById(REBUILD_ID).lean<MetaDoc>().exec();
      return doc?.state ?? null;
    },

    async startFiguresRebuild() {
      return startRebuild();
    },

    async scanResponsesForRebuild(after, limit) {
      const n = Math.max(0, Math.floor(limit));
      const out: StoredResponse[] = [];
      // One organisation at a time: with orgId pinned, (serverTime, _id) ascending is the
      // feed index {orgId: 1, serverTime: -1, _id: -1} walked backwards, no in-memory sort.
      let org = after?.orgId ?? (await nextOrg(null));
      let from = after ? { serverTime: after.serverTime, id: after.id } : null;
      while (org !== null && out.length < n) {
        const filter: Record<string, unknown> = { orgId: org };
        if (from) {
          filter.serverTime = { $gte: from.serverTime };
          filter.$or = [{ serverTime: { $gt: from.serverTime } }, { serverTime: from.serverTime, _id: { $gt: from.id } }];
        }
        const docs = await Responses.find(filter).sort({ serverTime: 1, _id: 1 }).limit(n - out.length).lean<ResponseDoc[]>().exec();
        out.push(...docs.map(toStoredResponse));
        if (out.length < n) {
          org = await nextOrg(org);
          from = null;
        }
      }
      return out;
    },

    async applyRebuildBatch(deltas, state) {
      await figuresTransaction(async (session) => {
        const meta = await Meta.findById(REBUILD_ID, { clearing: 1 }).session(session).lean<Pick<MetaDoc, 'clearing'>>().exec();
        if (meta?.clearing) throw new Error('figures rebuild: the figures are still being emptied (migrate() finishes that)');
        await applyDeltas(deltas, session);
        await saveRebuildState(state, session);
      });
    },

    async sumAggregates(q: AggregateQuery): Promise<AggregateRow[]> {
      return (await sums(q, false)).map((r) => toAggregateRow(r, q.groupBy));
    },

    async aggregateSeries(q: AggregateQuery): Promise<SeriesRow[]> {
      return (await sums(q, true)).map((r) => ({ bucket: Number(r._id.bucket), ...toAggregateRow(r, q.groupBy) }));
    },

    async bumpCounter(key: string, windowStart: number, expiresAt: number) {
      // One atomic pipeline update: the $set stage reads the stored windowStart
      // before overwriting it. Expired counters are purged by the TTL index.
      const doc = await Counters.findOneAndUpdate(
        { _id: key },
        [
          {
            $set: {
              count: { $cond: [{ $eq: ['$windowStart', windowStart] }, { $add: ['$count', 1] }, 1] },
              windowStart: { $literal: windowStart },
              expiresAt: { $literal: new Date(expiresAt) },
            },
          },
        ],
        { upsert: true, returnDocument: 'after', updatePipeline: true, setDefaultsOnInsert: false, projection: { count: 1 } },
      )
        .lean<Pick<CounterDoc, 'count'>>()
        .exec();
      if (!doc) throw new Error(`counter ${key}: upsert returned no document`);
      return doc.count;
    },

    async readCounter(key: string, windowStart: number) {
      const doc = await Counters.findOne({ _id: key, windowStart }, { count: 1 }).lean<Pick<CounterDoc, 'count'>>().exec();
      return doc?.count ?? 0;
    },
  };
}

// ---- mapping ----------------------------------------------------------------

function entityDoc(rec: EntityRecord<unknown>): EntityDoc {
  return {
    kind: rec.kind,
    id: rec.id,
    orgId: rec.orgId ?? null,
    lookup: rec.lookup ?? null,
    data: rec.data ?? null,
    updatedAt: rec.updatedAt,
  };
}

function toEntity<T>(doc: EntityDoc): EntityRecord<T> {
  return {
    kind: doc.kind,
    id: doc.id,
    orgId: doc.orgId ?? null,
    lookup: doc.lookup ?? null,
    data: (doc.data ?? null) as T,
    updatedAt: doc.updatedAt,
  };
}

function toResponseDoc(r: StoredResponse): ResponseDoc {
  const { id, ...rest } = r;
  const hasComment = r.comment != null && r.comment.trim() !== '';
  return { _id: id, ...rest, hasComment, suspectPending: isPendingSuspect(r), commentFolded: hasComment ? foldText(r.comment!) : null };
}

function toStoredResponse(doc: ResponseDoc): StoredResponse {
  const { _id, hasComment: _flag, suspectPending: _pending, commentFolded: _folded, ...rest } = doc;
  return { id: _id, ...rest };
}

function toDuty(doc: DutyDoc): DutyPeriod {
  return {
    orgId: doc.orgId,
    unitId: doc.unitId,
    servicePointId: doc.servicePointId,
    officerId: doc.officerId ?? null,
    from: doc.from,
    to: doc.to ?? null,
    setBy: doc.setBy,
  };
}

/** The update filter that names a rollup delta's bucket. */
function rollupKey(r: RollupDelta): Pick<RollupDelta, RollupKeyField> {
  return { grain: r.grain, orgId: r.orgId, dim: r.dim, key: r.key, bucket: r.bucket, channel: r.channel, verified: r.verified, metric: r.metric };
}

/** The update filter that names a delta's bucket. */
function aggregateKey(d: AggregateDelta): Pick<AggregateDelta, BucketKeyField> {
  // Every BUCKET_KEY field is copied, which is the Pick's whole shape.
  return Object.fromEntries(BUCKET_KEY.map((f) => [f, d[f]])) as Pick<AggregateDelta, BucketKeyField>;
}

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: { code?: number }[] } | null;
  return e?.code === 11000 || (e?.writeErrors?.some((w) => w.code === 11000) ?? false);
}

/**
 * The indexes of the records an unordered bulk write refused as duplicates;
 * any other failure is thrown on. (The driver gives one write error or many.)
 */
function duplicateIndexes(err: unknown): number[] {
  const raw = (err as { writeErrors?: unknown } | null)?.writeErrors;
  const errors = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { index?: number; code?: number }[];
  if (!errors.length || errors.some((w) => w.code !== 11000 || typeof w.index !== 'number')) throw err;
  return errors.map((w) => w.index!);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Null when the filter can match nothing (an empty unitIds list). */
function responseFilter(q: ResponseQuery): Record<string, unknown> | null {
  if (matchesNothing(q)) return null;
  const filter: Record<string, unknown> = { orgId: q.orgId };
  // The cursor's serverTime also bounds the range, so the index scan starts at the cursor.
  const upTo = q.before ? { $lte: q.before.serverTime } : {};
  if (q.from !== undefined || q.to !== undefined || q.before) {
    filter.serverTime = {
      ...(q.from !== undefined ? { $gte: q.from } : {}),
      ...(q.to !== undefined ? { $lt: q.to } : {}),
      ...upTo,
    };
  }
  if (q.unitIds) filter.unitId = { $in: q.unitIds };
  if (q.servicePointId !== undefined) filter.servicePointId = q.servicePointId;
  if (q.officerId !== undefined) filter.officerId = q.officerId;
  if (q.channel !== undefined) filter.channel = q.channel;
  if (q.withComment !== undefined) filter.hasComment = q.withComment;
  // `null` also matches a missing field.
  if (!q.includeExcluded || q.suspect === 'pending') filter.excluded = null;
  if (q.suspect === 'pending') filter.suspectPending = true;
  const needle = q.commentContains ? foldText(q.commentContains) : '';
  if (needle) filter.commentFolded = { $regex: needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') };
  if (q.overall !== undefined) filter.overall = q.overall;
  if (q.procedureId !== undefined) filter.procedureId = q.procedureId;
  if (q.before) {
    const { serverTime, id } = q.before;
    filter.$or = [{ serverTime: { $lt: serverTime } }, { serverTime, _id: { $lt: id } }];
  }
  return filter;
}

interface SumResult extends CountColumns {
  _id: { metric: string; bucket?: number; group?: string | boolean | null };
}

/** Null when the filter can match nothing (an empty unitIds or metrics list). */
function aggregatePipeline(q: AggregateQuery, series: boolean): PipelineStage[] | null {
  const m = aggregateMatch(q.filter);
  if (!m) return null;
  const match: Record<string, unknown> = {
    grain: q.grain,
    orgId: m.orgId,
    bucket: { $gte: q.from, $lt: q.to },
  };
  if (m.unitIds) match.unitId = { $in: m.unitIds };
  // Buckets store every dimension under its own name, with its own type.
  for (const { dimension, value } of m.equal) match[dimension] = value;
  if (m.metrics) {
    const { exact, prefixes } = m.metrics;
    match.$or = [
      ...(exact.length ? [{ metric: { $in: exact } }] : []),
      ...prefixes.map((p) => ({ metric: { $regex: `^${escapeRegExp(p)}` } })),
    ];
  }

  // Aggregation pipelines are not cast by mongoose: every value above already has its stored type.
  const id: Record<string, string> = { metric: '$metric' };
  const sort: Record<string, 1> = {};
  if (series) {
    id.bucket = '$bucket';
    sort['_id.bucket'] = 1;
  }
  if (q.groupBy) {
    id.group = `$${q.groupBy}`;
    sort['_id.group'] = 1;
  }
  sort['_id.metric'] = 1;
  return [
    { $match: match },
    { $group: { _id: id, ...Object.fromEntries(COUNT_COLUMNS.map((c) => [c, { $sum: `$${c}` }])) } },
    { $sort: sort },
  ];
}

/**
 * A rollup query as a pipeline: $match on the index's leading fields (grain,
 * orgId, dim, then key or metric, then the bucket range), $group by bucket /
 * group / metric. Named metrics are read from the metric-ordered copies, as
 * SQLite's rollupSql does: along one key's buckets when keys are named (or
 * for `org`, whose key is always ''), across keys for a breakdown. Null when
 * the query can match nothing (no keys or no metrics).
 */
function rollupPipeline(q: RollupQuery, series: boolean): { pipeline: PipelineStage[]; hint?: string } | null {
  if (q.keys?.length === 0 || q.metrics?.length === 0) return null;
  const match: Record<string, unknown> = { grain: q.grain, orgId: q.orgId, dim: q.dim };
  if (q.keys) match.key = q.keys.length === 1 ? q.keys[0] : { $in: q.keys };
  // Always '' there; said, so the key-led indexes can range over the buckets.
  else if (q.dim === 'org') match.key = '';
  let hint: string | undefined;
  if (q.metrics) {
    const { exact, prefixes } = splitMetrics(q.metrics);
    // One $in: exact names and anchored regexes (literal prefixes) both become index bounds.
    match.metric = { $in: [...exact, ...prefixes.map((p) => new RegExp(`^${escapeRegExp(p)}`))] };
    if (!prefixes.length) hint = q.keys || q.dim === 'org' ? 'rollups_by_key_metric' : 'rollups_by_metric';
  }
  match.bucket = { $gte: q.from, $lt: q.to };
  if (q.channel !== undefined) match.channel = q.channel;
  if (q.verified !== undefined) match.verified = q.verified;

  const id: Record<string, string> = { metric: '$metric' };
  const sort: Record<string, 1> = {};
  if (series) {
    id.bucket = '$bucket';
    sort['_id.bucket'] = 1;
  }
  if (q.groupBy) {
    id.group = `$${q.groupBy}`;
    sort['_id.group'] = 1;
  }
  sort['_id.metric'] = 1;
  const pipeline: PipelineStage[] = [
    { $match: match },
    { $group: { _id: id, ...Object.fromEntries(COUNT_COLUMNS.map((c) => [c, { $sum: `$${c}` }])) } },
    { $sort: sort },
  ];
  return hint ? { pipeline, hint } : { pipeline };
}

/**
 * The crossed collection's entry point for a filter, as SQLite's crossedIndex:
 * the most selective pinned entity's index (a counter has fewer rows than an
 * officer, an officer than a unit, a unit than a procedure); none pinned, the
 * planner's choice. Named rather than left to the planner's trial run, so
 * both adapters read the same index for the same filter (docs/scale.md).
 */
function crossedHint(q: AggregateQuery): string | undefined {
  const f = q.filter;
  if (f.servicePointId !== undefined) return 'aggregates_by_counter';
  if (f.officerId !== undefined) return 'aggregates_by_officer';
  if (f.unitIds) return 'aggregates_key';
  if (f.procedureId !== undefined) return 'aggregates_by_procedure';
  return undefined;
}

/** Group names as SQLite's toRollupRow gives them: the key, the channel, or 'true'/'false'. */
function toRollupRow(r: SumResult, groupBy: RollupQuery['groupBy']): AggregateRow {
  const row = aggregateRowOf(r._id.metric, r);
  if (groupBy === 'verified') row.group = String(r._id.group === true);
  else if (groupBy) row.group = String(r._id.group ?? '');
  return row;
}

function toAggregateRow(r: SumResult, groupBy: Dimension | undefined): AggregateRow {
  const row = aggregateRowOf(r._id.metric, r);
  if (groupBy) row.group = groupName(groupBy, r._id.group);
  return row;
}

/** A string matched literally inside a regular expression. */
const regexEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
