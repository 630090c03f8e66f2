import { describe, expect, it } from 'vitest';
import { defaultSurveyDefinition, SurveyDefinitionSchema } from '../../shared/survey';
import { buildSteps, ratingValues } from '../../kiosk/src/survey/steps';
import { parseRoute, contextUrl, draftKey } from '../../kiosk/src/survey/route';

describe('QR page steps', () => {
  it('buildSteps() asks the overall question, then each SIPAS element, then H and M, then expectations, then the comment', () => {
    const steps = buildSteps(defaultSurveyDefinition());
    expect(steps.map((s) => (s.kind === 'element' ? `element:${s.element}` : s.kind))).toEqual([
      'overall', 'element:A', 'element:P', 'element:C', 'element:R', 'element:F', 'integrity', 'more', 'comment',
    ]);
  });

  it('buildSteps() asks H and M together, as three-option choices', () => {
    const step = buildSteps(defaultSurveyDefinition()).find((s) => s.kind === 'integrity');
    const qs = step && step.kind === 'integrity' ? step.questions : [];
    expect(qs.map((q) => [q.id, q.kind, q.kind === 'choice' ? q.options.map((o) => o.id) : []])).toEqual([
      ['H', 'choice', ['none', 'some', 'many']],
      ['M', 'choice', ['none', 'some', 'many']],
    ]);
  });

  it('buildSteps() puts every criterion in its element, each once', () => {
    const steps = buildSteps(defaultSurveyDefinition());
    const codes = steps.flatMap((s) => (s.kind === 'element' ? s.questions.map((q) => q.code) : []));
    expect(codes).toEqual(['A1', 'A2', 'A3', 'A4', 'P1', 'P2', 'P3', 'P4', 'C1', 'C2', 'C3', 'C4', 'C5', 'R1', 'R2', 'R3', 'F1', 'F2', 'F3']);
  });

  it('buildSteps() leaves out the kiosk "what went wrong?" chips, which the criteria replace', () => {
    const more = buildSteps(defaultSurveyDefinition()).find((s) => s.kind === 'more');
    expect(more && more.kind === 'more' && more.questions.map((q) => q.id)).toEqual(['expect']);
  });

  it('buildSteps() skips elements a shorter survey does not ask', () => {
    const def = SurveyDefinitionSchema.parse({
      title: { vi: 'Ngắn', en: 'Short' },
      questions: [
        { id: 'O', kind: 'rating5', code: 'O', text: { vi: 'Chung', en: 'Overall' }, required: true },
        { id: 'C1', kind: 'rating5', code: 'C1', text: { vi: 'Lịch sự', en: 'Polite' }, levels: 3 },
      ],
      kiosk: { questionId: 'O' },
    });
    const steps = buildSteps(def);
    expect(steps.map((s) => s.kind)).toEqual(['overall', 'element', 'comment']);
    const c1 = steps[1].kind === 'element' ? steps[1].questions[0] : null;
    expect(ratingValues(c1!)).toEqual([2, 4, 5]);
  });
});

describe('QR page routes', () => {
  it('parseRoute() reads a counter link and a dossier link, and nothing else', () => {
    expect(parseRoute('/s/Q1')).toEqual({ kind: 'counter', code: 'Q1' });
    expect(parseRoute('/s/Qu%E1%BA%A7y%201/')).toEqual({ kind: 'counter', code: 'Quầy 1' });
    expect(parseRoute('/l/abc.def')).toEqual({ kind: 'link', token: 'abc.def' });
    expect(parseRoute('/kiosk/survey.html')).toBeNull();
    expect(parseRoute('/s/%E0%A4%A')).toBeNull();
  });

  it('contextUrl() encodes the counter code the way the server preloads it', () => {
    expect(contextUrl({ kind: 'counter', code: 'Quầy 1' })).toBe(`/api/v1/public/survey-context?counter=${encodeURIComponent('Quầy 1')}`);
  });

  it('draftKey() separates counters (case-insensitively) and links', () => {
    expect(draftKey({ kind: 'counter', code: 'Q1' })).toBe(draftKey({ kind: 'counter', code: 'q1' }));
    // Real tokens end in a 43-character signature, unique per link.
    expect(draftKey({ kind: 'link', token: 'payload.Kq3vX0f9s2Lw8YzT1mNcR5uBdA7eHgJ4iOpQ6rStUv' })).not.toBe(
      draftKey({ kind: 'link', token: 'payload.Zb1nM8cV2xL5kJ7hG3fD9sA4qW6eR0tY2uI8oP1aSd' }),
    );
  });
});
