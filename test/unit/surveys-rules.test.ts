/** Which version a place asks, why a version is locked, what an edit changed (server/domain/surveys-rules.ts). */
import { describe, expect, it } from 'vitest';
import { assignmentsOf, definitionChange, describeLock, lockReasons, surveyVersionIdFor } from '../../server/domain/surveys-rules';
import { defaultSurveyDefinition } from '../../shared/survey';

describe('surveyVersionIdFor', () => {
  it('a counter with its own version asks it, else the office\'s', () => {
    expect(surveyVersionIdFor({ activeSurveyVersionId: 'v1' }, { surveyVersionId: 'v2' })).toBe('v2');
    expect(surveyVersionIdFor({ activeSurveyVersionId: 'v1' }, { surveyVersionId: null })).toBe('v1');
    expect(surveyVersionIdFor({ activeSurveyVersionId: 'v1' }, {})).toBe('v1');
    expect(surveyVersionIdFor({ activeSurveyVersionId: 'v1' }, null)).toBe('v1');
    expect(surveyVersionIdFor({ activeSurveyVersionId: null }, {})).toBeNull();
  });
});

describe('lockReasons', () => {
  const a = assignmentsOf({ activeSurveyVersionId: 'office' }, [{ id: 'sp1', surveyVersionId: 'own' }, { id: 'sp2' }, { id: 'sp3', surveyVersionId: null }]);
  it('lists only counters with their own version', () => {
    expect(a).toEqual({ organisation: 'office', counters: [{ servicePointId: 'sp1', surveyVersionId: 'own' }] });
  });
  it('active for the office or a counter, active before, answered; a draft has none', () => {
    expect(lockReasons({ id: 'office' }, a)).toEqual(['active']);
    expect(lockReasons({ id: 'own', activatedAt: 't' }, a)).toEqual(['active']);
    expect(lockReasons({ id: 'old', activatedAt: 't', lockedAt: 't' }, a)).toEqual(['was-active', 'answered']);
    expect(lockReasons({ id: 'answered-draft', lockedAt: 't' }, a)).toEqual(['answered']);
    expect(lockReasons({ id: 'draft', activatedAt: null, lockedAt: null }, a)).toEqual([]);
  });
  it('says why in words', () => {
    expect(describeLock(['active', 'answered'])).toBe('it is active (the office or a counter asks it); responses are stored against it');
  });
});

describe('definitionChange', () => {
  it('names added, removed and reworded questions and the scale', () => {
    const before = defaultSurveyDefinition();
    const after = {
      ...before,
      questions: [
        ...before.questions.filter((q) => q.id !== 'A3').map((q) => (q.kind === 'rating5' ? { ...q, levels: 3 as const, ...(q.id === 'O' ? { text: { vi: 'Mới', en: 'New' } } : {}) } : q)),
        { id: 'note', kind: 'text' as const, required: false, maxLength: 500, text: { vi: 'Ghi chú', en: 'Note' } },
      ],
    };
    expect(definitionChange(before, after)).toEqual({
      added: [{ id: 'note', kind: 'text', text: { vi: 'Ghi chú', en: 'Note' } }],
      removed: ['A3'],
      reworded: [{ id: 'O', before: before.questions[0].text, after: { vi: 'Mới', en: 'New' } }],
      scale: { before: 5, after: 3 },
      questions: before.questions.length,
    });
  });
});
