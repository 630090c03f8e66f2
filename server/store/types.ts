/**
 * The one storage interface. Deliberately narrow and coarse: configuration
 * lives in typed JSON entities, responses and their pre-aggregated buckets
 * are written in one transaction, and queries read buckets, never raw scans.
 * Everything that decides *what* to write (aggregate deltas, claims,
 * validation) is computed by the domain, so adapters stay thin.
 */
import type { Channel, Dimension, DimensionValues } from '../../shared/dimensions';

/** A configuration record: organisation, unit, service point, device, user… */
export interface EntityRecord<T = unknown> {
  kind: string;
  id: string;
  orgId?: string | null;
  /**
   * Optional secondary key, unique per kind (a counter code, an e-mail, a
   * token hash, "open:<rule>:<scope>" for an open alert). Null frees it.
   */
  lookup?: string | null;
  data: T;
  /** ISO time, set by the caller. Lists are newest first by this. */
  updatedAt: string;
}

export interface ListOptions {
  orgId?: string;
  limit?: number;
  offset?: number;
}

/** What the server stores for one response (the client body plus what the server derived). */
export interface StoredResponse {
  id: string;
  orgId: string;
  unitId: string;
  servicePointId: string;
  deviceId: string | null;
  officerId: string | null;
  procedureId: string | null;
  surveyVersionId: string;
  channel: Channel;
  verified: boolean;
  outsideHours: boolean;
  locale: 'vi' | 'en';
  /** The overall rating (question O), copied out for feeds and alerts. */
  overall: number | null;
  answers: Record<string, unknown>;
  comment: string | null;
  clientTime: string | null;
  serverTime: string;
  /** sha256 of the canonical client body: same id + same hash = replay. */
  bodyHash: string;
  excluded: { reason: string; by: string; at: string } | null;
  /**
   * Set when ingestion held the rating out of the figures for review (it broke
   * a kiosk's minimum gap, a counter link's limits…). Absent or null: an
   * ordinary rating. A pending suspect is stored with no aggregate deltas.
   */
  suspect?: Suspect | null;
}

/** Why a rating was held for review. */
/** 'no-session': a kiosk rating at an after-service counter that no live session of that counter opened. */
export type SuspectReason = 'min-gap' | 'counter-cap' | 'unsigned-client' | 'no-session';

export interface Suspect {
  reason: SuspectReason;
  /** Server time it was flagged (the time ingestion stored it). */
  at: string;
  /** A manager let it into the figures (its deltas were applied then); null while pending. */
  accepted: { by: string; at: string } | null;
}

/** Pending review: flagged and neither accepted nor (see `excluded`) decided otherwise. */
export const isPendingSuspect = (r: Pick<StoredResponse, 'suspect'>): boolean => !!r.suspect && r.suspect.accepted === null;

/**
 * Whether a response's deltas are in the aggregates: not excluded, and not
 * a suspect still waiting for review. Both adapters decide deltas by this.
 */
export const countsInFigures = (r: Pick<StoredResponse, 'suspect' | 'excluded'>): boolean => !r.excluded && !isPendingSuspect(r);

/** Who served at a counter from when to when, and who said so. */
export interface GapClaim {
  key: string;
  responseId: string;
  at: number;
  gapMs: number;
  keepUntil: number;
}

export interface DutyPeriod {
  orgId: string;
  unitId: string;
  servicePointId: string;
  /** Null: nobody on duty. */
  officerId: string | null;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive; null while it is the current period. */
  to: number | null;
  /** E-mail of who set it (or `system`). */
  setBy: string;
}

/** Dimensions every aggregate bucket is keyed by (shared/dimensions.ts). Empty string = none. */
export interface AggregateKey extends DimensionValues {
  orgId: string;
}

/**
 * Bucket sizes every figure is kept at: hours (kept for a retention period,
 * for partial-day edges and today), Vietnam days and Vietnam months (kept
 * for ever; a two-year range reads ~24 month buckets, not ~730 day ones).
 */
export type Grain = 'hour' | 'day' | 'month';
export const GRAINS = ['hour', 'day', 'month'] as const satisfies readonly Grain[];

