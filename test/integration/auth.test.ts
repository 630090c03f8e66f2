import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

describe('admin authentication', () => {
  it('logs in with the configured admin and returns an httpOnly SameSite session cookie', async () => {
    const res = await s.api('/api/v1/auth/login', { method: 'POST', json: ADMIN });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/hl_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = await res.json();
    expect(body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect(body.user.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password with 401', async () => {
    const res = await s.api('/api/v1/auth/login', { method: 'POST', json: { email: ADMIN.email, password: 'wrong-password' } });
    expect(res.status).toBe(401);
  });

  it('answers 400 naming a malformed e-mail', async () => {
    const res = await s.api('/api/v1/auth/login', { method: 'POST', json: { email: 'nope', password: 'x' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('email');
  });

  it('GET /me answers 401 without a session and the user with one', async () => {
    expect((await s.api('/api/v1/me')).status).toBe(401);
    const cookie = await s.login();
    const me = await (await s.api('/api/v1/me', { cookie })).json();
    expect(me.user.email).toBe(ADMIN.email);
  });

  it('logout ends the session', async () => {
    const cookie = await s.login();
    expect((await s.api('/api/v1/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect((await s.api('/api/v1/me', { cookie })).status).toBe(401);
  });

  it('stores the password only as a scrypt hash', async () => {
    const users = await s.ctx.entities.list('user');
    expect(users[0].passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(users[0].passwordHash).not.toContain(ADMIN.password);
  });

  it('forbids a manager from admin-only changes with 403', async () => {
    await s.ctx.auth.createUser({ orgId: 'org-main', email: 'mgr@test.local', name: 'M', role: 'manager', password: 'manager-pass-1' });
    const cookie = await s.login('mgr@test.local', 'manager-pass-1');
    const res = await s.api('/api/v1/organisation', { method: 'PATCH', json: { target: 0.9 }, cookie });
    expect(res.status).toBe(403);
  });

  it('lets an admin change the target, audited', async () => {
    const cookie = await s.login();
    const res = await s.api('/api/v1/organisation', { method: 'PATCH', json: { target: 0.9 }, cookie });
    expect(res.status).toBe(200);
    expect((await res.json()).target).toBe(0.9);
    const audit = await (await s.api('/api/v1/audit', { cookie })).json();
    expect(audit.items.some((a: { action: string }) => a.action === 'organisation.update')).toBe(true);
  });
});

describe('login limits', () => {
  it('never locks out an officer who simply logs in often', async () => {
    await s.ctx.auth.createUser({ orgId: 'org-main', email: 'often@test.local', name: 'O', role: 'manager', password: 'often-pass-1' });
    for (let i = 0; i < 15; i++) await s.login('often@test.local', 'often-pass-1');
  });

  it('locks an address with 429 after ten wrong passwords, even for the right one', async () => {
    await s.ctx.auth.createUser({ orgId: 'org-main', email: 'target@test.local', name: 'T', role: 'manager', password: 'target-pass-1' });
    const attempt = (password: string) => s.api('/api/v1/auth/login', { method: 'POST', json: { email: 'target@test.local', password } });
    for (let i = 0; i < 10; i++) expect((await attempt('wrong-password')).status).toBe(401);
    const locked = await attempt('target-pass-1');
    expect(locked.status).toBe(429);
    expect((await locked.json()).error.code).toBe('rate-limited');
  });
});

describe('login limits under parallel load', () => {
  it('200 parallel wrong passwords over HTTP: at most ten are checked (401), the rest refused (429) before any check', async () => {
    await s.ctx.auth.createUser({ orgId: 'org-main', email: 'burst@test.local', name: 'B', role: 'manager', password: 'burst-pass-12' });
    const statuses = await Promise.all(
      Array.from({ length: 200 }, () => s.api('/api/v1/auth/login', { method: 'POST', json: { email: 'burst@test.local', password: 'wrong-password' } }).then((r) => r.status)),
    );
    expect(statuses.filter((c) => c === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((c) => c === 429).length).toBeGreaterThanOrEqual(190);
  });
});
