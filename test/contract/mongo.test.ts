/**
 * The store contract on MongoDB. Runs only when MONGODB_URI points at a
 * replica set (transactions need one; a single-node replica set is fine).
 * Each test gets its own database, dropped at the end.
 */
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { openMongoStore } from '../../server/store/mongo/mongo.store';
import { storeContract } from './store.contract';

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

  storeContract('mongo', async () => {
    const dbName = `hailong_contract_${run}_${databases.length}`;
    databases.push(dbName);
    const store = await openMongoStore({ uri: uri!, dbName });
    await store.migrate();
    return store;
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
