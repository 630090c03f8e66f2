/**
 * The office and its structure: organisation → units → service points
 * (counters, quầy) with officers on duty; procedures (TTHC); survey versions.
 *   GET/PATCH /organisation · GET /units · GET /service-points · GET /officers
 *   GET /procedures · GET /surveys · PUT /service-points/:id/duty
 */
import { z } from 'zod';
import { SurveyDefinitionSchema } from '../survey';
import { IdSchema, IsoTimeSchema, LocalTextDtoSchema, itemsOf } from './common';

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
    /** Read-only: the server's PUBLIC_URL, printed on posters and QR codes (shown for checking; a localhost one will not work on phones). */
    publicUrl: z.string().optional(),
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
  })
  .meta({ id: 'OrganisationPatch' });
export type OrganisationPatch = z.infer<typeof OrganisationPatchSchema>;

export const UnitSchema = z
  .object({ id: z.string(), orgId: z.string(), code: z.string(), name: LocalTextDtoSchema })
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
    active: z.boolean(),
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

/** A path parameter `:id`. */
export const IdParamsSchema = z.object({ id: z.string().max(200) });
