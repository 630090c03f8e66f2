/**
 * Survey links: counter links printed on posters (anyone may answer, so the
 * answers are unverified and rate-limited) and dossier links issued per
 * dossier by the one-stop software (signed, expiring, answered once, so the
 * answers are verified).
 *
 * What is stored where, and why:
 * - the link itself is a `surveyLink` entity (counter, procedure, officer,
 *   expiry, the issuing key) — never the dossier reference, only its keyed hash;
 * - "this dossier was answered" is a claim taken in the same transaction as
 *   the response (store.commitResponses), not a field on the response, so
 *   answers cannot be joined back to a dossier;
 * - links issued per organisation and day are tallied in `surveyLinkTally`
 *   entities for the coverage figure (answers via links ÷ links issued).
 */
import { surveyVersionIdFor } from './surveys-rules';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store, SuspectReason } from '../store/types';
import type { Config } from '../config';
import { DAY_MS, HOUR_MS, startOfHour, startOfLocalDay } from '../../shared/periods';
import { sha256 } from './canonical';
import { normaliseDossierRef } from './dossier-ref';
import { DomainError } from './errors';
import { belongsTo } from './permissions';
import { procedureLookup, servicePointLookup, type Entities, type Organisation, type ServicePoint } from './entities';
import { procedureServedAt, type LinkContext, type LinkRules } from './ingest.service';
import type { SurveysService } from './surveys.service';
import { loadLinkKeys, type LinkKeys } from './survey-link.secret';
import { signLinkToken, verifyLinkToken } from './survey-link.token';
import { qrPngDataUrl, qrSvg } from './posters';
import type { LinkState, SurveyContext } from './survey-link.types';
import { sumFigures } from './figures';

export const LINK_KIND = 'surveyLink';
export const TALLY_KIND = 'surveyLinkTally';

/**
 * Second line of defence behind the per-client limit: a script that drops
 * cookies and invents client ids still cannot add more than this many
 * answers to one counter in an hour. A busy counter serves a few dozen
 * citizens an hour, so real use never gets near it.
 */
export const COUNTER_LINK_CAP_PER_HOUR = 200;

/**
 * New counter-QR client ids one address may be given per hour. An office
 * network shares one address, so it is generous; past it, a phone answers
 * without an id and its answers wait for review.
 */
export const CLIENT_IDS_PER_ADDRESS_PER_HOUR = 120;

export interface SurveyLink {
  id: string;
  orgId: string;
  servicePointId: string;
  procedureId: string;
  officerId: string | null;
  /** HMAC of the dossier reference under the link secret; the reference itself is never stored. */
  dossierRefHash: string;
  apiKeyId: string;
  createdAt: string;
  expiresAt: string;
}

interface LinkTally {
  orgId: string;
  /** 00:00 Asia/Ho_Chi_Minh of the day, epoch ms. */
  dayStart: number;
  issued: number;
}

export interface IssueLinkInput {
  orgId: string;
  apiKeyId: string;
  /** Counter code, as printed (case-insensitive). */
  counter: string;
  procedureCode: string;
  officerId?: string;
  dossierRef: string;
  expiresInDays?: number;
}

export interface IssuedLink {
  link: SurveyLink;
  token: string;
  url: string;
  expiresAt: string;
}

export interface SurveyLinksDeps {
  store: Store;
  entities: Entities;
  surveys: SurveysService;
  config: Config;
}

/**
 * The claim that makes a dossier answerable once. Every link issued for the
 * same dossier shares it, so re-issuing a receipt never yields a second answer.
 * IngestService stores it as `link:<this id>`.
 */
export const dossierClaimId = (dossierRefHash: string): string => `dossier-${dossierRefHash}`;

/** One per process (the composition root's): it caches the link keys, and ingestion verifies links through it. */
export class SurveyLinksService implements LinkRules {
  private keysPromise: Promise<LinkKeys> | null = null;

  constructor(
    private readonly deps: SurveyLinksDeps,
    private readonly counterCapPerHour = COUNTER_LINK_CAP_PER_HOUR,
    private readonly clientIdsPerHour = CLIENT_IDS_PER_ADDRESS_PER_HOUR,
  ) {}

  /** Loaded once per process; a failed load is retried on the next call. */
  keys(): Promise<LinkKeys> {
    this.keysPromise ??= loadLinkKeys(this.deps.store, this.deps.config.LINK_SECRET).catch((err) => {
      this.keysPromise = null;
      throw err;
    });
    return this.keysPromise;
  }

