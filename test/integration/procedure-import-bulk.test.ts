/**
 * Committing a national procedure list (5,000 rows) writes the new rows in
 * one store call and the changed rows in another, not one insert per row
 * (each single insert on SQLite is its own transaction and fsync). The test
 * counts the store calls the import makes, and checks what was written.
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

const csv = (n: number, name: (i: number) => string) =>
  Buffer.from(['code,name,field', ...Array.from({ length: n }, (_, i) => `8.${String(i).padStart(6, '0')},${name(i)},Lĩnh vực ${i % 7}`)].join('\r\n'), 'utf8');
const commit = (body: Buffer) =>
  s.api('/api/v1/procedures/import/file?dryRun=false', { method: 'POST', cookie: admin, headers: { 'content-type': 'text/csv' }, body: body as BodyInit });

/** Counts calls to the store's entity writes while `run` goes. */
async function counting(run: () => Promise<void>): Promise<Record<string, number>> {
  // Patched by name for the count only, then restored: the methods' own types do not matter here.
  const store = s.ctx.store as unknown as Record<string, unknown>;
  const names = ['insertEntity', 'putEntity', 'insertEntities', 'putEntities'] as const;
  const calls: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const originals = names.map((n) => [n, store[n]] as const);
  for (const [n, fn] of originals) {
    if (typeof fn !== 'function') continue;
    store[n] = (...args: unknown[]) => {
      calls[n]++;
      return (fn as (...a: unknown[]) => unknown).apply(store, args);
    };
  }
  try {
    await run();
  } finally {
    for (const [n, fn] of originals) store[n] = fn;
  }
  return calls;
}

describe('committing a large procedure import', () => {
  it('5,000 new rows: one bulk insert, every row stored', async () => {
    const calls = await counting(async () => {
      const res = await commit(csv(5000, (i) => `Thủ tục số ${i}`));
      expect(res.status).toBe(200);
      expect((await res.json()).counts.new).toBe(5000);
    });
    expect(calls.insertEntities).toBe(1);
    // Single entity writes left for the rest of the request (the audit entry, a session touch) stay few.
    expect(calls.insertEntity + calls.putEntity).toBeLessThan(10);
    // Read from the store itself: the GET /procedures page stops at 1,000.
    const list = await s.ctx.entities.list('procedure', { orgId: 'org-main', limit: 100_000 });
    expect(list.filter((p) => p.code.startsWith('8.')).length).toBe(5000);
  });

  it('the same list renamed: one bulk put, names changed, English kept', async () => {
    const calls = await counting(async () => {
      const res = await commit(csv(5000, (i) => `Thủ tục mới số ${i}`));
      expect(res.status).toBe(200);
      expect((await res.json()).counts).toMatchObject({ new: 0, update: 5000 });
    });
    expect(calls.putEntities).toBe(1);
    expect(calls.insertEntity + calls.putEntity).toBeLessThan(10);
    const list = await s.ctx.entities.list('procedure', { orgId: 'org-main', limit: 100_000 });
    expect(list.find((p) => p.code === '8.000042')!.name).toEqual({ vi: 'Thủ tục mới số 42', en: '' });
    // Rows past the store's first page of 1,000 are updated too.
    expect(list.find((p) => p.code === '8.004999')!.name.vi).toBe('Thủ tục mới số 4999');
  });
});
