import { randomUUID } from 'node:crypto';
import type { Entities, AuditEntry } from './entities';
import type { Store } from '../store/types';

export interface AuditFilter {
  actor?: string;
  /** An action, or a group ending in "." ("user."). */
  action?: string;
  target?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
}

/** Every admin change leaves an entry: who, what, on which record, when. Append-only. */
export class AuditService {
  constructor(
    private readonly entities: Entities,
    /** Filters the log in the store (indexes of migration 90 / the Mongo audit indexes), never in memory. */
    private readonly store: Pick<Store, 'queryAudit'>,
  ) {}

  async record(e: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry> {
    const entry: AuditEntry = { id: randomUUID(), at: new Date().toISOString(), ...e };
    await this.entities.insert('audit', entry);
    return entry;
  }

  async list(orgId: string, limit = 100, offset = 0): Promise<AuditEntry[]> {
    return (await this.search(orgId, {}, limit, offset)).items;
  }

  /** Entries matching who / what / which record / when, newest first: one page, and how many match in all. */
  search(orgId: string, f: AuditFilter, limit = 100, offset = 0): Promise<{ items: AuditEntry[]; total: number }> {
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    return this.store.queryAudit<AuditEntry>({ orgId, actor: f.actor, action: f.action, target: f.target, from: iso(f.from), to: iso(f.to), limit, offset });
  }
}
