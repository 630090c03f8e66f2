/** The survey editor's model (admin/src/views/surveys/editor-model.ts): what it sends is what the server accepts, and it names the same fields. */
import { describe, expect, it } from 'vitest';
import { definitionOf, draftFrom, fieldsOf, isChanged, optionsOf, problemsOf, type EditorDraft } from '../../admin/src/views/surveys/editor-model';
import { SurveyDefinitionSchema, defaultSurveyDefinition } from '../../shared/survey';

const fresh = (): EditorDraft => draftFrom(defaultSurveyDefinition());

describe('definitionOf', () => {
  it('an untouched copy equals its source and is not a change', () => {
    const d = fresh();
    expect(definitionOf(d)).toEqual(defaultSurveyDefinition());
    expect(isChanged(d)).toBe(false);
  });

  it('rewording, a criterion off, a choice question added and the 3-level scale build a definition the server schema accepts', () => {
    const d: EditorDraft = {
      ...fresh(),
      texts: { O: { vi: 'Câu mới', en: 'New question' } },
      off: ['A3', 'reasons'],
      scale: 3,
      added: [{ key: 'n1', kind: 'choice', id: 'visit', text: { vi: 'Lần thứ mấy?', en: 'Which visit?' }, options: 'Lần đầu | First\nĐã đến\n\n' }],
    };
    const def = definitionOf(d);
    expect(SurveyDefinitionSchema.safeParse(def).success).toBe(true);
    expect(def.questions.map((q) => q.id)).not.toContain('A3');
    expect(def.kiosk.reasonsQuestionId).toBeUndefined();
    expect(def.questions[0]).toMatchObject({ id: 'O', text: { vi: 'Câu mới', en: 'New question' }, levels: 3 });
    expect(def.questions.at(-1)).toEqual({ id: 'visit', kind: 'choice', required: false, text: { vi: 'Lần thứ mấy?', en: 'Which visit?' }, options: [{ id: 'o1', text: { vi: 'Lần đầu', en: 'First' } }, { id: 'o2', text: { vi: 'Đã đến', en: 'Đã đến' } }] });
    expect(isChanged(d)).toBe(true);
    expect(problemsOf(d)).toEqual({});
  });
});

describe('problemsOf mirrors the server with its field paths', () => {
  it('empty texts, bad, reserved and taken codes, no options', () => {
    const base = fresh();
    const n = base.source.questions.length; // index of the first added question in the built definition
    const d: EditorDraft = {
      ...base,
      texts: { A1: { vi: ' ', en: 'x' } },
      added: [
        { key: 'a', kind: 'choice', id: 'có dấu', text: { vi: '', en: '' }, options: '' },
        { key: 'b', kind: 'text', id: 'H', text: { vi: 'a', en: 'b' }, options: '' },
        { key: 'c', kind: 'text', id: 'expect', text: { vi: 'a', en: 'b' }, options: '' },
      ],
    };
    const p = problemsOf(d);
    expect(p).toEqual({
      'definition.questions.1.text.vi': 'required',
      [`definition.questions.${n}.id`]: 'badId',
      [`definition.questions.${n}.text.vi`]: 'required',
      [`definition.questions.${n}.text.en`]: 'required',
      [`definition.questions.${n}.options`]: 'noOptions',
      [`definition.questions.${n + 1}.id`]: 'reservedId',
      [`definition.questions.${n + 2}.id`]: 'takenId',
    });
    // Every path it names is one the form shows, and the server names the same for the same mistakes.
    const fields = fieldsOf(definitionOf(d));
    for (const k of Object.keys(p)) expect(fields).toContain(k);
    const server = SurveyDefinitionSchema.safeParse(definitionOf({ ...base, texts: { A1: { vi: ' ', en: 'x' } } }));
    expect(server.success).toBe(false);
    expect(server.error!.issues.map((i) => `definition.${i.path.join('.')}`)).toContain('definition.questions.1.text.vi');
  });

  it('parses option lines', () => {
    expect(optionsOf(' a | b \n\n c ')).toEqual([{ id: 'o1', text: { vi: 'a', en: 'b' } }, { id: 'o2', text: { vi: 'c', en: 'c' } }]);
  });
});
