/**
 * Survey definitions: a versioned list of questions. Every `rating5` question
 * carries a SIPAS code so answers aggregate the same way whatever the wording.
 */
import { z } from 'zod';
import { ELEMENTS, OVERALL_TEXT, RATING_CODES, type RatingCode } from './sipas';

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
    for (const q of def.questions) {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions'], message: `duplicate question id ${q.id}` });
      ids.add(q.id);
    }
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
}

/** Reason chips for the kiosk follow-up: one per SIPAS element, plus Other. */
export const REASON_OPTIONS = [
  ...ELEMENTS.map((e) => ({ id: e.code, text: e.name })),
  { id: 'other', text: { vi: 'Khác', en: 'Other' } },
];

export const EXPECTATION_OPTIONS = [
  { id: 'attitude', text: { vi: 'Thái độ phục vụ của công chức', en: 'Attitude of civil servants' } },
  { id: 'capability', text: { vi: 'Năng lực công chức', en: 'Competence of civil servants' } },
  { id: 'feedback', text: { vi: 'Xử lý góp ý, phản ánh', en: 'Handling of feedback and complaints' } },
  { id: 'simplify', text: { vi: 'Đơn giản hóa thủ tục', en: 'Simpler procedures' } },
  { id: 'faster', text: { vi: 'Rút ngắn thời gian', en: 'Shorter processing time' } },
  { id: 'transparency', text: { vi: 'Công khai thông tin', en: 'More public information' } },
  { id: 'online', text: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' } },
  { id: 'facilities', text: { vi: 'Cơ sở vật chất', en: 'Facilities' } },
];

/** The default survey built from ../shared/SIPAS.md: O, the 15 criteria, reasons, expectations. */
export function defaultSurveyDefinition(): SurveyDefinition {
  return SurveyDefinitionSchema.parse({
    title: { vi: 'Khảo sát sự hài lòng về sự phục vụ hành chính', en: 'Satisfaction survey on administrative services' },
    questions: [
      { id: 'O', kind: 'rating5', code: 'O', text: OVERALL_TEXT, required: true },
      ...ELEMENTS.flatMap((e) =>
        e.criteria.map((c) => ({ id: c.code, kind: 'rating5', code: c.code, text: c.text, allowNA: true })),
      ),
      {
        id: 'reasons',
        kind: 'multi',
        text: { vi: 'Điều gì chưa tốt?', en: 'What went wrong?' },
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
