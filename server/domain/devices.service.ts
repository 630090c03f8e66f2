/**
 * Counter kiosks: creation for a service point, one-time enrolment codes,
 * the code-for-token exchange, revocation, heartbeats and the configuration a
 * kiosk renders. No express, no socket.io: routes and socket handlers call in.
 *
 * Secrets are only ever stored hashed: the enrolment code (short, typed by
 * staff, single use, expiring) and the device token (long, random, kept on
 * the kiosk). A revoked or re-enrolled device loses its token at once.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Store } from '../store/types';
import type { Device, Entities } from './entities';
import { deviceTokenLookup } from './entities';
import type { AuditService } from './audit.service';
import type { EventBus } from './events';
import type { SurveysService } from './surveys.service';
import type { TtlCache } from './ttl-cache';
import type { KioskPresence } from './kiosk-presence';
import { sha256 } from './canonical';
import { DomainError } from './errors';
import { belongsTo } from './permissions';
import { DEMO_IDS } from './seed';
import { buildKioskConfig } from './kiosk-config';
import {
  ENROLMENT_CODE_ALPHABET,
  ENROLMENT_CODE_LENGTH,
  formatEnrolmentCode,
  normaliseEnrolmentCode,
  type KioskConfig,
  type KioskHeartbeat,
} from '../../shared/kiosk-protocol';

export const ENROLMENT_TTL_MS = 24 * 3600_000;
/** Enrolment attempts allowed per client address and window: plenty for setting up a whole office, hopeless for guessing. */
export const ENROL_ATTEMPTS_PER_WINDOW = 60;
const ENROL_WINDOW_MS = 10 * 60_000;

/**
 * Pending codes live in their own records keyed by the code's hash, so the
 * public exchange is one lookup and deleting the record is the atomic
 * "single use" (only one caller sees the delete succeed).
 */
const PENDING_KIND = 'deviceEnrolment';
interface PendingEnrolment {
  deviceId: string;
  orgId: string;
  expiresAt: string;
}

export type DeviceState = 'enrolled' | 'pending' | 'expired' | 'revoked';

/** A device as the admin API shows it: no hashes. */
export interface PublicDevice {
  id: string;
  orgId: string;
  servicePointId: string;
  name: string;
  state: DeviceState;
  /** When the current enrolment code stops working (null when none is pending). */
  enrolmentExpiresAt: string | null;
  enrolledAt: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
  status: Device['status'];
}

export interface IssuedCode {
  /** Shown once, formatted XXXX-XXXX; only its hash is kept. */
  code: string;
  expiresAt: string;
  /** Opening this on the kiosk enrols it without typing. */
  url: string;
}

export interface Actor {
  orgId: string;
  /** Who, for the audit log (an e-mail, or "system"). */
  name: string;
}

export interface DevicesDeps {
  entities: Entities;
  store: Store;
  audit: AuditService;
  events: EventBus;
  surveys: SurveysService;
  /** Device by token hash on the ingest path, cached briefly (the composition root clears it on device changes). */
  byTokenHash?: TtlCache<Device | null>;
  /** The presence history behind the report's kiosk uptime (one mark per counter and 5-minute slot). */
  presence?: KioskPresence;
}

export class DevicesService {
  /** Serialises read-modify-write of one device in this process (heartbeats vs revoke, see recordHeartbeat). */
  private readonly locks = new Map<string, Promise<unknown>>();

  /** One per process (the composition root's), so routes and socket handlers share the per-device lock. */
  constructor(
    private readonly deps: DevicesDeps,
    private readonly now: () => number = Date.now,
  ) {}

  /** `baseUrl` is where the kiosk reaches this server (the enrolment URL is built on it). */
  async create(actor: Actor, input: { servicePointId: string; name?: string }, baseUrl: string): Promise<{ device: PublicDevice; enrolment: IssuedCode }> {
    const sp = await this.deps.entities.get('servicePoint', input.servicePointId);
    if (!sp || !belongsTo(actor.orgId, sp)) {
      throw new DomainError('unprocessable', 'Unknown service point', [{ path: 'servicePointId', message: 'no such service point' }]);
    }
    const device: Device = {
      id: `dev-${randomBytes(6).toString('hex')}`,
      orgId: actor.orgId,
      servicePointId: sp.id,
      name: input.name?.trim() || `Kiosk ${sp.code}`,
      tokenHash: null,
      enrolment: null,
      enrolledAt: null,
      revokedAt: null,
      lastSeenAt: null,
      status: null,
    };
    await this.deps.entities.insert('device', device);
    await this.audit(actor, 'device.create', device.id, { servicePointId: sp.id, name: device.name });
    const enrolment = await this.issueCode(actor, device.id, baseUrl);
    return { device: toPublic((await this.deps.entities.get('device', device.id))!, this.now()), enrolment };
  }

