/**
 * The body hash is the idempotency check (same id, same body → "already
 * stored"; different body → 409), and it is stored with every response: the
 * canonical form must never change. These pin it, and check the loop form
 * against the plain definition it replaced on generated values.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from '../../server/domain/canonical';
import { prng } from '../../server/domain/prng';

/** The definition as first written (entries, filter undefined, sort, map). */
function reference(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${reference(x)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and writes a rating body in one fixed form', () => {
    const body = { surveyVersionId: 'sipas-v1', id: 'a', answers: { O: 4, B: ['x', 'y'] }, channel: 'kiosk', comment: undefined, locale: 'vi' };
    expect(canonicalJson(body)).toBe('{"answers":{"B":["x","y"],"O":4},"channel":"kiosk","id":"a","locale":"vi","surveyVersionId":"sipas-v1"}');
  });

  it('writes null for undefined inside arrays and at the top, and keeps escapes and numeric keys as JSON does', () => {
    expect(canonicalJson([1, undefined, null])).toBe('[1,null,null]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({ '10': 1, '9': 2, 'é"': 'a\nb' })).toBe('{"10":1,"9":2,"é\\"":"a\\nb"}');
  });

  it('answers as the plain definition on generated nested values', () => {
    const rnd = prng(14);
    const keys = ['a', 'B', 'b', '1', '10', 'ä', 'Z', '_', 'aa', ''];
    const value = (depth: number): unknown => {
      const r = rnd();
      if (depth > 3 || r < 0.3) return [null, true, false, 0, -1.5, 1e21, 'x', 'đ\u2028', undefined][Math.floor(rnd() * 9)];
      if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rnd() * 5); i > 0; i--) o[keys[Math.floor(rnd() * keys.length)]] = value(depth + 1);
      return o;
    };
    for (let i = 0; i < 500; i++) {
      const v = value(0);
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });
});

describe('sha256', () => {
  it('is the hex SHA-256 of the UTF-8 string', () => {
    for (const s of ['', 'abc', 'Hài lòng ✓']) expect(sha256(s)).toBe(createHash('sha256').update(s).digest('hex'));
  });
});
