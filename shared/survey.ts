/**
 * Survey definitions: a versioned list of questions. Every `rating5` question
 * carries a SIPAS code so answers aggregate the same way whatever the wording.
 *
 * ## A code never changes meaning
 * Answers are stored under the question id and counted under the SIPAS code
 * (`q:<code>` for ratings, `m:<id>:<option>` for choices), organisation-wide
 * and across survey versions. So a code, once used, keeps its meaning for
 * good: the same question kind and, for ratings, the same SIPAS element. A
 * criterion whose meaning changes gets a new code; a retired code is never
 * reused. Two places enforce it:
 * - this schema reserves the national codes (SIPAS.md §3): `O` and the 19
 *   criteria only as `rating5` questions of that code, `H` and `M` only as
 *   `choice` questions answered none / some / many;
 * - `SurveysService.createVersion` refuses a new version that gives any
 *   question id used by an earlier version of the organisation another kind or
 *   element (`codeConflicts` below).
 * Option ids follow the same rule by convention (an option keeps its id only
 * while it keeps its meaning); the model cannot check wording.
 */
import { z } from 'zod';
import {
  ELEMENTS,
  INTEGRITY_ANSWERS,
  INTEGRITY_CODES,
  INTEGRITY_QUESTIONS,
  OVERALL_TEXT,
  RATING_CODES,
  elementOf,
  type CriterionCode,
  type ElementCode,
  type RatingCode,
} from './sipas';
import { kioskMessages } from './i18n/kiosk';

export const LocalTextSchema = z.object({
  vi: z.string().trim().min(1).max(500),
  en: z.string().trim().min(1).max(500),
});

const OptionSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/i),
  text: LocalTextSchema,
});

const QuestionBase = {
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  text: LocalTextSchema,
  required: z.boolean().default(false),
};

export const QuestionSchema = z.discriminatedUnion('kind', [
  z.object({
    ...QuestionBase,
    kind: z.literal('rating5'),
    code: z.enum(RATING_CODES as [RatingCode, ...RatingCode[]]),
    allowNA: z.boolean().default(false),
    /** 3 = the counter-style three-level scale, stored as 5 / 4 / 2. */
    levels: z.union([z.literal(5), z.literal(3)]).default(5),
  }),
  z.object({ ...QuestionBase, kind: z.literal('choice'), options: z.array(OptionSchema).min(1).max(30) }),
  z.object({
    ...QuestionBase,
    kind: z.literal('multi'),
    options: z.array(OptionSchema).min(1).max(30),
    max: z.number().int().min(1).max(30).optional(),
  }),
  z.object({ ...QuestionBase, kind: z.literal('text'), maxLength: z.number().int().min(1).max(2000).default(500) }),
]);
export type Question = z.infer<typeof QuestionSchema>;

export const SurveyDefinitionSchema = z
  .object({
    title: LocalTextSchema,
    questions: z.array(QuestionSchema).min(1).max(64),
    /** The kiosk asks only this question, then the follow-up for low ratings. */
    kiosk: z.object({
      questionId: z.string(),
      followUpAtOrBelow: z.number().int().min(1).max(5).default(3),
      reasonsQuestionId: z.string().optional(),
    }),
  })
  .superRefine((def, ctx) => {
    const ids = new Set<string>();
    def.questions.forEach((q, i) => {
      if (ids.has(q.id)) return ctx.addIssue({ code: 'custom', path: ['questions'], message: `duplicate question id ${q.id}` });
      ids.add(q.id);
      const reserved = reservedMeaningProblem(q);
      if (reserved) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: reserved });
    });
    const codes = new Set<string>();
    for (const q of def.questions) {
      if (q.kind === 'rating5') {
        if (codes.has(q.code)) ctx.addIssue({ code: 'custom', path: ['questions'], message: `two questions share SIPAS code ${q.code}` });
        codes.add(q.code);
      }
      if (q.kind === 'choice' || q.kind === 'multi') {
        const opts = q.options.map((o) => o.id);
        if (new Set(opts).size !== opts.length) ctx.addIssue({ code: 'custom', path: ['questions'], message: `options repeat in ${q.id}` });
      }
    }
    const reasons = def.kiosk.reasonsQuestionId;
    if (reasons && def.questions.find((q) => q.id === reasons)?.kind !== 'multi') {
      ctx.addIssue({ code: 'custom', path: ['kiosk', 'reasonsQuestionId'], message: 'must name a multi question' });
    }
    const overall = def.questions.find((q) => q.id === def.kiosk.questionId);
    if (!overall || overall.kind !== 'rating5' || overall.code !== 'O') {
      ctx.addIssue({ code: 'custom', path: ['kiosk', 'questionId'], message: 'must name the rating5 question with code O' });
    }
  });
