/**
 * ResponseInputSchema's answer for the bodies kiosks and the QR page send
 * (id, survey version, channel, answers, optional client time, locale,
 * counter, comment, session), without zod's general machinery: every rating
 * is parsed once, and zod showed ~4-6% of the ingest server's CPU.
 *
 * Only a proof of validity: each check here implies the schema's own (the
 * same patterns, read from the schema itself), and the value is what the
 * schema's parse gives (trimmed ids and comment, `locale` defaulting to
 * 'vi', keys in the schema's order). A body with any other key, or anything
 * this does not prove valid, goes to the schema, which alone words the
 * errors. A test holds the two against each other on generated bodies.
 */
import { CHANNELS, ResponseInputSchema, type ResponseInput } from '../../shared/response.schema';
import { LOCALES } from '../../shared/local-text';

const shape = ResponseInputSchema.shape;
const UUID = shape.id._zod.pattern;
const DATETIME = shape.clientTime.unwrap()._zod.pattern;
const QUESTION_ID = /^[A-Za-z0-9_-]{1,32}$/;
const HANDLED = new Set(['id', 'surveyVersionId', 'channel', 'servicePointId', 'answers', 'comment', 'locale', 'clientTime', 'sessionId']);

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/** `Id` of the schema: a string, trimmed, 1–64 long. */
const id = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length >= 1 && t.length <= 64 ? t : undefined;
};

/** AnswerValueSchema (the union's first matching member gives the value as it came). */
function answerValue(v: unknown): boolean {
  if (v === null) return true;
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 1 && v <= 5;
  if (typeof v === 'string') return v.length <= 2000;
  if (Array.isArray(v)) {
    if (v.length > 30) return false;
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string' || (v[i] as string).length > 32) return false;
    return true;
  }
  return false;
}

function answers(v: unknown): ResponseInput['answers'] | undefined {
  if (!isPlainObject(v) || Object.hasOwn(v, '__proto__')) return undefined;
  const keys = Object.keys(v);
  if (keys.length > 64) return undefined;
  const out: ResponseInput['answers'] = {};
  for (const k of keys) {
    const x = v[k];
    if (!QUESTION_ID.test(k) || !answerValue(x)) return undefined;
    out[k] = (Array.isArray(x) ? [...x] : x) as ResponseInput['answers'][string];
  }
  return out;
}

/** The parsed body, or undefined when only the schema can answer it. */
export function fastResponseInput(raw: unknown): ResponseInput | undefined {
  if (!isPlainObject(raw)) return undefined;
  // An own key set to undefined: the schema keeps it in its value; leave that to the schema.
  for (const k in raw) if (!HANDLED.has(k) || raw[k] === undefined) return undefined;
  if (Object.getOwnPropertySymbols(raw).length) return undefined;
  const { id: rid, surveyVersionId, channel, servicePointId, comment, locale, clientTime, sessionId } = raw;
  if (typeof rid !== 'string' || !UUID.test(rid)) return undefined;
  const sv = id(surveyVersionId);
  if (sv === undefined) return undefined;
  if (typeof channel !== 'string' || !(CHANNELS as readonly string[]).includes(channel)) return undefined;
  const sp = servicePointId === undefined ? undefined : id(servicePointId);
  if (servicePointId !== undefined && sp === undefined) return undefined;
  const ans = answers(raw.answers);
  if (!ans) return undefined;
  let text: string | undefined;
  if (comment !== undefined) {
    if (typeof comment !== 'string') return undefined;
    text = comment.trim();
    if (text.length > 1000) return undefined;
  }
  if (locale !== undefined && (typeof locale !== 'string' || !(LOCALES as readonly string[]).includes(locale))) return undefined;
  if (clientTime !== undefined && (typeof clientTime !== 'string' || !DATETIME.test(clientTime))) return undefined;
  if (sessionId !== undefined && (typeof sessionId !== 'string' || sessionId.length < 1 || sessionId.length > 64)) return undefined;

  // The schema's key order; absent optional keys stay absent, as in its parse.
  const out: Record<string, unknown> = { id: rid, surveyVersionId: sv, channel };
  if (sp !== undefined) out.servicePointId = sp;
  out.answers = ans;
  if (text !== undefined) out.comment = text;
  out.locale = locale ?? 'vi';
  if (clientTime !== undefined) out.clientTime = clientTime;
  if (sessionId !== undefined) out.sessionId = sessionId;
  return out as ResponseInput;
}
