import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let admin: string;
let manager: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
  await s.ctx.auth.createUser({ orgId: 'org-main', email: 'manager@test.local', name: 'Manager', role: 'manager', password: 'manager-pass-1' });
  manager = await s.login('manager@test.local', 'manager-pass-1');
});
afterAll(async () => {
  await s.stop();
});

const createKey = async (name = 'Hệ thống một cửa tỉnh') => {
  const res = await s.api('/api/v1/integration-keys', { method: 'POST', cookie: admin, json: { name } });
  expect(res.status).toBe(201);
  return res.json() as Promise<{ id: string; name: string; prefix: string; key: string; revokedAt: string | null }>;
};
const issueWith = (key: string) =>
  s.api('/api/v1/survey-links', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    json: { counter: 'T1', procedureCode: '1.000001', dossierRef: `HS-${Math.random()}` },
  });

describe('integration keys', () => {
  it('create returns the key once; the list shows its prefix but never the key or its hash', async () => {
    const created = await createKey();
    expect(created.key).toMatch(/^hlk_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const list = await (await s.api('/api/v1/integration-keys', { cookie: admin })).json();
    const listed = list.items.find((k: { id: string }) => k.id === created.id);
    expect(listed).toMatchObject({ name: 'Hệ thống một cửa tỉnh', prefix: created.prefix, revokedAt: null, createdBy: 'admin@test.local' });
    expect(JSON.stringify(list)).not.toContain(created.key);
    expect(listed).not.toHaveProperty('keyHash');
    expect(listed).not.toHaveProperty('key');
  });

  it('stores the key only hashed', async () => {
    const created = await createKey();
    const stored = await s.ctx.store.getEntity('integrationKey', created.id);
    expect(JSON.stringify(stored)).not.toContain(created.key);
  });

  it('a created key issues survey links; a revoked key is refused with 401', async () => {
    const created = await createKey();
    expect((await issueWith(created.key)).status).toBe(201);
    const res = await s.api(`/api/v1/integration-keys/${created.id}`, { method: 'DELETE', cookie: admin });
    expect(res.status).toBe(200);
    expect((await res.json()).revokedAt).toEqual(expect.any(String));
    const refused = await issueWith(created.key);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('unauthorized');
  });

  it('audits creation and revocation, once each', async () => {
    const created = await createKey('Audited key');
    await s.api(`/api/v1/integration-keys/${created.id}`, { method: 'DELETE', cookie: admin });
    await s.api(`/api/v1/integration-keys/${created.id}`, { method: 'DELETE', cookie: admin });
    const audit = (await s.ctx.audit.list('org-main', 500)).filter((e) => e.target === created.id);
    expect(audit.map((e) => e.action).sort()).toEqual(['integrationKey.create', 'integrationKey.revoke']);
    expect(audit.every((e) => e.actor === 'admin@test.local')).toBe(true);
  });

  it('refuses key management without a session (401) and to a manager (403)', async () => {
    expect((await s.api('/api/v1/integration-keys')).status).toBe(401);
    expect((await s.api('/api/v1/integration-keys', { method: 'POST', json: { name: 'x' } })).status).toBe(401);
    expect((await s.api('/api/v1/integration-keys', { cookie: manager })).status).toBe(403);
    expect((await s.api('/api/v1/integration-keys', { method: 'POST', cookie: manager, json: { name: 'x' } })).status).toBe(403);
  });

  it('answers 400 naming the field when the name is missing', async () => {
    const res = await s.api('/api/v1/integration-keys', { method: 'POST', cookie: admin, json: {} });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([expect.objectContaining({ path: 'name' })]);
  });

  it('answers 404 when revoking a key that does not exist', async () => {
    expect((await s.api('/api/v1/integration-keys/nope', { method: 'DELETE', cookie: admin })).status).toBe(404);
  });

  it('refuses link issuing with a malformed or unknown key (401)', async () => {
    expect((await issueWith('not-a-key')).status).toBe(401);
    expect((await issueWith(`hlk_${'A'.repeat(43)}`)).status).toBe(401);
    const none = await s.api('/api/v1/survey-links', { method: 'POST', json: { counter: 'T1', procedureCode: '1.000001', dossierRef: 'x' } });
    expect(none.status).toBe(401);
  });
});
