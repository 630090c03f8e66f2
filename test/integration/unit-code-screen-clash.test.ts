/**
 * A unit's screen is /screen/<unit code>, and the screen looks a code up as an
 * office's screen code first (case-insensitively): a unit whose code equals a
 * screen code could never be reached. Creating or renaming such a unit is
 * refused (409 naming `code`); the screen settings keep their own check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let admin: string;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
});
afterAll(async () => {
  await s.stop();
});

const call = async (method: string, path: string, json: unknown) => {
  const res = await s.api(`/api/v1${path}`, { method, cookie: admin, json });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
};
const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((d) => d.path).sort();

describe('unit codes against the office screen code', () => {
  it('refuses a new unit named like the default screen code, whatever the case', async () => {
    // Nothing chosen yet: the screen code is the office id (org-main).
    const made = await call('POST', '/units', { code: 'ORG-Main', name: { vi: 'Phòng trùng' } });
    expect(made.status).toBe(409);
    expect(paths(made.body)).toEqual(['code']);
    const units = (await call('GET', '/units', undefined)).body.items as { code: string }[];
    expect(units.some((u) => u.code.toLowerCase() === 'org-main')).toBe(false);
  });

  it('refuses renaming a unit to a chosen screen code, and leaves the unit as it was', async () => {
    expect((await call('PATCH', '/organisation', { publicScreen: { enabled: true, code: 'phong-cho' } })).status).toBe(200);
    const renamed = await call('PATCH', '/units/unit-a', { code: 'Phong-Cho' });
    expect(renamed.status).toBe(409);
    expect(paths(renamed.body)).toEqual(['code']);
    expect((await call('POST', '/units', { code: 'PHONG-CHO', name: { vi: 'Phòng chờ' } })).status).toBe(409);
    const unitA = ((await call('GET', '/units', undefined)).body.items as { id: string; code: string }[]).find((u) => u.id === 'unit-a')!;
    expect(unitA.code).toBe('A');
    // The screen still shows the office, and the unit's own screen still answers.
    expect((await s.api('/api/v1/public/screens/phong-cho')).status).toBe(200);
    expect((await s.api('/api/v1/public/screens/A')).status).toBe(200);
  });

  it('the old default code is free again once another was chosen, and other codes pass', async () => {
    const made = await call('POST', '/units', { code: 'org-main', name: { vi: 'Phòng mới' } });
    expect(made.status).toBe(201);
    expect((await call('PATCH', `/units/${made.body.id}`, { code: 'D' })).status).toBe(200);
  });

  it('the screen settings still refuse a unit code', async () => {
    const res = await call('PATCH', '/organisation', { publicScreen: { code: 'a' } });
    expect(res.status).toBe(409);
    expect(paths(res.body)).toEqual(['publicScreen.code']);
  });
});