/**
 * The per-dimension rollups: the same counts as the crossed aggregates, kept
 * once per entity dimension (`org` is the whole organisation, key ''), with
 * the channel and the verified flag as columns. A query that pins at most one
 * entity dimension reads one of them instead of every crossed combination.
 */
export const ROLLUP_DIMS = ['org', 'unit', 'counter', 'officer', 'procedure'] as const;
export type RollupDim = (typeof ROLLUP_DIMS)[number];

/** An increment (or decrement) of one rollup bucket; derived from crossed deltas by the domain (rollupDeltasOf). */
export interface RollupDelta {
  grain: Grain;
  orgId: string;
  dim: RollupDim;
  /** The id of the unit / counter / officer / procedure ('' = none, and always '' for `org`). */
  key: string;
  bucket: number;
  channel: Channel;
  verified: boolean;
  metric: string;
  c: [number, number, number, number, number];
  na: number;
  n: number;
}

export interface RollupQuery {
  grain: Grain;
  /** Inclusive bucket start, epoch ms. */
  from: number;
  /** Exclusive. */
  to: number;
  orgId: string;
  dim: RollupDim;
  /** Only these keys (never empty); absent: every key of the dimension. */
  keys?: string[];
  channel?: Channel;
  verified?: boolean;
  /** As AggregateFilter.metrics (exact names, or prefixes ending in `*`); never empty. */
  metrics?: string[];
  /** `key`: a row per key of the dimension; `channel` / `verified`: per column value ('true'/'false'). */
  groupBy?: 'key' | 'channel' | 'verified';
}

/**
 * Progress of rebuilding every figure (crossed aggregates and rollups) from
 * the raw responses: an upgraded store, or a recount. Saved with each batch,
 * so a stopped rebuild resumes where its last committed batch ended.
 */
export interface FiguresRebuildState {
  /** Responses are walked in (orgId, serverTime, id) order; null before the first batch. */
  after: { orgId: string; serverTime: string; id: string } | null;
  /** Responses walked so far (counted or not). */
  done: number;
  /** Responses in the store when the rebuild started (progress only). */
  total: number;
  startedAt: string;
}

/** An increment (or, for exclusions, a decrement) of one bucket. */
export interface AggregateDelta extends AggregateKey {
  grain: Grain;
  /** Bucket start, epoch ms (hour in UTC, day at 00:00 Asia/Ho_Chi_Minh). */
  bucket: number;
  /** `resp`, `comment`, `q:<code>` for ratings, `m:<question>:<option>` for choices. */
  metric: string;
  /** Counts of scores 1..5. */
  c: [number, number, number, number, number];
  /** "Not applicable" answers. */
  na: number;
  /** Plain count (responses, option picks). */
  n: number;
}

/** Any dimension can group a query: the registry's list. */
export type GroupDimension = Dimension;

/** Every dimension but the unit can be pinned to one value ('' = none). */
export interface AggregateFilter extends Partial<Omit<DimensionValues, 'unitId'>> {
  orgId: string;
  /** A unit head's scope, or a unit filter. */
  unitIds?: string[];
  /** Restrict to these metrics; also accepts a prefix ending in `*` (`m:reasons:*`). */
  metrics?: string[];
}

export interface AggregateQuery {
  grain: Grain;
  /** Inclusive bucket start, epoch ms. */
  from: number;
  /** Exclusive. */
  to: number;
  filter: AggregateFilter;
  groupBy?: GroupDimension;
}

export interface AggregateRow {
  /** The groupBy value (`'true'`/`'false'` for verified), absent when not grouped. */
  group?: string;
  metric: string;
  c: [number, number, number, number, number];
  na: number;
  n: number;
}

export interface SeriesRow extends AggregateRow {
  bucket: number;
}

export interface CommitItem {
  response: StoredResponse;
  deltas: AggregateDelta[];
  /**
   * Unique keys taken in the same transaction (a single-use link, one response
   * per dossier). If any is already taken the item is not stored: `claimed`.
   */
  claims?: string[];
}

