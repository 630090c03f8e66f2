/**
 * Survey versions over HTTP (issue 11 item 11), served by server/http/surveys.routes.ts:
 *
 *   GET    /surveys/active             —                       → SurveyAssignmentsSchema   (who asks which version)
 *   GET    /surveys/:id                —                       → SurveyVersionDetailSchema (the version, its kiosk form, why it is locked)
 *   POST   /surveys                    SurveyCreateBodySchema  → SurveyVersionSchema (201) (a copy of `fromVersionId` with edits)
 *   PUT    /surveys/:id                SurveyUpdateBodySchema  → SurveyVersionSchema       (a draft only: 409 once active or answered)
 *   POST   /surveys/:id/activate       SurveyActivateBodySchema → SurveyAssignmentsSchema  (the office, or one counter)
 *   DELETE /service-points/:id/survey  —                       → SurveyAssignmentsSchema   (the counter asks the office's version again)
 *
 * The definition is validated by shared/survey.ts (SurveyDefinitionSchema) on the server, whose
 * issues come back as `definition.<path>`; a code that changes meaning is a 409 (SurveyCodeReusedError).
 */
import { z } from 'zod';
import { IsoTimeSchema } from './common';
import { SurveyVersionSchema } from './organisation';
import { KioskConfigSchema } from './devices';

const VersionId = z.string().min(1).max(200);

/** A new version: a copy of an existing one (its key and lineage) with the edited definition. */
export const SurveyCreateBodySchema = z
  .object({
    fromVersionId: VersionId,
    /** The whole edited definition (questions, kiosk form); checked against shared/survey.ts. */
    definition: z.unknown(),
  })
  .meta({ id: 'SurveyCreateBody' });
export type SurveyCreateBody = z.infer<typeof SurveyCreateBodySchema>;

/** Replaces the definition of a draft (never active, never answered). */
export const SurveyUpdateBodySchema = z.object({ definition: z.unknown() }).meta({ id: 'SurveyUpdateBody' });
export type SurveyUpdateBody = z.infer<typeof SurveyUpdateBodySchema>;

/** Absent or null `servicePointId`: the office's version; a counter id: that counter's override. */
export const SurveyActivateBodySchema = z
  .object({ servicePointId: z.string().min(1).max(200).nullable().optional() })
  .strict()
  .meta({ id: 'SurveyActivateBody' });
export type SurveyActivateBody = z.infer<typeof SurveyActivateBodySchema>;

/** Which version each place asks: the office's, and the counters that ask another one. */
export const SurveyAssignmentsSchema = z
  .object({
    organisation: z.string().nullable(),
    counters: z.array(z.object({ servicePointId: z.string(), surveyVersionId: z.string() })),
  })
  .meta({ id: 'SurveyAssignments' });
export type SurveyAssignments = z.infer<typeof SurveyAssignmentsSchema>;

/** Why a version may no longer change (empty: a draft, editable). */
export const SURVEY_LOCK_REASONS = ['active', 'was-active', 'answered'] as const;
export type SurveyLockReason = (typeof SURVEY_LOCK_REASONS)[number];

export const SurveyVersionDetailSchema = z
  .object({
    version: SurveyVersionSchema,
    /** What a counter kiosk shows of it (the same builder as GET /kiosk/config). */
    kiosk: KioskConfigSchema.shape.survey,
    lockedBecause: z.array(z.enum(SURVEY_LOCK_REASONS)),
    /** Asked now by the office (organisation) and/or these counters. */
    activeFor: z.object({ organisation: z.boolean(), servicePointIds: z.array(z.string()) }),
    checkedAt: IsoTimeSchema,
  })
  .meta({ id: 'SurveyVersionDetail' });
export type SurveyVersionDetail = z.infer<typeof SurveyVersionDetailSchema>;
