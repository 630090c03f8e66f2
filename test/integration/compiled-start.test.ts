/**
 * Issue 14, must-have 4: production runs compiled JavaScript. `npm start`,
 * as an operator types it, on an empty data directory: it compiles the server
 * (its record removed first, so this run always exercises the build — the one
 * server build of a test run), then runs dist/server/start.js with plain node
 * — no TypeScript loader — which serves the API, the admin and the counter
 * QR page, and stops cleanly when npm is sent SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/child-process';
import { ADMIN } from '../helpers/test-server';
import { BUILD_INFO_FILE, SERVER_BUILD_DIR, staleReason } from '../../server/compiled-build';

const dataDir = mkdtempSync(path.join(tmpdir(), 'hailong-compiled-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

const procStrings = (pid: number, what: 'cmdline' | 'environ') => readFileSync(`/proc/${pid}/${what}`, 'utf8').split('\0').filter(Boolean);

describe('npm start: the compiled server', () => {
  // Linux only: npm start's `exec` needs a POSIX shell, and the process checks read /proc.
  it.skipIf(process.platform !== 'linux')('builds, runs dist/server/start.js with plain node (no tsx), serves, and stops on SIGTERM', { timeout: 60_000 }, async () => {
    rmSync(path.join(SERVER_BUILD_DIR, BUILD_INFO_FILE), { force: true });
    const { NODE_OPTIONS: _inherited, ...env } = process.env;
    const npm = spawn('npm', ['start'], {
      cwd: REPO_ROOT,
      env: { ...env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, MONGODB_URI: '', LOG_LEVEL: 'info', PUBLIC_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    npm.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        npm.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          const m = /Health\s+http:\/\/localhost:(\d+)\/api\/health/.exec(out);
          if (m) resolve(`http://127.0.0.1:${m[1]}`);
        });
        exited.then((code) => reject(new Error(`npm start exited (${code}) before serving\n${err}\n${out}`)));
        // Fail (and clean up below) before the test's own timeout would abandon the processes.
        setTimeout(() => reject(new Error(`npm start not serving after 50 s\n${err}\n${out}`)), 50_000).unref();
      });

      expect(out).toContain('Compiling the server (no compiled server yet)');
      expect(staleReason()).toBeNull();

      // npm execs the server in its script's shell: the one child is node itself, on the compiled entry.
      const [pid, ...others] = childrenOf(npm.pid!);
      expect(others).toEqual([]);
      const argv = procStrings(pid, 'cmdline');
      expect(path.basename(argv[0])).toBe('node');
      expect(argv.slice(1)).toEqual(['--enable-source-maps', 'dist/server/start.js']);
      // No loader by the environment either, and none imported by the bundle.
      const nodeOptions = procStrings(pid, 'environ').find((e) => e.startsWith('NODE_OPTIONS=')) ?? '';
      expect(nodeOptions).not.toMatch(/tsx|--import|--require|--loader|-r\b/);
      for (const file of readdirSync(SERVER_BUILD_DIR).filter((f) => f.endsWith('.js'))) {
        expect(readFileSync(path.join(SERVER_BUILD_DIR, file), 'utf8'), file).not.toMatch(/\bfrom\s*["']tsx|import\(\s*["']tsx/);
      }

      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      // The version is read from package.json at run time: a path the bundle must still find.
      const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
      expect(await health.json()).toMatchObject({ status: 'ok', store: 'sqlite', version });
      const admin = await fetch(`${url}/admin/`);
      expect(admin.status).toBe(200);
      expect(await admin.text()).toContain('<div id="app"');
      const survey = await fetch(`${url}/s/Q1`);
      expect(survey.status).toBe(200);
      expect(survey.headers.get('content-type')).toMatch(/text\/html/);

      npm.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('"msg":"stopped"');
      expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      // On a failure: npm killed outright would leave its child (the build or the server) running.
      if (npm.exitCode === null) {
        for (const child of childrenOf(npm.pid!)) process.kill(child, 'SIGKILL');
        npm.kill('SIGKILL');
      }
    }
  });
});
