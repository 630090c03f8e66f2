/**
 * The figures upgrade contract on SQLite: a file made by the migrations before
 * 100 (per-dimension rollups), with responses and a crossed bucket in the old
 * layout, opened by the current store.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { openStore } from '../../server/store/index';
import { applyMigrations, MIGRATIONS } from '../../server/store/sqlite/migrations';
import { isPendingSuspect } from '../../server/store/types';
import { foldText } from '../../shared/fold-text';
import { figuresUpgradeContract } from './store.contract';

const root = mkdtempSync(path.join(tmpdir(), 'hai-long-upgrade-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

figuresUpgradeContract('sqlite', async (responses) => {
  const dir = path.join(root, `db-${++n}`);
  mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, 'hai-long.db'));
  applyMigrations(db, MIGRATIONS.filter((m) => m.version < 100));
  const insert = db.prepare(
    `INSERT INTO responses (id, org_id, server_time, unit_id, sp_id, officer_id, channel, has_comment, excluded, suspect, body_hash, body, comment_folded, overall, procedure_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of responses) {
    insert.run(r.id, r.orgId, r.serverTime, r.unitId, r.servicePointId, r.officerId, r.channel, r.comment ? 1 : 0, r.excluded ? 1 : 0,
      isPendingSuspect(r) ? 1 : 0, r.bodyHash, JSON.stringify(r), r.comment ? foldText(r.comment) : null, r.overall, r.procedureId);
  }
  // A bucket of the old (grain, org, bucket, …) layout: the upgrade must not keep or double it.
  if (responses.length) {
    db.prepare(
      `INSERT INTO aggregates (grain, bucket, org_id, unit_id, sp_id, officer_id, procedure_id, channel, verified, metric, c1, c2, c3, c4, c5, na, n)
       VALUES ('day', 0, ?, 'u1', 'sp1', '', '', 'kiosk', 1, 'resp', 0, 0, 0, 0, 0, 0, 99)`,
    ).run(responses[0]!.orgId);
  }
  db.close();
  return openStore({ dataDir: dir });
});
