/**
 * The office and its structure: organisation → units → service points
 * (counters, quầy) with officers on duty; procedures (TTHC); survey versions.
 *   GET/PATCH /organisation · GET /units · GET /service-points · GET /officers
 *   GET /procedures · GET /surveys · PUT /service-points/:id/duty
 */
import { z } from 'zod';
import { SurveyDefinitionSchema } from '../survey';
import { IdSchema, IsoTimeSchema, LocalTextDtoSchema, itemsOf } from './common';
import { PinSchema } from './kiosk-mode';
import { PublicScreenPatchSchema, PublicScreenSettingsSchema } from './public-screen';

export const IndexMethodSchema = z.enum(['mean-of-criteria', 'pooled']).meta({ id: 'IndexMethod' });

export const KioskTimingSchema = z.object({ idleSeconds: z.number().int(), minGapSeconds: z.number().int(), thankYouSeconds: z.number().int().optional() });

export const OrganisationSchema = z
  .object({
    id: z.string(),
    name: LocalTextDtoSchema,
    shortName: z.string().optional(),
    /** Headline target, 0..1 (0.85 by default; some provinces use 0.90). */
    target: z.number(),
    /** Answers needed before "below target" may be called significant. */
    minSample: z.number().int(),
    indexMethod: IndexMethodSchema,
    /** Headline rate counts verified responses only (the default) or all. */
    headlineVerifiedOnly: z.boolean(),
    activeSurveyVersionId: z.string().nullable(),
    kiosk: KioskTimingSchema,
    /** Maximum points of Decision 766 indicator 5.4 (absent: the default, 1). */
    decision766MaxPoints: z.number().optional(),
    /** Report header and signature (Decree 30/2020): governing agency, place on the date line, signer and title. Absent: not set. */
    agencyParent: z.string().nullable().optional(),
    reportPlace: z.string().nullable().optional(),
    reportSigner: z.string().nullable().optional(),
    reportSignerTitle: z.string().nullable().optional(),
    /** Whether a kiosk PIN (staff corner) is set; the PIN itself is never shown. Absent: never set. */
    kioskPinSet: z.boolean().optional(),
    /** Read-only: the server's PUBLIC_URL, printed on posters and QR codes (shown for checking; a localhost one will not work on phones). */
    publicUrl: z.string().optional(),
    /** The waiting-room screen (/screen/<code>): off by default. */
    publicScreen: PublicScreenSettingsSchema.optional(),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof OrganisationSchema>;

/** PATCH /organisation (admin): only the fields given change. Audited and pushed to kiosks. */
export const OrganisationPatchSchema = z
  .object({
    name: z.object({ vi: z.string().trim().min(1).max(200), en: z.string().trim().max(200) }).optional(),
    target: z.number().min(0.5).max(1).optional(),
    minSample: z.number().int().min(1).max(10_000).optional(),
    indexMethod: IndexMethodSchema.optional(),
    headlineVerifiedOnly: z.boolean().optional(),
    kiosk: z
      .object({ idleSeconds: z.number().int().min(5).max(600), minGapSeconds: z.number().int().min(0).max(600), thankYouSeconds: z.number().int().min(2).max(30).optional() })
      .optional(),
    /** Maximum points of Decision 766 indicator 5.4 as the province scores it (default 1). */
    decision766MaxPoints: z.number().positive().max(100).optional(),
    /** Report header and signature block (null clears): "UBND TỈNH …", "Hà Nội", "Nguyễn Văn A", "CHỦ TỊCH". */
    agencyParent: z.string().trim().max(200).nullable().optional(),
    reportPlace: z.string().trim().max(100).nullable().optional(),
    reportSigner: z.string().trim().max(100).nullable().optional(),
    reportSignerTitle: z.string().trim().max(100).nullable().optional(),
    /** The office's kiosk PIN for the staff corner (4–8 digits; null removes it). Stored hashed, audited without the PIN. */
    kioskPin: PinSchema.nullable().optional(),
    /** The waiting-room screen: enable, code, parts shown, units (audited like every setting). */
    publicScreen: PublicScreenPatchSchema.optional(),
  })
  .meta({ id: 'OrganisationPatch' });
export type OrganisationPatch = z.infer<typeof OrganisationPatchSchema>;

export const UnitSchema = z
  .object({ id: z.string(), orgId: z.string(), code: z.string(), name: LocalTextDtoSchema, active: z.boolean().optional() })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof UnitSchema>;

export const OpeningHoursSchema = z
  .object({
    /** 0 = Sunday … 6 = Saturday. */
    weekdays: z.array(z.number().int()),
    /** Local "HH:MM" ranges, e.g. morning and afternoon sessions. */
    sessions: z.array(z.object({ open: z.string(), close: z.string() })),
    /** Local dates "YYYY-MM-DD" when closed. */
    holidays: z.array(z.string()),
    /** Sessions of a weekday that differ from `sessions` ("0" = Sunday … "6"). */
    perDay: z.record(z.string(), z.array(z.object({ open: z.string(), close: z.string() }))).optional(),
  })
  .meta({ id: 'OpeningHours' });

/** A counter (quầy). `code` is printed on posters: /s/<code>. */
export const ServicePointSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    unitId: z.string(),
    code: z.string(),
    name: LocalTextDtoSchema,
    hours: OpeningHoursSchema,
    officerOnDutyId: z.string().nullable(),
    /** Absent = 'always'; 'after-service': the kiosk rates only sessions opened by the service. */
    ratingMode: z.enum(['always', 'after-service']).optional(),
    /** Absent or true: in use. False: deactivated (kept, with its history). */
    active: z.boolean().optional(),
  })
  .meta({ id: 'ServicePoint' });
