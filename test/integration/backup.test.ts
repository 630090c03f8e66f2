/**
 * `npm run backup` under load and `npm run restore`, as an operator runs
 * them: separate processes on the live database file while the server keeps
 * storing ratings. The backup must be consistent as of one commit (its raw
 * responses and its pre-aggregated buckets agree), hold at least every
 * rating acknowledged before it started, and once restored the server's
 * figures must equal a recount from the raw responses. Restore refuses a
 * database in use and a file that is not a good backup, and keeps the old
 * database aside.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { REPO_ROOT } from '../helpers/child-process';
import { checkDatabase } from '../../server/cli/sqlite-check';
import { sqliteFile } from '../../server/store/index';

const dataDir = mkdtempSync(path.join(tmpdir(), 'hailong-backup-'));
const backupFile = path.join(dataDir, 'backups', 'under-load.db');
let server: TestServer | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `npm run <script>`'s entry point as its own process, as npm would. */
function cli(script: 'backup' | 'restore', args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/cli', `${script}.ts`), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Ratings per score 1..5 and the count, from the raw rows of a database file. */
function recountRaw(file: string): { responses: number; scores: number[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const scores = [0, 0, 0, 0, 0];
    const bodies = db.prepare('SELECT body FROM responses').pluck().all() as string[];
    for (const b of bodies) {
      const o = (JSON.parse(b) as { answers?: { O?: unknown } }).answers?.O;
      if (typeof o === 'number') scores[o - 1]++;
    }
    return { responses: bodies.length, scores };
  } finally {
    db.close();
  }
}

/** The same, from the pre-aggregated buckets of one grain. */
function fromBuckets(file: string, grain: 'hour' | 'day'): { responses: number; scores: number[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const resp = db.prepare("SELECT coalesce(sum(n), 0) FROM aggregates WHERE grain = ? AND metric = 'resp'").pluck().get(grain) as number;
    const row = db
      .prepare("SELECT coalesce(sum(c1),0) a, coalesce(sum(c2),0) b, coalesce(sum(c3),0) c, coalesce(sum(c4),0) d, coalesce(sum(c5),0) e FROM aggregates WHERE grain = ? AND metric = 'q:O'")
      .get(grain) as Record<'a' | 'b' | 'c' | 'd' | 'e', number>;
    return { responses: resp, scores: [row.a, row.b, row.c, row.d, row.e] };
  } finally {
    db.close();
  }
}

describe('backup under load, then restore', () => {
  let acked = 0;
  let ackedBeforeBackup = 0;
  let ackedAfterBackup = 0;
  let backedUp = 0;
  let finalCount = 0;

  it('npm run backup copies the live database while ratings are being written', async () => {
    server = await startTestServer({ DATA_DIR: dataDir });
    const s = server;
    let stop = false;
    let n = 0;
    // Six writers, as six kiosks with queued ratings would be.
    const writer = async () => {
      while (!stop) {
        const score = 1 + (n++ % 5);
        const res = await s.api('/api/v1/responses', {
          method: 'POST',
          headers: { authorization: `Bearer ${s.deviceToken}` },
          json: { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: score }, comment: score <= 2 ? 'Chờ lâu' : undefined },
        });
        expect(res.status).toBe(201);
        await res.arrayBuffer();
        acked++;
      }
    };
    const writers = Array.from({ length: 6 }, writer);
    while (acked < 200) await new Promise((r) => setTimeout(r, 20));

    ackedBeforeBackup = acked;
    const run = await cli('backup', [backupFile]);
    ackedAfterBackup = acked;
    stop = true;
    await Promise.all(writers);
    finalCount = acked;

    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { file: string; responses: number; bytes: number };
    expect(result.file).toBe(backupFile);
    backedUp = result.responses;
    console.log(
      `backup: ${backedUp} responses in the backup (${ackedBeforeBackup} acknowledged when it started, ${ackedAfterBackup} when it ended, ${finalCount} at the end of the load; ${result.bytes} bytes)`,
    );
    expect(ackedAfterBackup, 'ratings kept being stored while the backup ran').toBeGreaterThan(ackedBeforeBackup);
    expect(backedUp).toBeGreaterThanOrEqual(ackedBeforeBackup);
    // At most the writers' in-flight requests beyond what was acknowledged by the end.
    expect(backedUp).toBeLessThanOrEqual(ackedAfterBackup + 6);
    expect(existsSync(`${backupFile}.partial`)).toBe(false);
    expect(existsSync(`${backupFile}-wal`)).toBe(false);
  });

  it('the backup is consistent as of one commit: raw rows and both bucket grains agree', () => {
    expect(checkDatabase(backupFile)).toMatchObject({ ok: true, responses: backedUp });
    const raw = recountRaw(backupFile);
    expect(raw.responses).toBe(backedUp);
    expect(fromBuckets(backupFile, 'day')).toEqual(raw);
    expect(fromBuckets(backupFile, 'hour')).toEqual(raw);
  });

  it('npm run restore refuses while the server holds the database, and changes nothing', async () => {
    const run = await cli('restore', [backupFile]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/in use/);
    expect((await server!.ctx.store.listResponses({ orgId: 'org-main', limit: 100_000 })).length).toBe(finalCount);
  });

  it('npm run restore refuses a file that is not a good backup, and changes nothing', async () => {
    await server!.stop();
    server = undefined;
    const bad = path.join(dataDir, 'not-a-backup.db');
    writeFileSync(bad, 'SQLite format 3\0 but then garbage'.repeat(200));
    const run = await cli('restore', [bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not a usable backup/);
    expect(recountRaw(sqliteFile(dataDir)).responses).toBe(finalCount);
  });

  it('npm run restore puts the backup in place and keeps the old database aside', async () => {
    const run = await cli('restore', [backupFile]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { keptAside: string; responses: number };
    expect(result.responses).toBe(backedUp);
    expect(checkDatabase(result.keptAside)).toMatchObject({ ok: true, responses: finalCount });
    expect(recountRaw(sqliteFile(dataDir)).responses).toBe(backedUp);
  });

  it('the restored server answers figures equal to a recount from the raw responses', async () => {
    server = await startTestServer({ DATA_DIR: dataDir });
    const admin = await server.login();
    const raw = await server.ctx.store.listResponses({ orgId: 'org-main', limit: 100_000 });
    expect(raw.length).toBe(backedUp);
    const scores = [0, 0, 0, 0, 0];
    for (const r of raw) if (r.overall) scores[r.overall - 1]++;
    const summary = (await (await server.api('/api/v1/stats/summary?verified=all', { cookie: admin })).json()) as {
      responses: number;
      comments: number;
      overall: { distribution: number[]; n: number; s: number };
    };
    expect(summary.responses).toBe(backedUp);
    expect(summary.overall.distribution).toEqual(scores);
    expect(summary.overall.s).toBe(scores[3] + scores[4]);
    expect(summary.comments).toBe(raw.filter((r) => r.comment).length);
    // And the restored database takes new ratings.
    const res = await server.api('/api/v1/responses', {
      method: 'POST',
      headers: { authorization: `Bearer ${server.deviceToken}` },
      json: { id: randomUUID(), surveyVersionId: server.surveyVersionId, channel: 'kiosk', answers: { O: 5 } },
    });
    expect(res.status).toBe(201);
  });
});
