/**
 * The wire shape of a response (ResponseInputSchema) and the check of its
 * answers against a survey version (checkAnswers).
 */
import { describe, expect, it } from 'vitest';
import { CHANNELS, ResponseBatchSchema, ResponseInputSchema, checkAnswers } from '../../shared/response.schema';
import { SurveyDefinitionSchema, defaultSurveyDefinition } from '../../shared/survey';

const UUID = '3f0c2b8e-5d1a-4c7e-9b2f-8a6d4e1c0b9a';

const valid = (over: Record<string, unknown> = {}) => ({
  id: UUID,
  surveyVersionId: 'sv-1',
  channel: 'kiosk',
  answers: { O: 5 },
  ...over,
});

const parse = (input: unknown) => ResponseInputSchema.safeParse(input);
const paths = (input: unknown) => {
  const r = parse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('ResponseInputSchema', () => {
  it('accepts a minimal kiosk response and defaults the locale to vi', () => {
    const r = parse(valid());
    expect(r.success).toBe(true);
    expect(r.data?.locale).toBe('vi');
  });

  it('accepts a full QR response', () => {
    const r = parse(
      valid({
        channel: 'qr',
        servicePointId: 'desk-3',
        procedureCode: '1.001234',
        officerId: 'off-7',
        answers: { O: 4, A1: null, reasons: ['A', 'other'], note: 'ok' },
        comment: '  Cảm ơn  ',
        locale: 'en',
        clientTime: '2026-04-01T00:30:00+07:00',
      }),
    );
    expect(r.success).toBe(true);
    expect(r.data?.comment).toBe('Cảm ơn');
  });

  it('accepts a randomUUID from the client', () => {
    expect(parse(valid({ id: crypto.randomUUID() })).success).toBe(true);
  });

  it('rejects an id that is not a UUID', () => {
    expect(paths(valid({ id: 'not-a-uuid' }))).toEqual(['id']);
    expect(paths(valid({ id: '3f0c2b8e5d1a4c7e9b2f8a6d4e1c0b9a' }))).toEqual(['id']);
  });

  it('rejects a score of 0', () => {
    expect(paths(valid({ answers: { O: 0 } }))).toEqual(['answers.O']);
  });

  it('rejects a score of 6', () => {
    expect(paths(valid({ answers: { O: 6 } }))).toEqual(['answers.O']);
  });

  it('rejects a fractional score of 2.5', () => {
    expect(paths(valid({ answers: { O: 2.5 } }))).toEqual(['answers.O']);
  });

  it('accepts the three channels kiosk, qr and link', () => {
    expect(CHANNELS).toEqual(['kiosk', 'qr', 'link']);
    for (const channel of CHANNELS) expect(parse(valid({ channel })).success, channel).toBe(true);
  });

  it('rejects an unknown channel', () => {
    expect(paths(valid({ channel: 'email' }))).toEqual(['channel']);
  });

  it('accepts 64 answers', () => {
    const answers = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`q${i}`, 3]));
    expect(parse(valid({ answers })).success).toBe(true);
  });

  it('rejects more than 64 answers', () => {
    const answers = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`q${i}`, 3]));
    expect(paths(valid({ answers }))).toEqual(['answers']);
  });

  it('rejects an answer key with characters outside [A-Za-z0-9_-]', () => {
    expect(parse(valid({ answers: { 'O O': 5 } })).success).toBe(false);
  });

  it('strips unknown keys', () => {
    const r = parse(valid({ orgId: 'other-org', verified: true }));
    expect(r.success).toBe(true);
    expect(r.data).not.toHaveProperty('orgId');
    expect(r.data).not.toHaveProperty('verified');
  });

  it('rejects a client time without a valid ISO format', () => {
    expect(paths(valid({ clientTime: '01/04/2026' }))).toEqual(['clientTime']);
  });

  it('rejects an unknown locale', () => {
    expect(paths(valid({ locale: 'fr' }))).toEqual(['locale']);
  });

  it('rejects a comment longer than 1000 characters', () => {
    expect(paths(valid({ comment: 'x'.repeat(1001) }))).toEqual(['comment']);
  });

  it('a batch holds 1 to 200 responses', () => {
    expect(ResponseBatchSchema.safeParse({ responses: [] }).success).toBe(false);
    expect(ResponseBatchSchema.safeParse({ responses: [valid()] }).success).toBe(true);
    expect(ResponseBatchSchema.safeParse({ responses: Array(201).fill(valid()) }).success).toBe(false);
  });
});

