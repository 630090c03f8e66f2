/**
 * The comments list's filters (score, procedure, accent-free text search,
 * handled) and POST /responses/:id/handled: validation naming the field,
 * roles, unit scope, audit.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../../server/domain/responses.service';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let cookie: string;
let headB: string;
const ids: Record<string, string> = {};

const COMMENTS: [key: string, O: number, comment: string | undefined][] = [
  ['slow', 2, 'Chờ ĐỢI quá lâu, cán bộ không hướng dẫn'],
  ['kind', 5, 'Cán bộ rất nhiệt tình'],
  ['none', 4, undefined],
  ['road', 1, 'Đường vào khó tìm'],
];

beforeAll(async () => {
  s = await startTestServer();
  cookie = await s.login();
  const responses = COMMENTS.map(([key, O, comment]) => {
    ids[key] = randomUUID();
    return { id: ids[key], surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O }, ...(comment ? { comment } : {}) };
  });
  const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: { responses }, headers: { authorization: `Bearer ${s.deviceToken}` } });
  expect(res.status).toBe(200);
  await s.ctx.auth.createUser({ orgId: 'org-main', email: 'head-b@test.local', name: 'Head B', role: 'unit-head', unitId: 'unit-b', password: 'password-b-123' });
  headB = await s.login('head-b@test.local', 'password-b-123');
});
afterAll(async () => {
  await s.stop();
});

const list = async (q: string, c = cookie) => {
  const res = await s.api(`/api/v1/responses?${q}`, { cookie: c });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { id: string; handled: unknown }[] }).items.map((i) => i.id);
};

describe('foldText', () => {
  it('drops accents and case on both sides, đ as d', () => {
    expect(foldText('Chờ ĐỢI quá lâu')).toBe('cho doi qua lau');
    expect(foldText('Đường')).toBe('duong');
    expect(foldText('Chờ'.normalize('NFD'))).toBe('cho');
  });
});

describe('GET /api/v1/responses filters', () => {
  it('finds a comment searched without accents', async () => {
    expect(await list('withComment=true&q=cho%20doi')).toEqual([ids.slow]);
    expect(await list('withComment=true&q=duong')).toEqual([ids.road]);
    expect((await list('withComment=true&q=CÁN%20BỘ')).sort()).toEqual([ids.kind, ids.slow].sort());
  });

  it('narrows by score', async () => {
    expect(await list('score=5')).toEqual([ids.kind]);
  });

  it('refuses a score outside 1..5, naming the field', async () => {
    const res = await s.api('/api/v1/responses?score=9', { cookie });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('score');
  });
});

describe('POST /api/v1/responses/:id/handled', () => {
  it('marks a comment handled with who and when, audited, and the list says so', async () => {
    const res = await s.api(`/api/v1/responses/${ids.slow}/handled`, { method: 'POST', json: { note: 'Đã nhắc cán bộ quầy T1' }, cookie });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: ids.slow, handled: { note: 'Đã nhắc cán bộ quầy T1', by: 'admin@test.local' } });
    expect(Date.parse(body.handled.at)).toBeGreaterThan(Date.now() - 60_000);
    const items = ((await (await s.api('/api/v1/responses?withComment=true', { cookie })).json()) as { items: { id: string; handled: { note: string } | null }[] }).items;
    expect(items.find((i) => i.id === ids.slow)!.handled!.note).toBe('Đã nhắc cán bộ quầy T1');
    expect(items.find((i) => i.id === ids.kind)!.handled).toBeNull();
    expect(await list('withComment=true&handled=true')).toEqual([ids.slow]);
    expect((await list('withComment=true&handled=false')).sort()).toEqual([ids.road, ids.kind].sort());
    const audit = await (await s.api('/api/v1/audit', { cookie })).json();
    expect(audit.items[0]).toMatchObject({ action: 'response.handled', target: ids.slow, actor: 'admin@test.local', details: { note: 'Đã nhắc cán bộ quầy T1' } });
  });

  it('refuses an empty note with 400 naming the field', async () => {
    const res = await s.api(`/api/v1/responses/${ids.kind}/handled`, { method: 'POST', json: { note: '   ' }, cookie });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('note');
  });

  it('needs a signed-in user', async () => {
    const res = await s.api(`/api/v1/responses/${ids.kind}/handled`, { method: 'POST', json: { note: 'x' } });
    expect(res.status).toBe(401);
  });

  it("keeps a unit head to their unit: another unit's response is not found", async () => {
    const res = await s.api(`/api/v1/responses/${ids.kind}/handled`, { method: 'POST', json: { note: 'Không phải của tôi' }, cookie: headB });
    expect(res.status).toBe(404);
    expect(await list('withComment=true', headB)).toEqual([]);
  });

  it('answers 404 for an unknown response', async () => {
    const res = await s.api(`/api/v1/responses/${randomUUID()}/handled`, { method: 'POST', json: { note: 'x' }, cookie });
    expect(res.status).toBe(404);
  });
});

describe('DELETE /api/v1/responses/:id/handled', () => {
  it('takes a handled mark back, audited with the note it had; a second time is 409', async () => {
    expect((await s.api(`/api/v1/responses/${ids.road}/handled`, { method: 'POST', json: { note: 'Đã gửi sơ đồ đường đi' }, cookie })).status).toBe(200);
    expect(await list('withComment=true&handled=true&q=duong')).toEqual([ids.road]);
    const res = await s.api(`/api/v1/responses/${ids.road}/handled`, { method: 'DELETE', cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: ids.road, handled: null });
    expect(await list('withComment=true&handled=true&q=duong')).toEqual([]);
    expect(await list('withComment=true&handled=false&q=duong')).toEqual([ids.road]);
    const audit = await (await s.api('/api/v1/audit', { cookie })).json();
    expect(audit.items[0]).toMatchObject({
      action: 'response.unhandled',
      target: ids.road,
      actor: 'admin@test.local',
      details: { note: { before: 'Đã gửi sơ đồ đường đi', after: null }, by: 'admin@test.local' },
    });
    expect((await s.api(`/api/v1/responses/${ids.road}/handled`, { method: 'DELETE', cookie })).status).toBe(409);
  });

  it("needs a session and keeps a unit head to their unit", async () => {
    expect((await s.api(`/api/v1/responses/${ids.slow}/handled`, { method: 'DELETE' })).status).toBe(401);
    expect((await s.api(`/api/v1/responses/${ids.slow}/handled`, { method: 'DELETE', cookie: headB })).status).toBe(404);
  });
});

describe('text search in the store', () => {
  it('pages through every match of a search, well past what one read of the store used to scan', async () => {
    // 1,200 plain comments newer than a few matching ones: the matches are found by the store query itself.
    const plain = Array.from({ length: 1200 }, () => ({ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 5 }, comment: 'Tốt' }));
    const matching = Array.from({ length: 7 }, (_, i) => ({ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 3 }, comment: `Thủ tục rườm rà lần ${i}` }));
    for (const batch of [matching, ...Array.from({ length: 12 }, (_, i) => plain.slice(i * 100, i * 100 + 100))]) {
      const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: { responses: batch }, headers: { authorization: `Bearer ${s.deviceToken}` } });
      expect(res.status).toBe(200);
    }
    const seen: string[] = [];
    let cursor = '';
    for (;;) {
      const res = await s.api(`/api/v1/responses?withComment=true&q=ruom%20ra&limit=3${cursor}`, { cookie });
      const items = ((await res.json()) as { items: { id: string; serverTime: string }[] }).items;
      seen.push(...items.map((i) => i.id));
      if (items.length < 3) break;
      const last = items[items.length - 1];
      cursor = `&beforeTime=${encodeURIComponent(last.serverTime)}&beforeId=${last.id}`;
    }
    expect(seen.sort()).toEqual(matching.map((m) => m.id).sort());
  }, 60_000);
});
