/**
 * Issue 14: an existing store upgrades in place. A database from before the
 * rollups (migration 100 not applied) holds ratings; opening it drops the old
 * aggregates and leaves a pending rebuild; the next start rebuilds every
 * figure from the raw responses in batches before it listens, resuming after
 * the last committed batch when a rebuild was stopped half-way, and the
 * figures equal what the server showed before the upgrade.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { openStore } from '../../server/store';
import { rebuildFigures } from '../../server/domain/figures-rebuild';
import type { SurveyVersion } from '../../shared/survey';

const dataDir = mkdtempSync(path.join(tmpdir(), 'hailong-upgrade-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function figures(s: TestServer, cookie: string) {
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const get = async (p: string) => {
    const res = await s.api(`/api/v1/stats/${p}`, { cookie });
    expect(res.status, p).toBe(200);
    const body = await res.json();
    delete body.source;
    return body;
  };
  return {
    summary: await get(`summary?from=${from}&to=${to}&verified=all`),
    byCounter: await get(`breakdown?from=${from}&to=${to}&verified=all&groupBy=servicePointId`),
    unitCounters: await get(`breakdown?from=${from}&to=${to}&verified=all&groupBy=servicePointId&unitId=unit-a`),
    series: await get(`timeseries?from=${from}&to=${to}&verified=all&bucket=hour`),
  };
}

/** Puts the file back as it was before migration 100: no rollups, no rebuild state, an aggregates table of the old shape. */
function downgrade(file: string): void {
  const db = new Database(file);
  try {
    db.exec(`
      DROP TABLE rollups; DROP TABLE figures_rebuild; DROP TABLE aggregates;
      CREATE TABLE aggregates (grain TEXT NOT NULL, bucket INTEGER NOT NULL, org_id TEXT NOT NULL, unit_id TEXT NOT NULL, sp_id TEXT NOT NULL,
        officer_id TEXT NOT NULL, procedure_id TEXT NOT NULL, channel TEXT NOT NULL, verified INTEGER NOT NULL, metric TEXT NOT NULL,
        c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT NULL, c4 INTEGER NOT NULL, c5 INTEGER NOT NULL, na INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (grain, org_id, bucket, unit_id, sp_id, officer_id, procedure_id, channel, verified, metric)) WITHOUT ROWID;
      DELETE FROM schema_migrations WHERE version = 100;
    `);
  } finally {
    db.close();
  }
}

describe('upgrading a store from before the rollups', () => {
  let before: Awaited<ReturnType<typeof figures>>;
  let stored = 0;

  it('stores ratings of every kind on the old figures', async () => {
    const s = await startTestServer({ DATA_DIR: dataDir });
    try {
      const admin = await s.login();
      const kiosk = { authorization: `Bearer ${s.deviceToken}` };
      const bodies = Array.from({ length: 45 }, (_, i) => ({
        id: randomUUID(),
        surveyVersionId: s.surveyVersionId,
        channel: i % 3 === 0 ? 'qr' : 'kiosk',
        ...(i % 3 === 0 ? { servicePointId: i % 2 ? 'sp-t2' : 'sp-t1' } : {}),
        answers: { O: 1 + (i % 5) },
      }));
      for (const b of bodies) expect((await s.api('/api/v1/responses', { method: 'POST', json: b, headers: b.channel === 'kiosk' ? kiosk : {} })).status).toBe(201);
      // One excluded: it must stay out after the rebuild too.
      expect((await s.api(`/api/v1/responses/${bodies[4].id}/exclusion`, { method: 'POST', json: { reason: 'thử' }, cookie: admin })).status).toBe(200);
      before = await figures(s, admin);
      stored = bodies.length;
      // QR answers without a signed client id are held as suspects: 15 held, 30 kiosk ratings less the excluded one count.
      const held = await s.ctx.store.listResponses({ orgId: 'org-main', suspect: 'pending', limit: 100 });
      expect(held).toHaveLength(15);
      expect(before.summary.responses).toBe(29);
    } finally {
      await s.stop();
    }
  }, 60_000);

  it('leaves a pending rebuild when the old file is opened, and a stopped rebuild resumes after its last batch', async () => {
    downgrade(path.join(dataDir, 'hai-long.db'));
    const store = await openStore({ dataDir });
    try {
      const pending = await store.figuresRebuildState();
      expect(pending).toMatchObject({ after: null, done: 0 });
      expect(pending!.total).toBeGreaterThanOrEqual(stored);
      expect(await store.sumRollups({ grain: 'day', from: 0, to: Date.now() + 86_400_000, orgId: 'org-main', dim: 'org' })).toEqual([]);
      let batches = 0;
      const lines: string[] = [];
      const half = await rebuildFigures({
        store,
        definitionOf: async (id) => (await store.getEntity<SurveyVersion>('surveyVersion', id))?.data.definition ?? null,
        hourHorizon: 0,
        batchSize: 7,
        shouldStop: () => batches++ >= 3,
        progress: (l) => lines.push(l),
      });
      expect(half).toMatchObject({ finished: false, responses: 21 });
      expect(await store.figuresRebuildState()).toMatchObject({ done: 21 });
      expect(lines[0]).toMatch(/rebuilding figures from \d+ responses/);
    } finally {
      await store.close();
    }
  });

  it('finishes the rebuild at the next start, before serving, with the figures it had before', async () => {
    const s = await startTestServer({ DATA_DIR: dataDir });
    try {
      expect(await s.ctx.store.figuresRebuildState()).toBeNull();
      const after = await figures(s, await s.login());
      expect(after).toEqual(before);
    } finally {
      await s.stop();
    }
  }, 60_000);
});
