/** PATCH /organisation as the settings screen uses it: field errors, admin only, audited with before/after, the public URL shown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startTestServer({ PUBLIC_URL: 'https://hailong.example.gov.vn' });
  admin = await s.login();
});
afterAll(async () => {
  await s.stop();
});

const patch = (json: unknown, cookie = admin) => s.api('/api/v1/organisation', { method: 'PATCH', cookie, json });

describe('organisation settings', () => {
  it('shows the public URL read-only with the settings', async () => {
    const org = await (await s.api('/api/v1/organisation', { cookie: admin })).json();
    expect(org.publicUrl).toBe('https://hailong.example.gov.vn');
    const res = await patch({ publicUrl: 'http://evil' });
    expect(res.status).toBe(200);
    expect((await res.json()).publicUrl).toBe('https://hailong.example.gov.vn');
  });

  it('changes the name, target and kiosk timings (thank-you too, which reaches the kiosk)', async () => {
    const res = await patch({ name: { vi: 'UBND Phường Một', en: 'Ward One' }, target: 0.9, kiosk: { idleSeconds: 30, minGapSeconds: 4, thankYouSeconds: 6 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: { vi: 'UBND Phường Một' }, target: 0.9, kiosk: { thankYouSeconds: 6 } });
    const cfg = await (await s.api('/api/v1/kiosk/config', { headers: { authorization: `Bearer ${s.deviceToken}` } })).json();
    expect(cfg).toMatchObject({ idleSeconds: 30, minGapSeconds: 4, thankYouSeconds: 6, organisation: { name: { vi: 'UBND Phường Một' } } });
  });

  it('answers 400 naming each bad field', async () => {
    const res = await patch({ name: { vi: '', en: 'x' }, target: 1.5, minSample: 0, indexMethod: 'magic', kiosk: { idleSeconds: 1, minGapSeconds: 0, thankYouSeconds: 99 } });
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['indexMethod', 'kiosk.idleSeconds', 'kiosk.thankYouSeconds', 'minSample', 'name.vi', 'target']);
  });

  it('is for admins only', async () => {
    const { temporaryPassword } = await (await s.api('/api/v1/users', { method: 'POST', cookie: admin, json: { email: 'm@test.local', name: 'M', role: 'manager' } })).json();
    const mgr = await s.login('m@test.local', temporaryPassword);
    // Past the temporary-password gate, so the 403 below is the role's.
    expect((await s.api('/api/v1/me/password', { method: 'POST', cookie: mgr, json: { currentPassword: temporaryPassword, newPassword: 'manager-own-pass-1' } })).status).toBe(204);
    expect((await patch({ target: 0.8 }, mgr)).status).toBe(403);
  });

  it('audits each changed setting with its value before and after', async () => {
    await patch({ target: 0.85, minSample: 40 });
    await patch({ target: 0.95 });
    const audit = await (await s.api('/api/v1/audit', { cookie: admin })).json();
    const last = audit.items.find((a: { action: string }) => a.action === 'organisation.update');
    expect(last.details).toEqual({ before: { target: 0.85 }, after: { target: 0.95 } });
  });
});