  counterUrl(code: string): string {
    return `${this.deps.config.publicUrl}/s/${encodeURIComponent(code)}`;
  }

  linkUrl(token: string): string {
    return `${this.deps.config.publicUrl}/l/${token}`;
  }

  /**
   * The keyed hash every dossier fact is stored under (links, their claim,
   * outcomes): the reference is normalised first (dossier-ref.ts), so case
   * or spacing cannot make one dossier two.
   */
  async dossierRefHash(orgId: string, dossierRef: string): Promise<string> {
    const { dossier } = await this.keys();
    return createHmac('sha256', dossier).update(`${orgId}\n${normaliseDossierRef(dossierRef)}`).digest('hex');
  }

  // ---- issuing -------------------------------------------------------------

  async issue(input: IssueLinkInput, now = Date.now()): Promise<IssuedLink> {
    const { entities, config, store } = this.deps;
    const sp = await entities.find('servicePoint', servicePointLookup(input.counter));
    if (!sp || !belongsTo(input.orgId, sp)) {
      throw new DomainError('unprocessable', 'Unknown counter', [{ path: 'counter', message: 'no counter with this code' }]);
    }
    const procedure = await entities.find('procedure', procedureLookup(input.orgId, input.procedureCode));
    if (!procedure) {
      throw new DomainError('unprocessable', 'Unknown procedure', [{ path: 'procedureCode', message: 'no procedure with this code in the catalogue' }]);
    }
    if (!procedureServedAt(procedure, sp)) {
      throw new DomainError('unprocessable', 'Procedure not handled at this counter', [{ path: 'procedureCode', message: "not in this counter's unit or the organisation's list" }]);
    }
    let officerId: string | null;
    if (input.officerId) {
      const officer = await entities.get('officer', input.officerId);
      if (!officer || !belongsTo(input.orgId, officer)) {
        throw new DomainError('unprocessable', 'Unknown officer', [{ path: 'officerId', message: 'no such officer' }]);
      }
      officerId = officer.id;
    } else {
      // The officer who received the dossier, not whoever is on duty when the citizen answers days later.
      officerId = sp.officerOnDutyId;
    }

    const ttlMs = (input.expiresInDays ?? config.LINK_TTL_DAYS) * DAY_MS;
    const exp = Math.floor((now + ttlMs) / 1000);
    const link: SurveyLink = {
      id: randomBytes(12).toString('base64url'),
      orgId: input.orgId,
      servicePointId: sp.id,
      procedureId: procedure.id,
      officerId,
      dossierRefHash: await this.dossierRefHash(input.orgId, input.dossierRef),
      apiKeyId: input.apiKeyId,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(exp * 1000).toISOString(),
    };
    await store.insertEntity({ kind: LINK_KIND, id: link.id, orgId: link.orgId, lookup: null, data: link, updatedAt: link.createdAt });
    await this.tallyIssued(link.orgId, now);
    const token = signLinkToken({ id: link.id, exp }, (await this.keys()).token);
    return { link, token, url: this.linkUrl(token), expiresAt: link.expiresAt };
  }

  /** A dossier link with its QR code, as SVG and as a PNG data URL, for the receipt. */
  async issueWithQr(input: IssueLinkInput, now = Date.now()): Promise<IssuedLink & { qrSvg: string; qrPng: string }> {
    const issued = await this.issue(input, now);
    const [svg, png] = await Promise.all([qrSvg(issued.url), qrPngDataUrl(issued.url)]);
    return { ...issued, qrSvg: svg, qrPng: png };
  }

  /**
   * The exact count comes from the store's atomic counter; the tally entity
   * keeps it beyond the counter's life. Only a larger count is written, so a
   * slower concurrent writer cannot lower it (at worst it lags by the
   * in-flight issues until the next one).
   */
  private async tallyIssued(orgId: string, now: number): Promise<void> {
    const { store } = this.deps;
    const dayStart = startOfLocalDay(now);
    const issued = await store.bumpCounter(`links-issued:${orgId}:${dayStart}`, dayStart, dayStart + 2 * DAY_MS);
    const id = `${orgId}:${dayStart}`;
    const current = await store.getEntity<LinkTally>(TALLY_KIND, id);
    if (current && current.data.issued >= issued) return;
    // updatedAt = the day, so a newest-first list is in day order (see stats).
    await store.putEntity<LinkTally>({ kind: TALLY_KIND, id, orgId, lookup: null, data: { orgId, dayStart, issued }, updatedAt: new Date(dayStart).toISOString() });
  }

