/**
 * GET /audit filters in the store: an entry older than 50,000 newer ones is
 * still found by who / what / record / when (the old in-memory filter read
 * only the newest 50,000), with the total for paging.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { SQLITE_FILE } from '../../server/store';

let s: TestServer;
let admin: string;
let orgId: string;
const NOISE = 50_200;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
  orgId = (await s.ctx.entities.list('organisation'))[0].id;
  // 50,000 entries one by one through the store would take minutes: one transaction on a second connection to the same file.
  const db = new Database(path.join(s.dataDir, SQLITE_FILE));
  const ins = db.prepare('INSERT INTO entities (kind, id, org_id, lookup, data, updated_at) VALUES (?, ?, ?, NULL, ?, ?)');
  const put = (id: string, at: string, actor: string, action: string, target: string) =>
    ins.run('audit', id, orgId, JSON.stringify({ id, orgId, at, actor, action, target, details: { after: { name: id } } }), at);
  db.transaction(() => {
    put('old-1', '2025-01-15T03:00:00.000Z', 'old.admin@test.local', 'unit.create', 'unit-old');
    put('old-2', '2025-01-20T03:00:00.000Z', 'old.admin@test.local', 'unit.update', 'unit-old');
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    for (let i = 0; i < NOISE; i++) put(`n-${i}`, new Date(base + i * 1000).toISOString(), 'kiosk@test.local', 'device.heartbeat-note', `dev-${i % 7}`);
  })();
  db.close();
}, 60_000);
afterAll(async () => {
  await s.stop();
});

const get = async (query: string) => {
  const res = await s.api(`/api/v1/audit?${query}`, { cookie: admin });
  expect(res.status).toBe(200);
  return (await res.json()) as { items: { id: string; action: string }[]; total: number };
};

describe('GET /audit through the store', () => {
  it('finds entries older than 50,000 newer ones by who, what, record and when', async () => {
    expect((await get('actor=OLD.ADMIN')).items.map((e) => e.id)).toEqual(['old-2', 'old-1']);
    expect((await get('action=unit.create')).items.map((e) => e.id)).toEqual(['old-1']);
    expect((await get('action=unit.')).items.map((e) => e.id)).toEqual(['old-2', 'old-1']);
    expect((await get('target=unit-old')).total).toBe(2);
    const january = await get('from=2025-01-01&to=2025-01-16');
    expect(january.items.map((e) => e.id)).toEqual(['old-1']);
    expect(january.total).toBe(1);
  });

  it('pages newest first with the total of matches', async () => {
    const first = await get('actor=kiosk@&limit=3');
    expect(first.total).toBe(NOISE);
    expect(first.items.map((e) => e.id)).toEqual([`n-${NOISE - 1}`, `n-${NOISE - 2}`, `n-${NOISE - 3}`]);
    const deep = await get(`actor=kiosk@&limit=2&offset=${NOISE - 1}`);
    expect(deep.items.map((e) => e.id)).toEqual(['n-0']);
    const all = await get('limit=1');
    expect(all.total).toBeGreaterThanOrEqual(NOISE + 2);
  });
});
