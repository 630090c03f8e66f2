/**
 * Issue 9, item 4: a page on another port of the same host could revoke a
 * device or reissue an enrolment code with the admin's cookie (SameSite=Lax
 * does not separate ports: they are the same site), and nothing stopped the
 * admin from being framed. Cookie-authenticated writes must come from our own
 * origin; every answer carries the security headers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { startWithAdmin } from '../helpers/server-session';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  ({ s, admin } = await startWithAdmin());
});
afterAll(() => s.stop());

const host = () => new URL(s.url).host;
const otherPort = () => `http://${new URL(s.url).hostname}:${Number(new URL(s.url).port) + 1}`;

async function newDevice(): Promise<{ id: string }> {
  const res = await s.api('/api/v1/devices', { method: 'POST', json: { servicePointId: 'sp-t1' }, cookie: admin, headers: { origin: s.url, 'sec-fetch-site': 'same-origin' } });
  expect(res.status).toBe(201);
  return (await res.json()).device;
}

describe('cross-site writes with the admin cookie are refused', () => {
  it('revoking a device from a page on another port of the same host: 403, nothing revoked', async () => {
    const { id } = await newDevice();
    const byOrigin = await s.api(`/api/v1/devices/${id}/revoke`, { method: 'POST', cookie: admin, headers: { origin: otherPort() } });
    expect(byOrigin.status).toBe(403);
    expect((await byOrigin.json()).error.details[0].path).toBe('origin');
    const byFetchSite = await s.api(`/api/v1/devices/${id}/revoke`, { method: 'POST', cookie: admin, headers: { 'sec-fetch-site': 'same-site', origin: otherPort() } });
    expect(byFetchSite.status).toBe(403);
    const device = await (await s.api(`/api/v1/devices/${id}`, { cookie: admin })).json();
    expect(device.state).not.toBe('revoked');
  });

  it('reissuing an enrolment code and changing settings cross-site: 403', async () => {
    const { id } = await newDevice();
    expect((await s.api(`/api/v1/devices/${id}/enrolment-code`, { method: 'POST', cookie: admin, headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await s.api('/api/v1/organisation', { method: 'PATCH', json: { target: 0.9 }, cookie: admin, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await s.api('/api/v1/auth/logout', { method: 'POST', cookie: admin, headers: { origin: 'null' } })).status).toBe(403);
  });

  it('a login posted from another site is refused (login CSRF)', async () => {
    const res = await s.api('/api/v1/auth/login', { method: 'POST', json: { email: 'admin@test.local', password: 'test-password-1' }, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
  });

  it('the same requests from our own pages pass (Sec-Fetch-Site same-origin, or a matching Origin)', async () => {
    const { id } = await newDevice();
    expect((await s.api(`/api/v1/devices/${id}/enrolment-code`, { method: 'POST', cookie: admin, headers: { 'sec-fetch-site': 'same-origin', origin: s.url } })).status).toBe(201);
    expect((await s.api(`/api/v1/devices/${id}/revoke`, { method: 'POST', cookie: admin, headers: { origin: `http://${host()}` } })).status).toBe(200);
  });

  it('non-browser clients (no Origin, no Sec-Fetch-Site) keep working with the cookie', async () => {
    const { id } = await newDevice();
    expect((await s.api(`/api/v1/devices/${id}/revoke`, { method: 'POST', cookie: admin })).status).toBe(200);
  });

  it('requests without cookies are not affected: kiosk bearer token and integration key from anywhere', async () => {
    const rating = { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 5 } };
    const kiosk = await s.api('/api/v1/responses', { method: 'POST', json: rating, headers: { authorization: `Bearer ${s.deviceToken}`, origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' } });
    expect(kiosk.status).toBe(201);
    const { key } = await (await s.api('/api/v1/integration-keys', { method: 'POST', json: { name: 'One-stop' }, cookie: admin })).json();
    const link = await s.api('/api/v1/survey-links', {
      method: 'POST',
      json: { counter: 'T1', procedureCode: '1.000001', dossierRef: `D-${randomUUID()}` },
      headers: { authorization: `Bearer ${key}`, origin: 'https://onestop.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(link.status).toBe(201);
  });
});

describe('security headers', () => {
  it('admin pages: a CSP with script-src self and no inline script, frame-ancestors none, X-Frame-Options DENY', async () => {
    const res = await s.api('/admin/');
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull(); // plain http: no HSTS
  });

  it('nosniff and the CSP on everything: API answers, errors, the QR page, posters', async () => {
    for (const [path, cookie] of [['/api/health'], ['/api/v1/nothing-here'], ['/s/T1'], ['/kiosk/'], ['/api/v1/service-points/sp-t1/poster', admin]] as [string, string?][]) {
      const res = await s.api(path, { cookie });
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('content-security-policy') ?? '', path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('the poster page has no inline script or inline event handler', async () => {
    const html = await (await s.api('/api/v1/service-points/sp-t1/poster', { cookie: admin })).text();
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag).toMatch(/\ssrc=/);
  });

  it('the API docs page keeps its own stricter CSP', async () => {
    const csp = (await s.api('/api/v1/docs')).headers.get('content-security-policy');
    expect(csp).toMatch(/^default-src 'none'/);
  });
});

describe('HSTS', () => {
  it('is sent when PUBLIC_URL is https', async () => {
    const tls = await startTestServer({ PUBLIC_URL: 'https://hailong.example.gov.vn' });
    try {
      const hsts = (await tls.api('/api/health')).headers.get('strict-transport-security');
      expect(hsts).toMatch(/max-age=\d{7,}/);
    } finally {
      await tls.stop();
    }
  });
});
