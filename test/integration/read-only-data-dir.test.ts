/**
 * Issue 9, item 9: starting on a data directory the server cannot write must
 * print a clear message and exit non-zero before "listening" — not start and
 * fail the first citizen's rating.
 *
 * Tests run as root, which ignores permission bits, so "read-only" is made
 * real with the immutable attribute (`chattr +i`: even root cannot create a
 * file inside) and, where chattr is not available, with a file standing where
 * the directory should be.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/child-process';
import { ADMIN, startTestServer } from '../helpers/test-server';

const cleanup: string[] = [];
const immutable: string[] = [];
afterAll(() => {
  for (const dir of immutable) spawnSync('chattr', ['-i', dir]);
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hailong-ro-'));
  cleanup.push(dir);
  return dir;
}

/** Makes `dir` impossible to write into, even for root; false when the file system does not allow it. */
function makeImmutable(dir: string): boolean {
  const r = spawnSync('chattr', ['+i', dir]);
  if (r.status !== 0) return false;
  immutable.push(dir);
  return true;
}

/** Runs the real entry point (server/index.ts) to its exit. */
function runServer(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/index.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'info', MONGODB_URI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      // Had it started, stop it: the test then fails on the output, not on a timeout.
      if (stdout.includes('"msg":"listening"')) proc.kill('SIGTERM');
    });
    proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    proc.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectRefusedClearly(r: { code: number | null; stdout: string; stderr: string }, dataDir: string): void {
  expect(r.stdout).not.toContain('"msg":"listening"');
  expect(r.code).not.toBe(0);
  expect(r.code).not.toBeNull();
  expect(r.stderr).toContain(dataDir);
  expect(r.stderr).toMatch(/DATA_DIR/);
  expect(r.stderr).toMatch(/không ghi được/i); // Vietnamese first
  expect(r.stderr).toMatch(/cannot write/i);
  expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
}

describe('a data directory the server cannot write', () => {
  it('an empty immutable directory: a clear message, exit non-zero, never "listening"', async (t) => {
    const dir = tempDir();
    if (!makeImmutable(dir)) return t.skip();
    expectRefusedClearly(await runServer(dir), dir);
  });

  it('an immutable directory holding an existing database: refused the same way', async (t) => {
    const dir = tempDir();
    const s = await startTestServer({ DATA_DIR: dir });
    await s.stop();
    if (!makeImmutable(dir)) return t.skip();
    expectRefusedClearly(await runServer(dir), dir);
  });

  it('a file where the directory should be: refused the same way', async () => {
    const parent = tempDir();
    const file = path.join(parent, 'data');
    writeFileSync(file, 'not a directory');
    expectRefusedClearly(await runServer(file), file);
  });
});
