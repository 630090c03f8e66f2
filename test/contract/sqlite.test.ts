/** The store contract on SQLite (temp files), plus what only a file database can show. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/index';
import { applyMigrations, appliedVersions, MIGRATIONS } from '../../server/store/sqlite/migrations';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store';
import type { StoredResponse } from '../../server/store/types';
import { storeContract } from './store.contract';

const root = mkdtempSync(path.join(tmpdir(), 'hai-long-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const freshDir = () => path.join(root, `db-${++n}`);

// Through openStore, so the SQLite branch of the factory (mkdir, file name, migrate) is covered too.
storeContract('sqlite', () => openStore({ dataDir: freshDir() }));

describe('sqlite store on disk', () => {
  const sample: StoredResponse = {
    id: 'persist-1',
    orgId: 'org-1',
    unitId: 'u1',
    servicePointId: 'sp1',
    deviceId: null,
    officerId: null,
    procedureId: null,
    surveyVersionId: 'sv1',
    channel: 'qr',
    verified: false,
    outsideHours: true,
    locale: 'en',
    overall: 4,
    answers: { O: 4 },
    comment: 'Good',
    clientTime: null,
    serverTime: '2025-01-06T01:00:00.000Z',
    bodyHash: 'h',
    excluded: null,
  };

  it('keeps committed responses, claims, aggregates and entities across close and reopen', async () => {
    const dir = freshDir();
    const first = await openStore({ dataDir: dir });
    await first.commitResponses([
      {
        response: sample,
        claims: ['dossier:1'],
        deltas: [
          {
            grain: 'day',
            bucket: 0,
            orgId: 'org-1',
            unitId: 'u1',
            servicePointId: 'sp1',
            officerId: '',
            procedureId: '',
            channel: 'qr',
            verified: false,
            metric: 'q:O',
            c: [0, 0, 0, 1, 0],
            na: 0,
            n: 0,
          },
        ],
      },
    ]);
    await first.insertEntity({ kind: 'org', id: 'org-1', data: { name: 'Sở Ngoại vụ' }, updatedAt: '2025-01-01T00:00:00.000Z' });
    await first.close();

    const second = await openStore({ dataDir: dir });
    try {
      expect(await second.getResponse('persist-1')).toEqual(sample);
      expect(await second.hasClaim('dossier:1')).toBe(true);
      expect(await second.sumAggregates({ grain: 'day', from: 0, to: 1, filter: { orgId: 'org-1' } })).toEqual([
        { metric: 'q:O', c: [0, 0, 0, 1, 0], na: 0, n: 0 },
      ]);
      expect((await second.getEntity<{ name: string }>('org', 'org-1'))?.data.name).toBe('Sở Ngoại vụ');
    } finally {
      await second.close();
    }
  });

  it('records every migration version once, and applying them again does nothing', async () => {
    const dir = freshDir();
    const store = await openStore({ dataDir: dir });
    await store.migrate();
    await store.close();

    const db = new Database(path.join(dir, 'hai-long.db'));
    try {
      expect(appliedVersions(db)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(applyMigrations(db)).toEqual([]);
      expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
  });

  it('upgrades a database made before suspects and duty history in place, keeping its responses ordinary', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const db = new Database(path.join(dir, 'hai-long.db'));
    applyMigrations(db, MIGRATIONS.filter((m) => m.version < 20));
    db.prepare(
      `INSERT INTO responses (id, org_id, server_time, unit_id, sp_id, officer_id, channel, has_comment, excluded, body_hash, body)
       VALUES (?, 'org-1', ?, 'u1', 'sp1', NULL, 'qr', 1, 0, 'h', ?)`,
    ).run(sample.id, sample.serverTime, JSON.stringify(sample));
    db.close();

    const store = await openStore({ dataDir: dir });
    try {
      expect(await store.getResponse(sample.id)).toEqual(sample);
      expect(await store.listResponses({ orgId: 'org-1', suspect: 'pending', limit: 10 })).toEqual([]);
      expect((await store.listResponses({ orgId: 'org-1', limit: 10 })).map((r) => r.id)).toEqual([sample.id]);
      await store.recordDuty({ orgId: 'org-1', unitId: 'u1', servicePointId: 'sp1', officerId: 'o1', from: 1, setBy: 'a' });
      expect((await store.dutyAt('sp1', 2))?.officerId).toBe('o1');
    } finally {
      await store.close();
    }
  });

  it('upgrades a database made before comment search: stored comments are found without accents, by score and procedure', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const db = new Database(path.join(dir, 'hai-long.db'));
    applyMigrations(db, MIGRATIONS.filter((m) => m.version < 75));
    const old = { ...sample, id: 'old-1', comment: 'Chờ ĐỢI quá lâu', overall: 2, procedureId: 'p9' };
    db.prepare(
      `INSERT INTO responses (id, org_id, server_time, unit_id, sp_id, officer_id, channel, has_comment, excluded, body_hash, body)
       VALUES (?, 'org-1', ?, 'u1', 'sp1', NULL, 'qr', 1, 0, 'h', ?)`,
    ).run(old.id, old.serverTime, JSON.stringify(old));
    db.close();

    const store = await openStore({ dataDir: dir });
    try {
      const find = async (q: Partial<Parameters<typeof store.listResponses>[0]>) => (await store.listResponses({ orgId: 'org-1', limit: 10, ...q })).map((r) => r.id);
      expect(await find({ commentContains: 'cho doi qua' })).toEqual(['old-1']);
      expect(await find({ overall: 2, procedureId: 'p9' })).toEqual(['old-1']);
      expect(await find({ overall: 5 })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('opens with WAL journaling and full fsync', async () => {
    const store = openSqliteStore({ file: path.join(root, 'pragmas.db') });
    await store.close();
    const db = new Database(path.join(root, 'pragmas.db'));
    try {
      // journal_mode is persistent in the file; synchronous is per connection, so only WAL is checked here.
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('works in memory', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    await store.migrate();
    expect(await store.bumpCounter('k', 1, Date.now() + 1000)).toBe(1);
    await store.close();
  });
});
