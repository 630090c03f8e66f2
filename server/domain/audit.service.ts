import { randomUUID } from 'node:crypto';
import type { Entities, AuditEntry } from './entities';

/** Every admin change leaves an entry: who, what, on which record, when. Append-only. */
export class AuditService {
  constructor(private readonly entities: Entities) {}

  async record(e: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry> {
    const entry: AuditEntry = { id: randomUUID(), at: new Date().toISOString(), ...e };
    await this.entities.insert('audit', entry);
    return entry;
  }

  list(orgId: string, limit = 100, offset = 0): Promise<AuditEntry[]> {
    return this.entities.list('audit', { orgId, limit, offset });
  }
}
