/**
 * The "new version from a copy" editor as data: the source definition, the
 * questions switched off, the rewordings, the questions added, the scale.
 * `definitionOf` builds what is sent; `problemsOf` mirrors the server's
 * checks (shared/survey.ts) with the server's own field paths
 * (`definition.questions.<i>.text.vi`, in the built definition), so a
 * problem found here and one the server names land beside the same field.
 * Pure: no preact, unit-tested.
 */
import type { Question, SurveyDefinition } from '../../../../shared/survey';
import type { LocalText } from '../../../../shared/local-text';

export type Scale = 3 | 5;

export interface NewQuestion {
  /** The editor's own key for the row (the id is typed and may change). */
  key: string;
  kind: 'choice' | 'text';
  id: string;
  text: LocalText;
  /** Choice options, one per line: "Tiếng Việt | English". */
  options: string;
}

export interface EditorDraft {
  source: SurveyDefinition;
  title: LocalText;
  off: string[];
  texts: Record<string, LocalText>;
  added: NewQuestion[];
  scale: Scale;
}

/** The national codes keep their question (shared/survey.ts reserves them); new questions take other ids. */
const RESERVED = /^(O|A[1-4]|P[1-4]|C[1-5]|R[1-3]|F[1-3]|H|M)$/;
const ID = /^[A-Za-z0-9_-]{1,32}$/;
const TEXT_MAX = 500;

export const scaleOf = (def: SurveyDefinition): Scale => {
  const o = def.questions.find((q) => q.id === def.kiosk.questionId);
  return o?.kind === 'rating5' && o.levels === 3 ? 3 : 5;
};

export function draftFrom(source: SurveyDefinition): EditorDraft {
  return { source, title: { ...source.title }, off: [], texts: {}, added: [], scale: scaleOf(source) };
}

/** The kiosk's overall question cannot be switched off (the kiosk asks only it). */
export const canSwitchOff = (def: SurveyDefinition, q: Question): boolean => q.id !== def.kiosk.questionId;

export const textOf = (d: EditorDraft, q: Question): LocalText => d.texts[q.id] ?? q.text;

/** "Lần đầu | First" lines → options o1, o2…; a line without English repeats the Vietnamese. */
export function optionsOf(lines: string): { id: string; text: LocalText }[] {
  return lines
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      const [vi, en] = l.split('|').map((s) => s.trim());
      return { id: `o${i + 1}`, text: { vi: vi ?? '', en: en || vi || '' } };
    });
}

function addedQuestion(n: NewQuestion): Question {
  const base = { id: n.id.trim(), text: { vi: n.text.vi, en: n.text.en }, required: false };
  return n.kind === 'choice' ? { ...base, kind: 'choice', options: optionsOf(n.options) } : { ...base, kind: 'text', maxLength: 500 };
}

export function definitionOf(d: EditorDraft): SurveyDefinition {
  const kept = d.source.questions
    .filter((q) => !d.off.includes(q.id))
    .map((q): Question => {
      const text = textOf(d, q);
      return q.kind === 'rating5' ? { ...q, text, levels: d.scale } : { ...q, text };
    });
  const reasons = d.source.kiosk.reasonsQuestionId;
  return {
    ...d.source,
    title: d.title,
    questions: [...kept, ...d.added.map(addedQuestion)],
    kiosk: { ...d.source.kiosk, reasonsQuestionId: reasons && !d.off.includes(reasons) ? reasons : undefined },
  };
}

export type Problem = 'required' | 'tooLong' | 'badId' | 'reservedId' | 'takenId' | 'noOptions' | 'tooManyOptions';

/** The field paths (server style) of the built definition, for the form's error mapping. */
export function fieldsOf(def: SurveyDefinition): string[] {
  const out = ['definition.title.vi', 'definition.title.en'];
  def.questions.forEach((_q, i) => out.push(`definition.questions.${i}.id`, `definition.questions.${i}.text.vi`, `definition.questions.${i}.text.en`, `definition.questions.${i}.options`));
  return out;
}

/** What the server would refuse, found before sending; empty when it may be sent. */
export function problemsOf(d: EditorDraft): Record<string, Problem> {
  const def = definitionOf(d);
  const out: Record<string, Problem> = {};
  const text = (path: string, t: LocalText) => {
    for (const l of ['vi', 'en'] as const) {
      const s = t[l].trim();
      if (!s) out[`${path}.${l}`] = 'required';
      else if (s.length > TEXT_MAX) out[`${path}.${l}`] = 'tooLong';
    }
  };
  text('definition.title', def.title);
  const sourceIds = new Set(d.source.questions.map((q) => q.id));
  const seen = new Set<string>();
  def.questions.forEach((q, i) => {
    const p = `definition.questions.${i}`;
    text(`${p}.text`, q.text);
    const isNew = i >= def.questions.length - d.added.length;
    if (isNew) {
      if (!ID.test(q.id)) out[`${p}.id`] = 'badId';
      else if (RESERVED.test(q.id)) out[`${p}.id`] = 'reservedId';
      else if (seen.has(q.id) || sourceIds.has(q.id)) out[`${p}.id`] = 'takenId';
      if (q.kind === 'choice') {
        if (q.options.length === 0 || q.options.some((o) => !o.text.vi)) out[`${p}.options`] = 'noOptions';
        else if (q.options.length > 30) out[`${p}.options`] = 'tooManyOptions';
        else if (q.options.some((o) => o.text.vi.length > TEXT_MAX || o.text.en.length > TEXT_MAX)) out[`${p}.options`] = 'tooLong';
      }
    }
    seen.add(q.id);
  });
  return out;
}

/** Whether the edits change anything at all (a copy identical to its source is not worth a version). */
export function isChanged(d: EditorDraft): boolean {
  return JSON.stringify(definitionOf(d)) !== JSON.stringify(definitionOf(draftFrom(d.source)));
}
