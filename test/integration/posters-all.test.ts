/**
 * GET /service-points/posters: every active counter's poster in one
 * document (one sheet each, in code order), only the counters the caller may
 * print, or the ones listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer } from '../helpers/test-server';
import { accountSession, startWithAdmin } from '../helpers/server-session';

const PUBLIC_URL = 'https://hailong.example.gov.vn';
let s: TestServer;
let admin: string;
let unitHeadB: string;
beforeAll(async () => {
  ({ s, admin } = await startWithAdmin({ PUBLIC_URL }));
  unitHeadB = await accountSession(s, { email: 'head-b2@test.local', name: 'Head B', role: 'unit-head', unitId: 'unit-b' });
});
afterAll(async () => {
  await s.stop();
});

const sheets = (html: string) => html.match(/<main class="sheet">/g)?.length ?? 0;

describe('all counters’ posters in one document', () => {
  it('has one sheet per active counter, each with its own link, a page break between them and the print script', async () => {
    const res = await s.api('/api/v1/service-points/posters', { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(sheets(html)).toBe(2);
    expect(html.indexOf(`${PUBLIC_URL}/s/T1`)).toBeLessThan(html.indexOf(`${PUBLIC_URL}/s/T2`));
    expect(html).toContain('break-after: page');
    expect(html).not.toMatch(/<script>|onclick=/);
    expect(html).toContain('<script src="/poster-print.js" defer></script>');
  });

  it('gives a unit head only their unit’s counters, and 404 for another unit’s counter named', async () => {
    const html = await (await s.api('/api/v1/service-points/posters', { cookie: unitHeadB })).text();
    expect(sheets(html)).toBe(1);
    expect(html).toContain(`${PUBLIC_URL}/s/T2`);
    expect(html).not.toContain(`${PUBLIC_URL}/s/T1`);
    expect((await s.api('/api/v1/service-points/posters?ids=sp-t1', { cookie: unitHeadB })).status).toBe(404);
  });

  it('prints only the counters listed', async () => {
    const html = await (await s.api('/api/v1/service-points/posters?ids=sp-t2', { cookie: admin })).text();
    expect(sheets(html)).toBe(1);
    expect(html).toContain(`${PUBLIC_URL}/s/T2`);
  });

  it('needs a session', async () => {
    expect((await s.api('/api/v1/service-points/posters')).status).toBe(401);
  });
});
