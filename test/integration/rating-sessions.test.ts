/**
 * Rating sessions over HTTP and the kiosk socket (issue 15): the one-stop /
 * queue software opens one with its integration key; the officer page signs
 * in with counter code + officer PIN (limited per counter, officers of the
 * counter's unit only) or an admin session and invites; the kiosk at that
 * counter receives the session live; nothing answers how the citizen rated.
 */
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { OFFICER_PIN_TRIES } from '../../server/domain/rating-sessions.service';
import type { KioskRatingSession, KioskServerToClient } from '../../shared/kiosk-protocol';
import { OfficerSignedInSchema, RatingSessionOpenedSchema } from '../../shared/api';

let s: TestServer;
let admin: string;
let head: string;
let key: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
  const orgId = (await s.ctx.entities.list('organisation'))[0].id;
  await s.ctx.auth.createUser({ orgId, email: 'head-b@test.local', name: 'H', role: 'unit-head', unitId: 'unit-b', password: 'head-password-1' });
  head = await s.login('head-b@test.local', 'head-password-1');
  key = (await (await s.api('/api/v1/integration-keys', { method: 'POST', cookie: admin, json: { name: 'Xếp hàng' } })).json()).key;
  expect((await s.api('/api/v1/service-points/sp-t1/rating-mode', { method: 'PUT', cookie: admin, json: { ratingMode: 'after-service' } })).status).toBe(200);
  expect((await s.api('/api/v1/officers/off-1/pin', { method: 'PUT', cookie: admin, json: { pin: '1357' } })).status).toBe(200);
});
afterAll(async () => {
  await s.stop();
});

const openWithKey = (json: unknown, k = key) => s.api('/api/v1/rating-sessions', { method: 'POST', json, headers: { authorization: `Bearer ${k}` } });
const signIn = (counter: string, pin: string) => s.api('/api/v1/officer/sign-in', { method: 'POST', json: { counter, pin } });
const invite = (auth: { token?: string; cookie?: string }, json: unknown = {}) =>
  s.api('/api/v1/officer/invitations', { method: 'POST', json, cookie: auth.cookie, headers: auth.token ? { authorization: `Bearer ${auth.token}` } : {} });

describe('the counter setting and the officer PIN', () => {
  it('are admin-only, audited, and never show the PIN', async () => {
    expect((await s.api('/api/v1/service-points/sp-t2/rating-mode', { method: 'PUT', cookie: head, json: { ratingMode: 'after-service' } })).status).toBe(403);
    expect((await s.api('/api/v1/officers/off-2/pin', { method: 'PUT', cookie: head, json: { pin: '2468' } })).status).toBe(403);
    const officers = await (await s.api('/api/v1/officers', { cookie: admin })).json();
    const one = officers.items.find((o: { id: string }) => o.id === 'off-1');
    expect(one.pinSet).toBe(true);
    expect(JSON.stringify(officers)).not.toMatch(/1357|scrypt|pinHash/);
    const audit = await (await s.api('/api/v1/audit', { cookie: admin })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['officer.pin', 'counter.ratingMode']));
    expect(JSON.stringify(audit)).not.toContain('1357');
    const config = await (await s.api('/api/v1/kiosk/config', { headers: { authorization: `Bearer ${s.deviceToken}` } })).json();
    expect(config.ratingMode).toBe('after-service');
  });
});

