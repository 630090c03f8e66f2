/**
 * Dossier outcomes: what the one-stop software says happened to each dossier
 * (received, due, settled on time or late, a complaint raised), stored under
 * the same keyed hash of the normalised reference as dossier links, so they
 * meet the links' answers in Decision 766 indicator 5.4 without the reference
 * ever being stored.
 *
 * One item = one (dossier, event). The store decides replay / conflict
 * atomically; this service validates, resolves the unit and hashes.
 */
import type { z } from 'zod';
import { DossierOutcomeSchema, type DossierOutcome, type DossierEventName } from '../../shared/api/dossier-outcomes';
import { DAY_MS, localMidnight } from '../../shared/periods';
import type { DossierEventOutcome, DossierEventRecord, DossierFacts, Store } from '../store/types';
import { canonicalJson, sha256 } from './canonical';
import type { Entities, Unit } from './entities';
import type { FieldIssue } from './errors';

/** The claim a verified rating ≤ 2 on a dossier's link takes, beside the link's own `link:dossier-<hash>`. */
export const LOW_RATING_CLAIM_PREFIX = 'link:dossier-low-';
export const lowRatingClaim = (dossierHash: string): string => `${LOW_RATING_CLAIM_PREFIX}${dossierHash}`;
/**
 * The same claim from a link's claim id (`dossier-<hash>`, survey-links.service
 * dossierClaimId); null for anything else.
 */
export const lowRatingClaimForLink = (linkClaimId: string): string | null =>
  linkClaimId.startsWith('dossier-') ? lowRatingClaim(linkClaimId.slice('dossier-'.length)) : null;
/** A rating of the overall question at or below this on a dossier link counts against indicator 5.4 (SIPAS.md §4). */
export const LOW_RATING_MAX = 2;

export type OutcomeStatus = 'stored' | 'duplicate' | 'conflict' | 'invalid' | 'unprocessable';

export interface OutcomeItemResult {
  status: OutcomeStatus;
  event: DossierEventName | null;
  error?: { code: string; message: string; details?: FieldIssue[] };
}

/** A validated item, hashed and placed, ready for the store. */
export interface PreparedOutcome {
  record: DossierEventRecord;
}

export interface OutcomeScope {
  orgId: string;
  /** A unit head's units: items must name one of them (or none: then their unit). Undefined: the whole organisation. */
  unitIds?: string[];
}

export interface DossierOutcomesDeps {
  store: Store;
  entities: Entities;
  /** The one normalise + keyed-hash function of dossier references (SurveyLinksService.dossierRefHash). */
  dossierRefHash: (orgId: string, dossierRef: string) => Promise<string>;
}

/** A contract date: `YYYY-MM-DD` is that Vietnam day's start; anything else is an ISO instant. */
export function instantOf(v: string): string {
  if (v.length === 10) {
    const [y, m, d] = v.split('-').map(Number);
    return new Date(localMidnight(y, m, d)).toISOString();
  }
  return new Date(Date.parse(v)).toISOString();
}

/** zod issues as field issues; an unknown key is named by its own path. */
export function fieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  const join = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.');
  return error.issues.flatMap((i): FieldIssue[] =>
    i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ path: join([...i.path, k]), message: 'unknown field' })) : [{ path: join(i.path), message: i.message }],
  );
}

export function factsOf(o: DossierOutcome): DossierFacts {
  switch (o.event) {
    case 'received':
      return { event: 'received', receivedAt: instantOf(o.receivedAt), dueAt: o.dueAt ? instantOf(o.dueAt) : null };
    case 'settled':
      return { event: 'settled', settledAt: instantOf(o.settledAt), late: o.late };
    case 'complaint':
      return { event: 'complaint', raised: o.raised, raisedAt: o.raised && o.raisedAt ? instantOf(o.raisedAt) : null };
  }
}

export class DossierOutcomesService {
  constructor(private readonly deps: DossierOutcomesDeps) {}

  /** The organisation's units, to resolve an item's `unit` (code, case-insensitive, or id). */
  async unitResolver(orgId: string): Promise<(unit: string) => Unit | null> {
    const units = await this.deps.entities.list('unit', { orgId });
    const byCode = new Map(units.map((u) => [u.code.toLowerCase(), u]));
    const byId = new Map(units.map((u) => [u.id, u]));
    return (unit) => byId.get(unit) ?? byCode.get(unit.toLowerCase()) ?? null;
  }