export type ServicePoint = z.infer<typeof ServicePointSchema>;

export const OfficerSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    unitId: z.string(),
    name: z.string(),
    title: LocalTextDtoSchema.optional(),
    photoUrl: z.string().nullable().optional(),
    /** Shown instead of a photo (e.g. "NVM"). */
    initials: z.string().nullable().optional(),
    active: z.boolean(),
    /** Whether the officer has a PIN for the officer page (the PIN itself is never shown). Absent: never set. */
    pinSet: z.boolean().optional(),
  })
  .meta({ id: 'Officer' });
export type Officer = z.infer<typeof OfficerSchema>;

export const ProcedureSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    /** National code of the administrative procedure (mã TTHC). */
    code: z.string(),
    name: LocalTextDtoSchema,
    /** Field (lĩnh vực). */
    field: LocalTextDtoSchema,
    /** Set when the procedure is on one unit's list only (answered at that unit's counters); absent or null: the organisation's list. */
    unitId: z.string().nullable().optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'Procedure' });
export type Procedure = z.infer<typeof ProcedureSchema>;

export const SurveyDefinitionDtoSchema = SurveyDefinitionSchema.meta({ id: 'SurveyDefinition' });

export const SurveyVersionSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    /** Stable key of the survey; versions of one survey share it. */
    key: z.string(),
    version: z.number().int(),
    definition: SurveyDefinitionDtoSchema,
    createdAt: IsoTimeSchema,
    /** Set when the first response uses it: from then on it never changes. */
    lockedAt: z.string().nullable().optional(),
    /** Set when it was first activated (office or counter): from then on it never changes. */
    activatedAt: z.string().nullable().optional(),
    /** The version it was copied from (issue 11: new versions are copies with edits). */
    copiedFrom: z.string().nullable().optional(),
  })
  .meta({ id: 'SurveyVersion' });
export type SurveyVersion = z.infer<typeof SurveyVersionSchema>;