export type SurveyDefinition = z.infer<typeof SurveyDefinitionSchema>;

export interface SurveyVersion {
  id: string;
  orgId: string;
  /** Stable key of the survey; versions of one survey share it. */
  key: string;
  version: number;
  definition: SurveyDefinition;
  createdAt: string;
  /** Set when the first response uses it: from then on it never changes. */
  lockedAt?: string | null;
  /** Set when it is first activated for the office or a counter: from then on it never changes either. */
  activatedAt?: string | null;
  /** The version this one was copied from (new versions are copies with edits). */
  copiedFrom?: string | null;
}

/** What a question's code means in the data: its kind and, for ratings, its SIPAS element (`O` = overall). */
export interface QuestionMeaning {
  kind: Question['kind'];
  element: ElementCode | 'O' | null;
}

export function meaningOf(q: Question): QuestionMeaning {
  if (q.kind !== 'rating5') return { kind: q.kind, element: null };
  return { kind: 'rating5', element: q.code === 'O' ? 'O' : elementOf(q.code as CriterionCode) };
}

const sameMeaning = (a: QuestionMeaning, b: QuestionMeaning): boolean => a.kind === b.kind && a.element === b.element;

export const describeMeaning = (m: QuestionMeaning): string =>
  m.kind === 'rating5' ? (m.element === 'O' ? 'the overall rating O' : `a rating5 question of element ${m.element}`) : `a ${m.kind} question`;

const INTEGRITY_OPTION_IDS = INTEGRITY_ANSWERS.join(',');

/** Why a question may not use its id: the national codes mean one thing only (null when fine). */
function reservedMeaningProblem(q: Question): string | null {
  if ((RATING_CODES as readonly string[]).includes(q.id)) {
    return q.kind === 'rating5' && q.code === q.id ? null : `${q.id} is a SIPAS code: only a rating5 question with code ${q.id} may use it`;
  }
  if ((INTEGRITY_CODES as readonly string[]).includes(q.id)) {
    const ok = q.kind === 'choice' && q.options.map((o) => o.id).join(',') === INTEGRITY_OPTION_IDS;
    return ok ? null : `${q.id} is a national categorical question: only a choice question with options ${INTEGRITY_OPTION_IDS} may use it`;
  }
  return null;
}

/** A question of a new version that gives a code an earlier version used another meaning. */
export interface CodeConflict {
  /** Index in the new definition's questions. */
  index: number;
  questionId: string;
  was: QuestionMeaning;
  now: QuestionMeaning;
  /** Which earlier version used it, e.g. `sipas v1`. */
  usedIn: string;
}

/**
 * The questions of `next` whose id an earlier version (any survey of the
 * organisation: the figures are organisation-wide) used with another kind or
 * element. Empty when the new version keeps every code's meaning.
 */
export function codeConflicts(
  earlier: readonly { key: string; version: number; definition: SurveyDefinition }[],
  next: SurveyDefinition,
): CodeConflict[] {
  const seen = new Map<string, { meaning: QuestionMeaning; usedIn: string }>();
  for (const v of [...earlier].sort((a, b) => a.version - b.version)) {
    for (const q of v.definition.questions) if (!seen.has(q.id)) seen.set(q.id, { meaning: meaningOf(q), usedIn: `${v.key} v${v.version}` });
  }
  const out: CodeConflict[] = [];
  next.questions.forEach((q, index) => {
    const before = seen.get(q.id);
    const now = meaningOf(q);
    if (before && !sameMeaning(before.meaning, now)) out.push({ index, questionId: q.id, was: before.meaning, now, usedIn: before.usedIn });
  });
  return out;
}

