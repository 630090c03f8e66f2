/**
 * Rating sessions (issue 15): on a counter set to 'after-service', a rating
 * is taken only when the service opens a session for the citizen just served
 * — from the officer page (officer PIN or an admin session) or from the
 * one-stop / queue software (integration key). The kiosk shows the faces for
 * that session only; the rating names the session, and ingestion takes the
 * procedure (and the dossier, when one was named) from it, never from the body.
 *
 * - used at most once: the claim `session:<id>` is taken in the same commit
 *   as the response, after the idempotent replay check (a resent rating still
 *   answers "duplicate", a second rating answers "already-answered");
 * - expires silently: an unused session is simply never answered; a rating
 *   that arrives too late, or names no session, is stored as a suspect held
 *   for review (never dropped: it may be a real press from the outbox);
 * - belongs to its counter: a kiosk at another counter cannot answer it;
 * - a named dossier is kept only as its keyed hash (the survey-link HMAC) and
 *   adds the dossier's claim, so a dossier is answered once whether by link or kiosk.
 *
 * Officers sign in on the officer page with their counter's code and their
 * PIN (hashed on the officer record); the page gets a bearer token, kept here
 * hashed, bound to the officer and the counter, which must be in the officer's unit.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/types';
import { HOUR_MS } from '../../shared/periods';
import type { KioskRatingSession } from '../../shared/kiosk-protocol';
import type { LocalText } from '../../shared/local-text';
import { sha256 } from './canonical';
import { DomainError } from './errors';
import { authorise, belongsTo, type Caller } from './permissions';
import { procedureLookup, servicePointLookup, type Entities, type Officer, type Procedure, type RatingMode, type ServicePoint } from './entities';
import type { EventBus } from './events';
import type { AuditService } from './audit.service';
import { dossierClaimId } from './survey-links.service';
import { hashPin, verifyPin } from './pins';
import type { SessionContext, SessionRules } from './rating-session.types';

export type { SessionContext, SessionRules };

export const SESSION_KIND = 'ratingSession';
export const OFFICER_TOKEN_KIND = 'officerToken';
/** The kiosk shows the faces for 60 s; the server keeps a margin for delivery and a slow press. */
export const SESSION_OPEN_MS = 90_000;
/** A rating pressed in time may wait in an offline kiosk's outbox: accepted this long after the session closed. */
export const SESSION_INGEST_GRACE_MS = 6 * HOUR_MS;
export const OFFICER_TOKEN_TTL_MS = 12 * HOUR_MS;
/** Officer PIN sign-ins per counter and window (an office shares one IP, so never per IP). */
export const OFFICER_PIN_TRIES = 10;
export const OFFICER_PIN_WINDOW_MS = 15 * 60_000;

export interface RatingSession {
  id: string;
  orgId: string;
  servicePointId: string;
  procedureId: string | null;
  /** Who served: the officer who opened it, else the officer on duty. */
  officerId: string | null;
  /** HMAC of the dossier reference (survey-link key); the reference itself is never stored. */
  dossierRefHash: string | null;
  /** HMAC of a queue ticket number, when the queue software sends one. */
  ticketHash: string | null;
  openedBy: { kind: 'integration-key' | 'officer' | 'user'; id: string };
  createdAt: string;
  expiresAt: string;
}

interface OfficerToken {
  id: string;
  orgId: string;
  officerId: string;
  servicePointId: string;
  expiresAt: string;
}

/** Who opens a session: the one-stop software's key, a signed-in officer, or an admin user. */
export type Opener =
  | { kind: 'integration-key'; orgId: string; keyId: string }
  | { kind: 'officer'; token: OfficerToken }
  | { kind: 'user'; caller: Caller };

export interface OpenSessionInput {
  /** Counter code, as printed (case-insensitive). Officers are bound to their counter and may omit it. */
  counter?: string;
  procedureCode?: string;
  dossierRef?: string;
  ticket?: string;
}

