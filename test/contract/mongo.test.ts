/**
 * The store contract on MongoDB. Runs only when MONGODB_URI points at a
 * replica set (transactions need one; a single-node replica set is fine).
 * Each test gets its own database, dropped at the end.
 */
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { openMongoStore } from '../../server/store/mongo/mongo.store';
import { isPendingSuspect, type StoredResponse } from '../../server/store/types';
import { foldText } from '../../shared/fold-text';
import { figuresUpgradeContract, storeContract } from './store.contract';

const uri = process.env.MONGODB_URI;

if (!uri) {
  console.log('[contract] MongoDB adapter SKIPPED: set MONGODB_URI to run it');
}

describe.skipIf(Boolean(uri))('mongo store contract (not run)', () => {
  it('mongo contract skipped: MONGODB_URI not set', () => {
    expect(uri).toBeFalsy();
  });
});

describe.runIf(Boolean(uri))('mongo', () => {
  const databases: string[] = [];
  const run = `${process.pid}_${Date.now().toString(36)}`;
  const nextDb = () => {
    const dbName = `hailong_contract_${run}_${databases.length}`;
    databases.push(dbName);
    return dbName;
  };

  storeContract('mongo', async () => {
    const store = await openMongoStore({ uri: uri!, dbName: nextDb() });
    await store.migrate();
    return store;
  });

  /** The crossed unique index before issue 14: (grain, orgId, bucket) first. */
  const OLD_KEY = { grain: 1, orgId: 1, bucket: 1, unitId: 1, servicePointId: 1, officerId: 1, procedureId: 1, channel: 1, verified: 1, metric: 1 } as const;

  /** A database as the adapter left it before the rollups: responses, the old crossed index and a bucket; then opened and migrated. */
  const legacy = async (responses: StoredResponse[], dbName = nextDb()) => {
    const client = await new mongoose.mongo.MongoClient(uri!).connect();
    try {
      const db = client.db(dbName);
      await db.collection('aggregates').createIndex(OLD_KEY, { unique: true });
      if (responses.length) {
        await db.collection<{ _id: string }>('responses').insertMany(
          responses.map(({ id, ...rest }) => {
            const hasComment = rest.comment != null && rest.comment.trim() !== '';
            return { _id: id, ...rest, hasComment, suspectPending: isPendingSuspect(rest), commentFolded: hasComment ? foldText(rest.comment!) : null };
          }),
        );
        await db.collection('aggregates').insertOne({
          grain: 'day', orgId: responses[0]!.orgId, bucket: 0, unitId: 'u1', servicePointId: 'sp1', officerId: '', procedureId: '', channel: 'kiosk', verified: true, metric: 'resp',
          c1: 0, c2: 0, c3: 0, c4: 0, c5: 0, na: 0, n: 99,
        });
      }
    } finally {
      await client.close();
    }
    const store = await openMongoStore({ uri: uri!, dbName });
    await store.migrate();
    return store;
  };

  figuresUpgradeContract('mongo', (responses) => legacy(responses));

  it('migrate drops the crossed unique index of the old key order and builds the new ones', async () => {
    const dbName = nextDb();
    const store = await legacy([], dbName);
    await store.close();
    const client = await new mongoose.mongo.MongoClient(uri!).connect();
    try {
      const indexes = await client.db(dbName).collection('aggregates').indexes();
      expect(indexes.some((ix) => JSON.stringify(ix.key) === JSON.stringify(OLD_KEY))).toBe(false);
      expect(indexes.map((ix) => ix.name).sort()).toEqual(['_id_', 'aggregates_by_counter', 'aggregates_by_officer', 'aggregates_by_procedure', 'aggregates_hour_bucket', 'aggregates_key']);
      const rollups = await client.db(dbName).collection('rollups').indexes();
      expect(rollups.map((ix) => ix.name).sort()).toEqual(['_id_', 'rollups_by_key_metric', 'rollups_by_metric', 'rollups_hour_bucket', 'rollups_key']);
    } finally {
      await client.close();
    }
  });

  afterAll(async () => {
    if (databases.length === 0) return;
    const conn = await mongoose.createConnection(uri!).asPromise();
    try {
      for (const name of databases) await conn.useDb(name).dropDatabase();
    } finally {
      await conn.close();
    }
  });
});
