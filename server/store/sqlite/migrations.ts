/**
 * Versioned SQLite schema. Append new migrations, never edit applied ones:
 * a database records which versions it has, and only the missing ones run.
 */
import type Database from 'better-sqlite3';
import { createFigureIndexesSql } from './figure-indexes';
import { foldText } from '../../../shared/fold-text';

export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE entities (
        kind       TEXT NOT NULL,
        id         TEXT NOT NULL,
        org_id     TEXT,
        lookup     TEXT,
        data       TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      );
      -- Partial: many records have no lookup, and null must never collide.
      CREATE UNIQUE INDEX entities_lookup ON entities (kind, lookup) WHERE lookup IS NOT NULL;
      CREATE INDEX entities_org_updated ON entities (kind, org_id, updated_at, id);
      CREATE INDEX entities_updated ON entities (kind, updated_at, id);

      CREATE TABLE responses (
        id          TEXT PRIMARY KEY,
        org_id      TEXT NOT NULL,
        server_time TEXT NOT NULL,
        unit_id     TEXT NOT NULL,
        sp_id       TEXT NOT NULL,
        officer_id  TEXT,
        channel     TEXT NOT NULL,
        has_comment INTEGER NOT NULL,
        excluded    INTEGER NOT NULL,
        -- Copied out of body so a replay is classified without parsing JSON.
        body_hash   TEXT NOT NULL,
        body        TEXT NOT NULL
      );
      CREATE INDEX responses_feed ON responses (org_id, server_time, id);

      CREATE TABLE claims (
        claim      TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;

      -- The PK leads with (grain, org_id, bucket) so every dashboard range
      -- query is a PK range scan; WITHOUT ROWID stores rows in that order.
      CREATE TABLE aggregates (
        grain        TEXT NOT NULL,
        bucket       INTEGER NOT NULL,
        org_id       TEXT NOT NULL,
        unit_id      TEXT NOT NULL,
        sp_id        TEXT NOT NULL,
        officer_id   TEXT NOT NULL,
        procedure_id TEXT NOT NULL,
        channel      TEXT NOT NULL,
        verified     INTEGER NOT NULL,
        metric       TEXT NOT NULL,
        c1 INTEGER NOT NULL DEFAULT 0,
        c2 INTEGER NOT NULL DEFAULT 0,
        c3 INTEGER NOT NULL DEFAULT 0,
        c4 INTEGER NOT NULL DEFAULT 0,
        c5 INTEGER NOT NULL DEFAULT 0,
        na INTEGER NOT NULL DEFAULT 0,
        n  INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (grain, org_id, bucket, unit_id, sp_id, officer_id, procedure_id, channel, verified, metric)
      ) WITHOUT ROWID;

      CREATE TABLE counters (
        key          TEXT PRIMARY KEY,
        window_start INTEGER NOT NULL,
        count        INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL
      );
      CREATE INDEX counters_expiry ON counters (expires_at);
    `,
  },
  {
    // Issue 9: suspect ratings held for review, the shared minimum gap, duty history.
    version: 20,
    sql: `
      -- 1 = a suspect pending review. Existing rows were all ordinary ratings.
      ALTER TABLE responses ADD COLUMN suspect INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX responses_suspect ON responses (org_id, server_time, id) WHERE suspect = 1;

      -- One mark per rating and kiosk: when it was pressed (client time when plausible).
      CREATE TABLE gap_marks (
        key         TEXT NOT NULL,
        response_id TEXT NOT NULL,
        at          INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL,
        PRIMARY KEY (key, response_id)
      ) WITHOUT ROWID;
      CREATE INDEX gap_marks_at ON gap_marks (key, at);
      CREATE INDEX gap_marks_expiry ON gap_marks (expires_at);

      -- Who was on duty at which counter from when to when (to NULL: now), and who set it.
      CREATE TABLE duty_periods (
        sp_id      TEXT NOT NULL,
        from_ms    INTEGER NOT NULL,
        to_ms      INTEGER,
        org_id     TEXT NOT NULL,
        unit_id    TEXT NOT NULL,
        officer_id TEXT,
        set_by     TEXT NOT NULL,
        PRIMARY KEY (sp_id, from_ms)
      ) WITHOUT ROWID;
    `,
  },
  {
    // Dossier outcomes from the one-stop software (Decision 766 indicator 5.4).
    // dossier_events keeps each (dossier, event) as received, for idempotency;
    // dossiers is the per-dossier projection the indicator reads, one range
    // scan of dossiers_settled per query.
    version: 30,
    sql: `
      CREATE TABLE dossier_events (
        org_id       TEXT NOT NULL,
        dossier_hash TEXT NOT NULL,
        event        TEXT NOT NULL,
        unit_id      TEXT,
        facts_hash   TEXT NOT NULL,
        facts        TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        PRIMARY KEY (org_id, dossier_hash, event)
      ) WITHOUT ROWID;

      CREATE TABLE dossiers (
        org_id       TEXT NOT NULL,
        dossier_hash TEXT NOT NULL,
        unit_id      TEXT,
        -- epoch ms; null until the settled event arrives
        settled_at   INTEGER,
        late         INTEGER NOT NULL DEFAULT 0,
        complaint    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (org_id, dossier_hash)
      ) WITHOUT ROWID;
      CREATE INDEX dossiers_settled ON dossiers (org_id, settled_at) WHERE settled_at IS NOT NULL;
      CREATE INDEX dossiers_unit ON dossiers (org_id, unit_id);
    `,
  },
  {
    // Issue 12: the comments screen searches and narrows in the store, not in
    // memory. comment_folded is the comment folded by shared/fold-text
    // (hl_fold, registered by applyMigrations); overall and procedure_id are
    // copied out of the body. Existing rows are filled from their body.
    version: 75,
    sql: `
      ALTER TABLE responses ADD COLUMN comment_folded TEXT;
      ALTER TABLE responses ADD COLUMN overall INTEGER;
      ALTER TABLE responses ADD COLUMN procedure_id TEXT;
      UPDATE responses SET
        comment_folded = CASE WHEN has_comment = 1 THEN hl_fold(json_extract(body, '$.comment')) END,
        overall = json_extract(body, '$.overall'),
        procedure_id = json_extract(body, '$.procedureId');
    `,
  },
  {
    // Kiosk presence history (report uptime during opening hours): one row per
    // counter and 5-minute slot in which its kiosk was heard from; a row is
    // never updated, only inserted once (INSERT OR IGNORE) and purged by age.
    version: 80,
    sql: `
      CREATE TABLE kiosk_seen (
        org_id TEXT NOT NULL,
        sp_id  TEXT NOT NULL,
        slot   INTEGER NOT NULL,
        PRIMARY KEY (org_id, sp_id, slot)
      ) WITHOUT ROWID;
      CREATE INDEX kiosk_seen_slot ON kiosk_seen (org_id, slot);
    `,
  },
  {
    // The audit log filtered in the store (queryAudit): entries by time per
    // organisation, and by action and by record. Expression indexes: the
    // query uses the same json_extract expressions.
    version: 90,
    sql: `
      CREATE INDEX entities_audit_at ON entities (org_id, json_extract(data, '$.at'), id) WHERE kind = 'audit';
      CREATE INDEX entities_audit_action ON entities (org_id, json_extract(data, '$.action'), json_extract(data, '$.at')) WHERE kind = 'audit';
      CREATE INDEX entities_audit_target ON entities (org_id, json_extract(data, '$.target'), json_extract(data, '$.at')) WHERE kind = 'audit';
    `,
  },
  {
    // Figures at national scale (issue 14). The crossed aggregates gain a
    // month grain and are re-keyed unit first, with covering indexes led by
    // counter, officer and procedure, so a crossed query walks its own
    // entity's rows rather than every row of the range. Beside them, the
    // per-dimension rollups: one row per (dimension, key, bucket, channel,
    // verified, metric), and a covering index per read shape of the overall
    // question (breakdowns read it across keys, series along one key's
    // buckets) — partial, so the other ~40 metrics of a full answer cost no
    // index writes. The retention job deletes hour rows key by key through
    // the primary keys, so hours need no index of their own. The old table is dropped and
    // every figure is rebuilt from the raw responses at the next start, in
    // resumable batches (figures_rebuild holds the progress).
    version: 100,
    sql: `
      DROP TABLE aggregates;
      CREATE TABLE aggregates (
        grain        TEXT NOT NULL,
        bucket       INTEGER NOT NULL,
        org_id       TEXT NOT NULL,
        unit_id      TEXT NOT NULL,
        sp_id        TEXT NOT NULL,
        officer_id   TEXT NOT NULL,
        procedure_id TEXT NOT NULL,
        channel      TEXT NOT NULL,
        verified     INTEGER NOT NULL,
        metric       TEXT NOT NULL,
        c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT NULL, c4 INTEGER NOT NULL, c5 INTEGER NOT NULL,
        na INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (grain, org_id, unit_id, bucket, sp_id, officer_id, procedure_id, channel, verified, metric)
      ) WITHOUT ROWID;
      CREATE TABLE rollups (
        grain    TEXT NOT NULL,
        org_id   TEXT NOT NULL,
        dim      TEXT NOT NULL,
        key      TEXT NOT NULL,
        bucket   INTEGER NOT NULL,
        channel  TEXT NOT NULL,
        verified INTEGER NOT NULL,
        metric   TEXT NOT NULL,
        c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT NULL, c4 INTEGER NOT NULL, c5 INTEGER NOT NULL,
        na INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (grain, org_id, dim, key, bucket, channel, verified, metric)
      ) WITHOUT ROWID;
      ${createFigureIndexesSql()}

      CREATE TABLE figures_rebuild (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        state TEXT NOT NULL
      );
      INSERT INTO figures_rebuild (id, state)
        SELECT 1, json_object('after', NULL, 'done', 0, 'total', (SELECT count(*) FROM responses),
                              'startedAt', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        WHERE EXISTS (SELECT 1 FROM responses);
    `,
  },
];

/**
 * Applies the missing migrations, each in its own IMMEDIATE transaction so a
 * second process starting at the same moment waits instead of racing; the
 * version check is repeated inside the lock. Returns the versions applied.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  registerFold(db);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = db.prepare<[number], 1>('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare<[number, string]>('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');

  const applied: number[] = [];
  const applyOne = db.transaction((m: Migration) => {
    if (isApplied.get(m.version) !== undefined) return;
    db.exec(m.sql);
    record.run(m.version, new Date().toISOString());
    applied.push(m.version);
  });
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    applyOne.immediate(m);
  }
  return applied;
}

/** Versions recorded in this database, ascending. */
export function appliedVersions(db: Database.Database): number[] {
  return db.prepare<[], number>('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
}

/** hl_fold(text): shared/fold-text in SQL, for migrations that fill comment_folded from stored bodies. */
export function registerFold(db: Database.Database): void {
  db.function('hl_fold', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? foldText(v) : null));
}
