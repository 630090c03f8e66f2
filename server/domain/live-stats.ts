/**
 * Live figures for dashboards. After every commit ('response:stored'), the
 * scopes the new responses touched (organisation, unit, counter, officer) are
 * re-read from today's daily buckets in the store — never from counters kept
 * in memory — so every node of a cluster pushes the same, correct numbers
 * whichever node stored the response. Responses committed while a read is in
 * flight are coalesced into the next one (./coalescing-scheduler.ts): under
 * load a push covers several responses, and the cost per rating stays a few
 * bucket reads per batch.
 *
 * No socket.io here: the realtime layer subscribes and routes to rooms.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { isPendingSuspect, type AggregateFilter, type GroupDimension, type Store, type StoredResponse } from '../store/types';
import type { Entities, Organisation } from './entities';
import type { EventBus } from './events';
import { CoalescingScheduler } from './coalescing-scheduler';
import { DAY_MS, localClock, startOfLocalDay } from '../../shared/periods';
import { addCounts, emptyCounts, summarise, type ScoreCounts } from '../../shared/satisfaction';
import { feedItemOf, type FeedItem, type ScopeFigures, type ScopeKind } from '../../shared/realtime-events';
import { sumFigures } from './figures';

/** What one push covers, before it is cut per audience (org, unit, counter). */
export interface LiveBatch {
  orgId: string;
  day: string;
  at: string;
  target: number;
  verifiedOnly: boolean;
  responses: { id: string; unitId: string; servicePointId: string }[];
  scopes: ScopeFigures[];
}

export interface TodayFigures {
  orgId: string;
  day: string;
  at: string;
  target: number;
  verifiedOnly: boolean;
  scopes: ScopeFigures[];
}

interface Touched {
  responses: Map<string, { id: string; unitId: string; servicePointId: string }>;
  units: Set<string>;
  /** servicePointId → unitId */
  sps: Map<string, string>;
  /** officerId → unitId of the counter the rating was made at */
  officers: Map<string, string>;
}

const METRICS = ['q:O', 'resp', 'comment'];

interface Totals {
  c: ScoreCounts;
  responses: number;
  comments: number;
}

function figures(scope: ScopeKind, id: string, unitId: string | null, t: Totals | undefined, org: Organisation): ScopeFigures {
  const c = t?.c ?? emptyCounts();
  const sum = summarise(c, org.target, org.minSample);
  return {
    scope,
    id,
    unitId,
    responses: t?.responses ?? 0,
    comments: t?.comments ?? 0,
    distribution: c,
    n: sum.n,
    s: sum.s,
    rate: sum.rate,
    interval: sum.interval,
    status: sum.status,
    gap: sum.gap,
  };
}

/** Sums today's daily bucket by group: one store read per dimension. */
async function todayTotals(store: Store, filter: AggregateFilter, day: number, groupBy?: GroupDimension): Promise<Map<string, Totals>> {
  const { rows } = await sumFigures(store, { grain: 'day', from: day, to: day + DAY_MS, filter: { ...filter, metrics: METRICS }, groupBy });
  const out = new Map<string, Totals>();
  for (const r of rows) {
    const key = r.group ?? '';
    const t = out.get(key) ?? { c: emptyCounts(), responses: 0, comments: 0 };
    if (r.metric === 'q:O') addCounts(t.c, r.c);
    else if (r.metric === 'resp') t.responses += r.n;
    else if (r.metric === 'comment') t.comments += r.n;
    out.set(key, t);
  }
  return out;
}
/** Folds a response into the scopes its organisation's next push re-reads. */
function touched(t: Touched | undefined, r: StoredResponse): Touched {
  t ??= { responses: new Map(), units: new Set(), sps: new Map(), officers: new Map() };
  t.responses.set(r.id, { id: r.id, unitId: r.unitId, servicePointId: r.servicePointId });
  t.units.add(r.unitId);
  t.sps.set(r.servicePointId, r.unitId);
  if (r.officerId) t.officers.set(r.officerId, r.unitId);
  return t;
}

export interface LiveStatsOptions {
  now?: () => number;
  /**
   * Least time between two pushes. Under load it bounds the store reads and
   * socket writes per second (one push covers every response committed
   * meanwhile); a lone rating is pushed at once.
   */
  minGapMs?: number;
}

export class LiveStats {
  private readonly emitter = new EventEmitter<{ batch: [LiveBatch]; feed: [FeedItem] }>();
  private readonly pushes: CoalescingScheduler<string, StoredResponse, Touched>;
  private stopped = false;
  private readonly now: () => number;
  private readonly onStored = ({ response }: { response: StoredResponse }) => this.touch(response, true);
  private readonly onExcluded = ({ response }: { response: StoredResponse }) => {
    // Only today's figures are live; an exclusion of an older response changes no push.
    if (startOfLocalDay(Date.parse(response.serverTime)) === startOfLocalDay(this.now())) this.touch(response, false);
  };

