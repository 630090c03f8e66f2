/**
 * Issue 14: the figure queries the product issues across every key of a
 * dimension read the metric-ordered partial index, never every key's whole
 * history. A plan test, not a timing: the live today figures per counter
 * (responses, overall and comments) once walked each counter's two years of
 * day rows on every 20 ms flush.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store';
import type { RollupQuery } from '../../server/store/types';

const dir = mkdtempSync(path.join(tmpdir(), 'hailong-plans-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The plan of the SQL the store prepares for one rollup query. */
async function planOf(q: RollupQuery): Promise<string> {
  const file = path.join(dir, 'p.db');
  const store = openSqliteStore({ file });
  await store.migrate();
  const seen: string[] = [];
  const proto = Database.prototype as unknown as { prepare: (this: unknown, sql: string) => unknown };
  const original = proto.prepare;
  proto.prepare = function (this: unknown, sql: string) {
    if (/FROM rollups/.test(sql)) seen.push(sql);
    return original.call(this, sql);
  };
  try {
    await store.sumRollups(q);
  } finally {
    proto.prepare = original;
    await store.close();
  }
  const db = new Database(file, { readonly: true });
  try {
    const sql = seen.at(-1)!;
    const holes = (sql.match(/\?/g) ?? []).length;
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(holes).fill(null)) as { detail: string }[]).map((r) => r.detail).join(' | ');
  } finally {
    db.close();
  }
}

const day = { grain: 'day' as const, from: 0, to: 86_400_000, orgId: 'o' };

describe('rollup query plans', () => {
  it("reads today's responses, overall and comments per counter from the metric-ordered index", async () => {
    expect(await planOf({ ...day, dim: 'counter', groupBy: 'key', metrics: ['q:O', 'resp', 'comment'] })).toMatch(/COVERING INDEX rollups_by_metric \(grain=\? AND org_id=\? AND dim=\? AND metric=\? AND bucket>\? AND bucket<\?\)/);
  });

  it('reads a breakdown across officers and one counter\'s series from the partial indexes', async () => {
    expect(await planOf({ ...day, dim: 'officer', groupBy: 'key', metrics: ['q:O', 'resp'] })).toMatch(/COVERING INDEX rollups_by_metric/);
    expect(await planOf({ ...day, dim: 'counter', keys: ['sp1'], metrics: ['q:O', 'resp'] })).toMatch(/COVERING INDEX rollups_by_key_metric \(grain=\? AND org_id=\? AND dim=\? AND key=\? AND metric=\? AND bucket>\? AND bucket<\?\)/);
  });

  it("reads one key's summary (every metric) as one bucket range of the primary key", async () => {
    expect(await planOf({ ...day, dim: 'unit', keys: ['u1'] })).toMatch(/PRIMARY KEY \(grain=\? AND org_id=\? AND dim=\? AND key=\? AND bucket>\? AND bucket<\?\)/);
  });
});
