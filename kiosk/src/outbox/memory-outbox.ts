/**
 * The outbox in memory: the fallback when IndexedDB cannot be opened (ratings
 * then survive a lost network, not a reload) and the double in unit tests.
 */
import type { KioskResponseBody } from '../../../shared/kiosk-protocol';
import type { OutboxItem, OutboxStats, OutboxStore } from './types';

export class MemoryOutbox implements OutboxStore {
  readonly items = new Map<string, OutboxItem>();

  async add(item: OutboxItem): Promise<void> {
    this.items.set(item.id, { ...item });
  }

  async finalize(id: string, body: KioskResponseBody): Promise<boolean> {
    const item = this.items.get(id);
    if (item?.state !== 'draft') return false;
    this.items.set(id, { ...item, body, state: 'queued' });
    return true;
  }

  async recover(): Promise<void> {
    for (const item of this.items.values()) if (item.state !== 'queued') item.state = 'queued';
  }

  async takeBatch(max: number): Promise<OutboxItem[]> {
    const batch = oldestQueued([...this.items.values()], max);
    for (const item of batch) item.state = 'sending';
    return batch.map((i) => ({ ...i }));
  }

  async release(ids: string[]): Promise<void> {
    for (const id of ids) {
      const item = this.items.get(id);
      if (item?.state === 'sending') item.state = 'queued';
    }
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) this.items.delete(id);
  }

  async stats(): Promise<OutboxStats> {
    return statsOf([...this.items.values()]);
  }
}

export function oldestQueued(items: OutboxItem[], max: number): OutboxItem[] {
  return items
    .filter((i) => i.state === 'queued')
    .sort((a, b) => a.createdAt - b.createdAt)
    .slice(0, max);
}

export function statsOf(items: OutboxItem[]): OutboxStats {
  let oldest: number | null = null;
  for (const i of items) if (oldest === null || i.createdAt < oldest) oldest = i.createdAt;
  return { count: items.length, oldestCreatedAt: oldest };
}