/** What the officer page shows: who is signed in, at which counter, and the procedures to pick from. */
export interface OfficerContext {
  officer: { id: string; name: string } | null;
  counter: { code: string; name: LocalText; ratingMode: RatingMode };
  procedures: { code: string; name: LocalText }[];
}

export interface RatingSessionsDeps {
  store: Store;
  entities: Entities;
  events: EventBus;
  audit: AuditService;
  /** The dossier-link hashing (SurveyLinksService.dossierRefHash). */
  refHash(orgId: string, ref: string): Promise<string>;
}

const tokenLookup = (hash: string) => `token:${hash}`;

export class RatingSessionsService implements SessionRules {
  constructor(private readonly deps: RatingSessionsDeps) {}

  // ---- opening -------------------------------------------------------------

  async open(opener: Opener, input: OpenSessionInput, now = Date.now()): Promise<{ session: RatingSession; servicePoint: ServicePoint; procedure: Procedure | null }> {
    const { entities, store, events } = this.deps;
    const sp = await this.counterFor(opener, input.counter);
    if ((sp.ratingMode ?? 'always') !== 'after-service') {
      throw new DomainError('conflict', 'This counter rates always; switch it to after-service to open sessions', [
        { path: 'counter', message: 'ratingMode is not after-service' },
      ]);
    }
    let procedure: Procedure | null = null;
    if (input.procedureCode) {
      procedure = await entities.find('procedure', procedureLookup(sp.orgId, input.procedureCode));
      if (!procedure) throw new DomainError('unprocessable', 'Unknown procedure', [{ path: 'procedureCode', message: 'no procedure with this code' }]);
    }
    const session: RatingSession = {
      id: randomBytes(16).toString('base64url'),
      orgId: sp.orgId,
      servicePointId: sp.id,
      procedureId: procedure?.id ?? null,
      officerId: opener.kind === 'officer' ? opener.token.officerId : sp.officerOnDutyId,
      dossierRefHash: input.dossierRef ? await this.deps.refHash(sp.orgId, input.dossierRef) : null,
      ticketHash: input.ticket ? await this.deps.refHash(sp.orgId, `ticket:${input.ticket.trim()}`) : null,
      openedBy:
        opener.kind === 'integration-key'
          ? { kind: opener.kind, id: opener.keyId }
          : opener.kind === 'officer'
            ? { kind: 'officer', id: opener.token.officerId }
            : { kind: 'user', id: opener.caller.email },
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + SESSION_OPEN_MS).toISOString(),
    };
    await store.insertEntity({ kind: SESSION_KIND, id: session.id, orgId: session.orgId, lookup: null, data: session, updatedAt: session.createdAt });
    const forKiosk: KioskRatingSession = {
      id: session.id,
      expiresAt: session.expiresAt,
      procedure: procedure ? { code: procedure.code, name: procedure.name } : null,
    };
    events.emit('rating-session:opened', { orgId: sp.orgId, servicePointId: sp.id, session: forKiosk });
    return { session, servicePoint: sp, procedure };
  }

  private async counterFor(opener: Opener, code: string | undefined): Promise<ServicePoint> {
    const { entities } = this.deps;
    if (opener.kind === 'officer') {
      // An officer's token is bound to one counter; naming another is refused, not redirected.
      const sp = await entities.get('servicePoint', opener.token.servicePointId);
      if (!sp) throw new DomainError('not-found', 'Counter missing');
      if (code && code.toLowerCase() !== sp.code.toLowerCase()) throw new DomainError('forbidden', 'Signed in at another counter');
      return sp;
    }
    if (!code) throw new DomainError('invalid-input', 'Name the counter', [{ path: 'counter', message: 'required' }]);
    const sp = await entities.find('servicePoint', servicePointLookup(code));
    if (opener.kind === 'user') return authorise(opener.caller, 'counter', sp, 'No counter with this code');
    if (!sp || !belongsTo(opener.orgId, sp)) throw new DomainError('unprocessable', 'Unknown counter', [{ path: 'counter', message: 'no counter with this code' }]);
    return sp;
  }

  /**
   * The session a kiosk (re)connecting at this counter should still show: the
   * newest one still open and not answered. A kiosk that was reconnecting when
   * the officer pressed "invite" thus still gets it.
   */
  async stillOpen(orgId: string, servicePointId: string, now = Date.now()): Promise<KioskRatingSession | null> {
    const { store, entities } = this.deps;
    const recent = await store.listEntities<RatingSession>(SESSION_KIND, { orgId, limit: 50 });
    const s = recent.map((r) => r.data).find((x) => x.servicePointId === servicePointId && Date.parse(x.expiresAt) > now);
    if (!s || (await store.hasClaim(`session:${s.id}`))) return null;
    const procedure = s.procedureId ? await entities.get('procedure', s.procedureId) : null;
    return { id: s.id, expiresAt: s.expiresAt, procedure: procedure ? { code: procedure.code, name: procedure.name } : null };
  }

  // ---- answering (ingestion's hook) ------------------------------------------

  async forKioskRating(sessionId: string | undefined, sp: ServicePoint, now: number): Promise<SessionContext | null> {
    const afterService = sp.ratingMode === 'after-service';
    if (!sessionId) return afterService ? NO_SESSION : null;
    const session = (await this.deps.store.getEntity<RatingSession>(SESSION_KIND, sessionId))?.data;
    // Stored and held for review rather than refused: a refusal is terminal for the kiosk, and the press would be lost.
    if (!session || session.servicePointId !== sp.id) return NO_SESSION;
    if (now > Date.parse(session.expiresAt) + SESSION_INGEST_GRACE_MS) return NO_SESSION;
    const claims = [`session:${session.id}`];
    if (session.dossierRefHash) claims.push(`link:${dossierClaimId(session.dossierRefHash)}`);
    return { sessionId: session.id, claims, procedureId: session.procedureId, officerId: session.officerId };
  }

  // ---- officers ----------------------------------------------------------------

  /** An admin sets (or clears) an officer's PIN; unique among the active officers of the unit, so a PIN names one officer. Audited without the PIN. */
  async setOfficerPin(caller: Caller, officerId: string, pin: string | null): Promise<Officer> {
    const { entities, audit } = this.deps;
    const officer = authorise(caller, 'officer', await entities.get('officer', officerId));
    if (pin) {
      const colleagues = (await entities.list('officer', { orgId: officer.orgId })).filter((o) => o.id !== officer.id && o.unitId === officer.unitId && o.pinHash);
      const taken = await Promise.all(colleagues.map((o) => verifyPin(pin, o.pinHash)));
      if (taken.some(Boolean)) throw new DomainError('conflict', 'Another officer of this unit has this PIN', [{ path: 'pin', message: 'choose another PIN' }]);
    }
    const next: Officer = { ...officer, pinHash: pin ? await hashPin(pin) : null };
    await entities.put('officer', next);
    await audit.record({ orgId: officer.orgId, actor: caller.email, action: 'officer.pin', target: officer.id, details: { pin: pin ? 'changed' : 'removed' } });
    return next;
  }

  /** An admin switches a counter between always-on rating and after-service sessions. Audited; the kiosks re-render. */
  async setRatingMode(caller: Caller, servicePointId: string, ratingMode: RatingMode): Promise<ServicePoint> {
    const { entities, audit, events } = this.deps;
    const sp = authorise(caller, 'counter', await entities.get('servicePoint', servicePointId));
    const next: ServicePoint = { ...sp, ratingMode };
    await entities.put('servicePoint', next);
    await audit.record({ orgId: sp.orgId, actor: caller.email, action: 'counter.ratingMode', target: sp.id, details: { ratingMode } });
    events.emit('config:changed', { orgId: sp.orgId, kind: 'servicePoint', id: sp.id, servicePointIds: [sp.id] });
    return next;
  }

  /**
   * Counter code + PIN → a bearer token for the officer page. The PIN is
   * matched among the active officers of the counter's unit (so an officer
   * can only sign in at a counter of their own unit). Tries are counted per
   * counter before the check.
   */
  async signIn(counter: string, pin: string, now = Date.now()): Promise<{ token: string; expiresAt: string; context: OfficerContext }> {
    const { entities, store } = this.deps;
    const sp = await entities.find('servicePoint', servicePointLookup(counter));
    const window = now - (now % OFFICER_PIN_WINDOW_MS);
    const tries = await store.bumpCounter(`officer-pin:${sp?.id ?? 'unknown'}`, window, window + OFFICER_PIN_WINDOW_MS);
    if (tries > OFFICER_PIN_TRIES) throw new DomainError('rate-limited', 'Too many PIN attempts at this counter; try again later');
    if (!sp) throw new DomainError('unauthorized', 'Wrong counter or PIN');
    const officers = (await entities.list('officer', { orgId: sp.orgId })).filter((o) => o.active && o.unitId === sp.unitId && o.pinHash);
    const matches = await Promise.all(officers.map((o) => verifyPin(pin, o.pinHash)));
    const officer = officers[matches.indexOf(true)];
    if (!officer) throw new DomainError('unauthorized', 'Wrong counter or PIN');
    const token = `hlo_${randomBytes(24).toString('base64url')}`;
    const record: OfficerToken = { id: randomBytes(12).toString('base64url'), orgId: sp.orgId, officerId: officer.id, servicePointId: sp.id, expiresAt: new Date(now + OFFICER_TOKEN_TTL_MS).toISOString() };
    await store.insertEntity({ kind: OFFICER_TOKEN_KIND, id: record.id, orgId: record.orgId, lookup: tokenLookup(sha256(token)), data: record, updatedAt: new Date(now).toISOString() });
    return { token, expiresAt: record.expiresAt, context: await this.describe(sp, officer) };
  }

  /** The officer page's bearer token → its record; null when unknown or expired. */
  async officerToken(authorization: string | undefined, now = Date.now()): Promise<OfficerToken | null> {
    const token = /^Bearer\s+(hlo_\S{10,80})\s*$/.exec(authorization ?? '')?.[1];
    if (!token) return null;
    const found = (await this.deps.store.findEntity<OfficerToken>(OFFICER_TOKEN_KIND, tokenLookup(sha256(token))))?.data;
    if (!found || Date.parse(found.expiresAt) <= now) return null;
    const officer = await this.deps.entities.get('officer', found.officerId);
    // A deactivated officer or a removed PIN ends the page's sign-in at once.
    return officer?.active && officer.pinHash ? found : null;
  }

  async contextFor(opener: Exclude<Opener, { kind: 'integration-key' }>, counter?: string): Promise<OfficerContext> {
    const sp = await this.counterFor(opener, counter);
    const officer = opener.kind === 'officer' ? await this.deps.entities.get('officer', opener.token.officerId) : null;
    return this.describe(sp, officer);
  }

  private async describe(sp: ServicePoint, officer: Officer | null): Promise<OfficerContext> {
    const procedures = await this.deps.entities.list('procedure', { orgId: sp.orgId });
    return {
      officer: officer ? { id: officer.id, name: officer.name } : null,
      counter: { code: sp.code, name: sp.name, ratingMode: sp.ratingMode ?? 'always' },
      procedures: procedures.map((p) => ({ code: p.code, name: p.name })).sort((a, b) => a.code.localeCompare(b.code)),
    };
  }
}

/** A kiosk rating no live session of its counter opened: counted nowhere until a manager accepts it. */
const NO_SESSION: SessionContext = { sessionId: '', claims: [], procedureId: null, officerId: null, suspect: 'no-session' };
