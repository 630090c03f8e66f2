import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { issueDemoEnrolment, ENROL_ATTEMPTS_PER_WINDOW } from '../../server/domain/devices.service';
import type { EnrolResult, KioskConfig } from '../../shared/kiosk-protocol';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  // The enrolment-limit test stands for a client behind a proxy: loopback (this test) is that proxy.
  s = await startTestServer({ TRUST_PROXY: 'loopback' });
  admin = await s.login();
  const orgId = (await s.ctx.entities.list('organisation'))[0].id;
  await s.ctx.auth.createUser({ orgId, email: 'manager@test.local', name: 'M', role: 'manager', password: 'manager-password-1' });
  await s.ctx.auth.createUser({ orgId, email: 'head@test.local', name: 'H', role: 'unit-head', unitId: 'unit-a', password: 'head-password-1' });
});
afterAll(async () => {
  await s.stop();
});

const createDevice = async (body: Record<string, unknown> = { servicePointId: 'sp-t1' }, cookie = admin) =>
  s.api('/api/v1/devices', { method: 'POST', json: body, cookie });
const enrol = (code: string, headers: Record<string, string> = {}) => s.api('/api/v1/devices/enrol', { method: 'POST', json: { code }, headers });
const kioskConfig = (token: string) => s.api('/api/v1/kiosk/config', { headers: { authorization: `Bearer ${token}` } });

async function newEnrolledDevice(): Promise<{ id: string; token: string }> {
  const created = await (await createDevice()).json();
  const res = await enrol(created.enrolment.code);
  const body = (await res.json()) as EnrolResult;
  return { id: body.device.id, token: body.token };
}

