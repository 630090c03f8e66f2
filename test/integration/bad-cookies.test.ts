/**
 * A cookie is whatever the browser (or an attacker) sends: a value that is not
 * valid percent-encoding must be ignored like an absent cookie, never answer 500.
 * Issue 9, item 6.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { readCookie } from '../../server/cookies';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

const BAD = ['hl_session=%; hl_client=%E0', 'hl_client=%E0%A4%A', 'hl_session=%zz; other=1', 'hl_session=%C0%80'];

describe('malformed cookies are ignored', () => {
  it('readCookie answers undefined for a value that is not valid percent-encoding', () => {
    expect(readCookie('hl_session=%', 'hl_session')).toBeUndefined();
    expect(readCookie('hl_client=%E0', 'hl_client')).toBeUndefined();
    expect(readCookie('a=1; hl_client=ok%20id', 'hl_client')).toBe('ok id');
  });

  it('the kiosk POST stores the rating whatever the cookies', async () => {
    for (const cookie of BAD) {
      const body = { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 5 } };
      const res = await s.api('/api/v1/responses', { method: 'POST', json: body, cookie, headers: { authorization: `Bearer ${s.deviceToken}` } });
      expect(res.status, cookie).toBe(201);
    }
  });

  it('a counter-QR POST with a bad client cookie is stored (the cookie counts as absent)', async () => {
    const body = { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'qr', servicePointId: 'sp-t2', answers: { O: 4 } };
    const res = await s.api('/api/v1/responses', { method: 'POST', json: body, cookie: 'hl_client=%E0' });
    expect(res.status).toBe(201);
  });

  it('the QR page answers and issues a fresh client cookie in place of a broken one', async () => {
    for (const cookie of BAD) {
      const res = await s.api('/s/T1', { cookie });
      expect([200, 503], cookie).toContain(res.status); // 503 only when the front end is not built
      expect(res.headers.get('set-cookie') ?? '', cookie).toMatch(/^hl_client=[\w-]{16,}/);
    }
  });

  it('the admin API answers 401 for a broken session cookie, not 500', async () => {
    for (const cookie of BAD) {
      expect((await s.api('/api/v1/me', { cookie })).status, cookie).toBe(401);
      expect((await s.api('/api/v1/stats/summary', { cookie })).status, cookie).toBe(401);
      expect((await s.api('/api/v1/auth/logout', { method: 'POST', cookie })).status, cookie).toBe(204);
    }
  });

  it('a broken cookie beside a valid session keeps the session working', async () => {
    const session = await s.login();
    const res = await s.api('/api/v1/me', { cookie: `hl_client=%E0; ${session}` });
    expect(res.status).toBe(200);
  });
});
