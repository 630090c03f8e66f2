/**
 * `npm run backup [-- FILE]`: an online, consistent copy of the SQLite
 * database while the server keeps taking ratings.
 *
 * SQLite's backup API (better-sqlite3 `db.backup()`) copies the database
 * pages from a read snapshot; the copy is done in one step, so it is the
 * database exactly as of one commit (WAL mode lets writers go on meanwhile).
 * The copy is written beside its final name, checked with SQLite's
 * integrity check and only then renamed, so FILE is either a whole, checked
 * backup or absent. Default FILE: DATA_DIR/backups/hai-long-<UTC time>.db.
 * Prints one JSON line (file, bytes, responses, ms) on success.
 *
 * MongoDB deployments use mongodump instead (see the README).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, openSync, fsyncSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { sqliteFile } from '../store/index';
import { checkDatabase } from './sqlite-check';

export interface BackupResult {
  file: string;
  bytes: number;
  responses: number;
  ms: number;
}

const stamp = (d = new Date()): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export async function backupDatabase(dbFile: string, outFile: string): Promise<BackupResult> {
  if (!existsSync(dbFile)) throw new Error(`no database at ${dbFile} (is DATA_DIR right?)`);
  if (existsSync(outFile)) throw new Error(`${outFile} exists already; name a new file`);
  mkdirSync(path.dirname(outFile), { recursive: true });
  const started = Date.now();
  const partial = `${outFile}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    // Wait for a writer's commit rather than failing on it.
    db.pragma('busy_timeout = 10000');
    // All pages in one step: a single read snapshot, so concurrent commits
    // never restart the copy and it is consistent as of one commit.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  // The copy carries the source's WAL flag; a backup is one self-contained file, so switch it to a rollback journal.
  const copy = new Database(partial, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const fd = openSync(partial, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  const check = checkDatabase(partial);
  if (!check.ok) {
    rmSync(partial, { force: true });
    throw new Error(`the copy failed its check: ${check.problems.join('; ')}`);
  }
  renameSync(partial, outFile);
  const dir = openSync(path.dirname(outFile), 'r');
  fsyncSync(dir);
  closeSync(dir);
  return { file: outFile, bytes: statSync(outFile).size, responses: check.responses, ms: Date.now() - started };
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.MONGODB_URI) {
    console.error('MONGODB_URI is set: this command backs up the embedded SQLite store. For MongoDB use mongodump (see README, "Backups").');
    process.exit(2);
  }
  const out = path.resolve(process.argv[2] ?? path.join(config.dataDir, 'backups', `hai-long-${stamp()}.db`));
  const result = await backupDatabase(sqliteFile(config.dataDir), out);
  console.error(`Backup written: ${result.file} (${result.bytes} bytes, ${result.responses} responses, ${result.ms} ms)`);
  process.stdout.write(JSON.stringify(result) + '\n');
}

// Run as a command (not when imported).
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((err: Error) => {
    console.error(`Backup failed: ${err.message}`);
    process.exit(1);
  });
}