describe('creating a device', () => {
  it('answers 201 with a pending device and a one-time code of 8 easy characters, expiring in 24 h', async () => {
    const res = await createDevice({ servicePointId: 'sp-t1', name: 'Kiosk cửa chính' });
    expect(res.status).toBe(201);
    const { device, enrolment } = await res.json();
    expect(device).toMatchObject({ servicePointId: 'sp-t1', name: 'Kiosk cửa chính', state: 'pending', enrolledAt: null });
    expect(enrolment.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(enrolment.url).toBe(`${s.url}/kiosk/?code=${enrolment.code}`); // the address the admin used (no PUBLIC_URL set)
    const hours = (Date.parse(enrolment.expiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it('keeps no code or token in clear, and shows no hash in the API', async () => {
    const { device, enrolment } = await (await createDevice()).json();
    const stored = await s.ctx.entities.get('device', device.id);
    expect(JSON.stringify(stored)).not.toContain(enrolment.code.replace('-', ''));
    expect(stored!.enrolment!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    const listed = (await (await s.api('/api/v1/devices', { cookie: admin })).json()).items.find((d: { id: string }) => d.id === device.id);
    expect(listed).toBeDefined();
    expect(JSON.stringify(listed)).not.toMatch(/Hash/);
  });

  it('lets a manager create one but refuses a unit head (403) and an anonymous caller (401)', async () => {
    const manager = await s.login('manager@test.local', 'manager-password-1');
    expect((await createDevice(undefined, manager)).status).toBe(201);
    const head = await s.login('head@test.local', 'head-password-1');
    expect((await createDevice(undefined, head)).status).toBe(403);
    expect((await s.api('/api/v1/devices', { method: 'POST', json: { servicePointId: 'sp-t1' } })).status).toBe(401);
  });

  it('answers 422 for an unknown service point', async () => {
    const res = await createDevice({ servicePointId: 'sp-nope' });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0].path).toBe('servicePointId');
  });

  it('is audited', async () => {
    const { device } = await (await createDevice()).json();
    const audit = (await (await s.api('/api/v1/audit?limit=50', { cookie: admin })).json()).items;
    const actions = audit.filter((a: { target: string }) => a.target === device.id).map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['device.create', 'device.code.issue']));
  });
});

describe('enrolling with the code', () => {
  it('trades the code for a token that reads the kiosk config and stores verified kiosk ratings', async () => {
    const { enrolment, device } = await (await createDevice()).json();
    const res = await enrol(enrolment.code);
    expect(res.status).toBe(200);
    const body = (await res.json()) as EnrolResult;
    expect(body.token.length).toBeGreaterThanOrEqual(40);
    expect(body.device).toEqual({ id: device.id, name: 'Kiosk T1', servicePointId: 'sp-t1' });
    expect(body.config.servicePoint.id).toBe('sp-t1');

    const id = randomUUID();
    const batch = await s.api('/api/v1/responses/batch', {
      method: 'POST',
      headers: { authorization: `Bearer ${body.token}` },
      json: { responses: [{ id, surveyVersionId: s.surveyVersionId, channel: 'kiosk', servicePointId: 'sp-t1', answers: { O: 5 } }] },
    });
    expect((await batch.json()).results[0].status).toBe('stored');
    expect(await s.ctx.store.getResponse(id)).toMatchObject({ deviceId: device.id, verified: true });
    const listed = await (await s.api(`/api/v1/devices/${device.id}`, { cookie: admin })).json();
    expect(listed).toMatchObject({ state: 'enrolled', enrolmentExpiresAt: null });
  });

  it('accepts the code in lower case, without the dash or with spaces', async () => {
    const { enrolment } = await (await createDevice()).json();
    const sloppy = ` ${enrolment.code.toLowerCase().replace('-', ' ')} `;
    expect((await enrol(sloppy)).status).toBe(200);
  });

  it('works once only', async () => {
    const { enrolment } = await (await createDevice()).json();
    expect((await enrol(enrolment.code)).status).toBe(200);
    const again = await enrol(enrolment.code);
    expect(again.status).toBe(401);
    expect((await again.json()).error.code).toBe('unauthorized');
  });

  it('gives exactly one token when two kiosks race with the same code', async () => {
    const { enrolment } = await (await createDevice()).json();
    const statuses = (await Promise.all([enrol(enrolment.code), enrol(enrolment.code), enrol(enrolment.code)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 401, 401]);
  });

  it('refuses an expired code', async () => {
    const { enrolment, device } = await (await createDevice()).json();
    // Age the pending code as 25 hours would.
    const d = (await s.ctx.entities.get('device', device.id))!;
    const rec = (await s.ctx.store.getEntity<{ expiresAt: string }>('deviceEnrolment', d.enrolment!.codeHash))!;
    await s.ctx.store.putEntity({ ...rec, data: { ...rec.data, expiresAt: new Date(Date.now() - 1000).toISOString() } });
    expect((await enrol(enrolment.code)).status).toBe(401);
  });

  it('refuses a code that was never issued and a malformed one', async () => {
    expect((await enrol('ABCD-EFGH')).status).toBe(401);
    expect((await enrol('0000-0000')).status).toBe(401);
    expect((await s.api('/api/v1/devices/enrol', { method: 'POST', json: {} })).status).toBe(400);
  });

  it('re-issuing a code makes the previous one useless', async () => {
    const { enrolment, device } = await (await createDevice()).json();
    const reissued = await s.api(`/api/v1/devices/${device.id}/enrolment-code`, { method: 'POST', cookie: admin });
    expect(reissued.status).toBe(201);
    const { code } = await reissued.json();
    expect(code).not.toBe(enrolment.code);
    expect((await enrol(enrolment.code)).status).toBe(401);
    expect((await enrol(code)).status).toBe(200);
  });

  it('enrolling again with a new code retires the old token (a kiosk moved to a new tablet)', async () => {
    const first = await newEnrolledDevice();
    const { code } = await (await s.api(`/api/v1/devices/${first.id}/enrolment-code`, { method: 'POST', cookie: admin })).json();
    expect((await kioskConfig(first.token)).status).toBe(200); // still works until the new code is used
    const second = (await (await enrol(code)).json()) as EnrolResult;
    expect((await kioskConfig(first.token)).status).toBe(401);
    expect((await kioskConfig(second.token)).status).toBe(200);
  });

  it('limits enrolment attempts from one client address', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' }; // TRUST_PROXY=loopback: the test client is the proxy
    let last = 0;
    for (let i = 0; i <= ENROL_ATTEMPTS_PER_WINDOW; i++) last = (await enrol('ABCD-EFGH', headers)).status;
    expect(last).toBe(429);
    expect((await enrol('ABCD-EFGH', { 'x-forwarded-for': '203.0.113.10' })).status).toBe(401);
  });
});

describe('revoking a device', () => {
  it('makes its token useless at once for config and ratings, and shows it revoked', async () => {
    const { id, token } = await newEnrolledDevice();
    const res = await s.api(`/api/v1/devices/${id}/revoke`, { method: 'POST', cookie: admin });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, state: 'revoked' });
    expect((await kioskConfig(token)).status).toBe(401);
    const batch = await s.api('/api/v1/responses/batch', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      json: { responses: [{ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 5 } }] },
    });
    expect((await batch.json()).results[0].status).toBe('unauthorized');
  });

  it('can be followed by a new code that enrols the same device again', async () => {
    const { id } = await newEnrolledDevice();
    await s.api(`/api/v1/devices/${id}/revoke`, { method: 'POST', cookie: admin });
    const { code } = await (await s.api(`/api/v1/devices/${id}/enrolment-code`, { method: 'POST', cookie: admin })).json();
    const again = (await (await enrol(code)).json()) as EnrolResult;
    expect(again.device.id).toBe(id);
    expect((await kioskConfig(again.token)).status).toBe(200);
  });

  it('answers 404 for a device of another organisation or none', async () => {
    expect((await s.api('/api/v1/devices/dev-nope/revoke', { method: 'POST', cookie: admin })).status).toBe(404);
  });
});

