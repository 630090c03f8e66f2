/**
 * The wire shape of one response, shared by the kiosk, the QR page and the
 * server. Structure only: meaning is checked against the survey version by
 * `checkAnswers` (server side, shared so clients can pre-check).
 */
import { z } from 'zod';
import { LOCALES } from './local-text';
import type { SurveyDefinition } from './survey';
import { ChannelSchema } from './dimensions';

// Declared in the dimensions registry; re-exported for the callers that know them from here.
export { CHANNELS, type Channel } from './dimensions';

const Id = z.string().trim().min(1).max(64);

/**
 * zod's record skips an own `__proto__` key without a word (assigning it
 * would swap the result's prototype), so an answer under that key would be
 * dropped silently and the rest stored. Refuse it instead, naming the field.
 * A preprocess step, not a refinement: refinements only see the parsed value,
 * where the key is already gone. The OpenAPI document still shows the record.
 */
function refuseProtoKey(value: unknown, ctx: { addIssue(issue: { code: 'custom'; message: string; path: PropertyKey[]; input: unknown }): void }): unknown {
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__')) {
    ctx.addIssue({ code: 'custom', message: 'not a question id', path: ['__proto__'], input: value });
  }
  return value;
}
export const AnswerValueSchema = z.union([
  z.number().int().min(1).max(5),
  z.null(),
  z.string().max(2000),
  z.array(z.string().max(32)).max(30),
]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

export const ResponseInputSchema = z.object({
  /** Client-made UUID: the idempotency key. */
  id: z.uuid(),
  surveyVersionId: Id,
  channel: ChannelSchema,
  servicePointId: Id.optional(),
  procedureCode: z.string().trim().min(1).max(64).optional(),
  officerId: Id.optional(),
  answers: z.preprocess(
    refuseProtoKey,
    z.record(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), AnswerValueSchema).refine((a) => Object.keys(a).length <= 64, 'at most 64 answers'),
  ),
  comment: z.string().trim().max(1000).optional(),
  locale: z.enum(LOCALES).default('vi'),
  clientTime: z.iso.datetime({ offset: true }).optional(),
  /** Single-use dossier link token (channel `link`). */
  linkToken: z.string().max(1024).optional(),
  /** The rating session a kiosk rating answers (after-service counters). */
  sessionId: z.string().min(1).max(64).optional(),
});
export type ResponseInput = z.infer<typeof ResponseInputSchema>;

export const ResponseBatchSchema = z.object({
  responses: z.array(z.unknown()).min(1).max(200),
});

export interface FieldError {
  path: string;
  message: string;
}

/** Checks the answers against the survey definition. Empty list = valid. */
export function checkAnswers(def: SurveyDefinition, answers: ResponseInput['answers']): FieldError[] {
  const errors: FieldError[] = [];
  const byId = new Map(def.questions.map((q) => [q.id, q]));
  for (const [qid, value] of Object.entries(answers)) {
    const q = byId.get(qid);
    const path = `answers.${qid}`;
    if (!q) {
      errors.push({ path, message: 'no such question in this survey version' });
      continue;
    }
    switch (q.kind) {
      case 'rating5':
        if (value === null) {
          if (!q.allowNA) errors.push({ path, message: '"not applicable" is not allowed here' });
        } else if (typeof value !== 'number') {
          errors.push({ path, message: 'expected a rating from 1 to 5' });
        } else if (q.levels === 3 && ![2, 4, 5].includes(value)) {
          errors.push({ path, message: 'a three-level question takes 5, 4 or 2' });
        }
        break;
      case 'choice':
        if (typeof value !== 'string' || !q.options.some((o) => o.id === value)) {
          errors.push({ path, message: 'expected one of the listed options' });
        }
        break;
      case 'multi': {
        if (!Array.isArray(value)) {
          errors.push({ path, message: 'expected a list of options' });
          break;
        }
        const bad = value.filter((v) => !q.options.some((o) => o.id === v));
        if (bad.length) errors.push({ path, message: `unknown options: ${bad.join(', ')}` });
        if (new Set(value).size !== value.length) errors.push({ path, message: 'options repeat' });
        if (q.max && value.length > q.max) errors.push({ path, message: `at most ${q.max} options` });
        break;
      }
      case 'text':
        if (typeof value !== 'string') errors.push({ path, message: 'expected text' });
        else if (value.length > q.maxLength) errors.push({ path, message: `at most ${q.maxLength} characters` });
        break;
    }
  }
  for (const q of def.questions) {
    if (q.required && !Object.hasOwn(answers, q.id)) errors.push({ path: `answers.${q.id}`, message: 'required' });
  }
  return errors;
}
