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
}

/** Dimensions every aggregate bucket is keyed by (shared/dimensions.ts). Empty string = none. */
export interface AggregateKey extends DimensionValues {
  orgId: string;
}

export type Grain = 'hour' | 'day';

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

  sumAggregates(q: AggregateQuery): Promise<AggregateRow[]>;
  aggregateSeries(q: AggregateQuery): Promise<SeriesRow[]>;

  /**
   * Adds 1 to a windowed counter and returns the new count (rate limits,
   * minimum gaps, bursts). Counters live in the store, not in memory, so
   * several nodes share them. Expired counters may be purged lazily.
   */
  bumpCounter(key: string, windowStart: number, expiresAt: number): Promise<number>;
  /** The counter's count in this window, without adding to it (0 when absent or from another window). */
  readCounter(key: string, windowStart: number): Promise<number>;
}
