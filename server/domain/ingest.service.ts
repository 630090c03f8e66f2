/**
 * Ingestion: structure (zod) first, then meaning against the survey version
 * and the office's configuration, then one durable commit of the response
 * with its aggregate deltas, then the event. Nothing is written unless all
 * checks pass, and the caller hears back only after the commit.
 */
import { ResponseInputSchema, checkAnswers, type ResponseInput } from '../../shared/response.schema';
import type { CommitOutcome, DutyPeriod, Store, StoredResponse, Suspect, SuspectReason } from '../store/types';
import { DAY_MS, HOUR_MS } from '../../shared/periods';
import { deltasFor } from './aggregation';
import { canonicalJson, sha256 } from './canonical';
import { fastResponseInput } from './response-input';
import type { CommitQueue } from './commit-queue';
import { GapQueue } from './gap-queue';
import { DomainError, invalid, type FieldIssue } from './errors';
import { belongsTo } from './permissions';
import { procedureLookup, type Device, type Entities, type Organisation, type ServicePoint } from './entities';
import type { EventBus } from './events';
import { isOpenAt } from './opening-hours';
import type { SurveysService } from './surveys.service';
import { LOW_RATING_MAX, lowRatingClaimForLink } from './dossier-outcomes.service';
import type { SessionRules } from './rating-session.types';

/** What a dossier link resolves to (issued per dossier by the one-stop software). */
export interface LinkContext {
  linkId: string;
  servicePointId: string;
  procedureId: string | null;
  officerId: string | null;
}

/** Who is submitting: an enrolled kiosk, a dossier link, or nobody (public counter QR). */
export interface IngestContext {
  device?: Device | null;
  /**
   * The counter-QR client id, already verified as one this server issued
   * (signed); undefined when the client sent none or a forged one.
   */
  clientKey?: string;
}

/** The survey-link rules ingestion applies; SurveyLinksService implements them. */
export interface LinkRules {
  /** Verifies a single-use dossier link token; throws a DomainError when it is bad. */
  resolveForIngest(token: string): Promise<LinkContext>;
  /**
   * Counts a counter-QR answer against its limits. Throws `rate-limited` when
   * one issued client id sends too many; answers the reason to hold the
   * answer for review when the counter's limits are exceeded (null: fine).
   */
  checkCounterLimit(servicePointId: string, clientKey: string | undefined): Promise<SuspectReason | null>;
}

/** How far ahead of the server a client clock may be before its times are not believed. */
const CLIENT_AHEAD_MS = 10 * 60_000;
/** How old a rating's client time may be: a kiosk outbox keeps ratings through long outages; a phone submits at once. */
const CLIENT_BACKLOG_MS: Record<'kiosk' | 'qr', number> = { kiosk: 7 * DAY_MS, qr: HOUR_MS };

/**
 * When the rating was made: the client's time when it is plausible (a kiosk
 * batch after an outage carries the times of the real presses), otherwise the
 * server's. Used for the minimum gap, the officer on duty and opening hours;
 * aggregates stay keyed by server time.
 */
export function ratingTime(clientTime: string | undefined, channel: 'kiosk' | 'qr', now: number): number {
  const t = clientTime ? Date.parse(clientTime) : NaN;
  if (!Number.isFinite(t) || t > now + CLIENT_AHEAD_MS || t < now - CLIENT_BACKLOG_MS[channel]) return now;
  return t;
}

export interface IngestDeps {
  entities: Entities;
  surveys: SurveysService;
  queue: CommitQueue;
  events: EventBus;
  /** Dossier-link verification and counter-link limits. */
  links: LinkRules;
  /** The counter a response names (the composition root passes a short-lived cache). */
  servicePoint?: (id: string) => Promise<ServicePoint | null>;
  /** Whether a response id is already stored: a replay must not count against a counter link's limit. */
  isStored?: (id: string) => Promise<boolean>;
  /** The shared minimum-gap marks and the duty roster. */
  store: Pick<Store, 'claimGap' | 'claimGaps' | 'dutyAt'>;
  /**
   * A counter's latest duty period (the composition root passes a
   * short-lived cache of `dutyAt(id, +∞)`, cleared when the roster changes).
   * Most ratings are pressed after it began, so it answers them without a
   * read; an older press still asks the store for the period of its time.
   */
  latestDuty?: (servicePointId: string) => Promise<DutyPeriod | null>;
  /** The organisation of a counter (the composition root passes a short-lived cache). */
  organisation?: (id: string) => Promise<Organisation | null>;
  /** Rating sessions of after-service counters (issue 15; rating-sessions.service.ts). */
  sessions?: SessionRules;
}