describe('GET /api/v1/kiosk/config', () => {
  it('names the office, counter, officer on duty, active survey and timings', async () => {
    const { token } = await newEnrolledDevice();
    await s.ctx.entities.put('officer', { ...(await s.ctx.entities.get('officer', 'off-1'))!, photoUrl: '/photos/off-1.jpg', title: { vi: 'Chuyên viên', en: 'Officer' } });
    const res = await kioskConfig(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const config = (await res.json()) as KioskConfig;
    expect(config).toMatchObject({
      servicePoint: { id: 'sp-t1', code: 'T1', name: { vi: 'Quầy T1', en: 'Counter T1' } },
      officer: { id: 'off-1', name: 'Nguyễn Văn Một', photoUrl: '/photos/off-1.jpg', title: { vi: 'Chuyên viên', en: 'Officer' } },
      idleSeconds: 20,
      minGapSeconds: 0, // the test fixture's (the organisation default is 5)
    });
    expect(config.survey).toMatchObject({ versionId: s.surveyVersionId, questionId: 'O', scale: [1, 2, 3, 4, 5], followUpAtOrBelow: 3 });
    expect(config.survey!.reasons!.options.map((o) => o.id)).toEqual(['A', 'P', 'C', 'R', 'F', 'other']);
    expect(config.survey!.question.vi).toMatch(/hài lòng/);
  });

  it('answers 401 without a token', async () => {
    expect((await s.api('/api/v1/kiosk/config')).status).toBe(401);
    expect((await kioskConfig('not-a-token')).status).toBe(401);
  });
});

describe('issueDemoEnrolment', () => {
  it('issues a code for an unenrolled demo kiosk and nothing once it is enrolled', async () => {
    const orgId = (await s.ctx.entities.list('organisation'))[0].id;
    expect(await issueDemoEnrolment(s.ctx)).toBeNull(); // no demo office in the fixture
    await s.ctx.entities.put('device', {
      id: 'device-demo-q1', orgId, servicePointId: 'sp-t1', name: 'Demo', tokenHash: null, enrolment: null,
      enrolledAt: null, revokedAt: null, lastSeenAt: null, status: null,
    });
    const issued = await issueDemoEnrolment(s.ctx);
    expect(issued!.url).toMatch(/\/kiosk\/\?code=[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect((await enrol(issued!.code)).status).toBe(200);
    expect(await issueDemoEnrolment(s.ctx)).toBeNull();
  });
});