export type CommitOutcome =
  | { status: 'stored' }
  | { status: 'duplicate' }
  | { status: 'conflict' }
  | { status: 'claimed'; claim: string };

export interface ResponseQuery {
  orgId: string;
  /** ISO server-time range, from inclusive, to exclusive. */
  from?: string;
  to?: string;
  unitIds?: string[];
  servicePointId?: string;
  officerId?: string;
  channel?: Channel;
  withComment?: boolean;
  includeExcluded?: boolean;
  /** `pending`: only suspects waiting for review (never excluded ones). */
  suspect?: 'pending';
  /**
   * Comment text to find: both sides folded with shared/fold-text (case,
   * accents and đ/d do not matter); a blank one matches every response.
   */
  commentContains?: string;
  /** Only this overall score (question O). */
  overall?: number;
  procedureId?: string;
  limit: number;
  /** Keyset paging, newest first: continue strictly before this (serverTime, id). */
  before?: { serverTime: string; id: string };
}

/** What the one-stop software reports about a dossier, one event at a time (Decision 766 indicator 5.4). */
export type DossierEvent = 'received' | 'settled' | 'complaint';

/** The facts of one (dossier, event); times are ISO instants. */
export type DossierFacts =
  | { event: 'received'; receivedAt: string; dueAt: string | null }
  | { event: 'settled'; settledAt: string; late: boolean }
  /** A complaint or suggestion (phản ánh, kiến nghị) about the dossier: raised or explicitly not. */
  | { event: 'complaint'; raised: boolean; raisedAt: string | null };

export interface DossierEventRecord {
  orgId: string;
  /** The keyed hash of the normalised dossier reference, as dossier links store it. */
  dossierHash: string;
  /** The dossier's unit when the sender names it (null: not said). */
  unitId: string | null;
  facts: DossierFacts;
  /** sha256 of the canonical (unitId, facts): same (dossier, event) + same hash = replay. */
  factsHash: string;
  recordedAt: string;
}

export type DossierEventOutcome =
  | { status: 'stored' }
  | { status: 'duplicate' }
  /** `facts`: this (dossier, event) was stored with other facts; `unitId`: the dossier was stored under another unit. */
  | { status: 'conflict'; field: 'facts' | 'unitId' };

export interface DossierSummaryQuery {
  orgId: string;
  /** Settled time range, epoch ms, from inclusive, to exclusive. */
  from: number;
  to: number;
  /** Only dossiers of these units (dossiers with no unit are then left out). */
  unitIds?: string[];
  /** A dossier counts as low-rated when the claim `<prefix><dossierHash>` is taken (the domain names it). */
  lowRatingClaimPrefix: string;
}

/** Dossier counts behind indicator 5.4, over dossiers settled in the range. */
export interface DossierSummary {
  /** Whether any outcome at all was recorded in this scope (any time): "not available" vs "none settled". */
  anyRecorded: boolean;
  settled: number;
  late: number;
  complained: number;
  lowRated: number;
  /** Dossiers with a complaint or a low rating (each counted once). */
  complainedOrLowRated: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  /** Creates or upgrades the schema (versioned migrations / index builds). */
  migrate(): Promise<void>;
  close(): Promise<void>;

  getEntity<T>(kind: string, id: string): Promise<EntityRecord<T> | null>;
  findEntity<T>(kind: string, lookup: string): Promise<EntityRecord<T> | null>;
  listEntities<T>(kind: string, opts?: ListOptions): Promise<EntityRecord<T>[]>;
  /** Inserts; `duplicate` when the id or the lookup is taken (nothing written). */
  insertEntity<T>(rec: EntityRecord<T>): Promise<'inserted' | 'duplicate'>;
  /** Inserts or replaces by (kind, id); `duplicate` when the lookup belongs to another record. */
  putEntity<T>(rec: EntityRecord<T>): Promise<'ok' | 'duplicate'>;
  /** insertEntity for many records in one transaction (SQLite) / one unordered bulk write (Mongo); one answer per record, in order. */
  insertEntities<T>(recs: EntityRecord<T>[]): Promise<('inserted' | 'duplicate')[]>;
  /** putEntity for many records in one transaction (SQLite) / one unordered bulk write (Mongo); one answer per record, in order. */
  putEntities<T>(recs: EntityRecord<T>[]): Promise<('ok' | 'duplicate')[]>;
  deleteEntity(kind: string, id: string): Promise<boolean>;