  // ---- answering -----------------------------------------------------------

  /** Where a token stands, without taking anything. */
  async inspect(token: string, now = Date.now()): Promise<{ state: LinkState; link: SurveyLink | null }> {
    const check = verifyLinkToken(token, (await this.keys()).token, now);
    const id = check.ok || check.reason === 'expired' ? check.payload.id : null;
    const link = id ? ((await this.deps.store.getEntity<SurveyLink>(LINK_KIND, id))?.data ?? null) : null;
    if (!link) return { state: 'invalid', link: null };
    if (!check.ok || Date.parse(link.expiresAt) <= now) return { state: 'expired', link };
    const used = await this.deps.store.hasClaim(`link:${dossierClaimId(link.dossierRefHash)}`);
    return { state: used ? 'used' : 'ok', link };
  }

  /**
   * Ingestion's check of a dossier link. "Already answered" is deliberately not checked here: the
   * claim taken at commit decides it atomically, after the idempotent replay
   * check, so a retried submission still answers "duplicate" and not 409.
   */
  async resolveForIngest(token: string, now = Date.now()): Promise<LinkContext> {
    const check = verifyLinkToken(token, (await this.keys()).token, now);
    if (!check.ok && check.reason === 'invalid') throw linkRefused('invalid');
    const link = (await this.deps.store.getEntity<SurveyLink>(LINK_KIND, check.payload.id))?.data;
    if (!link) throw linkRefused('invalid');
    if (!check.ok || Date.parse(link.expiresAt) <= now) throw linkRefused('expired');
    return {
      linkId: dossierClaimId(link.dossierRefHash),
      servicePointId: link.servicePointId,
      procedureId: link.procedureId,
      officerId: link.officerId,
    };
  }

  /**
   * A counter-QR answer against its limits, per client then per counter:
   * - without a client id this server issued (signed), anyone could send any
   *   number: the answer is stored but held for review ('unsigned-client');
   * - an issued id over COUNTER_LINK_LIMIT_PER_HOUR at one counter is refused
   *   (`rate-limited`): no citizen answers that often from one phone;
   * - past the counter's cap of counted answers, every further one is held
   *   for review ('counter-cap') instead of refusing real phones.
   * Only answers that pass count towards the cap, so a flood of held answers
   * cannot fill it and lock real phones out.
   */
  async checkCounterLimit(servicePointId: string, clientKey: string | undefined, now = Date.now()): Promise<SuspectReason | null> {
    const { store, config } = this.deps;
    if (!clientKey) return 'unsigned-client';
    const hour = startOfHour(now);
    const mine = await store.bumpCounter(`counter-link:${servicePointId}:${sha256(clientKey).slice(0, 32)}`, hour, hour + HOUR_MS);
    if (mine > config.COUNTER_LINK_LIMIT_PER_HOUR) {
      throw new DomainError('rate-limited', 'Too many responses from this device for this counter; try again later');
    }
    const all = await store.bumpCounter(`counter-link:${servicePointId}`, hour, hour + HOUR_MS);
    return all > this.counterCapPerHour ? 'counter-cap' : null;
  }

  // ---- counter-QR client ids -------------------------------------------------

  /**
   * A new client id for the `hl_client` cookie: random, signed with a key
   * derived from the link secret (shared by every node), so one cannot be
   * invented. Null when this address was given too many this hour.
   */
  async issueClientId(address: string, now = Date.now()): Promise<string | null> {
    const hour = startOfHour(now);
    const n = await this.deps.store.bumpCounter(`client-ids:${sha256(address).slice(0, 32)}`, hour, hour + HOUR_MS);
    if (n > this.clientIdsPerHour) return null;
    const id = randomBytes(16).toString('base64url');
    return `${id}.${await this.clientSignature(id)}`;
  }

  /** The first of the candidates that this server issued, or undefined. Never throws on junk. */
  async verifyClientId(...candidates: (string | undefined)[]): Promise<string | undefined> {
    for (const c of candidates) {
      if (typeof c !== 'string' || c.length > 100) continue;
      const [id, sig, extra] = c.split('.');
      if (!id || !sig || extra !== undefined) continue;
      const expected = Buffer.from(await this.clientSignature(id));
      const given = Buffer.from(sig);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return c;
    }
    return undefined;
  }

