/**
 * Ingestion: structure (zod) first, then meaning against the survey version
 * and the office's configuration, then one durable commit of the response
 * with its aggregate deltas, then the event. Nothing is written unless all
 * checks pass, and the caller hears back only after the commit.
 */
import { ResponseInputSchema, checkAnswers, type ResponseInput } from '../../shared/response.schema';
import type { CommitOutcome, StoredResponse } from '../store/types';
import { deltasFor } from './aggregation';
import { canonicalJson, sha256 } from './canonical';
import type { CommitQueue } from './commit-queue';
import { DomainError, invalid, type FieldIssue } from './errors';
import { belongsTo } from './permissions';
import { procedureLookup, type Device, type Entities, type ServicePoint } from './entities';
import type { EventBus } from './events';
import { isOpenAt } from './opening-hours';
import type { SurveysService } from './surveys.service';
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
  /** Client key for per-client limits on public counter links (cookie id, never the office IP alone). */
  clientKey?: string;
}

/** The survey-link rules ingestion applies; SurveyLinksService implements them. */
export interface LinkRules {
  /** Verifies a single-use dossier link token; throws a DomainError when it is bad. */
  resolveForIngest(token: string): Promise<LinkContext>;
  /** Throws `rate-limited` when a public counter link is used too often. */
  checkCounterLimit(servicePointId: string, clientKey: string | undefined): Promise<void>;
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
  private readonly sessions: SessionRules | null;

  constructor(deps: IngestDeps) {
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
    const parsed = ResponseInputSchema.safeParse(raw);
    if (!parsed.success) {
      throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    const input = parsed.data;
    const { response, definition, claims } = await this.resolve(input, ctx);
    const outcome = await this.queue.submit({ response, deltas: deltasFor(response, definition), claims });
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

    // A replay of an answer already stored is not a new use of the counter link: let it reach "duplicate".
    if (input.channel === 'qr' && !(await this.isStored(input.id))) {
      await this.links.checkCounterLimit(sp.id, ctx.clientKey);
    }

    // ---- rating sessions (issue 15): a session fixes procedure, officer and dossier; the body cannot change them.
    const session = input.channel === 'kiosk' && this.sessions ? await this.sessions.forKioskRating(input.sessionId, sp, now) : null;
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
      procedureId = proc.id;
    }
    if (input.officerId && !fromLink) {
      const officer = await this.entities.get('officer', input.officerId);
      if (!officer || !belongsTo(sp.orgId, officer)) {
        throw new DomainError('unprocessable', 'Unknown officer', [{ path: 'officerId', message: 'no such officer' }]);
      }
      officerId = officer.id;
    }
    if (!fromLink) officerId ??= sp.officerOnDutyId;

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
      outsideHours: !isOpenAt(sp.hours, now),
      locale: input.locale,
      overall: typeof overall === 'number' ? overall : null,
      answers: input.answers,
      comment: input.comment ? input.comment : null,
      clientTime: input.clientTime ?? null,
      serverTime: new Date(now).toISOString(),
      bodyHash: sha256(canonicalJson(body)),
      excluded: null,
    };
    return { response, definition: survey.definition, claims };
  }
}

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
      const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : null;
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