export type IngestStatus = 'stored' | 'duplicate';

export interface IngestResult {
  id: string;
  status: IngestStatus;
}

export class IngestService {
  private readonly entities: Entities;
  private readonly surveys: SurveysService;
  private readonly queue: CommitQueue;
  private readonly events: EventBus;
  private readonly links: LinkRules;
  private readonly servicePoint: (id: string) => Promise<ServicePoint | null>;
  private readonly isStored: (id: string) => Promise<boolean>;
  private readonly store: Pick<Store, 'claimGap' | 'claimGaps' | 'dutyAt'>;
  private readonly latestDuty: ((servicePointId: string) => Promise<DutyPeriod | null>) | null;
  private readonly organisation: (id: string) => Promise<Organisation | null>;
  private readonly sessions: SessionRules | null;
  private readonly gaps: GapQueue;

  constructor(deps: IngestDeps) {
    this.store = deps.store;
    this.latestDuty = deps.latestDuty ?? null;
    this.gaps = new GapQueue(deps.store);
    this.organisation = deps.organisation ?? ((id) => deps.entities.get('organisation', id));
    this.entities = deps.entities;
    this.surveys = deps.surveys;
    this.queue = deps.queue;
    this.events = deps.events;
    this.links = deps.links;
    this.servicePoint = deps.servicePoint ?? ((id) => deps.entities.get('servicePoint', id));
    this.isStored = deps.isStored ?? (async () => false);
    this.sessions = deps.sessions ?? null;
  }

  async ingest(raw: unknown, ctx: IngestContext): Promise<IngestResult> {
    const data = fastResponseInput(raw) ?? parseInput(raw);
    // The id is the idempotency key: one rating must have one key whatever the letter case it was sent in.
    const input = { ...data, id: canonicalResponseId(data.id) };
    const { response, definition, claims } = await this.resolve(input, ctx);
    // A suspect is stored but held out of the figures: its deltas are applied only if a manager accepts it.
    const deltas = response.suspect ? [] : deltasFor(response, definition);
    const outcome = await this.queue.submit({ response, deltas, claims });
    return this.settle(input.id, outcome, () => this.events.emit('response:stored', { response, definition }));
  }

  private settle(id: string, outcome: CommitOutcome, onStored: () => void): IngestResult {
    switch (outcome.status) {
      case 'stored':
        onStored();
        return { id, status: 'stored' };
      case 'duplicate':
        return { id, status: 'duplicate' };
      case 'conflict':
        throw new DomainError('conflict', `Response ${id} was already stored with a different body`);
      case 'claimed':
        throw new DomainError('already-answered', 'This survey link has already been answered');
    }
  }