  async list(orgId: string): Promise<PublicDevice[]> {
    const now = this.now();
    return (await this.deps.entities.list('device', { orgId })).map((d) => toPublic(d, now));
  }

  async get(orgId: string, id: string): Promise<PublicDevice> {
    return toPublic(await this.owned(orgId, id), this.now());
  }

  async rename(actor: Actor, id: string, name: string): Promise<PublicDevice> {
    return this.serial(id, async () => {
      const d = await this.owned(actor.orgId, id);
      const next = { ...d, name: name.trim() };
      await this.deps.entities.put('device', next);
      await this.audit(actor, 'device.rename', id, { name: next.name });
      this.deps.events.emit('config:changed', { orgId: d.orgId, kind: 'device', id });
      return toPublic(next, this.now());
    });
  }

  /**
   * Moves a kiosk to another counter of the office: it keeps its token, its
   * sockets are dropped so it reconnects into the new counter's rooms, and
   * ratings from then on count for the new counter.
   */
  async move(actor: Actor, id: string, servicePointId: string): Promise<PublicDevice> {
    return this.serial(id, async () => {
      const d = await this.owned(actor.orgId, id);
      const sp = await this.deps.entities.get('servicePoint', servicePointId);
      if (!sp || !belongsTo(actor.orgId, sp)) {
        throw new DomainError('unprocessable', 'Unknown service point', [{ path: 'servicePointId', message: 'no such service point' }]);
      }
      if (sp.id === d.servicePointId) return toPublic(d, this.now());
      const next = { ...d, servicePointId: sp.id };
      await this.deps.entities.put('device', next);
      await this.audit(actor, 'device.move', id, { before: { servicePointId: d.servicePointId }, after: { servicePointId: sp.id } });
      this.deps.events.emit('device:changed', { orgId: d.orgId, deviceId: id, revoked: false, moved: true });
      return toPublic(next, this.now());
    });
  }

  /**
   * A fresh one-time code; any earlier code of this device stops working. An
   * enrolled device keeps its token until the new code is used (moving a
   * kiosk to a new tablet), a revoked one can be enrolled again this way.
   */
  async issueCode(actor: Actor, id: string, baseUrl: string): Promise<IssuedCode> {
    return this.serial(id, async () => {
      const d = await this.owned(actor.orgId, id);
      if (d.enrolment) await this.deps.store.deleteEntity(PENDING_KIND, d.enrolment.codeHash);
      const expiresAt = new Date(this.now() + ENROLMENT_TTL_MS).toISOString();
      let code: string;
      let codeHash: string;
      do {
        code = generateCode();
        codeHash = hashCode(code);
      } while (
        (await this.deps.store.insertEntity<PendingEnrolment>({
          kind: PENDING_KIND,
          id: codeHash,
          orgId: d.orgId,
          data: { deviceId: d.id, orgId: d.orgId, expiresAt },
          updatedAt: new Date(this.now()).toISOString(),
        })) === 'duplicate'
      );
      await this.deps.entities.put('device', { ...d, enrolment: { codeHash, expiresAt } });
      await this.audit(actor, 'device.code.issue', id, { expiresAt });
      return { code: formatEnrolmentCode(code), expiresAt, url: enrolmentUrl(baseUrl, code) };
    });
  }

  /** Kills the device token now (and any pending code); connected kiosks are told and dropped. */
  async revoke(actor: Actor, id: string): Promise<PublicDevice> {
    return this.serial(id, async () => {
      const d = await this.owned(actor.orgId, id);
      if (d.enrolment) await this.deps.store.deleteEntity(PENDING_KIND, d.enrolment.codeHash);
      const next: Device = {
        ...d,
        tokenHash: null,
        enrolment: null,
        revokedAt: new Date(this.now()).toISOString(),
        status: d.status ? { ...d.status, online: false } : null,
      };
      await this.deps.entities.put('device', next);
      await this.audit(actor, 'device.revoke', id);
      this.deps.events.emit('device:changed', { orgId: d.orgId, deviceId: id, revoked: true });
      return toPublic(next, this.now());
    });
  }

