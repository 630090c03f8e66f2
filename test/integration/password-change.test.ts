/**
 * Issue 9, item 9: a password policy wherever a password is set — the first
 * admin's from the environment and POST /api/v1/me/password.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';
import { REPO_ROOT } from '../helpers/child-process';
import { loadConfig } from '../../server/config';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

const change = (cookie: string | undefined, body: unknown) => s.api('/api/v1/me/password', { method: 'POST', json: body, cookie });

async function newUser(email: string, password: string): Promise<string> {
  await s.ctx.auth.createUser({ orgId: 'org-main', email, name: 'U', role: 'manager', password });
  return s.login(email, password);
}

describe('POST /api/v1/me/password', () => {
  it('answers 401 without a session', async () => {
    expect((await change(undefined, { currentPassword: 'x', newPassword: 'y' })).status).toBe(401);
  });

  it('refuses a short or common new password with 400 naming newPassword', async () => {
    const cookie = await newUser('weak@test.local', 'weak-user-pass-1');
    for (const newPassword of ['short-1', 'password123', 'Qwertyuiop']) {
      const res = await change(cookie, { currentPassword: 'weak-user-pass-1', newPassword });
      expect(res.status, newPassword).toBe(400);
      const { error } = await res.json();
      expect(error.details[0].path).toBe('newPassword');
      expect(error.details[0].message.length).toBeGreaterThan(5);
    }
  });

  it('refuses a wrong current password with 400 naming currentPassword', async () => {
    const cookie = await newUser('wrongcur@test.local', 'wrongcur-pass-1');
    const res = await change(cookie, { currentPassword: 'not-my-password', newPassword: 'a-better-pass-2' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('currentPassword');
  });

  it('changes the password, audits it and ends the other sessions of the user, not this one', async () => {
    const cookie = await newUser('changer@test.local', 'changer-pass-1');
    const other = await s.login('changer@test.local', 'changer-pass-1');
    const res = await change(cookie, { currentPassword: 'changer-pass-1', newPassword: 'changer-pass-NEW-2' });
    expect(res.status).toBe(204);
    expect((await s.api('/api/v1/me', { cookie })).status).toBe(200);
    expect((await s.api('/api/v1/me', { cookie: other })).status).toBe(401);
    expect((await s.api('/api/v1/auth/login', { method: 'POST', json: { email: 'changer@test.local', password: 'changer-pass-1' } })).status).toBe(401);
    await s.login('changer@test.local', 'changer-pass-NEW-2');
    const admin = await s.login();
    const audit = await (await s.api('/api/v1/audit', { cookie: admin })).json();
    expect(audit.items.some((a: { action: string; actor: string }) => a.action === 'auth.password-change' && a.actor === 'changer@test.local')).toBe(true);
  });
});

describe('the first admin password from the environment', () => {
  it('a weak ADMIN_PASSWORD is a configuration error naming the variable', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD.*10/s);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'password1234' })).toThrow(/ADMIN_PASSWORD.*common/is);
    expect(loadConfig({ ADMIN_PASSWORD: ADMIN.password }).ADMIN_PASSWORD).toBe(ADMIN.password);
  });

  it('the server refuses to start with a weak ADMIN_PASSWORD: a clear message, exit 1, never "listening"', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hailong-pw-'));
    try {
      const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/index.ts')], {
          cwd: REPO_ROOT,
          env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', ADMIN_PASSWORD: 'qwertyuiop', LOG_LEVEL: 'info', MONGODB_URI: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        proc.stdout.setEncoding('utf8').on('data', (d: string) => {
          stdout += d;
          if (stdout.includes('"msg":"listening"')) proc.kill('SIGTERM');
        });
        proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        proc.once('exit', (code) => resolve({ code, stdout, stderr }));
      });
      expect(r.stdout).not.toContain('"msg":"listening"');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/ADMIN_PASSWORD/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