  private async resolve(input: ResponseInput, ctx: IngestContext) {
    const now = Date.now();
    const issues: FieldIssue[] = [];
    let verified = false;
    let spId = input.servicePointId;
    let procedureId: string | null = null;
    let officerId: string | null = null;
    const claims: string[] = [];
    let linkId: string | null = null;

    switch (input.channel) {
      case 'kiosk': {
        const device = ctx.device;
        if (!device || device.revokedAt || !device.tokenHash) {
          throw new DomainError('unauthorized', 'Kiosk responses need an enrolled device token');
        }
        if (spId && spId !== device.servicePointId) {
          throw new DomainError('unprocessable', 'servicePointId does not match the kiosk', [
            { path: 'servicePointId', message: 'this kiosk is bound to another service point' },
          ]);
        }
        spId = device.servicePointId;
        verified = true;
        break;
      }
      case 'link': {
        if (!input.linkToken) throw invalid([{ path: 'linkToken', message: 'required for channel link' }]);
        const link = await this.links.resolveForIngest(input.linkToken);
        spId = link.servicePointId;
        procedureId = link.procedureId;
        officerId = link.officerId;
        verified = true;
        claims.push(`link:${link.linkId}`);
        linkId = link.linkId;
        break;
      }
      case 'qr':
        if (!spId) throw invalid([{ path: 'servicePointId', message: 'required for channel qr' }]);
        break;
    }

    const [sp, survey] = await Promise.all([this.servicePoint(spId!), this.surveys.get(input.surveyVersionId)]);
    if (!sp) throw new DomainError('unprocessable', 'Unknown service point', [{ path: 'servicePointId', message: 'no such service point' }]);
    if (!survey || !belongsTo(sp.orgId, survey)) {
      throw new DomainError('unprocessable', 'Unknown survey version', [{ path: 'surveyVersionId', message: 'no such survey version' }]);
    }
    issues.push(...checkAnswers(survey.definition, input.answers));
    if (issues.length) throw invalid(issues);
    await this.refuseAtInactiveCounter(sp, input.id, input.channel === 'link' ? now : ratingTime(input.clientTime, input.channel, now));

    // ---- rating sessions (issue 15): a session fixes procedure, officer and dossier; the body cannot change them.
    const found = input.channel === 'kiosk' && this.sessions ? await this.sessions.forKioskRating(input.sessionId, sp, now) : null;
    const session = found && !found.suspect ? found : null;
    if (session) {
      claims.push(...session.claims);
      procedureId = session.procedureId;
      officerId = session.officerId;
    }
    // ---- end of rating sessions

    // A dossier link fixes procedure and officer when it is issued; the citizen's body cannot change them.
    const fromLink = input.channel === 'link' || session !== null;
    if (input.procedureCode && !fromLink) {
      const proc = await this.entities.find('procedure', procedureLookup(sp.orgId, input.procedureCode));
      if (!proc) throw new DomainError('unprocessable', 'Unknown procedure', [{ path: 'procedureCode', message: 'no such procedure' }]);
      if (!procedureServedAt(proc, sp)) {
        throw new DomainError('unprocessable', 'Procedure not handled at this counter', [{ path: 'procedureCode', message: "not in this counter's unit or the organisation's list" }]);
      }
      procedureId = proc.id;
    }

    const at = input.channel === 'link' ? now : ratingTime(input.clientTime, input.channel, now);
    // Kiosks and counter links: the roster decides who served, never the body (it may name anyone).
    if (!fromLink) officerId = await this.officerOnDuty(sp, at);

    // A replay of an answer already stored is not a new rating: it counts against no limit and reaches "duplicate".
    let suspectReason: SuspectReason | null = null;
    if (input.channel === 'qr') {
      if (!(await this.isStored(input.id))) suspectReason = await this.links.checkCounterLimit(sp.id, ctx.clientKey);
    } else if (input.channel === 'kiosk') {
      suspectReason = await this.checkGap(sp, ctx.device!, input.id, at, now);
    }
    if (found?.suspect) suspectReason = found.suspect;
    await this.surveys.lockForUse(survey);
    const overallQ = survey.definition.kiosk.questionId;
    const overall = input.answers[overallQ];
    const { linkToken: _token, ...body } = input; // the token is a credential, never stored
    const response: StoredResponse = {
      id: input.id,
      orgId: sp.orgId,
      unitId: sp.unitId,
      servicePointId: sp.id,
      deviceId: input.channel === 'kiosk' ? ctx.device!.id : null,
      officerId,
      procedureId,
      surveyVersionId: survey.id,
      channel: input.channel,
      verified,
      outsideHours: !isOpenAt(sp.hours, at),
      locale: input.locale,
      overall: typeof overall === 'number' ? overall : null,
      answers: input.answers,
      comment: input.comment ? input.comment : null,
      clientTime: input.clientTime ?? null,
      serverTime: new Date(now).toISOString(),
      bodyHash: sha256(canonicalJson(body)),
      excluded: null,
    };
    if (suspectReason) response.suspect = { reason: suspectReason, at: response.serverTime, accepted: null } satisfies Suspect;
    // Decision 766: a verified rating ≤ 2 through a dossier link marks that dossier, in the same commit.
    const low = linkId !== null && response.overall !== null && response.overall <= LOW_RATING_MAX ? lowRatingClaimForLink(linkId) : null;
    if (low) claims.push(low);
    return { response, definition: survey.definition, claims };
  }

