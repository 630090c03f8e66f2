/**
 * An office that imported the national procedure list (thousands of rows)
 * sees all of it: GET /procedures is not cut at the store's default page of
 * 1,000 records (it was, so the admin listed only part of the list and the
 * procedure filters offered only part of it).
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

describe('GET /procedures after a national list is imported', () => {
  it('lists every procedure, past the first thousand', async () => {
    const before = ((await (await s.api('/api/v1/procedures', { cookie: admin })).json()).items as unknown[]).length;
    const rows = 1_500;
    const csv = Buffer.from(['code,name,field', ...Array.from({ length: rows }, (_, i) => `9.${String(i).padStart(6, '0')},Thủ tục số ${i},Lĩnh vực ${i % 5}`)].join('\r\n'), 'utf8');
    const res = await s.api('/api/v1/procedures/import/file?dryRun=false', { method: 'POST', cookie: admin, headers: { 'content-type': 'text/csv' }, body: csv as BodyInit });
    expect(res.status).toBe(200);
    const list = (await (await s.api('/api/v1/procedures', { cookie: admin })).json()).items as { code: string }[];
    expect(list).toHaveLength(before + rows);
    expect(list.some((p) => p.code === '9.001499')).toBe(true);
  });
});
