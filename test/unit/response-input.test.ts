/**
 * The fast reader of rating bodies may only ever say what ResponseInputSchema
 * says: for every body it either steps aside (undefined) or gives exactly
 * the schema's value, and it must not step aside for the bodies kiosks send.
 */
import { describe, expect, it } from 'vitest';
import { fastResponseInput } from '../../server/domain/response-input';
import { prng } from '../../server/domain/prng';
import { ResponseInputSchema } from '../../shared/response.schema';

const UUID = '3f2b8c1e-9a4d-4f6b-8c2d-1e5f7a9b0c3d';

function check(body: unknown): 'fast' | 'schema' {
  const fast = fastResponseInput(body);
  if (fast === undefined) return 'schema';
  const ref = ResponseInputSchema.safeParse(body);
  expect(ref.success, JSON.stringify(body)).toBe(true);
  // Same value, same keys in the same order (toStrictEqual also tells undefined members from absent ones).
  expect(fast).toStrictEqual(ref.data);
  expect(Object.keys(fast)).toEqual(Object.keys(ref.data!));
  expect(Object.keys(fast.answers)).toEqual(Object.keys(ref.data!.answers));
  return 'fast';
}

describe('fastResponseInput', () => {
  it('reads the bodies kiosks and the QR page send, as the schema does', () => {
    const bodies = [
      { id: UUID, surveyVersionId: 'sipas-v1', channel: 'kiosk', answers: { O: 4 } },
      { id: UUID.toUpperCase(), surveyVersionId: ' sipas-v1 ', channel: 'kiosk', answers: { O: 2, E1: ['c1', 'c2'] }, comment: '  slow  ', locale: 'en', clientTime: '2026-12-01T08:00:00.000+07:00' },
      { id: UUID, surveyVersionId: 'sipas-v1', channel: 'qr', servicePointId: 'sp-t1', answers: { O: 5, Q2: null, Q3: 'text' }, clientTime: '2026-12-01T01:00:00Z' },
      { id: UUID, surveyVersionId: 'sipas-v1', channel: 'kiosk', answers: { O: 3 }, sessionId: 's-1' },
    ];
    for (const b of bodies) expect(check(b)).toBe('fast');
  });

  it('leaves to the schema whatever it does not prove valid', () => {
    const base = { id: UUID, surveyVersionId: 'sipas-v1', channel: 'kiosk', answers: { O: 4 } };
    const odd: unknown[] = [
      null, [], 'x', 1,
      { ...base, id: 'not-a-uuid' },
      { ...base, id: ` ${UUID}` },
      { ...base, surveyVersionId: '   ' },
      { ...base, surveyVersionId: 'x'.repeat(65) },
      { ...base, channel: 'sms' },
      { ...base, answers: { O: 6 } },
      { ...base, answers: { O: 4.5 } },
      { ...base, answers: { 'bad key': 4 } },
      { ...base, answers: JSON.parse('{"__proto__": 4, "O": 4}') as unknown },
      { ...base, answers: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`q${i}`, 1])) },
      { ...base, answers: { O: [1] } },
      { ...base, answers: { O: Array.from({ length: 31 }, () => 'a') } },
      { ...base, answers: [] },
      { ...base, comment: 'x'.repeat(1001) },
      { ...base, comment: 7 },
      { ...base, locale: 'fr' },
      { ...base, clientTime: '2026-12-01 08:00' },
      { ...base, clientTime: '2026-02-30T08:00:00Z' },
      { ...base, sessionId: '' },
      { ...base, procedureCode: '1.000001' },
      { ...base, linkToken: 't' },
      { ...base, extra: 1 },
      { ...base, comment: undefined },
    ];
    for (const b of odd) expect(check(b)).toBe('schema');
  });

  it('never differs from the schema on generated bodies', () => {
    const rnd = prng(14);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const strings = ['', ' ', 'a', ' sp-t1 ', 'x'.repeat(64), 'x'.repeat(65), UUID, UUID.toUpperCase(), '00000000-0000-0000-0000-000000000000', 'Hài lòng'];
    const values = [1, 3, 5, 0, 6, 2.5, -1, null, 'ok', 'x'.repeat(2001), ['a'], ['x'.repeat(33)], [], {}, true, Number.NaN];
    const times = ['2026-12-01T08:00:00Z', '2026-12-01T08:00:00.123+07:00', '2026-12-01T08:00:00', '2024-02-29T00:00:00Z', '2025-02-29T00:00:00Z', 'now'];
    const maybe = (p: number, f: () => unknown) => (rnd() < p ? f() : undefined);
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      const body: Record<string, unknown> = {};
      const set = (k: string, v: unknown) => v !== undefined && (body[k] = v);
      set('id', rnd() < 0.8 ? UUID : pick(strings));
      set('surveyVersionId', maybe(0.95, () => pick(strings)));
      set('channel', maybe(0.95, () => pick(['kiosk', 'qr', 'link', 'Kiosk'])));
      set('servicePointId', maybe(0.3, () => pick(strings)));
      set('answers', maybe(0.95, () => Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, () => [pick(['O', 'E1', 'q_2', 'bad key', '1', '10']), pick(values)]))));
      set('comment', maybe(0.2, () => pick([...strings, 5])));
      set('locale', maybe(0.3, () => pick(['vi', 'en', 'fr', 3])));
      set('clientTime', maybe(0.5, () => pick(times)));
      set('sessionId', maybe(0.1, () => pick(strings)));
      set('officerId', maybe(0.05, () => 'off-1'));
      if (check(body) === 'fast') fast++;
    }
    // The generator must reach the fast path often, or the comparison says little.
    expect(fast).toBeGreaterThan(200);
  });
});
