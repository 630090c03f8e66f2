import { randomUUID } from 'node:crypto';
import type { Entities, AuditEntry } from './entities';

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

const PAGE = 500;
const SCAN_LIMIT = 50_000;

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

  /**
   * Entries matching who / what / which record / when, newest first. The
   * store lists entities without filters, so this reads pages and filters
   * them; at most SCAN_LIMIT entries are read per call (the newest), which
   * covers years of an office's changes.
   */
  async search(orgId: string, f: AuditFilter, limit = 100, offset = 0): Promise<AuditEntry[]> {
    if (!f.actor && !f.action && !f.target && f.from === undefined && f.to === undefined) return this.list(orgId, limit, offset);
    const actor = f.actor?.toLowerCase();
    const matches = (e: AuditEntry) => {
      const t = Date.parse(e.at);
      return (
        (!actor || e.actor.toLowerCase().includes(actor)) &&
        (!f.action || (f.action.endsWith('.') ? e.action.startsWith(f.action) : e.action === f.action)) &&
        (!f.target || e.target === f.target) &&
        (f.from === undefined || t >= f.from) &&
        (f.to === undefined || t < f.to)
      );
    };
    const out: AuditEntry[] = [];
    let skipped = 0;
    for (let read = 0; read < SCAN_LIMIT; read += PAGE) {
      const page = await this.entities.list('audit', { orgId, limit: PAGE, offset: read });
      for (const e of page) {
        if (!matches(e)) continue;
        if (skipped < offset) skipped++;
        else out.push(e);
        if (out.length >= limit) return out;
      }
      if (page.length < PAGE) break;
      // Newest first: once past the start of the range, nothing older can match.
      if (f.from !== undefined && page.length && Date.parse(page[page.length - 1].at) < f.from) break;
    }
    return out;
  }
}
