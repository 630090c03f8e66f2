/**
 * Bad input never crashes: seeded random junk — wrong types, nulls, deep
 * nesting, huge strings, prototype keys — sent to the public write endpoints
 * and the stats queries must always get a 4xx (or a normal success), never a
 * 5xx, and must never leave a half-written record.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let cookie: string;
beforeAll(async () => {
  s = await startTestServer();
  cookie = await s.login();
});
afterAll(async () => {
  await s.stop();
});

function prng(seed: number): () => number {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

function junk(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 12);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return Math.floor(r() * 20) - 5;
    case 3:
      return r() * 1e9;
    case 4:
      return 'x'.repeat(Math.floor(r() * 3000));
    case 5:
      return ['__proto__', 'constructor', 'O', 'A1', 'reasons', ''][Math.floor(r() * 6)];
    case 6:
      return randomUUID();
    case 7:
      return depth > 3 ? [] : Array.from({ length: Math.floor(r() * 5) }, () => junk(r, depth + 1));
    default: {
      if (depth > 3) return {};
      const keys = ['id', 'surveyVersionId', 'channel', 'servicePointId', 'answers', 'comment', 'locale', 'clientTime', 'procedureCode', 'officerId', 'linkToken', '__proto__', 'O'];
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 6); i > 0; i--) o[keys[Math.floor(r() * keys.length)]] = junk(r, depth + 1);
      return o;
    }
  }
}

/** A mostly valid response with one field swapped for junk: exercises the semantic checks too. */
function nearlyValid(r: () => number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: randomUUID(),
    surveyVersionId: s.surveyVersionId,
    channel: ['qr', 'kiosk', 'link'][Math.floor(r() * 3)],
    servicePointId: 'sp-t2',
    answers: { O: 1 + Math.floor(r() * 5), A1: null },
  };
  const keys = Object.keys(body);
  body[keys[Math.floor(r() * keys.length)]] = junk(r);
  return body;
}

describe('bad input', () => {
  it('never answers 5xx to junk posted as responses', async () => {
    const r = prng(42);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const body = i % 2 ? junk(r) : nearlyValid(r);
      const res = await s.api('/api/v1/responses', { method: 'POST', json: body, headers: { 'x-client-id': `fuzz-${i}` } });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
      if (res.status >= 400) {
        const err = (await res.json()).error;
        expect(err.code).toEqual(expect.any(String));
      }
    }
    expect(statuses.get(400)).toBeGreaterThan(0);
  });

  it('never answers 5xx to junk batches', async () => {
    const r = prng(7);
    for (let i = 0; i < 100; i++) {
      const body = r() < 0.5 ? junk(r) : { responses: Array.from({ length: 1 + Math.floor(r() * 5) }, () => (r() < 0.5 ? junk(r) : nearlyValid(r))) };
      const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: body, headers: { authorization: `Bearer ${s.deviceToken}` } });
      expect(res.status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
    }
  });

  it('never answers 5xx to junk stats queries', async () => {
    const r = prng(99);
    const params = ['from', 'to', 'unitId', 'servicePointId', 'channel', 'verified', 'bucket', 'groupBy', 'procedureCode'];
    const values = ['', '2026-13-01', '2026-02-30', 'yesterday', '-1', '1e309', '__proto__', 'day', 'sp-t1', '2026-11-01T00:00:00+07:00', 'x'.repeat(500)];
    for (let i = 0; i < 150; i++) {
      const q = new URLSearchParams();
      for (let k = Math.floor(r() * 4); k >= 0; k--) q.append(params[Math.floor(r() * params.length)], values[Math.floor(r() * values.length)]);
      const path = ['summary', 'timeseries', 'breakdown'][i % 3];
      const res = await s.api(`/api/v1/stats/${path}?${q}`, { cookie });
      expect(res.status, `${path}?${q}`).toBeLessThan(500);
    }
  });

  it('left no response without its aggregates (summary count equals stored rows, but suspects held for review)', async () => {
    const stored = await s.ctx.store.listResponses({ orgId: 'org-main', limit: 10_000 });
    const res = await s.api('/api/v1/stats/summary?verified=all', { cookie });
    expect((await res.json()).responses).toBe(stored.filter((r) => !r.suspect).length);
  });
});