  /**
   * Stores each new response with its deltas and claims atomically, in order,
   * durably committed before the promise resolves. Replays answer `duplicate`
   * (same bodyHash) or `conflict` (different bodyHash) and write nothing.
   */
  commitResponses(items: CommitItem[]): Promise<CommitOutcome[]>;
  getResponse(id: string): Promise<StoredResponse | null>;
  listResponses(q: ResponseQuery): Promise<StoredResponse[]>;
  /**
   * Sets or clears the exclusion and applies the (negated or restored) deltas
   * in one transaction. False when the response does not exist or is already
   * in the requested state.
   */
  setExclusion(id: string, exclusion: StoredResponse['excluded'], deltas: AggregateDelta[]): Promise<boolean>;
  /*
   * (setExclusion, continued) The deltas are those of the response itself,
   * negated or restored; they are applied only when the response counts in
   * the figures (`countsInFigures`) before, respectively after, the change —
   * so excluding or restoring a suspect still pending review moves no figure.
   */
  /**
   * Lets a suspect still pending review into the figures: records who
   * accepted it and applies its deltas in one transaction. False when the
   * response is missing, not a suspect, already accepted, or excluded.
   */
  acceptSuspect(id: string, accepted: NonNullable<Suspect['accepted']>, deltas: AggregateDelta[]): Promise<boolean>;
  /** Has this claim been taken? */
  hasClaim(claim: string): Promise<boolean>;
  /**
   * Takes claims outside a response commit; ones already taken stay as they
   * are. Only for data that arrives without its responses' commit (the demo
   * seed); ingestion takes claims in commitResponses.
   */
  addClaims(claims: string[]): Promise<void>;

  /**
   * Records dossier events in one transaction, in order (a later item sees an
   * earlier one). Per (orgId, dossierHash, event): a replay with the same
   * factsHash is `duplicate`, other facts are a `conflict` on `facts`; an
   * event naming a unit other than the one the dossier has is a `conflict`
   * on `unitId`. A conflicting item writes nothing; the others are stored.
   */
  recordDossierEvents(items: DossierEventRecord[]): Promise<DossierEventOutcome[]>;
  /** The facts stored for one dossier, by event (for "already stored" answers and tests). */
  getDossierEvents(orgId: string, dossierHash: string): Promise<DossierEventRecord[]>;
  summariseDossiers(q: DossierSummaryQuery): Promise<DossierSummary>;

  /** The crossed aggregates (every dimension combination): any filter, slower for long ranges. */
  sumAggregates(q: AggregateQuery): Promise<AggregateRow[]>;
  aggregateSeries(q: AggregateQuery): Promise<SeriesRow[]>;
  /** The per-dimension rollups (one entity dimension at most): what most figures read. */
  sumRollups(q: RollupQuery): Promise<AggregateRow[]>;
  rollupSeries(q: RollupQuery): Promise<SeriesRow[]>;
  /**
   * Hour retention: deletes at most `limit` hour buckets older than `before`
   * (epoch ms) from the crossed aggregates and the rollups together; answers
   * how many rows went (call again until it answers fewer than `limit`).
   */
  purgeHourFigures(before: number, limit: number): Promise<number>;

  /** The rebuild in progress, or null when every figure is built. */
  figuresRebuildState(): Promise<FiguresRebuildState | null>;
  /**
   * Starts rebuilding every figure from the raw responses: empties the
   * crossed aggregates and the rollups and saves a fresh state, in one
   * transaction. Nothing else may write figures until the rebuild finishes.
   */
  startFiguresRebuild(): Promise<FiguresRebuildState>;
  /** The next responses of a rebuild after the cursor, ascending by (orgId, serverTime, id). */
  scanResponsesForRebuild(after: FiguresRebuildState['after'], limit: number): Promise<StoredResponse[]>;
  /**
   * Applies one rebuild batch: its crossed deltas (and the rollups derived
   * from them, as commitResponses does) and the new state, in one
   * transaction. `state: null` marks the rebuild finished.
   */
  applyRebuildBatch(deltas: AggregateDelta[], state: FiguresRebuildState | null): Promise<void>;