  /**
   * Validates one raw item and turns it into a store record, or answers why
   * not (400 shape: every bad field named; 422: a unit outside the scope).
   */
  async prepare(raw: unknown, scope: OutcomeScope, resolveUnit: (u: string) => Unit | null, now = Date.now()): Promise<PreparedOutcome | OutcomeItemResult> {
    const eventOf = (raw as { event?: unknown } | null)?.event;
    const event = typeof eventOf === 'string' && (['received', 'settled', 'complaint'] as string[]).includes(eventOf) ? (eventOf as DossierEventName) : null;
    const parsed = DossierOutcomeSchema.safeParse(raw);
    if (!parsed.success) {
      const details = fieldIssues(parsed.error);
      return { status: 'invalid', event, error: { code: 'invalid-input', message: `Some fields are invalid: ${details.map((d) => d.path || '(body)').join(', ')}`, details } };
    }
    const o = parsed.data;
    const facts = factsOf(o);
    const timeIssues = checkTimes(facts, now);
    if (timeIssues.length) return { status: 'invalid', event: o.event, error: { code: 'invalid-input', message: 'Some times are not plausible', details: timeIssues } };

    let unitId: string | null = null;
    if (o.unit) {
      const unit = resolveUnit(o.unit);
      if (!unit || unit.orgId !== scope.orgId) {
        return { status: 'unprocessable', event: o.event, error: { code: 'unprocessable', message: 'Unknown unit', details: [{ path: 'unit', message: 'no unit with this code in the organisation' }] } };
      }
      unitId = unit.id;
    }
    if (scope.unitIds) {
      if (unitId === null) unitId = scope.unitIds[0] ?? null;
      if (unitId === null || !scope.unitIds.includes(unitId)) {
        return { status: 'unprocessable', event: o.event, error: { code: 'forbidden', message: 'Outside your unit', details: [{ path: 'unit', message: 'you may record outcomes of your own unit only' }] } };
      }
    }
    const dossierHash = await this.deps.dossierRefHash(scope.orgId, o.dossierRef);
    return {
      record: {
        orgId: scope.orgId,
        dossierHash,
        unitId,
        facts,
        factsHash: sha256(canonicalJson({ unitId, facts })),
        recordedAt: new Date(now).toISOString(),
      },
    };
  }

  /** Each item on its own (one bad item never blocks the rest); all valid ones in one store transaction. */
  async record(items: unknown[], scope: OutcomeScope, now = Date.now()): Promise<OutcomeItemResult[]> {
    const resolveUnit = await this.unitResolver(scope.orgId);
    const prepared = await Promise.all(items.map((raw) => this.prepare(raw, scope, resolveUnit, now)));
    const records = prepared.filter((p): p is PreparedOutcome => 'record' in p).map((p) => p.record);
    const outcomes = await this.deps.store.recordDossierEvents(records);
    let next = 0;
    return prepared.map((p) => ('record' in p ? resultOf(p.record.facts.event, outcomes[next++]) : p));
  }

  /** Prepared records straight to the store, in one transaction (the CSV import, after judging its rows). */
  storeRecords(records: DossierEventRecord[]): Promise<DossierEventOutcome[]> {
    return records.length ? this.deps.store.recordDossierEvents(records) : Promise.resolve([]);
  }

  /** What the store already holds for these dossiers, by hash: for a preview, and to judge a CSV row whole. */
  async stored(orgId: string, hashes: string[]): Promise<Map<string, DossierEventRecord[]>> {
    const out = new Map<string, DossierEventRecord[]>();
    for (const h of new Set(hashes)) out.set(h, await this.deps.store.getDossierEvents(orgId, h));
    return out;
  }
}

export function resultOf(event: DossierEventName, outcome: DossierEventOutcome): OutcomeItemResult {
  switch (outcome.status) {
    case 'stored':
    case 'duplicate':
      return { status: outcome.status, event };
    case 'conflict':
      return outcome.field === 'unitId'
        ? { status: 'conflict', event, error: { code: 'conflict', message: 'This dossier was recorded under another unit', details: [{ path: 'unit', message: 'differs from the unit already recorded for this dossier' }] } }
        : { status: 'conflict', event, error: { code: 'conflict', message: `This dossier's "${event}" event was already stored with other facts`, details: [{ path: 'event', message: 'already stored with other facts' }] } };
  }
}

/** Times the one-stop software could not have meant: in the future (beyond a day of clock skew), or a due date before receipt. */
function checkTimes(f: DossierFacts, now: number): FieldIssue[] {
  const future = (iso: string) => Date.parse(iso) > now + DAY_MS;
  const issues: FieldIssue[] = [];
  if (f.event === 'received') {
    if (future(f.receivedAt)) issues.push({ path: 'receivedAt', message: 'in the future' });
    if (f.dueAt && Date.parse(f.dueAt) < Date.parse(f.receivedAt)) issues.push({ path: 'dueAt', message: 'before receivedAt' });
  }
  if (f.event === 'settled' && future(f.settledAt)) issues.push({ path: 'settledAt', message: 'in the future' });
  if (f.event === 'complaint' && f.raisedAt && future(f.raisedAt)) issues.push({ path: 'raisedAt', message: 'in the future' });
  return issues;
}
