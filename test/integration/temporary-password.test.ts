/**
 * A temporary password (made by an admin, shown once) opens only the way to
 * choosing one's own: /me and /me/password answer, every other call is 403
 * `password-change-required`, until the user changes it. The same after an
 * admin resets a password. The admin's own password is not temporary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/test-server';
import { startWithAdmin } from '../helpers/server-session';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  ({ s, admin } = await startWithAdmin());
});
afterAll(() => s.stop());

const NEW_PASSWORD = 'my-own-password-42';
const get = (path: string, cookie: string) => s.api(`/api/v1${path}`, { cookie });

async function loginResult(email: string, password: string) {
  const res = await s.api('/api/v1/auth/login', { method: 'POST', json: { email, password } });
  expect(res.status).toBe(200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], body: await res.json() };
}

async function expectGated(cookie: string) {
  for (const path of ['/units', '/service-points', '/stats/summary', '/audit', '/me/sessions']) {
    const res = await get(path, cookie);
    expect(res.status, path).toBe(403);
    expect((await res.json()).error.code, path).toBe('password-change-required');
  }
  const write = await s.api('/api/v1/units', { method: 'POST', cookie, json: { code: 'X', name: { vi: 'X' } } });
  expect(write.status).toBe(403);
  expect((await write.json()).error.code).toBe('password-change-required');
}

describe('a user created with a temporary password', () => {
  let temp = '';
  it('logs in, is told to change it, and every other call is 403 password-change-required', async () => {
    const made = await (await s.api('/api/v1/users', { method: 'POST', cookie: admin, json: { email: 'mgr@test.local', name: 'Lãnh đạo', role: 'manager' } })).json();
    temp = made.temporaryPassword;
    expect(made.user.mustChangePassword).toBe(true);
    const { cookie, body } = await loginResult('mgr@test.local', temp);
    expect(body.user.mustChangePassword).toBe(true);
    const me = await get('/me', cookie);
    expect(me.status).toBe(200);
    expect((await me.json()).user.mustChangePassword).toBe(true);
    await expectGated(cookie);
  });

  it('changes it with the temporary one as the current password; then everything answers and the change is audited', async () => {
    const { cookie } = await loginResult('mgr@test.local', temp);
    const weak = await s.api('/api/v1/me/password', { method: 'POST', cookie, json: { currentPassword: temp, newPassword: '123' } });
    expect(weak.status).toBe(400);
    const ok = await s.api('/api/v1/me/password', { method: 'POST', cookie, json: { currentPassword: temp, newPassword: NEW_PASSWORD } });
    expect(ok.status).toBe(204);
    expect((await get('/units', cookie)).status).toBe(200);
    expect((await (await get('/me', cookie)).json()).user.mustChangePassword).toBeFalsy();
    const again = await loginResult('mgr@test.local', NEW_PASSWORD);
    expect(again.body.user.mustChangePassword).toBeFalsy();
    const audit = (await (await get('/audit?action=auth.password-change', admin)).json()).items as { actor: string; details: Record<string, unknown> }[];
    expect(audit.find((a) => a.actor === 'mgr@test.local')?.details).toMatchObject({ temporaryReplaced: true });
  });
});

describe('after an admin resets a password', () => {
  it('the new temporary password is gated the same way until changed', async () => {
    const users = (await (await get('/users', admin)).json()).items as { id: string; email: string }[];
    const mgr = users.find((u) => u.email === 'mgr@test.local')!;
    const reset = await (await s.api(`/api/v1/users/${mgr.id}/password-reset`, { method: 'POST', cookie: admin })).json();
    const { cookie, body } = await loginResult('mgr@test.local', reset.temporaryPassword);
    expect(body.user.mustChangePassword).toBe(true);
    await expectGated(cookie);
    expect((await s.api('/api/v1/me/password', { method: 'POST', cookie, json: { currentPassword: reset.temporaryPassword, newPassword: 'another-own-pass-7' } })).status).toBe(204);
    expect((await get('/service-points', cookie)).status).toBe(200);
  });

  it('the first admin (own password from the configuration) is never gated', async () => {
    expect((await (await get('/me', admin)).json()).user.mustChangePassword).toBeFalsy();
    expect((await get('/units', admin)).status).toBe(200);
  });
});