  constructor(
    private readonly store: Store,
    private readonly entities: Entities,
    private readonly events: EventBus,
    private readonly log: Logger,
    opts: LiveStatsOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.pushes = new CoalescingScheduler({
      gapMs: opts.minGapMs ?? 20,
      add: touched,
      run: (batch) => this.flush(batch),
      onError: (err) => this.log.error({ err }, 'live stats push failed'),
    });
    events.on('response:stored', this.onStored);
    events.on('response:excluded', this.onExcluded);
  }

  onBatch(fn: (b: LiveBatch) => void): () => void {
    this.emitter.on('batch', fn);
    return () => this.emitter.off('batch', fn);
  }

  onFeed(fn: (f: FeedItem) => void): () => void {
    this.emitter.on('feed', fn);
    return () => this.emitter.off('feed', fn);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.events.off('response:stored', this.onStored);
    this.events.off('response:excluded', this.onExcluded);
    await this.pushes.stop();
  }

  /** Resolves when every response seen so far has been pushed (tests, shutdown). */
  idle(): Promise<void> {
    return this.pushes.idle();
  }

  private touch(r: StoredResponse, stored: boolean): void {
    if (this.stopped) return;
    // A suspect held for review is not in the figures, nor in the comment feed.
    if (stored && r.comment && r.comment.trim() && !r.excluded && !isPendingSuspect(r)) this.emitter.emit('feed', feedItemOf(r));
    this.pushes.push(r.orgId, r);
  }

  private async flush(batch: Map<string, Touched>): Promise<void> {
    for (const [orgId, touched] of batch) {
      const org = await this.entities.get('organisation', orgId);
      if (!org) continue;
      const today = await this.figuresFor(org, {
        org: true,
        units: [...touched.units].map((id) => ({ id, unitId: id })),
        sps: [...touched.sps].map(([id, unitId]) => ({ id, unitId })),
        officers: [...touched.officers].map(([id, unitId]) => ({ id, unitId })),
      });
      if (this.stopped) return;
      this.emitter.emit('batch', { ...today, responses: [...touched.responses.values()] });
    }
  }

  /**
   * Today's figures for the given scopes. `unitIds` limits every read to
   * those units (a unit head's view).
   */
  async figuresFor(
    org: Organisation,
    want: { org: boolean; units: { id: string; unitId: string }[]; sps: { id: string; unitId: string }[]; officers: { id: string; unitId: string | null }[] },
    unitIds?: string[],
  ): Promise<TodayFigures> {
    const now = this.now();
    const day = startOfLocalDay(now);
    const filter: AggregateFilter = { orgId: org.id, unitIds, verified: org.headlineVerifiedOnly ? true : undefined };
    const [all, byUnit, bySp, byOfficer] = await Promise.all([
      want.org ? todayTotals(this.store, filter, day) : null,
      want.units.length ? todayTotals(this.store, filter, day, 'unitId') : null,
      want.sps.length ? todayTotals(this.store, filter, day, 'servicePointId') : null,
      want.officers.length ? todayTotals(this.store, filter, day, 'officerId') : null,
    ]);
    const scopes: ScopeFigures[] = [];
    if (all) scopes.push(figures('org', org.id, null, all.get(''), org));
    for (const u of want.units) scopes.push(figures('unit', u.id, u.unitId, byUnit!.get(u.id), org));
    for (const sp of want.sps) scopes.push(figures('sp', sp.id, sp.unitId, bySp!.get(sp.id), org));
    for (const o of want.officers) scopes.push(figures('officer', o.id, o.unitId, byOfficer!.get(o.id), org));
    return {
      orgId: org.id,
      day: localClock(day).date,
      at: new Date(now).toISOString(),
      target: org.target,
      verifiedOnly: org.headlineVerifiedOnly,
      scopes,
    };
  }

  /** Every scope a viewer may see, for a dashboard that (re)connects without recovery. */
  async snapshot(org: Organisation, unitIds?: string[]): Promise<TodayFigures> {
    const [units, sps, officers] = await Promise.all([
      this.entities.list('unit', { orgId: org.id }),
      this.entities.list('servicePoint', { orgId: org.id }),
      this.entities.list('officer', { orgId: org.id }),
    ]);
    const visible = (unitId: string | null) => !unitIds || (unitId !== null && unitIds.includes(unitId));
    return this.figuresFor(
      org,
      {
        org: !unitIds,
        units: units.filter((u) => visible(u.id)).map((u) => ({ id: u.id, unitId: u.id })),
        sps: sps.filter((s) => visible(s.unitId)).map((s) => ({ id: s.id, unitId: s.unitId })),
        officers: officers.filter((o) => visible(o.unitId)).map((o) => ({ id: o.id, unitId: o.unitId })),
      },
      unitIds,
    );
  }
}
