/**
 * Responses (ratings): POST one or a batch (kiosk outbox), list them newest
 * first, exclude one from the figures with a reason (audited; never deleted).
 */
import { z } from 'zod';
import { AnswerValueSchema, ResponseBatchSchema as BatchBody, ResponseInputSchema as Input, type ResponseInput } from '../response.schema';
import { LOCALES } from '../local-text';
import { DateOrTimeSchema, IsoTimeSchema } from './common';
import { ChannelSchema } from './dimensions';
import { ApiErrorCodeSchema } from './errors';

/** One rating as a client sends it (kiosk, QR page, dossier link). */
export const ResponseInputSchema = Input.meta({ id: 'ResponseInput' });
export type { ResponseInput };
/** The kiosk outbox form; each item is then checked on its own with ResponseInputSchema. */
export const ResponseBatchSchema = BatchBody.meta({ id: 'ResponseBatch' });
export type ResponseBatch = z.infer<typeof ResponseBatchSchema>;

/** 201 `stored` (new), 200 `duplicate` (same id, same body: already stored). */
export const IngestResultSchema = z.object({ id: z.string(), status: z.enum(['stored', 'duplicate']) }).meta({ id: 'IngestResult' });
export type IngestResult = z.infer<typeof IngestResultSchema>;

/**
 * Every status a batch item can answer: `stored` / `duplicate` acknowledge
 * it, `invalid` is a 400 of the single form, the rest are the error codes of
 * the single form. The kiosk's acknowledged and terminal statuses must be
 * members (checked at compile time in kiosk/src/outbox/types.ts).
 */
export const BATCH_ITEM_STATUSES = [
  'stored',
  'duplicate',
  'invalid',
  'conflict',
  'already-answered',
  'unprocessable',
  'unauthorized',
  'forbidden',
  'not-found',
  'rate-limited',
  'payload-too-large',
  'unavailable',
] as const;
export type BatchItemStatus = (typeof BATCH_ITEM_STATUSES)[number];
export const BatchItemStatusSchema = z.enum(BATCH_ITEM_STATUSES).meta({ id: 'BatchItemStatus' });

export const BatchItemResultSchema = z
  .object({
    /** Position in the request's `responses`. */
    index: z.number().int(),
    /** The item's id when it had a string one. */
    id: z.string().nullable(),
    status: BatchItemStatusSchema,
    error: z.object({ code: ApiErrorCodeSchema, message: z.string(), details: z.unknown().optional() }).optional(),
  })
  .meta({ id: 'BatchItemResult' });
export type BatchItemResult = z.infer<typeof BatchItemResultSchema>;

export const BatchResultSchema = z.object({ results: z.array(BatchItemResultSchema) }).meta({ id: 'BatchResult' });
export type BatchResult = z.infer<typeof BatchResultSchema>;

const QueryId = z.string().max(64);
const Bool = z.enum(['true', 'false']);

/** GET /responses. Keyset paging: pass the last item's serverTime and id as beforeTime / beforeId. */
export const ResponsesQuerySchema = z.object({
  from: DateOrTimeSchema.optional(),
  to: DateOrTimeSchema.optional(),
  servicePointId: QueryId.optional(),
  officerId: QueryId.optional(),
  unitId: QueryId.optional(),
  channel: ChannelSchema.optional(),
  withComment: Bool.optional(),
  includeExcluded: Bool.optional(),
  procedureId: QueryId.optional(),
  /** Only this overall score (1..5). */
  score: z.coerce.number().int().min(1).max(5).optional(),
  /** Text in the comment; accents and case do not matter ("cho lau" finds "Chờ lâu"; đ = d). */
  q: z.string().trim().max(200).optional(),
  /** Only comments marked handled (true) or not yet (false). */
  handled: Bool.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  beforeTime: z.iso.datetime({ offset: true }).optional(),
  beforeId: QueryId.optional(),
});
export type ResponsesQuery = z.infer<typeof ResponsesQuerySchema>;

export const ExclusionSchema = z.object({ reason: z.string(), by: z.string(), at: IsoTimeSchema }).meta({ id: 'Exclusion' });
export type Exclusion = z.infer<typeof ExclusionSchema>;

