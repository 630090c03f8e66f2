/**
 * `npm run restore FILE`: puts a backup made by `npm run backup` in place of
 * the SQLite database under DATA_DIR.
 *
 * 1. The backup is copied beside the database and the copy checked first
 *    (SQLite integrity check, our tables, a schema version this code
 *    knows); a bad file changes nothing. The backup file is only read.
 * 2. Refused while anything holds the database open (a running server):
 *    leaving WAL mode needs the only connection, so if that fails the
 *    database is in use. The exclusive lock taken then is held until the
 *    new file is in place, so a server starting meanwhile waits.
 * 3. The old database is kept aside as hai-long.db.before-restore-<time>
 *    (its WAL folded in first, so it is one whole file) and the checked copy
 *    is renamed over it.
 *
 * Exit codes: 0 restored, 1 failed (nothing changed), 2 refused (in use).
 * Prints one JSON line (restored, keptAside, responses) on success.
 */
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { sqliteFile } from '../store/index';
import { checkDatabase, type DatabaseCheck } from './sqlite-check';

export class DatabaseInUseError extends Error {}

export interface RestoreResult {
  restored: string;
  from: string;
  keptAside: string | null;
  responses: number;
}

const stamp = (d = new Date()): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

function fsyncPath(p: string): void {
  const fd = openSync(p, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Takes the database for ourselves, or throws DatabaseInUseError. The caller closes the handle when done. */
function lockExclusively(dbFile: string): Database.Database {
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    // Fails with SQLITE_BUSY while any other connection has the file open.
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DatabaseInUseError(`${dbFile} is in use (a server is running on it?): stop the server, then restore`);
    }
    throw err;
  }
}

/**
 * Copies the backup beside the database and checks the copy (the backup
 * file itself is only read). Returns the check, or throws with nothing left behind.
 */
function stageCopy(from: string, incoming: string): DatabaseCheck {
  for (const ext of ['', '-wal', '-shm', '-journal']) rmSync(incoming + ext, { force: true });
  if (!existsSync(from)) throw new Error(`${from} does not exist`);
  copyFileSync(from, incoming);
  try {
    // A backup taken by other means may carry the WAL flag: one self-contained file, so it cannot leave a stray WAL beside it.
    const db = new Database(incoming, { fileMustExist: true });
    try {
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
  } catch {
    // Not a database at all: the check below says so in its words.
  }
  fsyncPath(incoming);
  const check = checkDatabase(incoming);
  if (!check.ok) {
    for (const ext of ['', '-wal', '-shm', '-journal']) rmSync(incoming + ext, { force: true });
    throw new Error(`${from} is not a usable backup: ${check.problems.join('; ')}`);
  }
  return check;
}

export function restoreDatabase(backupFile: string, dbFile: string): RestoreResult {
  const from = path.resolve(backupFile);
  mkdirSync(path.dirname(dbFile), { recursive: true });
  const incoming = `${dbFile}.restoring`;
  const check = stageCopy(from, incoming);
  let lock: Database.Database | null = null;
  let keptAside: string | null = null;
  try {
    lock = existsSync(dbFile) ? lockExclusively(dbFile) : null;
    if (lock) {
      keptAside = `${dbFile}.before-restore-${stamp()}`;
      renameSync(dbFile, keptAside);
    }
    // A WAL left beside the database would be replayed into the restored file: none may stay.
    for (const ext of ['-wal', '-shm', '-journal']) rmSync(dbFile + ext, { force: true });
    renameSync(incoming, dbFile);
    fsyncPath(path.dirname(dbFile));
  } catch (err) {
    rmSync(incoming, { force: true });
    if (keptAside && !existsSync(dbFile)) renameSync(keptAside, dbFile);
    throw err;
  } finally {
    lock?.close();
  }
  return { restored: dbFile, from, keptAside, responses: check.responses };
}

function main(): void {
  const config = loadConfig();
  if (config.MONGODB_URI) {
    console.error('MONGODB_URI is set: this command restores the embedded SQLite store. For MongoDB use mongorestore (see README, "Backups").');
    process.exit(2);
  }
  const file = process.argv[2];
  if (!file) {
    console.error('Usage: npm run restore -- <backup file>');
    process.exit(1);
  }
  try {
    const r = restoreDatabase(file, sqliteFile(config.dataDir));
    console.error(`Restored ${r.from} → ${r.restored} (${r.responses} responses).${r.keptAside ? ` The previous database is kept at ${r.keptAside}.` : ''}`);
    process.stdout.write(JSON.stringify(r) + '\n');
  } catch (err) {
    console.error(`Restore refused: ${(err as Error).message}`);
    process.exit(err instanceof DatabaseInUseError ? 2 : 1);
  }
}

// Run as a command (not when imported).
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) main();
