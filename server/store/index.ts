/**
 * Picks the storage backend at start: MongoDB when a URI is configured,
 * otherwise the embedded SQLite file under the data directory. The schema is
 * brought up to date before the store is handed out.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from './types';

/** The embedded database's file name inside DATA_DIR (its -wal and -shm files sit beside it). */
export const SQLITE_FILE = 'hai-long.db';
/** The SQLite database file under the data directory (the backup and restore commands name it too). */
export const sqliteFile = (dataDir: string): string => path.join(dataDir, SQLITE_FILE);

export async function openStore(opts: { mongodbUri?: string; dataDir: string }): Promise<Store> {
  let store: Store;
  if (opts.mongodbUri) {
    // Loaded lazily so an SQLite deployment never pays for mongoose at start.
    const { openMongoStore } = await import('./mongo/mongo.store');
    store = await openMongoStore({ uri: opts.mongodbUri });
  } else {
    await mkdir(opts.dataDir, { recursive: true });
    const { openSqliteStore } = await import('./sqlite/sqlite.store');
    store = openSqliteStore({ file: sqliteFile(opts.dataDir) });
  }
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
