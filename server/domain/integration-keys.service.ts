/**
 * API keys for the one-stop software (the provincial dossier system) to issue
 * dossier survey links. A key is shown once, at creation; only its sha256 is
 * kept (the key is 256 random bits, so a plain hash cannot be brute-forced),
 * as the entity's lookup so authentication is one indexed read.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Store, EntityRecord } from '../store/types';
import { sha256 } from './canonical';
import { DomainError } from './errors';
import type { AuditService } from './audit.service';
import { belongsTo, type Caller } from './permissions';

const KIND = 'integrationKey';
/** Recognisable in logs and secret scanners. */
const KEY_PREFIX = 'hlk_';
/** Writing lastUsedAt on every call would turn each link issue into two writes. */
const LAST_USED_RESOLUTION_MS = 3600_000;

export interface IntegrationKey {
  id: string;
  orgId: string;
  name: string;
  /** The first characters of the key, to tell keys apart in a list. */
  prefix: string;
  keyHash: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** What lists and responses show: never the hash. */
export type PublicIntegrationKey = Omit<IntegrationKey, 'keyHash'>;
export const publicKey = ({ keyHash: _h, ...k }: IntegrationKey): PublicIntegrationKey => k;

const keyLookup = (keyHash: string): string => `key:${keyHash}`;

export class IntegrationKeysService {
  constructor(private readonly deps: { store: Store; audit: AuditService }) {}

  private get store(): Store {
    return this.deps.store;
  }

  /** Returns the record and the key itself — the only time the key exists outside the caller's hands. Audited. */
  async create(caller: Caller, name: string): Promise<{ record: IntegrationKey; key: string }> {
    const orgId = caller.orgId;
    const createdBy = caller.email;
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const record: IntegrationKey = {
      id: randomUUID(),
      orgId,
      name,
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      keyHash: sha256(key),
      createdAt: new Date().toISOString(),
      createdBy,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    };
    await this.store.insertEntity(this.toRecord(record));
    await this.deps.audit.record({ orgId, actor: caller.email, action: 'integrationKey.create', target: record.id, details: { name, prefix: record.prefix } });
    return { record, key };
  }

  async list(orgId: string): Promise<IntegrationKey[]> {
    return (await this.store.listEntities<IntegrationKey>(KIND, { orgId })).map((r) => r.data);
  }

  /** Idempotent: revoking a revoked key answers it unchanged (and audits nothing). */
  async revoke(caller: Caller, id: string): Promise<IntegrationKey> {
    const found = await this.store.getEntity<IntegrationKey>(KIND, id);
    if (!found || !belongsTo(caller.orgId, found.data)) throw new DomainError('not-found', 'No such integration key');
    if (found.data.revokedAt) return found.data;
    const record = { ...found.data, revokedAt: new Date().toISOString(), revokedBy: caller.email };
    await this.store.putEntity(this.toRecord(record));
    await this.deps.audit.record({ orgId: record.orgId, actor: caller.email, action: 'integrationKey.revoke', target: record.id, details: { name: record.name, prefix: record.prefix } });
    return record;
  }

  /** The key behind an `Authorization: Bearer hlk_…` header, or 401. */
  async authenticate(authorization: string | undefined): Promise<IntegrationKey> {
    const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
    if (!key.startsWith(KEY_PREFIX) || key.length > 128) {
      throw new DomainError('unauthorized', 'Send an integration key as "Authorization: Bearer hlk_…"');
    }
    const found = await this.store.findEntity<IntegrationKey>(KIND, keyLookup(sha256(key)));
    if (!found || found.data.revokedAt) throw new DomainError('unauthorized', 'Unknown or revoked integration key');
    const k = found.data;
    const now = Date.now();
    if (!k.lastUsedAt || now - Date.parse(k.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
      await this.store.putEntity(this.toRecord({ ...k, lastUsedAt: new Date(now).toISOString() }));
    }
    return k;
  }

  private toRecord(k: IntegrationKey): EntityRecord<IntegrationKey> {
    return {
      kind: KIND,
      id: k.id,
      orgId: k.orgId,
      // A revoked key frees its lookup, so it can never authenticate again even if a check were missed.
      lookup: k.revokedAt ? null : keyLookup(k.keyHash),
      data: k,
      updatedAt: k.createdAt,
    };
  }
}
