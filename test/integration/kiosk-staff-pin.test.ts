/**
 * The kiosk staff corner's PIN (issue 15): set by an admin on the
 * organisation (hashed, audited without the PIN), checked by an enrolled
 * kiosk, limited per device, never shown to anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { STAFF_PIN_TRIES } from '../../server/domain/kiosk-staff.service';

let s: TestServer;
let admin: string;
let manager: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
  const orgId = (await s.ctx.entities.list('organisation'))[0].id;
  await s.ctx.auth.createUser({ orgId, email: 'manager@test.local', name: 'M', role: 'manager', password: 'manager-password-1' });
  manager = await s.login('manager@test.local', 'manager-password-1');
});
afterAll(async () => {
  await s.stop();
});

const setPin = (kioskPin: string | null, cookie = admin) => s.api('/api/v1/organisation', { method: 'PATCH', json: { kioskPin }, cookie });
const check = (pin: string, token = s.deviceToken) =>
  s.api('/api/v1/kiosk/staff-pin', { method: 'POST', json: { pin }, headers: { authorization: `Bearer ${token}` } });

describe('the kiosk PIN on the organisation', () => {
  it('answers not-set before an admin sets one', async () => {
    const res = await check('1234');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: 'not-set', attemptsLeft: STAFF_PIN_TRIES });
  });

  it('is set by an admin only, stored hashed, shown as kioskPinSet and audited without the PIN', async () => {
    expect((await setPin('246810', manager)).status).toBe(403);
    const res = await setPin('246810');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.kioskPinSet).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/246810|scrypt|kioskPinHash/);
    const org = (await s.ctx.entities.list('organisation'))[0];
    expect(org.kioskPinHash).toMatch(/^scrypt\$/);
    expect(org.kioskPinHash).not.toContain('246810');
    const audit = await (await s.api('/api/v1/audit', { cookie: admin })).json();
    const entry = audit.items.find((e: { action: string }) => e.action === 'organisation.update');
    expect(entry.details).toMatchObject({ kioskPin: 'changed' });
    expect(JSON.stringify(audit)).not.toContain('246810');
  });

  it('refuses a PIN that is not 4 to 8 digits', async () => {
    expect((await setPin('12a4')).status).toBe(400);
    expect((await setPin('123')).status).toBe(400);
  });
});

describe('POST /kiosk/staff-pin', () => {
  it('needs a device token', async () => {
    expect((await check('246810', 'not-a-token')).status).toBe(401);
    const res = await s.api('/api/v1/kiosk/staff-pin', { method: 'POST', json: { pin: '246810' } });
    expect(res.status).toBe(401);
  });

  it('answers ok for the right PIN and wrong for another, never the PIN itself', async () => {
    const ok = await check('246810');
    expect(ok.status).toBe(200);
    const okBody = await ok.json();
    expect(okBody.result).toBe('ok');
    expect(JSON.stringify(okBody)).not.toMatch(/246810|scrypt/);
    expect((await (await check('111111')).json()).result).toBe('wrong');
  });

  it(`locks a kiosk after ${STAFF_PIN_TRIES} tries in the window, even for the right PIN`, async () => {
    // Two tries were used above; spend the rest.
    let last: Response | null = null;
    for (let i = 0; i < STAFF_PIN_TRIES; i++) last = await check('000000');
    expect(last!.status).toBe(429);
    expect((await check('246810')).status).toBe(429);
  });

  it('removes the PIN with null', async () => {
    expect((await (await setPin(null)).json()).kioskPinSet).toBe(false);
    expect((await s.ctx.entities.list('organisation'))[0].kioskPinHash).toBeNull();
  });
});
