/**
 * Dossier outcomes from the one-stop software (Decision 766 indicator 5.4):
 *   POST /dossier-outcomes          one event of one dossier (integration key)
 *   POST /dossier-outcomes/batch    up to 500 events, each answered on its own (integration key)
 *   POST /dossier-outcomes/import   a CSV export of the same facts, preview or commit (session)
 *   GET  /stats/indicator-766       the indicator, its dossier counts and coverage (session)
 *
 * One event per item: `received` (receivedAt, dueAt?), `settled` (settledAt,
 * late) or `complaint` (raised, raisedAt when raised). Idempotent per
 * (dossier, event): the same facts again answer "duplicate"; other facts for
 * the same (dossier, event) are a 409 conflict. Unknown keys are refused.
 */
import { z } from 'zod';
import { DateOrTimeSchema, IsoTimeSchema, describe } from './common';
import { DossierRefSchema } from './survey-links';

export const DOSSIER_EVENTS = ['received', 'settled', 'complaint'] as const;
export type DossierEventName = (typeof DOSSIER_EVENTS)[number];

const when = (vi: string, en: string) => DateOrTimeSchema.meta({ ...describe(`${vi} (YYYY-MM-DD theo giờ Việt Nam, hoặc ISO 8601 có múi giờ)`, `${en} (YYYY-MM-DD in Vietnam time, or ISO 8601 with offset)`), example: '2026-03-15T09:30:00+07:00' });

const common = {
  dossierRef: DossierRefSchema,
  /** The unit's code (or id) in this organisation; optional. */
  unit: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .meta({ ...describe('Mã (hoặc id) của phòng/bộ phận giải quyết hồ sơ; không bắt buộc', 'The code (or id) of the unit handling the dossier; optional'), example: 'LS' })
    .optional(),
};

export const DossierReceivedSchema = z
  .object({ ...common, event: z.literal('received'), receivedAt: when('Thời điểm tiếp nhận', 'When the dossier was received'), dueAt: when('Hạn trả kết quả', 'When the result is due').optional() })
  .strict()
  .meta({ id: 'DossierReceived' });

export const DossierSettledSchema = z
  .object({
    ...common,
    event: z.literal('settled'),
    settledAt: when('Thời điểm trả kết quả', 'When the result was delivered'),
    /** As the one-stop software judges it (it knows legal pauses and extensions). */
    late: z.boolean().meta(describe('Trễ hạn (theo hệ thống một cửa)', 'Late, as the one-stop software judges it')),
  })
  .strict()
  .meta({ id: 'DossierSettled' });

export const DossierComplaintSchema = z
  .object({
    ...common,
    event: z.literal('complaint'),
    raised: z.boolean().meta(describe('Có phản ánh, kiến nghị về hồ sơ', 'A complaint or suggestion was raised about the dossier')),
    raisedAt: when('Thời điểm phản ánh (bắt buộc khi raised = true)', 'When it was raised (required when raised is true)').optional(),
  })
  .strict()
  .meta({ id: 'DossierComplaint' });

export const DossierOutcomeSchema = z
  .discriminatedUnion('event', [DossierReceivedSchema, DossierSettledSchema, DossierComplaintSchema])
  .superRefine((v, ctx) => {
    if (v.event === 'complaint' && v.raised && !v.raisedAt) ctx.addIssue({ code: 'custom', path: ['raisedAt'], message: 'required when raised is true' });
    if (v.event === 'complaint' && !v.raised && v.raisedAt) ctx.addIssue({ code: 'custom', path: ['raisedAt'], message: 'only when raised is true' });
  })
  .meta({ id: 'DossierOutcome', ...describe('Một sự kiện của một hồ sơ', 'One event of one dossier') });
export type DossierOutcome = z.infer<typeof DossierOutcomeSchema>;

export const MAX_OUTCOME_BATCH = 500;

/** Items are validated one by one (each answered on its own), so the envelope only bounds the list. */
export const DossierOutcomeBatchSchema = z
  .object({ items: z.array(z.unknown()).min(1).max(MAX_OUTCOME_BATCH).meta({ description: `DossierOutcome[] (1–${MAX_OUTCOME_BATCH})` }) })
  .strict()
  .meta({ id: 'DossierOutcomeBatch' });