  /** The public exchange: a valid code (once) for a new device token. */
  async enrol(rawCode: string): Promise<{ token: string; device: Device }> {
    const refused = () => new DomainError('unauthorized', 'Unknown, used or expired enrolment code');
    const code = normaliseEnrolmentCode(rawCode);
    if (!isWellFormedCode(code)) throw refused();
    const codeHash = hashCode(code);
    const pending = await this.deps.store.getEntity<PendingEnrolment>(PENDING_KIND, codeHash);
    // Deleting first makes the code single-use even when two kiosks race with it.
    if (!pending || !(await this.deps.store.deleteEntity(PENDING_KIND, codeHash))) throw refused();
    if (Date.parse(pending.data.expiresAt) <= this.now()) throw refused();

    return this.serial(pending.data.deviceId, async () => {
      const d = await this.deps.entities.get('device', pending.data.deviceId);
      if (!d || d.enrolment?.codeHash !== codeHash) throw refused();
      const token = randomBytes(32).toString('base64url');
      const next: Device = { ...d, tokenHash: sha256(token), enrolment: null, enrolledAt: new Date(this.now()).toISOString(), revokedAt: null };
      await this.deps.entities.put('device', next);
      await this.audit({ orgId: d.orgId, name: `device:${d.id}` }, 'device.enrol', d.id);
      // A previous token of this device (an old tablet) stops working: its sockets are dropped.
      this.deps.events.emit('device:changed', { orgId: d.orgId, deviceId: d.id, revoked: false });
      return { token, device: next };
    });
  }

  /** The device behind a token, or null when unknown or revoked. */
  async authenticate(token: string | undefined | null): Promise<Device | null> {
    if (!token || typeof token !== 'string' || token.length > 200) return null;
    const d = await this.deps.entities.find('device', deviceTokenLookup(sha256(token)));
    return d && !d.revokedAt ? d : null;
  }

  /**
   * The kiosk behind an `Authorization: Bearer <device token>` on the ingest
   * path: one hash and a cached lookup, null when unknown or revoked.
   */
  async forBearer(authorization: string | undefined): Promise<Device | null> {
    if (!authorization?.startsWith('Bearer ')) return null;
    const hash = sha256(authorization.slice(7).trim());
    const find = () => this.deps.entities.find('device', deviceTokenLookup(hash));
    const device = await (this.deps.byTokenHash ? this.deps.byTokenHash.get(hash, find) : find());
    return device && !device.revokedAt ? device : null;
  }

  /**
   * The device if it is enrolled and not revoked — and, given a token hash,
   * still enrolled with that token (a re-enrolment elsewhere makes it stale).
   */
  async enrolledWith(deviceId: string, tokenHash?: string): Promise<Device | null> {
    const d = await this.deps.entities.get('device', deviceId);
    if (!d || d.revokedAt || !d.tokenHash) return null;
    return tokenHash === undefined || d.tokenHash === tokenHash ? d : null;
  }

  /** Counts an enrolment attempt from one client; throws `rate-limited` beyond the allowance. */
  async countEnrolAttempt(clientKey: string): Promise<void> {
    const now = this.now();
    const windowStart = now - (now % ENROL_WINDOW_MS);
    const n = await this.deps.store.bumpCounter(`enrol:${clientKey}`, windowStart, windowStart + ENROL_WINDOW_MS);
    if (n > ENROL_ATTEMPTS_PER_WINDOW) throw new DomainError('rate-limited', 'Too many enrolment attempts; wait a few minutes');
  }