  private async clientSignature(id: string): Promise<string> {
    return createHmac('sha256', (await this.keys()).client).update(id).digest('base64url').slice(0, 22);
  }

  // ---- the QR page's bootstrap -------------------------------------------

  /** Whether a counter code is known (the /s/<code> page answers 404 otherwise). */
  async hasCounter(code: string): Promise<boolean> {
    return (await this.deps.entities.find('servicePoint', servicePointLookup(code))) !== null;
  }

  async counterContext(code: string): Promise<SurveyContext> {
    const sp = await this.deps.entities.find('servicePoint', servicePointLookup(code));
    if (!sp) throw new DomainError('not-found', 'No counter with this code');
    // A deactivated counter refuses ratings (ingest.service.ts): the page says so before any question.
    if (sp.active === false) return { state: 'inactive', channel: 'qr', ...(await this.describe(sp, null, false)) };
    return { state: 'ok', channel: 'qr', ...(await this.describe(sp, null, true)) };
  }

  async linkContext(token: string, now = Date.now()): Promise<SurveyContext> {
    const { state, link } = await this.inspect(token, now);
    if (!link || state === 'invalid') return { state: 'invalid', channel: 'link' };
    const sp = await this.deps.entities.get('servicePoint', link.servicePointId);
    if (!sp) return { state: 'invalid', channel: 'link' };
    if (state === 'ok' && sp.active === false) return { state: 'inactive', channel: 'link', ...(await this.describe(sp, link.procedureId, false)) };
    return { state, channel: 'link', ...(await this.describe(sp, link.procedureId, state === 'ok')) };
  }

  private async describe(sp: ServicePoint, procedureId: string | null, withSurvey: boolean): Promise<Omit<SurveyContext, 'state' | 'channel'>> {
    const { entities, surveys } = this.deps;
    const org: Organisation | null = await entities.get('organisation', sp.orgId);
    if (!org) throw new DomainError('not-found', 'Organisation missing');
    const procedure = procedureId ? await entities.get('procedure', procedureId) : null;
    const out: Omit<SurveyContext, 'state' | 'channel'> = {
      org: { name: org.name },
      servicePoint: { id: sp.id, code: sp.code, name: sp.name },
      procedure: procedure ? { code: procedure.code, name: procedure.name } : null,
    };
    if (!withSurvey) return out;
    // The counter's own version when it has one (issue 11), else the office's.
    const versionId = surveyVersionIdFor(org, sp);
    const version = versionId ? await surveys.get(versionId) : null;
    if (!version) throw new DomainError('unavailable', 'This office has no active survey');
    return { ...out, survey: { versionId: version.id, definition: version.definition } };
  }

  // ---- coverage ------------------------------------------------------------

  /**
   * Links issued and answers received through links in [from, to) (local-day
   * aligned). Answers come from the aggregate buckets, so excluded responses
   * are not counted and the figure matches the dashboard's.
   */
  async stats(orgId: string, from: number, to: number): Promise<{ issued: number; answered: number }> {
    const { store } = this.deps;
    let issued = 0;
    const PAGE = 400;
    for (let offset = 0; ; offset += PAGE) {
      const page = await store.listEntities<LinkTally>(TALLY_KIND, { orgId, limit: PAGE, offset });
      for (const t of page) if (t.data.dayStart >= from && t.data.dayStart < to) issued += t.data.issued;
      // Newest day first: stop once a page reaches days before the range.
      if (page.length < PAGE || page[page.length - 1].data.dayStart < from) break;
    }
    const { rows } = await sumFigures(store, { grain: 'day', from, to, filter: { orgId, channel: 'link', metrics: ['resp'] } });
    const answered = rows.reduce((sum, r) => sum + r.n, 0);
    return { issued, answered };
  }
}

function linkRefused(reason: 'invalid' | 'expired'): DomainError {
  return reason === 'expired'
    ? new DomainError('unprocessable', 'This survey link has expired', [{ path: 'linkToken', message: 'expired' }])
    : new DomainError('unprocessable', 'This survey link is not valid', [{ path: 'linkToken', message: 'invalid' }]);
}
