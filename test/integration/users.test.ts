/** User management (admins only) and one's own sessions, against the real server and SQLite file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/test-server';
import { startWithAdmin } from '../helpers/server-session';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  ({ s, admin } = await startWithAdmin());
});
afterAll(() => s.stop());

const json = async (res: Response) => ({ status: res.status, body: await res.json() });

/** Logs in with the temporary password and chooses one's own (the gate of temporary-password.test.ts); the session stays. */
async function firstLogin(email: string, temp: string): Promise<string> {
  const cookie = await s.login(email, temp);
  expect((await s.api('/api/v1/me/password', { method: 'POST', cookie, json: { currentPassword: temp, newPassword: `${temp}-own` } })).status).toBe(204);
  return cookie;
}

async function createUser(body: Record<string, unknown>, cookie = admin) {
  return json(await s.api('/api/v1/users', { method: 'POST', cookie, json: body }));
}

describe('user management', () => {
  it('creates a unit head with a strong temporary password shown once, who can log in and sees only their unit', async () => {
    const { status, body } = await createUser({ email: 'Head.A@test.local', name: 'Trưởng phòng A', role: 'unit-head', unitId: 'unit-a' });
    expect(status).toBe(201);
    expect(body.user).toMatchObject({ email: 'head.a@test.local', role: 'unit-head', unitId: 'unit-a', disabled: false });
    expect(body.user.passwordHash).toBeUndefined();
    expect(body.temporaryPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const head = await firstLogin('head.a@test.local', body.temporaryPassword);
    const units = await (await s.api('/api/v1/units', { cookie: head })).json();
    expect(units.items.map((u: { id: string }) => u.id)).toEqual(['unit-a']);
    // The list never repeats the password.
    const list = await (await s.api('/api/v1/users', { cookie: admin })).json();
    expect(JSON.stringify(list)).not.toContain(body.temporaryPassword);
    expect(list.items.some((u: { email: string }) => u.email === 'head.a@test.local')).toBe(true);
  });

  it('answers 400 naming the fields: bad e-mail, empty name, unknown role, unit head without a unit', async () => {
    const bad = await createUser({ email: 'nope', name: '', role: 'boss' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'name', 'role']);
    const noUnit = await createUser({ email: 'x@test.local', name: 'X', role: 'unit-head' });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.error.details[0].path).toBe('unitId');
    const otherUnit = await createUser({ email: 'y@test.local', name: 'Y', role: 'unit-head', unitId: 'unit-zz' });
    expect(otherUnit.status).toBe(422);
    expect(otherUnit.body.error.details[0].path).toBe('unitId');
  });

  it('answers 409 for an e-mail already used', async () => {
    await createUser({ email: 'dup@test.local', name: 'Dup', role: 'manager' });
    const again = await createUser({ email: 'DUP@test.local', name: 'Dup 2', role: 'manager' });
    expect(again.status).toBe(409);
  });

  it('refuses user management to a manager (403), so a manager can make nobody an admin', async () => {
    const { body } = await createUser({ email: 'mgr@test.local', name: 'Lãnh đạo', role: 'manager' });
    const mgr = await firstLogin('mgr@test.local', body.temporaryPassword);
    expect((await createUser({ email: 'evil@test.local', name: 'Evil', role: 'admin' }, mgr)).status).toBe(403);
    expect((await s.api('/api/v1/users', { cookie: mgr })).status).toBe(403);
    expect((await s.api(`/api/v1/users/${body.user.id}`, { method: 'PATCH', cookie: mgr, json: { role: 'admin' } })).status).toBe(403);
  });

  it('changes role and unit (audited with before and after) and deactivates: the user can no longer log in and their session ends', async () => {
    const { body } = await createUser({ email: 'temp@test.local', name: 'Tạm', role: 'manager' });
    const cookie = await s.login('temp@test.local', body.temporaryPassword);
    const changed = await json(await s.api(`/api/v1/users/${body.user.id}`, { method: 'PATCH', cookie: admin, json: { role: 'unit-head', unitId: 'unit-b' } }));
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'unit-head', unitId: 'unit-b' });
    // A new role or unit ends the old sessions (they were opened under the old scope).
    expect((await s.api('/api/v1/me', { cookie })).status).toBe(401);
    const again = await s.login('temp@test.local', body.temporaryPassword);
    const off = await json(await s.api(`/api/v1/users/${body.user.id}`, { method: 'PATCH', cookie: admin, json: { disabled: true } }));
    expect(off.body.disabled).toBe(true);
    expect((await s.api('/api/v1/me', { cookie: again })).status).toBe(401);
    const login = await s.api('/api/v1/auth/login', { method: 'POST', json: { email: 'temp@test.local', password: body.temporaryPassword } });
    expect(login.status).toBe(401);
    const audit = await (await s.api('/api/v1/audit', { cookie: admin })).json();
    const update = audit.items.find((a: { action: string; target: string }) => a.action === 'user.update' && a.target === body.user.id);
    expect(update.details.before).toMatchObject({ role: 'manager', unitId: null });
    expect(update.details.after).toMatchObject({ role: 'unit-head', unitId: 'unit-b' });
    expect(audit.items.some((a: { action: string; target: string }) => a.action === 'user.deactivate' && a.target === body.user.id)).toBe(true);
  });

  it('an admin cannot deactivate themselves or change their own role (422 naming the field)', async () => {
    const me = (await (await s.api('/api/v1/me', { cookie: admin })).json()).user;
    const off = await json(await s.api(`/api/v1/users/${me.id}`, { method: 'PATCH', cookie: admin, json: { disabled: true } }));
    expect(off.status).toBe(422);
    expect(off.body.error.details[0].path).toBe('disabled');
    const demote = await json(await s.api(`/api/v1/users/${me.id}`, { method: 'PATCH', cookie: admin, json: { role: 'manager' } }));
    expect(demote.body.error.details[0].path).toBe('role');
  });

  it('resets a password: a new temporary password works, the old one and the old sessions do not', async () => {
    const { body } = await createUser({ email: 'reset@test.local', name: 'Đặt lại', role: 'manager' });
    const cookie = await s.login('reset@test.local', body.temporaryPassword);
    const reset = await json(await s.api(`/api/v1/users/${body.user.id}/password-reset`, { method: 'POST', cookie: admin }));
    expect(reset.status).toBe(200);
    expect(reset.body.temporaryPassword).not.toBe(body.temporaryPassword);
    expect((await s.api('/api/v1/me', { cookie })).status).toBe(401);
    expect((await s.api('/api/v1/auth/login', { method: 'POST', json: { email: 'reset@test.local', password: body.temporaryPassword } })).status).toBe(401);
    await s.login('reset@test.local', reset.body.temporaryPassword);
  });

  it('an unknown user is 404', async () => {
    expect((await s.api('/api/v1/users/nobody', { method: 'PATCH', cookie: admin, json: { name: 'X' } })).status).toBe(404);
    expect((await s.api('/api/v1/users/nobody/password-reset', { method: 'POST', cookie: admin })).status).toBe(404);
  });
});

describe('own sessions', () => {
  it('lists only my sessions, marks the current one, and signs another out', async () => {
    const { body } = await createUser({ email: 'two@test.local', name: 'Hai phiên', role: 'manager' });
    const setup = await firstLogin('two@test.local', body.temporaryPassword);
    await s.api('/api/v1/auth/logout', { method: 'POST', cookie: setup });
    const first = await s.login('two@test.local', `${body.temporaryPassword}-own`);
    const second = await s.login('two@test.local', `${body.temporaryPassword}-own`);
    const list = await (await s.api('/api/v1/me/sessions', { cookie: second })).json();
    expect(list.items).toHaveLength(2);
    expect(list.items[0].current).toBe(true);
    const other = list.items.find((x: { current: boolean }) => !x.current);
    // Someone else cannot end it.
    expect((await s.api(`/api/v1/me/sessions/${other.id}`, { method: 'DELETE', cookie: admin })).status).toBe(404);
    expect((await s.api(`/api/v1/me/sessions/${other.id}`, { method: 'DELETE', cookie: second })).status).toBe(204);
    expect((await s.api('/api/v1/me', { cookie: first })).status).toBe(401);
    expect((await s.api('/api/v1/me', { cookie: second })).status).toBe(200);
  });
});
