/**
 * An answers key `__proto__` is refused with the field named, never dropped
 * silently (zod's record skips it, so the rest of the response used to be
 * stored as if the key had not been sent).
 */
import { describe, expect, it } from 'vitest';
import { ResponseInputSchema } from '../../shared/response.schema';

// JSON.parse makes `__proto__` an own key, as express.json does with a request body.
const body = (answers: string) =>
  JSON.parse(`{"id":"3f0c2b8e-5d1a-4c7e-9b2f-8a6d4e1c0b9a","surveyVersionId":"sv-1","channel":"kiosk","answers":${answers}}`) as unknown;

describe('answers with a __proto__ key', () => {
  it.each(['{"__proto__":5,"O":4}', '{"O":4,"__proto__":["A"]}', '{"__proto__":{"O":1}}'])('%s is refused naming answers.__proto__', (answers) => {
    const r = ResponseInputSchema.safeParse(body(answers));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('answers.__proto__');
  });

  it('a `constructor` key is kept as an ordinary key, for the survey check to refuse', () => {
    const r = ResponseInputSchema.safeParse(body('{"O":4,"constructor":2}'));
    expect(r.success).toBe(true);
    expect(Object.keys(r.data!.answers)).toEqual(['O', 'constructor']);
    expect(Object.getPrototypeOf(r.data!.answers)).toBe(Object.prototype);
  });
});