  /**
   * A deactivated counter takes no new rating: its kiosk is told to stop
   * offering the survey and the QR page's answer is refused, naming the
   * counter. A kiosk rating pressed before the switch-off (queued while
   * offline) is still the counter's, and a replay of a stored one stays a
   * "duplicate", never an error.
   */
  private async refuseAtInactiveCounter(sp: ServicePoint, id: string, at: number): Promise<void> {
    if (sp.active !== false) return;
    const since = sp.inactiveSince ? Date.parse(sp.inactiveSince) : NaN;
    if (Number.isFinite(since) && at < since) return;
    if (await this.isStored(id)) return;
    throw new DomainError('unprocessable', `Counter ${sp.code} is inactive: it takes no ratings`, [{ path: 'servicePointId', message: 'counter inactive' }]);
  }

  /**
   * The officer on duty at the counter at that time. A counter whose duty was
   * never changed through the roster has had its officer all along.
   */
  private async officerOnDuty(sp: ServicePoint, at: number): Promise<string | null> {
    const latest = this.latestDuty ? await this.latestDuty(sp.id) : undefined;
    // No period at all: none covers `at` either. The latest one, begun by `at`: it is the one covering `at`.
    const period = latest === null || (latest && latest.from <= at) ? latest : await this.store.dutyAt(sp.id, at);
    return period ? period.officerId : sp.officerOnDutyId;
  }

  /**
   * The organisation's minimum gap between two ratings of one kiosk, judged
   * by a mark in the store (so every node sees every press), at the press
   * time. 'min-gap' when another rating lies closer than the gap.
   */
  private async checkGap(sp: ServicePoint, device: Device, id: string, at: number, now: number): Promise<SuspectReason | null> {
    const org = await this.organisation(sp.orgId);
    const gapMs = (org?.kiosk?.minGapSeconds ?? 0) * 1000;
    if (gapMs <= 0) return null;
    // A replay of a stored rating is not a new press: it claims no mark (the read is skipped when there is no gap to keep).
    if (await this.isStored(id)) return null;
    const clear = await this.gaps.claim({ key: `gap:${device.id}`, responseId: id, at, gapMs, keepUntil: Math.max(at, now) + CLIENT_BACKLOG_MS.kiosk + gapMs });
    return clear ? null : 'min-gap';
  }
}

/** The schema's parse of a body the fast reader left to it (response-input.ts): it alone words the errors. */
function parseInput(raw: unknown): ResponseInput {
  const parsed = ResponseInputSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return parsed.data;
}

/**
 * The one spelling of a response id: UUIDs are case-insensitive (RFC 9562),
 * so `ABC…` and `abc…` are the same rating. Every way an id enters (one POST,
 * a batch item, a review or exclusion by id) goes through this first.
 */
export const canonicalResponseId = (id: string): string => id.trim().toLowerCase();

/** A procedure of a unit's own list is answered at that unit's counters only; one of no unit, anywhere. */
export const procedureServedAt = (proc: { unitId?: string | null }, sp: Pick<ServicePoint, 'unitId'>): boolean => !proc.unitId || proc.unitId === sp.unitId;

export interface BatchItemResult {
  index: number;
  id: string | null;
  status: IngestStatus | 'conflict' | 'already-answered' | 'invalid' | 'unprocessable' | 'unauthorized' | 'rate-limited';
  error?: { code: string; message: string; details?: unknown };
}

/**
 * The kiosk outbox form: each item is judged on its own so one bad item never
 * blocks the rest, and all of them share one commit.
 */
export async function ingestBatch(svc: IngestService, items: unknown[], ctx: IngestContext): Promise<BatchItemResult[]> {
  return Promise.all(
    items.map(async (item, index): Promise<BatchItemResult> => {
      const raw = (item as { id?: unknown } | null)?.id;
      const id = typeof raw === 'string' ? canonicalResponseId(raw) : null;
      try {
        const r = await svc.ingest(item, ctx);
        return { index, id, status: r.status };
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        const status = err.code === 'invalid-input' ? 'invalid' : (err.code as BatchItemResult['status']);
        return { index, id, status, error: { code: err.code, message: err.message, details: err.details } };
      }
    }),
  );
}