export const UnitListSchema = itemsOf(UnitSchema).meta({ id: 'UnitList' });
export const ServicePointListSchema = itemsOf(ServicePointSchema).meta({ id: 'ServicePointList' });
export const OfficerListSchema = itemsOf(OfficerSchema).meta({ id: 'OfficerList' });
export const ProcedureListSchema = itemsOf(ProcedureSchema).meta({ id: 'ProcedureList' });
export const SurveyVersionListSchema = itemsOf(SurveyVersionSchema).meta({ id: 'SurveyVersionList' });
export type UnitList = z.infer<typeof UnitListSchema>;
export type ServicePointList = z.infer<typeof ServicePointListSchema>;
export type OfficerList = z.infer<typeof OfficerListSchema>;
export type ProcedureList = z.infer<typeof ProcedureListSchema>;
export type SurveyVersionList = z.infer<typeof SurveyVersionListSchema>;

/** PUT /service-points/:id/duty: who serves at the counter now (null: nobody). Answers the service point. */
export const DutyBodySchema = z.object({ officerId: IdSchema.nullable() }).meta({ id: 'DutyBody' });
export type DutyBody = z.infer<typeof DutyBodySchema>;

/** One stretch of duty at a counter: who (null: nobody), from when, until when (null: still), and who set it. */
export const DutyPeriodSchema = z
  .object({
    servicePointId: z.string(),
    unitId: z.string(),
    officerId: z.string().nullable(),
    from: IsoTimeSchema,
    to: IsoTimeSchema.nullable(),
    setBy: z.string(),
  })
  .meta({ id: 'DutyPeriod' });
export type DutyPeriod = z.infer<typeof DutyPeriodSchema>;
export const DutyHistorySchema = z.object({ items: z.array(DutyPeriodSchema) }).meta({ id: 'DutyHistory' });
export type DutyHistory = z.infer<typeof DutyHistorySchema>;

/** A path parameter `:id`. */
export const IdParamsSchema = z.object({ id: z.string().max(200) });

// ---- structure writes (structure.routes) --------------------------------------
//   POST/PATCH /units · /service-points · /officers · /procedures, POST /procedures/import
//   Nothing is deleted: `active: false` deactivates, and the audit log keeps before/after.

const name = (max = 200) => z.object({ vi: z.string().trim().min(1).max(max), en: z.string().trim().max(max).default('') });
const code = (max: number) => z.string().trim().min(1).max(max).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ - only');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const SessionSchema = z.object({ open: hhmm, close: hhmm }).refine((s) => s.open < s.close, { message: 'closes before it opens', path: ['close'] });
const sessions = z.array(SessionSchema).max(4);

/** Opening hours as written: weekdays open, their sessions (per weekday where they differ), holidays. */
export const OpeningHoursInputSchema = z
  .object({
    weekdays: z.array(z.number().int().min(0).max(6)).max(7).refine((d) => new Set(d).size === d.length, 'each weekday once'),
    sessions,
    /** Sessions of a weekday ("0" = Sunday … "6") that differs from `sessions`, e.g. Saturday morning only. */
    perDay: z.partialRecord(z.enum(['0', '1', '2', '3', '4', '5', '6']), sessions).optional(),
    holidays: z.array(z.iso.date()).max(100),
  })
  .meta({ id: 'OpeningHoursInput' });

export const UnitCreateBodySchema = z.object({ code: code(20), name: name() }).strict().meta({ id: 'UnitCreateBody' });
export const UnitPatchBodySchema = z.object({ code: code(20).optional(), name: name().optional(), active: z.boolean().optional() }).strict().meta({ id: 'UnitPatchBody' });

export const ServicePointCreateBodySchema = z
  .object({ code: code(20), name: name(), unitId: IdSchema, hours: OpeningHoursInputSchema })
  .strict()
  .meta({ id: 'ServicePointCreateBody' });
export const ServicePointPatchBodySchema = z
  .object({ code: code(20).optional(), name: name().optional(), unitId: IdSchema.optional(), hours: OpeningHoursInputSchema.optional(), active: z.boolean().optional() })
  .strict()
  .meta({ id: 'ServicePointPatchBody' });