describe('POST /rating-sessions (integration key)', () => {
  it('opens a session that the kiosk at the counter receives live, with its procedure', async () => {
    const socket: Socket<KioskServerToClient> = connect(`${s.url}/kiosk`, { auth: { token: s.deviceToken }, transports: ['websocket'], reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('kiosk:config', () => resolve());
        socket.once('connect_error', reject);
      });
      const received = new Promise<KioskRatingSession>((resolve) => socket.once('kiosk:session', resolve));
      const res = await openWithKey({ counter: 't1', procedureCode: '1.000001', dossierRef: 'HS-2026-7', ticket: 'A012' });
      expect(res.status).toBe(201);
      const body = RatingSessionOpenedSchema.strict().parse(await res.json());
      expect(body).toMatchObject({ counter: 'T1', procedureCode: '1.000001' });
      const pushed = await received;
      expect(pushed).toEqual({ id: body.id, expiresAt: body.expiresAt, procedure: { code: '1.000001', name: { vi: 'Thủ tục một', en: 'Procedure one' } } });
    } finally {
      socket.disconnect();
    }
  });

  it('needs a valid key and a counter of its organisation, and a counter set to after-service', async () => {
    expect((await openWithKey({ counter: 'T1' }, 'hlk_nope')).status).toBe(401);
    expect((await openWithKey({ counter: 'T9' })).status).toBe(422);
    expect((await openWithKey({ counter: 'T2' })).status).toBe(409);
    expect((await openWithKey({ counter: 'T1', extra: 1 })).status).toBe(400);
  });

  it('lets the kiosk store one rating for it, with the procedure of the session', async () => {
    const { id } = await (await openWithKey({ counter: 'T1', procedureCode: '1.000001' })).json();
    const post = (rid: string) =>
      s.api('/api/v1/responses/batch', {
        method: 'POST',
        headers: { authorization: `Bearer ${s.deviceToken}` },
        json: { responses: [{ id: rid, surveyVersionId: s.surveyVersionId, channel: 'kiosk', servicePointId: 'sp-t1', answers: { O: 5 }, locale: 'vi', sessionId: id }] },
      });
    const first = randomUUID();
    expect((await (await post(first)).json()).results[0].status).toBe('stored');
    expect((await (await post(randomUUID())).json()).results[0].status).toBe('already-answered');
    expect((await s.ctx.store.getResponse(first))?.procedureId).toBe('proc-1');
  });
});

describe('the officer page', () => {
  let token: string;

  it('signs in with the counter code and the officer PIN, and gets the counter and its procedures', async () => {
    const res = await signIn('T1', '1357');
    expect(res.status).toBe(200);
    const body = OfficerSignedInSchema.strict().parse(await res.json());
    expect(body.context).toEqual({
      officer: { id: 'off-1', name: 'Nguyễn Văn Một' },
      counter: { code: 'T1', name: { vi: 'Quầy T1', en: 'Counter T1' }, ratingMode: 'after-service' },
      procedures: [{ code: '1.000001', name: { vi: 'Thủ tục một', en: 'Procedure one' } }],
    });
    token = body.token;
    const ctxRes = await s.api('/api/v1/officer/context', { headers: { authorization: `Bearer ${token}` } });
    expect((await ctxRes.json()).officer.id).toBe('off-1');
  });

  it('invites: a session at its own counter, never another', async () => {
    const res = await invite({ token }, { procedureCode: '1.000001' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ counter: 'T1', procedureCode: '1.000001' });
    expect(Object.keys(body).sort()).toEqual(['counter', 'expiresAt', 'id', 'procedureCode']);
    const session = (await s.ctx.store.getEntity<{ officerId: string; openedBy: unknown }>('ratingSession', body.id))!.data;
    expect(session).toMatchObject({ officerId: 'off-1', openedBy: { kind: 'officer', id: 'off-1' } });
    expect((await invite({ token }, { counter: 'T2' })).status).toBe(403);
  });

  it('scopes an officer to the counters of their unit: their PIN does not sign in at another unit', async () => {
    expect((await signIn('T2', '1357')).status).toBe(401);
  });

  it('refuses a wrong PIN and an unknown counter alike, and no token means 401', async () => {
    expect((await signIn('T1', '0000')).status).toBe(401);
    expect((await signIn('T9', '1357')).status).toBe(401);
    expect((await invite({})).status).toBe(401);
    expect((await invite({ token: 'hlo_notarealtokenatall' })).status).toBe(401);
  });

  it(`limits sign-ins to ${OFFICER_PIN_TRIES} per counter per window`, async () => {
    // Counter T1 spent 2 tries above (one right, one wrong).
    let last: Response | null = null;
    for (let i = 0; i < OFFICER_PIN_TRIES - 1; i++) last = await signIn('T1', '9999');
    expect(last!.status).toBe(429);
    expect((await signIn('T1', '1357')).status).toBe(429);
  });

  it('ends the sign-in when the PIN is removed', async () => {
    expect((await s.api('/api/v1/officers/off-1/pin', { method: 'PUT', cookie: admin, json: { pin: null } })).status).toBe(200);
    expect((await invite({ token })).status).toBe(401);
  });

  it('works with an admin session (naming the counter), and a unit head only inside their unit', async () => {
    const res = await invite({ cookie: admin }, { counter: 'T1' });
    expect(res.status).toBe(201);
    expect((await invite({ cookie: admin })).status).toBe(400);
    expect((await invite({ cookie: head }, { counter: 'T1' })).status).toBe(403);
    const ctxRes = await s.api('/api/v1/officer/context?counter=T1', { cookie: admin });
    expect((await ctxRes.json()).officer).toBeNull();
  });
});
