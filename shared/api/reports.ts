/**
 * Periodic reports (issue 13): the content of one report for a period and a
 * scope, as every format (JSON, XLSX, CSV, DOCX, print page) renders it.
 *   GET /reports/content · /reports/report.xlsx · /reports/report.csv · /reports/report.docx
 */
import { z } from 'zod';
import { IsoTimeSchema, LocalTextDtoSchema, RateSummarySchema } from './common';
import { IndexResultSchema, IntegritySharesSchema, RateWithDistributionSchema } from './stats';
import { Indicator766Schema } from './dossier-outcomes';

export const REPORT_TABLES = ['units', 'counters', 'officers', 'procedures', 'criteria', 'reasons', 'expectations', 'uptime'] as const;
export const ReportTableSchema = z.enum(REPORT_TABLES).meta({ id: 'ReportTable' });
export type ReportTable = z.infer<typeof ReportTableSchema>;

export const ReportQuerySchema = z.object({
  period: z
    .string()
    .max(32)
    .meta({ description: '2026-03 (tháng), 2026-Q2 (quý), 2026-H1 / 2026-H2 (6 tháng), 2026-9M (9 tháng), 2026 (năm), 2026-01-01..2026-02-15 (tùy chọn)', example: '2026-Q2' }),
  unitId: z.string().max(64).optional(),
  lang: z.enum(['vi', 'en']).default('vi'),
  table: ReportTableSchema.default('units'),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

const PeriodSchema = z.object({
  code: z.string(),
  kind: z.enum(['month', 'quarter', 'half', 'nine-months', 'year', 'custom']),
  from: IsoTimeSchema,
  to: IsoTimeSchema.meta({ description: 'exclusive' }),
  label: LocalTextDtoSchema,
});

const ComparisonSchema = z.object({
  period: PeriodSchema,
  rate: z.number().nullable(),
  n: z.number().int(),
  /** Percentage points (current − then), null when either rate is missing. */
  deltaPoints: z.number().nullable(),
});

export const ReportRowSchema = RateSummarySchema.extend({ key: z.string(), name: LocalTextDtoSchema, responses: z.number().int() }).meta({ id: 'ReportRow' });
export type ReportRow = z.infer<typeof ReportRowSchema>;

const TableSchema = z.object({
  rows: z.array(ReportRowSchema),
  /** Rows left out because they have fewer answers than the minimum sample (officers only). */
  hidden: z.number().int(),
});

const UptimeFiguresSchema = z.object({
  /** Opening-hours time measured, minutes (5-minute slots). */
  openMinutes: z.number().int(),
  /** Of which the kiosk was heard from. */
  onlineMinutes: z.number().int(),
  /** onlineMinutes / openMinutes; null when no opening-hours time was measured. */
  share: z.number().nullable(),
  /** The longest run of opening-hours time without a heartbeat (closed time in between neither ends nor lengthens it). */
  longestOutageMinutes: z.number().int(),
  longestOutageFrom: IsoTimeSchema.nullable(),
});

/** Kiosk uptime during opening hours; `available: false` before the presence history exists. */
const KioskUptimeSchema = z.object({
  available: z.boolean(),
  /** The time measured: from the history's start (or the period's) to the period's end (or now). */
  from: IsoTimeSchema.nullable(),
  to: IsoTimeSchema.nullable(),
  rows: z.array(UptimeFiguresSchema.extend({ servicePointId: z.string(), name: LocalTextDtoSchema })),
  overall: UptimeFiguresSchema.extend({ longestOutageServicePointId: z.string().nullable() }),
});

const ChoiceRowSchema = z.object({ id: z.string(), label: LocalTextDtoSchema, count: z.number().int() });

export const ReportContentSchema = z
  .object({
    generatedAt: IsoTimeSchema,
    period: PeriodSchema,
    scope: z.object({ unitId: z.string().nullable(), name: LocalTextDtoSchema }),
    organisation: z.object({
      name: LocalTextDtoSchema,
      /** The office's short name, for the document number (Số: …/BC-<short>). */
      shortName: z.string().nullable(),
      agencyParent: z.string().nullable(),
      place: z.string().nullable(),
      signer: z.string().nullable(),
      signerTitle: z.string().nullable(),
    }),
    target: z.number(),
    minSample: z.number().int(),
    /** Whether the headline counts verified responses only (the organisation's setting). */
    headlineVerifiedOnly: z.boolean(),
    responses: z.object({
      total: z.number().int(),
      verified: z.number().int(),
      unverified: z.number().int(),
      byChannel: z.object({ kiosk: z.number().int(), qr: z.number().int(), link: z.number().int() }),
      comments: z.number().int(),
    }),
    headline: RateWithDistributionSchema.extend({ notApplicable: z.number().int() }),
    previous: ComparisonSchema,
    lastYear: ComparisonSchema,
    indices: IndexResultSchema,
    tables: z.object({ units: TableSchema, counters: TableSchema, officers: TableSchema, procedures: TableSchema }),
    criteria: z.array(ReportRowSchema),
    reasons: z.array(ChoiceRowSchema),
    expectations: z.array(ChoiceRowSchema),
    integrity: z.object({ H: IntegritySharesSchema, M: IntegritySharesSchema }),
    decision766: Indicator766Schema,
    kioskUptime: KioskUptimeSchema,
    excluded: z.object({ count: z.number().int(), byReason: z.record(z.string(), z.number().int()) }),
    /** A selection of the period's comments (newest first), with phone numbers, e-mails and long digit runs masked. */
    comments: z.array(z.object({ text: z.string(), overall: z.number().int().nullable(), day: z.string().meta({ description: 'YYYY-MM-DD, Vietnam time' }) })),
    summary: LocalTextDtoSchema,
  })
  .meta({ id: 'ReportContent' });
export type ReportContent = z.infer<typeof ReportContentSchema>;

/** POST /reports/issued: freeze the report of a period and scope as sent. */
export const ReportIssueBodySchema = z
  .object({
    period: z.string().max(32),
    unitId: z.string().max(64).optional(),
    lang: z.enum(['vi', 'en']).default('vi'),
  })
  .strict()
  .meta({ id: 'ReportIssueBody' });
export type ReportIssueBody = z.infer<typeof ReportIssueBodySchema>;

export const IssuedReportSchema = z
  .object({
    id: z.string(),
    period: z.string(),
    periodLabel: LocalTextDtoSchema,
    unitId: z.string().nullable(),
    scopeName: LocalTextDtoSchema,
    lang: z.enum(['vi', 'en']),
    issuedBy: z.string(),
    issuedAt: IsoTimeSchema,
    /** sha256 of the canonical JSON of the frozen content. */
    contentHash: z.string(),
    rate: z.number().nullable(),
    n: z.number().int(),
  })
  .meta({ id: 'IssuedReport' });
export type IssuedReport = z.infer<typeof IssuedReportSchema>;

export const IssuedReportListSchema = z.object({ items: z.array(IssuedReportSchema) }).meta({ id: 'IssuedReportList' });

export const ReportDifferenceSchema = z
  .object({ path: z.string(), label: LocalTextDtoSchema, issued: z.number().nullable(), current: z.number().nullable() })
  .meta({ id: 'ReportDifference' });
export type ReportDifference = z.infer<typeof ReportDifferenceSchema>;

export const IssuedReportDetailSchema = z
  .object({
    report: IssuedReportSchema,
    content: ReportContentSchema,
    /** Figures that changed since the report was issued (later exclusions, late kiosk uploads); empty when none. */
    differences: z.array(ReportDifferenceSchema),
  })
  .meta({ id: 'IssuedReportDetail' });
export type IssuedReportDetail = z.infer<typeof IssuedReportDetailSchema>;

/**
 * A monthly draft, prepared by the server on the 1st (Vietnam time) for the
 * month before, for the organisation and for each unit: stored, not frozen;
 * "issue" from it freezes the report as it stands then.
 *   GET /reports/drafts · /reports/drafts/:id · /reports/drafts/:id/report.docx|xlsx · POST /reports/drafts/:id/issue
 */
export const ReportDraftSchema = z
  .object({
    id: z.string(),
    state: z.enum(['draft', 'issued']),
    period: z.string(),
    periodLabel: LocalTextDtoSchema,
    unitId: z.string().nullable(),
    scopeName: LocalTextDtoSchema,
    preparedAt: IsoTimeSchema,
    contentHash: z.string(),
    rate: z.number().nullable(),
    n: z.number().int(),
    /** The issued report made from this draft, once issued. */
    issuedReportId: z.string().nullable(),
  })
  .meta({ id: 'ReportDraft' });
export type ReportDraft = z.infer<typeof ReportDraftSchema>;

export const ReportDraftListSchema = z.object({ items: z.array(ReportDraftSchema) }).meta({ id: 'ReportDraftList' });

export const ReportDraftDetailSchema = z
  .object({ draft: ReportDraftSchema, content: ReportContentSchema, differences: z.array(ReportDifferenceSchema) })
  .meta({ id: 'ReportDraftDetail' });
export type ReportDraftDetail = z.infer<typeof ReportDraftDetailSchema>;

export const ReportDraftIssueBodySchema = z.object({ lang: z.enum(['vi', 'en']).default('vi') }).strict().meta({ id: 'ReportDraftIssueBody' });

export const ReportDraftIdParamsSchema = z.object({ id: z.string().min(1).max(200) });
export const ReportDraftFileQuerySchema = z.object({ lang: z.enum(['vi', 'en']).default('vi') }).meta({ id: 'ReportDraftFileQuery' });
