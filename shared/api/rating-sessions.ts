/**
 * Rating sessions (issue 15): on an after-service counter the kiosk rates
 * only a session opened by the service for the citizen just served.
 *   POST /rating-sessions — the one-stop or queue software (integration key)
 *   POST /officer/sign-in — the officer page: counter code + officer PIN → token
 *   GET  /officer/context · POST /officer/invitations — officer token or admin session
 *   PUT  /officers/:id/pin · PUT /service-points/:id/rating-mode — admin
 * No answer ever says how the citizen rated.
 */
import { z } from 'zod';
import { IsoTimeSchema, LocalTextDtoSchema } from './common';
import { PinSchema } from './kiosk-mode';

export const RatingModeSchema = z.enum(['always', 'after-service']).meta({ id: 'RatingMode', description: 'always = luôn hiện các mặt; after-service = chỉ khi cán bộ/phần mềm mời' });

const CounterCode = z.string().trim().min(1).max(32);
const ProcedureCode = z.string().trim().min(1).max(64);

export const OpenRatingSessionBodySchema = z
  .object({
    counter: CounterCode,
    procedureCode: ProcedureCode.optional(),
    /** The dossier (hồ sơ) served; stored only as a keyed hash, it makes the rating count for that dossier. */
    dossierRef: z.string().trim().min(1).max(200).optional(),
    /** The queue ticket number; stored only as a keyed hash. */
    ticket: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .meta({ id: 'OpenRatingSessionBody' });
export type OpenRatingSessionBody = z.infer<typeof OpenRatingSessionBodySchema>;

/** 201: the session is on the kiosk's screen; it expires by itself. */
export const RatingSessionOpenedSchema = z
  .object({ id: z.string(), counter: z.string(), procedureCode: z.string().nullable(), expiresAt: IsoTimeSchema })
  .meta({ id: 'RatingSessionOpened' });
export type RatingSessionOpened = z.infer<typeof RatingSessionOpenedSchema>;

export const OfficerSignInBodySchema = z.object({ counter: CounterCode, pin: z.string().max(16) }).strict().meta({ id: 'OfficerSignInBody' });
export type OfficerSignInBody = z.infer<typeof OfficerSignInBodySchema>;

export const OfficerContextSchema = z
  .object({
    officer: z.object({ id: z.string(), name: z.string() }).nullable(),
    counter: z.object({ code: z.string(), name: LocalTextDtoSchema, ratingMode: RatingModeSchema }),
    procedures: z.array(z.object({ code: z.string(), name: LocalTextDtoSchema })),
  })
  .meta({ id: 'OfficerContext' });
export type OfficerContext = z.infer<typeof OfficerContextSchema>;

export const OfficerSignedInSchema = z
  .object({ token: z.string(), expiresAt: IsoTimeSchema, context: OfficerContextSchema })
  .meta({ id: 'OfficerSignedIn' });
export type OfficerSignedIn = z.infer<typeof OfficerSignedInSchema>;

/** `counter` is needed only with an admin session; an officer's token names its counter. */
export const OfficerContextQuerySchema = z.object({ counter: CounterCode.optional() });
export const OfficerInviteBodySchema = z
  .object({ counter: CounterCode.optional(), procedureCode: ProcedureCode.optional() })
  .strict()
  .meta({ id: 'OfficerInviteBody' });
export type OfficerInviteBody = z.infer<typeof OfficerInviteBodySchema>;

export const OfficerPinBodySchema = z.object({ pin: PinSchema.nullable() }).strict().meta({ id: 'OfficerPinBody' });
export const RatingModeBodySchema = z.object({ ratingMode: RatingModeSchema }).strict().meta({ id: 'RatingModeBody' });