  /**
   * Adds 1 to a windowed counter and returns the new count (rate limits,
   * minimum gaps, bursts). Counters live in the store, not in memory, so
   * several nodes share them. Expired counters may be purged lazily.
   */
  bumpCounter(key: string, windowStart: number, expiresAt: number): Promise<number>;
  /** The counter's count in this window, without adding to it (0 when absent or from another window). */
  readCounter(key: string, windowStart: number): Promise<number>;

  /**
   * The minimum gap, shared by every node: atomically records that response
   * `responseId` happened at `at` (epoch ms) under `key` (one kiosk), and
   * answers whether no *other* response recorded under the key lies less than
   * `gapMs` away from it, before or after (ratings of an outbox batch may
   * arrive out of order). Recording the same response again is harmless and
   * answers the same. Marks may be purged after `keepUntil`.
   */
  claimGap(key: string, responseId: string, at: number, gapMs: number, keepUntil: number): Promise<boolean>;
  /** Several claimGap calls in order, in one transaction: the same answers as making them one after the other. */
  claimGaps(items: GapClaim[]): Promise<boolean[]>;

  /**
   * Starts a duty period at a counter: the open period there (if any) ends
   * at `p.from`, and `p` becomes the open one, in one transaction.
   */
  recordDuty(p: Omit<DutyPeriod, 'to'>): Promise<void>;
  /** The period covering `at` at this counter (latest `from` ≤ at), or null when none does. */
  dutyAt(servicePointId: string, at: number): Promise<DutyPeriod | null>;
  /** The counter's periods, newest first. */
  dutyHistory(servicePointId: string, limit: number): Promise<DutyPeriod[]>;

  /**
   * Kiosk presence history (report uptime): marks that a counter's kiosk was
   * heard from in a slot (slot = floor(epoch ms / KIOSK_SLOT_MS)). Marking a
   * slot again (every heartbeat, several nodes) keeps the one mark, so the
   * history is at most one row per counter and slot whatever the heartbeat rate.
   */
  markKioskSeen(m: KioskSeenMark): Promise<void>;
  /** Many marks at once, same meaning as markKioskSeen for each (a backfill, the demo history): one transaction / bulk write. */
  markKioskSeenMany(marks: KioskSeenMark[]): Promise<void>;
  /** The marks in [fromSlot, toSlot) of the organisation (optionally some counters), ascending by counter then slot. */
  kioskSeenSlots(q: { orgId: string; fromSlot: number; toSlot: number; servicePointIds?: string[] }): Promise<KioskSeenMark[]>;
  /** The organisation's first mark (null when none): the history starts there, before it uptime is "not available". */
  firstKioskSeenSlot(orgId: string): Promise<number | null>;
  /** Retention: drops the organisation's marks of slots before `beforeSlot` (an index range), answers how many went. */
  purgeKioskSeen(orgId: string, beforeSlot: number): Promise<number>;
  /**
   * Audit entries (entities of kind `audit`) of one organisation matching
   * who / what / which record / when, newest `at` first, one page of them
   * and how many match in all. Filtered by the store, not in memory.
   */
  queryAudit<T>(q: AuditStoreQuery): Promise<{ items: T[]; total: number }>;
}

/** Slot length of the kiosk presence history: 5 minutes. */
export const KIOSK_SLOT_MS = 5 * 60_000;

export interface KioskSeenMark {
  orgId: string;
  servicePointId: string;
  slot: number;
}

export interface AuditStoreQuery {
  orgId: string;
  /** Part of the actor, any case (ASCII). */
  actor?: string;
  /** One action, or a group of them when it ends in "." ("user."). */
  action?: string;
  target?: string;
  /** ISO instants (`toISOString()` form): from inclusive, to exclusive. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}