export const OUTCOME_STATUSES = ['stored', 'duplicate', 'conflict', 'invalid', 'unprocessable'] as const;

export const OutcomeResultSchema = z
  .object({
    status: z.enum(OUTCOME_STATUSES).meta(describe('stored = đã lưu; duplicate = đã có, giống hệt; conflict = đã có với dữ kiện khác', 'stored; duplicate = already stored, same facts; conflict = stored with other facts')),
    event: z.enum(DOSSIER_EVENTS).nullable(),
    error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() }).optional(),
  })
  .meta({ id: 'OutcomeResult' });
export type OutcomeResult = z.infer<typeof OutcomeResultSchema>;

export const OutcomeBatchResultSchema = z
  .object({ results: z.array(OutcomeResultSchema.extend({ index: z.number().int() })) })
  .meta({ id: 'OutcomeBatchResult' });
export type OutcomeBatchResult = z.infer<typeof OutcomeBatchResultSchema>;

// ---- CSV import -------------------------------------------------------------------------------

/**
 * Columns of the CSV import, by header name (any order, case-insensitive).
 * One row per dossier; each filled group becomes one event.
 */
export const CSV_COLUMNS = ['dossierRef', 'unit', 'receivedAt', 'dueAt', 'settledAt', 'late', 'complaint', 'complaintAt'] as const;
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;

export const CsvImportQuerySchema = z
  .object({
    mode: z.enum(['preview', 'commit']).default('preview').meta(describe('preview = chỉ kiểm tra, không lưu; commit = lưu các dòng hợp lệ', 'preview = check only, store nothing; commit = store the valid rows')),
  })
  .strict();
export type CsvImportQuery = z.infer<typeof CsvImportQuerySchema>;

export const CsvRowIssueSchema = z.object({
  /** 1-based line number in the file, the header being row 1. */
  row: z.number().int(),
  field: z.string(),
  message: z.string(),
});

export const CsvImportResultSchema = z
  .object({
    mode: z.enum(['preview', 'commit']),
    rows: z.number().int().meta(describe('Số dòng dữ liệu (không kể tiêu đề)', 'Data rows (header not counted)')),
    validRows: z.number().int(),
    badRows: z.number().int(),
    /** Events the valid rows hold (preview) or that were newly stored (commit). */
    events: z.object({ stored: z.number().int(), duplicate: z.number().int(), new: z.number().int() }),
    errors: z.array(CsvRowIssueSchema),
  })
  .meta({ id: 'CsvImportResult' });
export type CsvImportResult = z.infer<typeof CsvImportResultSchema>;

// ---- the indicator --------------------------------------------------------------------------------

export const Indicator766QuerySchema = z
  .object({
    from: DateOrTimeSchema.optional(),
    to: DateOrTimeSchema.optional(),
    unitId: z.string().max(64).optional(),
  })
  .strict();
export type Indicator766Query = z.infer<typeof Indicator766QuerySchema>;

export const INDICATOR_766_UNAVAILABLE = ['no-outcomes', 'none-settled'] as const;

export const Indicator766Schema = z
  .object({
    from: IsoTimeSchema,
    to: IsoTimeSchema,
    unitId: z.string().nullable(),
    /** 100% − (late share + share with a complaint or a verified rating ≤ 2), 0..1; null when not available. */
    value: z.number().nullable(),
    /** Why `value` is null: no outcome ever recorded in this scope, or none settled in the period. */
    unavailable: z.enum(INDICATOR_766_UNAVAILABLE).nullable(),
    points: z.number().nullable(),
    maxPoints: z.number(),
    dossiers: z.object({
      settled: z.number().int(),
      late: z.number().int(),
      complained: z.number().int(),
      lowRated: z.number().int(),
      complainedOrLowRated: z.number().int(),
    }),
    /** Dossier-link coverage for the same period (organisation-wide: links are tallied per organisation). */
    coverage: z.object({ issued: z.number().int(), answered: z.number().int(), value: z.number().min(0).max(1).nullable() }).nullable(),
  })
  .meta({ id: 'Indicator766', ...describe('Chỉ tiêu 5.4 Quyết định 766/QĐ-TTg — không gộp với tỷ lệ hài lòng', 'Decision 766 indicator 5.4 — never mixed with the headline rate') });
export type Indicator766 = z.infer<typeof Indicator766Schema>;
