/**
 * Checks an SQLite file before the backup and restore commands trust it:
 * SQLite's own integrity check, our tables, and a schema version this code
 * knows. Read-only: the file is never changed.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../store/sqlite/migrations';

export interface DatabaseCheck {
  ok: boolean;
  /** Why it is not usable (empty when ok). */
  problems: string[];
  responses: number;
  schemaVersion: number;
}

const TABLES = ['entities', 'responses', 'aggregates', 'claims', 'counters', 'schema_migrations'];

export function checkDatabase(file: string): DatabaseCheck {
  const problems: string[] = [];
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return { ok: false, problems: [`cannot open: ${(err as Error).message}`], responses: 0, schemaVersion: 0 };
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
      problems.push(`integrity check: ${integrity.map((r) => r.integrity_check).slice(0, 5).join('; ')}`);
    }
    const have = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
    const missing = TABLES.filter((t) => !have.has(t));
    if (missing.length) problems.push(`not a Hài Lòng database (missing tables: ${missing.join(', ')})`);
    const schemaVersion = have.has('schema_migrations') ? ((db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null) ?? 0) : 0;
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    if (schemaVersion > known) problems.push(`schema version ${schemaVersion} is newer than this code knows (${known}): restore with the version that made it`);
    const responses = have.has('responses') ? (db.prepare('SELECT count(*) FROM responses').pluck().get() as number) : 0;
    return { ok: problems.length === 0, problems, responses, schemaVersion };
  } catch (err) {
    // A file that is not a database at all fails on the first read, not on open.
    return { ok: false, problems: [...problems, (err as Error).message], responses: 0, schemaVersion: 0 };
  } finally {
    db.close();
  }
}
