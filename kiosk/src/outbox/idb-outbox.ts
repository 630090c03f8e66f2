/**
 * The outbox in IndexedDB, with a hand-written wrapper (a library would cost
 * more bytes than the whole wrapper). Writes of new ratings use "strict"
 * durability: the thank-you screen appears only once the rating is on disk,
 * so a power cut right after it loses nothing.
 */
import type { KioskResponseBody } from '../../../shared/kiosk-protocol';
import { oldestQueued, statsOf } from './memory-outbox';
import type { OutboxItem, OutboxStats, OutboxStore } from './types';

const DB_NAME = 'hai-long-kiosk';
const STORE = 'outbox';

const request = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

export function openOutboxDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'id' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
    open.onblocked = () => reject(new Error('outbox database blocked'));
  });
}

export class IdbOutbox implements OutboxStore {
  constructor(private readonly db: IDBDatabase) {}

  add(item: OutboxItem): Promise<void> {
    return this.write((s) => request(s.add(item)).then(() => undefined));
  }

  finalize(id: string, body: KioskResponseBody): Promise<boolean> {
    return this.write(async (s) => {
      const item = await request<OutboxItem | undefined>(s.get(id));
      if (item?.state !== 'draft') return false;
      await request(s.put({ ...item, body, state: 'queued' }));
      return true;
    });
  }

  recover(): Promise<void> {
    return this.write(async (s) => {
      for (const item of await request<OutboxItem[]>(s.getAll())) {
        if (item.state !== 'queued') await request(s.put({ ...item, state: 'queued' }));
      }
    });
  }

  takeBatch(max: number): Promise<OutboxItem[]> {
    return this.write(async (s) => {
      const batch = oldestQueued(await request<OutboxItem[]>(s.getAll()), max).map((i) => ({ ...i, state: 'sending' as const }));
      for (const item of batch) await request(s.put(item));
      return batch;
    });
  }

  release(ids: string[]): Promise<void> {
    return this.write(async (s) => {
      for (const id of ids) {
        const item = await request<OutboxItem | undefined>(s.get(id));
        if (item?.state === 'sending') await request(s.put({ ...item, state: 'queued' }));
      }
    });
  }

  remove(ids: string[]): Promise<void> {
    return this.write(async (s) => {
      for (const id of ids) await request(s.delete(id));
    });
  }

  async stats(): Promise<OutboxStats> {
    const t = this.db.transaction(STORE, 'readonly');
    return statsOf(await request<OutboxItem[]>(t.objectStore(STORE).getAll()));
  }

  /** Runs `fn` in one read-write transaction and resolves only after it has committed. */
  private async write<T>(fn: (s: IDBObjectStore) => Promise<T>): Promise<T> {
    const t = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
    const committed = new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error ?? new Error('outbox transaction aborted'));
    });
    committed.catch(() => undefined); // awaited below; a failure inside fn is the error to report
    // If fn throws, the transaction must not commit half of it.
    const result = await fn(t.objectStore(STORE)).catch((err) => {
      try {
        t.abort();
      } catch {
        // already finished (a failed request aborts it by itself)
      }
      throw err;
    });
    await committed;
    return result;
  }
}