/**
 * Reason chips for the kiosk follow-up: one per SIPAS element in plain words
 * (the data keeps the element code as the option id), plus Other. The words
 * live in the kiosk catalog, which also shows them for older survey versions.
 */
const chips = kioskMessages;
export const REASON_OPTIONS = [
  ...ELEMENTS.map((e) => ({ id: e.code, text: { vi: chips.vi.followUp.reasons[e.code], en: chips.en.followUp.reasons[e.code] } })),
  { id: 'other', text: { vi: chips.vi.followUp.reasons.other, en: chips.en.followUp.reasons.other } },
];

/**
 * The national list's service-related expectations (SIPAS.md §3). Ids kept
 * from the earlier list where the meaning is the same (attitude, capability,
 * feedback, facilities); the others are new ids, never reused old ones.
 */
export const EXPECTATION_OPTIONS = [
  { id: 'information', text: { vi: 'Chất lượng cung cấp thông tin', en: 'Quality of the information provided' } },
  { id: 'facilities', text: { vi: 'Trụ sở, trang thiết bị', en: 'Premises and equipment' } },
  { id: 'capability', text: { vi: 'Năng lực của cán bộ, công chức', en: 'Competence of officials and civil servants' } },
  { id: 'attitude', text: { vi: 'Thái độ phục vụ của cán bộ, công chức', en: 'Attitude of officials and civil servants' } },
  { id: 'digital', text: { vi: 'Ứng dụng công nghệ thông tin, chuyển đổi số', en: 'Use of IT and digital services' } },
  { id: 'needs', text: { vi: 'Sự quan tâm đến nhu cầu, mong đợi của người dân', en: 'Attention to citizens\' needs and expectations' } },
  { id: 'feedback', text: { vi: 'Chất lượng tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị', en: 'Handling of feedback, complaints and petitions' } },
  { id: 'service', text: { vi: 'Chất lượng dịch vụ hành chính công', en: 'Quality of public administrative services' } },
];

/**
 * The default survey: the national service questionnaire of SIPAS.md §3 —
 * O, the 19 criteria (each "not applicable" allowed), H and M, the kiosk's
 * reason chips, the expectations. The comment is the response's own field.
 */
export function defaultSurveyDefinition(): SurveyDefinition {
  return SurveyDefinitionSchema.parse({
    title: { vi: 'Khảo sát sự hài lòng về sự phục vụ hành chính', en: 'Satisfaction survey on administrative services' },
    questions: [
      { id: 'O', kind: 'rating5', code: 'O', text: OVERALL_TEXT, required: true },
      ...ELEMENTS.flatMap((e) =>
        e.criteria.map((c) => ({ id: c.code, kind: 'rating5', code: c.code, text: c.text, allowNA: true })),
      ),
      ...INTEGRITY_QUESTIONS.map((q) => ({
        id: q.code,
        kind: 'choice',
        text: q.text,
        options: INTEGRITY_ANSWERS.map((a) => ({ id: a, text: q.answers[a] })),
      })),
      {
        id: 'reasons',
        kind: 'multi',
        text: { vi: chips.vi.followUp.title, en: chips.en.followUp.title },
        options: REASON_OPTIONS,
      },
      {
        id: 'expect',
        kind: 'multi',
        text: { vi: 'Ông/Bà mong cơ quan cải thiện điều gì?', en: 'What should the office improve?' },
        options: EXPECTATION_OPTIONS,
      },
    ],
    kiosk: { questionId: 'O', followUpAtOrBelow: 3, reasonsQuestionId: 'reasons' },
  });
}