/** Why a rating was held out of the figures for review. */
export const SUSPECT_REASONS = ['min-gap', 'counter-cap', 'unsigned-client', 'no-session'] as const;
export const SuspectSchema = z
  .object({
    /**
     * `min-gap`: closer to another rating of the same kiosk than the minimum gap;
     * `counter-cap`: past a counter link's hourly cap; `unsigned-client`: past
     * the counter's allowance for answers without a server-issued client id.
     */
    reason: z.enum(SUSPECT_REASONS),
    /** When it was flagged. */
    at: IsoTimeSchema,
    /** Who let it into the figures, and when; null while it waits for review. */
    accepted: z.object({ by: z.string(), at: IsoTimeSchema }).nullable(),
  })
  .meta({ id: 'Suspect' });
export type Suspect = z.infer<typeof SuspectSchema>;

/** A comment marked handled: the note, who, when. */
export const HandledSchema = z.object({ note: z.string(), by: z.string(), at: IsoTimeSchema }).meta({ id: 'Handled' });
export type Handled = z.infer<typeof HandledSchema>;

export const HandledBodySchema = z.object({ note: z.string().trim().min(1).max(1000) }).meta({ id: 'HandledBody' });
export type HandledBody = z.infer<typeof HandledBodySchema>;

export const HandledResultSchema = z.object({ id: z.string(), handled: HandledSchema }).meta({ id: 'HandledResult' });
export type HandledResult = z.infer<typeof HandledResultSchema>;

/** DELETE /responses/:id/handled: the mark taken back (audited with the note it had). */
export const HandledClearedSchema = z.object({ id: z.string(), handled: z.null() }).meta({ id: 'HandledCleared' });
export type HandledCleared = z.infer<typeof HandledClearedSchema>;

/** A stored response as a client may see it: everything but the body hash. */
export const ResponseListItemSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    unitId: z.string(),
    servicePointId: z.string(),
    deviceId: z.string().nullable(),
    officerId: z.string().nullable(),
    procedureId: z.string().nullable(),
    surveyVersionId: z.string(),
    channel: ChannelSchema,
    verified: z.boolean(),
    outsideHours: z.boolean(),
    locale: z.enum(LOCALES),
    /** The overall rating (question O). */
    overall: z.number().int().nullable(),
    answers: z.record(z.string(), AnswerValueSchema),
    comment: z.string().nullable(),
    clientTime: z.string().nullable(),
    serverTime: IsoTimeSchema,
    excluded: ExclusionSchema.nullable(),
    /** Held out of the figures until reviewed (null: an ordinary rating). Counted when `accepted` is set and not excluded. */
    suspect: SuspectSchema.nullable(),
    /** Marked handled (its comment answered or acted on); null: not yet. */
    handled: HandledSchema.nullable(),
  })
  .meta({ id: 'ResponseListItem' });
export type ResponseListItem = z.infer<typeof ResponseListItemSchema>;

export const ResponseListSchema = z.object({ items: z.array(ResponseListItemSchema) }).meta({ id: 'ResponseList' });
export type ResponseList = z.infer<typeof ResponseListSchema>;

export const ExclusionBodySchema = z.object({ reason: z.string().trim().min(3).max(500) }).meta({ id: 'ExclusionBody' });
export type ExclusionBody = z.infer<typeof ExclusionBodySchema>;

/** POST → `excluded` set; DELETE → `excluded: null`. */
export const ExclusionResultSchema = z.object({ id: z.string(), excluded: ExclusionSchema.nullable() }).meta({ id: 'ExclusionResult' });
export type ExclusionResult = z.infer<typeof ExclusionResultSchema>;

/** GET /responses/suspect: the review list (suspects not yet accepted or excluded), newest first, keyset paging. */
export const SuspectQuerySchema = z.object({
  unitId: QueryId.optional(),
  servicePointId: QueryId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  beforeTime: z.iso.datetime({ offset: true }).optional(),
  beforeId: QueryId.optional(),
});
export type SuspectQuery = z.infer<typeof SuspectQuerySchema>;

/** POST /responses/:id/accept: the suspect, now with who accepted it. */
export const AcceptResultSchema = z.object({ id: z.string(), suspect: SuspectSchema }).meta({ id: 'AcceptResult' });
export type AcceptResult = z.infer<typeof AcceptResultSchema>;
