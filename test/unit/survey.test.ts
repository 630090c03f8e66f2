/**
 * Survey definitions and the default SIPAS survey (../shared/SIPAS.md §3).
 */
import { describe, expect, it } from 'vitest';
import {
  EXPECTATION_OPTIONS,
  REASON_OPTIONS,
  SurveyDefinitionSchema,
  codeConflicts,
  defaultSurveyDefinition,
  describeMeaning,
  meaningOf,
  type Question,
} from '../../shared/survey';
import { CRITERION_CODES, ELEMENTS, INTEGRITY_QUESTIONS, OVERALL_TEXT } from '../../shared/sipas';

const T = (s: string) => ({ vi: `${s} (vi)`, en: `${s} (en)` });

/** A minimal valid definition to vary in tests. */
const minimal = () => ({
  title: T('Survey'),
  questions: [{ id: 'O', kind: 'rating5', code: 'O', text: T('Overall'), required: true }] as unknown[],
  kiosk: { questionId: 'O' },
});

const issuesOf = (input: unknown) => {
  const r = SurveyDefinitionSchema.safeParse(input);
  return r.success ? [] : r.error.issues;
};

describe('defaultSurveyDefinition', () => {
  const def = defaultSurveyDefinition();
  const ratings = def.questions.filter((q): q is Extract<Question, { kind: 'rating5' }> => q.kind === 'rating5');

  it('is valid against SurveyDefinitionSchema', () => {
    expect(SurveyDefinitionSchema.safeParse(def).success).toBe(true);
  });

  it('starts with the required overall question O', () => {
    const o = def.questions[0];
    expect(o).toMatchObject({ id: 'O', kind: 'rating5', code: 'O', required: true, allowNA: false, levels: 5 });
    expect(o.text).toEqual(OVERALL_TEXT);
  });

  it('has O plus the 19 criteria A1…F3 of the national form, in order', () => {
    expect(ratings.map((q) => q.code)).toEqual([
      'O', 'A1', 'A2', 'A3', 'A4', 'P1', 'P2', 'P3', 'P4', 'C1', 'C2', 'C3', 'C4', 'C5', 'R1', 'R2', 'R3', 'F1', 'F2', 'F3',
    ]);
    expect(CRITERION_CODES).toHaveLength(19);
  });

  it('asks H and M as choice questions answered none / some / many, worded as SIPAS.md §3', () => {
    for (const info of INTEGRITY_QUESTIONS) {
      const q = def.questions.find((x) => x.id === info.code);
      expect(q?.kind, info.code).toBe('choice');
      expect(q?.kind === 'choice' && q.options).toEqual([
        { id: 'none', text: info.answers.none },
        { id: 'some', text: info.answers.some },
        { id: 'many', text: info.answers.many },
      ]);
      expect(q?.required).toBe(false);
    }
  });

  it('uses each criterion code as the question id', () => {
    for (const q of ratings) expect(q.id).toBe(q.code);
  });

  it('lets criteria be answered "not applicable" and keeps them optional', () => {
    for (const q of ratings.filter((r) => r.code !== 'O')) {
      expect(q, q.id).toMatchObject({ allowNA: true, required: false, levels: 5 });
    }
  });

  it('takes each criterion text from the SIPAS element table', () => {
    const texts = ELEMENTS.flatMap((e) => e.criteria.map((c) => c.text));
    expect(ratings.slice(1).map((q) => q.text)).toEqual(texts);
  });

  it('has reason chips A, P, C, R, F and other', () => {
    const reasons = def.questions.find((q) => q.id === 'reasons');
    expect(reasons?.kind).toBe('multi');
    expect(reasons?.kind === 'multi' && reasons.options.map((o) => o.id)).toEqual(['A', 'P', 'C', 'R', 'F', 'other']);
  });

  it('labels each element reason chip in plain words (SIPAS.md §3) and the last one Khác / Other', () => {
    expect(REASON_OPTIONS.map((o) => o.text.vi)).toEqual([
      'Chỉ dẫn, nơi chờ', 'Giấy tờ, phí', 'Thái độ, hướng dẫn của cán bộ', 'Kết quả, thời hạn', 'Góp ý, phản ánh', 'Khác',
    ]);
    expect(REASON_OPTIONS.map((o) => o.text.en)).toEqual([
      'Signs, waiting area', 'Documents, fees', 'Staff attitude, guidance', 'Result, deadline', 'Feedback, complaints', 'Other',
    ]);
    expect(REASON_OPTIONS[5].text).toEqual({ vi: 'Khác', en: 'Other' });
  });

  it('has the 8 expectations as a multi-select question', () => {
    const expect_ = def.questions.find((q) => q.id === 'expect');
    expect(expect_?.kind).toBe('multi');
    expect(expect_?.kind === 'multi' && expect_.options).toHaveLength(8);
    expect(EXPECTATION_OPTIONS.map((o) => o.text.vi)).toEqual([
      'Chất lượng cung cấp thông tin',
      'Trụ sở, trang thiết bị',
      'Năng lực của cán bộ, công chức',
      'Thái độ phục vụ của cán bộ, công chức',
      'Ứng dụng công nghệ thông tin, chuyển đổi số',
      'Sự quan tâm đến nhu cầu, mong đợi của người dân',
      'Chất lượng tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị',
      'Chất lượng dịch vụ hành chính công',
    ]);
  });

  it('every text, question and option, has a non-empty vi and en', () => {
    const texts = [
      def.title,
      ...def.questions.map((q) => q.text),
      ...def.questions.flatMap((q) => (q.kind === 'multi' || q.kind === 'choice' ? q.options.map((o) => o.text) : [])),
    ];
    expect(texts.length).toBe(1 + 24 + 6 + 6 + 8);
    for (const t of texts) {
      expect(t.vi.trim(), JSON.stringify(t)).not.toBe('');
      expect(t.en.trim(), JSON.stringify(t)).not.toBe('');
    }
  });

  it('has unique question ids', () => {
    const ids = def.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('points the kiosk at O with the reasons follow-up at 3 or below', () => {
    expect(def.kiosk).toEqual({ questionId: 'O', followUpAtOrBelow: 3, reasonsQuestionId: 'reasons' });
  });

  it('returns a fresh object each call', () => {
    const a = defaultSurveyDefinition();
    a.questions.pop();
    expect(defaultSurveyDefinition().questions).toHaveLength(24);
  });
});

describe('SurveyDefinitionSchema', () => {
  it('accepts a minimal definition and fills in defaults', () => {
    const def = SurveyDefinitionSchema.parse(minimal());
    expect(def.kiosk.followUpAtOrBelow).toBe(3);
    expect(def.questions[0]).toMatchObject({ allowNA: false, levels: 5, required: true });
  });

  it('rejects duplicate question ids', () => {
    const input = minimal();
    input.questions.push(
      { id: 'A1', kind: 'rating5', code: 'A1', text: T('a') },
      { id: 'A1', kind: 'text', text: T('b') },
    );
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(['questions']);
    expect(issues[0].message).toContain('A1');
  });

  it('rejects a kiosk question that does not exist', () => {
    const input = { ...minimal(), kiosk: { questionId: 'nope' } };
    expect(issuesOf(input).map((i) => i.path)).toEqual([['kiosk', 'questionId']]);
  });

  it('rejects a kiosk question that is a criterion rating, not O', () => {
    const input = minimal();
    input.questions.push({ id: 'A1', kind: 'rating5', code: 'A1', text: T('a') });
    input.kiosk = { questionId: 'A1' };
    expect(issuesOf(input).map((i) => i.path)).toEqual([['kiosk', 'questionId']]);
  });

  it('rejects a kiosk question that is not a rating', () => {
    const input = minimal();
    input.questions.push({ id: 'pick', kind: 'choice', text: T('c'), options: [{ id: 'x', text: T('x') }] });
    input.kiosk = { questionId: 'pick' };
    expect(issuesOf(input).map((i) => i.path)).toEqual([['kiosk', 'questionId']]);
  });

  it('accepts a kiosk question with another id as long as it is the O rating', () => {
    const input = minimal();
    input.questions = [{ id: 'overall', kind: 'rating5', code: 'O', text: T('Overall') }];
    input.kiosk = { questionId: 'overall' };
    expect(issuesOf(input)).toEqual([]);
  });

  it('rejects a rating question with a code outside the SIPAS codes', () => {
    const input = minimal();
    input.questions.push({ id: 'X', kind: 'rating5', code: 'Z9', text: T('z') });
    expect(issuesOf(input).length).toBeGreaterThan(0);
  });

  it('rejects a rating scale other than 5 or 3 levels', () => {
    const input = minimal();
    input.questions.push({ id: 'A1', kind: 'rating5', code: 'A1', text: T('a'), levels: 4 });
    expect(issuesOf(input).length).toBeGreaterThan(0);
  });

  it('rejects a text missing its English', () => {
    const input = { ...minimal(), title: { vi: 'Khảo sát', en: '   ' } };
    expect(issuesOf(input).map((i) => i.path)).toEqual([['title', 'en']]);
  });

  it('rejects a question id with spaces', () => {
    const input = minimal();
    input.questions.push({ id: 'bad id', kind: 'text', text: T('t') });
    expect(issuesOf(input).length).toBeGreaterThan(0);
  });

  it('reserves the SIPAS codes: A1 may only be the rating5 question of code A1', () => {
    const asText = minimal();
    asText.questions.push({ id: 'A1', kind: 'text', text: T('t') });
    expect(issuesOf(asText).map((i) => [i.path, i.message])).toEqual([[['questions', 1, 'id'], expect.stringContaining('A1 is a SIPAS code')]]);
    const otherCode = minimal();
    otherCode.questions.push({ id: 'A1', kind: 'rating5', code: 'C1', text: T('a') });
    expect(issuesOf(otherCode).map((i) => i.path)).toEqual([['questions', 1, 'id']]);
  });

  it('reserves H and M for choice questions answered none / some / many', () => {
    const rated = minimal();
    rated.questions.push({ id: 'H', kind: 'multi', text: T('h'), options: [{ id: 'none', text: T('n') }] });
    expect(issuesOf(rated).map((i) => i.path)).toEqual([['questions', 1, 'id']]);
    const yesNo = minimal();
    yesNo.questions.push({ id: 'M', kind: 'choice', text: T('m'), options: [{ id: 'yes', text: T('y') }, { id: 'no', text: T('n') }] });
    expect(issuesOf(yesNo)[0].message).toContain('none,some,many');
  });

  it('rejects an empty question list', () => {
    expect(issuesOf({ ...minimal(), questions: [] }).length).toBeGreaterThan(0);
  });
});

describe('codeConflicts: a code never changes meaning', () => {
  const v1 = { key: 'sipas', version: 1, definition: defaultSurveyDefinition() };
  const withQuestions = (...qs: unknown[]) => SurveyDefinitionSchema.parse({ ...minimal(), questions: [...minimal().questions, ...qs] });

  it('finds nothing when a new version keeps every code (rewording included)', () => {
    const next = defaultSurveyDefinition();
    next.questions[1] = { ...next.questions[1], text: T('reworded') };
    expect(codeConflicts([v1], next)).toEqual([]);
  });

  it('finds nothing for a new code, or an old code left out', () => {
    expect(codeConflicts([v1], withQuestions({ id: 'wait', kind: 'rating5', code: 'A2', text: T('w') }))).toEqual([]);
  });

  it('names a question that reuses a code with another kind', () => {
    const next = withQuestions({ id: 'expect', kind: 'text', text: T('free text') });
    expect(codeConflicts([v1], next)).toEqual([
      { index: 1, questionId: 'expect', was: { kind: 'multi', element: null }, now: { kind: 'text', element: null }, usedIn: 'sipas v1' },
    ]);
  });

  it('names a question that reuses a code with another SIPAS element', () => {
    const custom = { key: 'custom', version: 1, definition: withQuestions({ id: 'wait', kind: 'rating5', code: 'A2', text: T('w') }) };
    const next = withQuestions({ id: 'wait', kind: 'rating5', code: 'C1', text: T('w') });
    const [c] = codeConflicts([v1, custom], next);
    expect(c).toMatchObject({ questionId: 'wait', was: { kind: 'rating5', element: 'A' }, now: { kind: 'rating5', element: 'C' }, usedIn: 'custom v1' });
  });

  it('describes both meanings in words a log reader understands', () => {
    expect(describeMeaning(meaningOf(v1.definition.questions[0]))).toBe('the overall rating O');
    expect(describeMeaning({ kind: 'rating5', element: 'C' })).toBe('a rating5 question of element C');
    expect(describeMeaning({ kind: 'choice', element: null })).toBe('a choice question');
  });
});