  /**
   * Stores the kiosk's reported health. Answers 'revoked' when the token the
   * socket authenticated with is no longer the device's (revoked, or the
   * device was enrolled again elsewhere).
   *
   * The store has no compare-and-set, so the read-modify-write is serialised
   * per device in this process and re-reads the record inside the lock: a
   * heartbeat can then never write back a token that a revoke just removed.
   * (Across several nodes a tiny window remains; see the report.)
   */
  async recordHeartbeat(deviceId: string, tokenHash: string, beat: KioskHeartbeat): Promise<'ok' | 'revoked'> {
    return this.serial(deviceId, async () => {
      const d = await this.deps.entities.get('device', deviceId);
      if (!d || d.revokedAt || d.tokenHash !== tokenHash) return 'revoked';
      const now = this.now();
      await this.deps.entities.put('device', {
        ...d,
        lastSeenAt: new Date(now).toISOString(),
        status: {
          online: beat.online,
          outbox: beat.outbox,
          oldestQueuedMs: beat.oldestQueuedMs,
          appVersion: beat.appVersion,
          // Includes half the round trip; heartbeats are small so that stays in the tens of ms.
          skewMs: Math.round(beat.clientTime - now),
        },
      });
      this.deps.events.emit('device:seen', { orgId: d.orgId, deviceId: d.id });
      // History for the report's uptime; a failed mark must not fail the heartbeat (the slot shows as an outage).
      await this.deps.presence?.seen(d.orgId, d.servicePointId, now).catch(() => undefined);
      return 'ok';
    });
  }

  /** The last socket of a device went away. */
  async markOffline(deviceId: string): Promise<void> {
    await this.serial(deviceId, async () => {
      const d = await this.deps.entities.get('device', deviceId);
      if (!d?.status?.online) return;
      await this.deps.entities.put('device', { ...d, lastSeenAt: new Date(this.now()).toISOString(), status: { ...d.status, online: false } });
    });
  }

  /** What the kiosk of this device renders right now. */
  kioskConfig(device: Device): Promise<KioskConfig> {
    return buildKioskConfig(this.deps, device, this.now());
  }

  private async owned(orgId: string, id: string): Promise<Device> {
    const d = await this.deps.entities.get('device', id);
    if (!d || !belongsTo(orgId, d)) throw new DomainError('not-found', 'No such device');
    return d;
  }

  private async audit(actor: Actor, action: string, target: string, details?: Record<string, unknown>): Promise<void> {
    await this.deps.audit.record({ orgId: actor.orgId, actor: actor.name, action, target, details });
  }

  private serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.locks.set(key, tail);
    void tail.then(() => {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    });
    return run;
  }
}

function toPublic(d: Device, now: number): PublicDevice {
  const pendingUntil = d.enrolment && Date.parse(d.enrolment.expiresAt) > now ? d.enrolment.expiresAt : null;
  const state: DeviceState = d.tokenHash ? 'enrolled' : pendingUntil ? 'pending' : d.revokedAt ? 'revoked' : 'expired';
  return {
    id: d.id,
    orgId: d.orgId,
    servicePointId: d.servicePointId,
    name: d.name,
    state,
    enrolmentExpiresAt: pendingUntil,
    enrolledAt: d.enrolledAt,
    revokedAt: d.revokedAt,
    lastSeenAt: d.lastSeenAt,
    status: d.status ?? null,
  };
}

function generateCode(): string {
  let s = '';
  for (let i = 0; i < ENROLMENT_CODE_LENGTH; i++) s += ENROLMENT_CODE_ALPHABET[randomInt(ENROLMENT_CODE_ALPHABET.length)];
  return s;
}

const WELL_FORMED = new RegExp(`^[${ENROLMENT_CODE_ALPHABET}]{${ENROLMENT_CODE_LENGTH}}$`);
const isWellFormedCode = (code: string): boolean => WELL_FORMED.test(code);
const hashCode = (normalisedCode: string): string => sha256(`enrolment:${normalisedCode}`);

export const enrolmentUrl = (baseUrl: string, code: string): string => `${baseUrl.replace(/\/$/, '')}/kiosk/?code=${formatEnrolmentCode(code)}`;

/**
 * For `npm start` with the demo office: a fresh code for the demo kiosk so the
 * start banner can print a URL that enrols it in one click. Null when there is
 * no demo device or it is already enrolled (a new code would not be needed).
 */
export async function issueDemoEnrolment(ctx: { entities: Entities; devices: DevicesService; config: { publicUrl: string } }): Promise<IssuedCode | null> {
  const d = await ctx.entities.get('device', DEMO_IDS.device);
  if (!d || d.tokenHash) return null;
  return ctx.devices.issueCode({ orgId: d.orgId, name: 'system' }, d.id, ctx.config.publicUrl);
}