const initials = z.string().trim().min(1).max(4);
const title = z.object({ vi: z.string().trim().max(120), en: z.string().trim().max(120).default('') });
export const OfficerCreateBodySchema = z
  .object({ name: z.string().trim().min(1).max(120), unitId: IdSchema, title: title.optional(), initials: initials.optional() })
  .strict()
  .meta({ id: 'OfficerCreateBody' });
export const OfficerPatchBodySchema = z
  .object({ name: z.string().trim().min(1).max(120).optional(), unitId: IdSchema.optional(), title: title.optional(), initials: initials.nullable().optional(), active: z.boolean().optional() })
  .strict()
  .meta({ id: 'OfficerPatchBody' });

export const ProcedureCreateBodySchema = z
  .object({ code: z.string().trim().min(1).max(40), name: name(500), field: name() })
  .strict()
  .meta({ id: 'ProcedureCreateBody' });
export const ProcedurePatchBodySchema = z
  .object({ code: z.string().trim().min(1).max(40).optional(), name: name(500).optional(), field: name().optional(), active: z.boolean().optional() })
  .strict()
  .meta({ id: 'ProcedurePatchBody' });

export type UnitCreateBody = z.input<typeof UnitCreateBodySchema>;
export type UnitPatchBody = z.input<typeof UnitPatchBodySchema>;
export type ServicePointCreateBody = z.input<typeof ServicePointCreateBodySchema>;
export type ServicePointPatchBody = z.input<typeof ServicePointPatchBodySchema>;
export type OfficerCreateBody = z.input<typeof OfficerCreateBodySchema>;
export type OfficerPatchBody = z.input<typeof OfficerPatchBodySchema>;
export type ProcedureCreateBody = z.input<typeof ProcedureCreateBodySchema>;
export type ProcedurePatchBody = z.input<typeof ProcedurePatchBodySchema>;
export type OpeningHoursInput = z.infer<typeof OpeningHoursInputSchema>;

/**
 * POST /procedures/import: the national database's export (code, name, field),
 * as CSV text (a BOM, Windows line endings, `;` or `,` and Vietnamese
 * diacritics are all fine). `dryRun: true` (the default) only answers the
 * preview; `false` writes the good rows and never a bad one.
 */
export const ProcedureImportBodySchema = z
  .object({ csv: z.string().min(1).max(240_000), dryRun: z.boolean().default(true) })
  .strict()
  .meta({ id: 'ProcedureImportBody' });
export type ProcedureImportBody = z.input<typeof ProcedureImportBodySchema>;

/**
 * POST /procedures/import/file: the file itself as the body, an XLSX
 * workbook (its media type) or CSV text (`text/csv`, UTF-8), up to 8 MB, so a
 * national list of thousands of rows fits. Same preview and rules as the
 * JSON form; `dryRun=false` writes.
 */
export const ProcedureFileImportQuerySchema = z
  .object({ dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true') })
  .strict()
  .meta({ id: 'ProcedureFileImportQuery' });
export const PROCEDURE_FILE_MAX_BYTES = 8 * 1024 * 1024;

export const ImportRowSchema = z
  .object({
    /** The file's line number (the header is line 1). */
    line: z.number().int(),
    code: z.string(),
    name: z.string(),
    field: z.string(),
    status: z.enum(['new', 'update', 'unchanged', 'error']),
    errors: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .meta({ id: 'ProcedureImportRow' });
export type ImportRow = z.infer<typeof ImportRowSchema>;

export const ProcedureImportResultSchema = z
  .object({
    rows: z.array(ImportRowSchema),
    counts: z.object({ new: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
    /** True when this call wrote the good rows (dryRun false). */
    written: z.boolean(),
  })
  .meta({ id: 'ProcedureImportResult' });
export type ProcedureImportResult = z.infer<typeof ProcedureImportResultSchema>;