describe('checkAnswers', () => {
  const def = defaultSurveyDefinition();
  const custom = SurveyDefinitionSchema.parse({
    title: { vi: 'Khảo sát', en: 'Survey' },
    questions: [
      { id: 'O', kind: 'rating5', code: 'O', text: { vi: 'Chung', en: 'Overall' }, required: true, levels: 3 },
      {
        id: 'desk',
        kind: 'choice',
        text: { vi: 'Quầy', en: 'Desk' },
        options: [{ id: 'd1', text: { vi: 'Quầy 1', en: 'Desk 1' } }],
      },
      {
        id: 'pick2',
        kind: 'multi',
        max: 2,
        text: { vi: 'Chọn', en: 'Pick' },
        options: ['a', 'b', 'c'].map((id) => ({ id, text: { vi: id, en: id } })),
      },
      { id: 'note', kind: 'text', maxLength: 10, text: { vi: 'Ghi chú', en: 'Note' } },
    ],
    kiosk: { questionId: 'O' },
  });

  it('accepts a full valid set of answers', () => {
    expect(checkAnswers(def, { O: 2, A1: 4, P4: null, reasons: ['C', 'other'], expect: ['digital', 'needs'], H: 'none', M: 'some' })).toEqual([]);
  });

  it('rejects an answer to H or M outside none / some / many', () => {
    expect(checkAnswers(def, { O: 4, H: 'sometimes' }).map((e) => e.path)).toEqual(['answers.H']);
    expect(checkAnswers(def, { O: 4, M: ['some'] }).map((e) => e.path)).toEqual(['answers.M']);
  });

  it('reports an unknown question at its path', () => {
    const errors = checkAnswers(def, { O: 5, Z9: 3 });
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('answers.Z9');
  });

  it('rejects "not applicable" where it is not allowed (O)', () => {
    const errors = checkAnswers(def, { O: null });
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('answers.O');
  });

  it('accepts "not applicable" on a criterion that allows it', () => {
    expect(checkAnswers(def, { O: 5, C4: null })).toEqual([]);
  });

  it('rejects text given to a rating question', () => {
    expect(checkAnswers(def, { O: 'five' }).map((e) => e.path)).toEqual(['answers.O']);
  });

  it('a three-level question accepts 5, 4 and 2', () => {
    for (const v of [5, 4, 2]) expect(checkAnswers(custom, { O: v }), String(v)).toEqual([]);
  });

  it('a three-level question rejects 1 and 3', () => {
    for (const v of [1, 3]) expect(checkAnswers(custom, { O: v }).map((e) => e.path), String(v)).toEqual(['answers.O']);
  });

  it('a five-level question accepts every score 1 to 5', () => {
    for (const v of [1, 2, 3, 4, 5]) expect(checkAnswers(def, { O: v }), String(v)).toEqual([]);
  });

  it('rejects an option that is not in a multi-select question', () => {
    const errors = checkAnswers(def, { O: 3, reasons: ['A', 'X'] });
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('answers.reasons');
    expect(errors[0].message).toContain('X');
  });

  it('rejects a repeated option', () => {
    const errors = checkAnswers(def, { O: 3, reasons: ['A', 'A'] });
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('answers.reasons');
  });

  it('rejects a single value given to a multi-select question', () => {
    expect(checkAnswers(def, { O: 3, reasons: 'A' }).map((e) => e.path)).toEqual(['answers.reasons']);
  });

  it('rejects more options than a multi-select question allows', () => {
    expect(checkAnswers(custom, { O: 5, pick2: ['a', 'b', 'c'] }).map((e) => e.path)).toEqual(['answers.pick2']);
    expect(checkAnswers(custom, { O: 5, pick2: ['a', 'b'] })).toEqual([]);
  });

  it('rejects a choice that is not one of the options', () => {
    expect(checkAnswers(custom, { O: 5, desk: 'd2' }).map((e) => e.path)).toEqual(['answers.desk']);
    expect(checkAnswers(custom, { O: 5, desk: 'd1' })).toEqual([]);
  });

  it('rejects text longer than the question allows', () => {
    expect(checkAnswers(custom, { O: 5, note: 'x'.repeat(11) }).map((e) => e.path)).toEqual(['answers.note']);
    expect(checkAnswers(custom, { O: 5, note: 'x'.repeat(10) })).toEqual([]);
  });

  it('reports a missing required O at answers.O', () => {
    expect(checkAnswers(def, { A1: 4 })).toEqual([{ path: 'answers.O', message: 'required' }]);
  });

  it('does not require optional questions', () => {
    expect(checkAnswers(def, { O: 4 })).toEqual([]);
  });

  it('reports a missing required question even when its id is an Object.prototype name', () => {
    const protoDef = SurveyDefinitionSchema.parse({
      title: { vi: 'Khảo sát', en: 'Survey' },
      questions: [
        { id: 'O', kind: 'rating5', code: 'O', text: { vi: 'Chung', en: 'Overall' } },
        { id: 'constructor', kind: 'text', required: true, text: { vi: 'Ý kiến', en: 'Opinion' } },
      ],
      kiosk: { questionId: 'O' },
    });
    expect(checkAnswers(protoDef, { O: 5 })).toEqual([{ path: 'answers.constructor', message: 'required' }]);
  });

  it('reports every error, each at its own path', () => {
    const errors = checkAnswers(def, { Z9: 1, A1: null, reasons: ['A', 'A'] });
    expect(errors.map((e) => e.path).sort()).toEqual(['answers.O', 'answers.Z9', 'answers.reasons']);
  });
});
