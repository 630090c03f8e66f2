/**
 * Contract cases for the bulk entity writes (insertEntities, putEntities) on
 * every adapter: one answer per record in order, duplicates by id or lookup
 * answered and skipped without stopping the others. SQLite runs here; MongoDB
 * only when MONGODB_URI points at a replica set (it is skipped otherwise).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/index';
import { openMongoStore } from '../../server/store/mongo/mongo.store';
import type { EntityRecord, Store } from '../../server/store/types';

let seq = 0;
const entity = (over: Partial<EntityRecord<{ v: number }>> = {}): EntityRecord<{ v: number }> => ({
  kind: 'procedure',
  id: `b-${++seq}`,
  orgId: 'org-1',
  lookup: null,
  updatedAt: '2025-01-06T01:00:00.000Z',
  data: { v: 1 },
  ...over,
});

function bulkContract(name: string, open: () => Promise<Store>): void {
  describe(`${name}: bulk entity writes`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('insertEntities stores every record and answers in order', async () => {
      const recs = Array.from({ length: 300 }, (_, i) => entity({ lookup: `org-1:${i}`, data: { v: i } }));
      expect(await store.insertEntities(recs)).toEqual(recs.map(() => 'inserted'));
      expect(await store.getEntity('procedure', recs[299].id)).toEqual(recs[299]);
      expect(await store.findEntity('procedure', 'org-1:7')).toEqual(recs[7]);
      expect(await store.insertEntities([])).toEqual([]);
    });

    it('insertEntities answers duplicate for a taken id or lookup, keeps the first, still writes the rest', async () => {
      const first = entity({ lookup: 'org-1:A', data: { v: 1 } });
      await store.insertEntity(first);
      const sameId = { ...first, lookup: 'org-1:B', data: { v: 2 } };
      const sameLookup = entity({ lookup: 'org-1:A', data: { v: 3 } });
      const fresh = entity({ lookup: 'org-1:C', data: { v: 4 } });
      expect(await store.insertEntities([sameId, fresh, sameLookup])).toEqual(['duplicate', 'inserted', 'duplicate']);
      expect(await store.getEntity('procedure', first.id)).toEqual(first);
      expect(await store.findEntity('procedure', 'org-1:C')).toEqual(fresh);
      expect(await store.findEntity('procedure', 'org-1:B')).toBeNull();
    });

    it('putEntities inserts or replaces by id, and refuses a lookup held by another record', async () => {
      const a = entity({ lookup: 'org-1:A', data: { v: 1 } });
      const b = entity({ lookup: 'org-1:B', data: { v: 1 } });
      await store.insertEntities([a, b]);
      const aNew = { ...a, data: { v: 2 } };
      const bStealing = { ...b, lookup: 'org-1:A', data: { v: 9 } };
      const c = entity({ lookup: 'org-1:C', data: { v: 5 } });
      expect(await store.putEntities([aNew, bStealing, c])).toEqual(['ok', 'duplicate', 'ok']);
      expect(await store.getEntity('procedure', a.id)).toEqual(aNew);
      expect(await store.getEntity('procedure', b.id)).toEqual(b);
      expect(await store.getEntity('procedure', c.id)).toEqual(c);
      expect(await store.putEntities([])).toEqual([]);
    });
  });
}

const root = mkdtempSync(path.join(tmpdir(), 'hai-long-bulk-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
bulkContract('sqlite', () => openStore({ dataDir: path.join(root, `db-${++n}`) }));

const uri = process.env.MONGODB_URI;
describe.runIf(Boolean(uri))('mongo', () => {
  const databases: string[] = [];
  bulkContract('mongo', async () => {
    const dbName = `hailong_bulk_${process.pid}_${databases.length}`;
    databases.push(dbName);
    const store = await openMongoStore({ uri: uri!, dbName });
    await store.migrate();
    return store;
  });
  afterAll(async () => {
    const conn = await mongoose.createConnection(uri!).asPromise();
    try {
      for (const name of databases) await conn.useDb(name).dropDatabase();
    } finally {
      await conn.close();
    }
  });
});
