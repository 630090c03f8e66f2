/**
 * Counter kiosks (admin, manager): create with a one-time enrolment code,
 * list, rename, re-issue the code, revoke. The kiosk itself trades the code
 * for a device token once (POST /devices/enrol, public) and then reads its
 * configuration (GET /kiosk/config, `Authorization: Bearer <device token>`).
 */
import { z } from 'zod';
import type { EnrolResult as EnrolResultType, KioskConfig as KioskConfigType } from '../kiosk-protocol';
import { IsoTimeSchema, LocalTextDtoSchema, type Assert, type Same } from './common';
import { OpeningHoursSchema } from './organisation';

export const DEVICE_STATES = ['enrolled', 'pending', 'expired', 'revoked'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];
export const DeviceStateSchema = z
  .enum(DEVICE_STATES)
  .meta({ id: 'DeviceState', description: 'enrolled = đã kích hoạt, pending = chờ nhập mã, expired = mã hết hạn, revoked = đã thu hồi' });

/** What the kiosk last reported in its heartbeat. */
export const DeviceStatusSchema = z
  .object({ online: z.boolean(), outbox: z.number().int(), oldestQueuedMs: z.number(), appVersion: z.string(), skewMs: z.number() })
  .meta({ id: 'DeviceStatus' });

/** A device as the admin API shows it: no token or code hashes. */
export const DeviceSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    servicePointId: z.string(),
    name: z.string(),
    state: DeviceStateSchema,
    /** When the current enrolment code stops working (null when none is pending). */
    enrolmentExpiresAt: z.string().nullable(),
    enrolledAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
    status: DeviceStatusSchema.nullable(),
  })
  .meta({ id: 'Device' });
export type Device = z.infer<typeof DeviceSchema>;

export const DeviceListSchema = z.object({ items: z.array(DeviceSchema) }).meta({ id: 'DeviceList' });
export type DeviceList = z.infer<typeof DeviceListSchema>;

/** A one-time enrolment code: shown once, formatted XXXX-XXXX; only its hash is kept. */
export const IssuedCodeSchema = z
  .object({
    code: z.string().meta({ example: 'ABCD-EFGH' }),
    expiresAt: IsoTimeSchema,
    /** Opening this on the kiosk enrols it without typing. */
    url: z.string(),
    /** The URL as a QR code (SVG), for the tablet's camera; given when a kiosk is created. */
    qrSvg: z.string().optional(),
  })
  .meta({ id: 'IssuedCode' });
export type IssuedCode = z.infer<typeof IssuedCodeSchema>;

export const DeviceCreateBodySchema = z
  .object({
    servicePointId: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(100).optional(),
  })
  .meta({ id: 'DeviceCreateBody' });
export type DeviceCreateBody = z.infer<typeof DeviceCreateBodySchema>;

/** 201: the device and its first code (the code is shown only in this answer). */
export const DeviceCreatedSchema = z.object({ device: DeviceSchema, enrolment: IssuedCodeSchema }).meta({ id: 'DeviceCreated' });
export type DeviceCreated = z.infer<typeof DeviceCreatedSchema>;

/** Rename a kiosk and/or move it to another counter (its token stays; ratings from then on count for the new counter). */
export const DeviceRenameBodySchema = z
  .object({ name: z.string().trim().min(1).max(100).optional(), servicePointId: z.string().trim().min(1).max(64).optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.servicePointId !== undefined, { message: 'give a name or a servicePointId' })
  .meta({ id: 'DeviceRenameBody' });
export type DeviceRenameBody = z.infer<typeof DeviceRenameBodySchema>;

export const EnrolBodySchema = z.object({ code: z.string().trim().min(1).max(32) }).meta({ id: 'EnrolBody' });
export type EnrolBody = z.infer<typeof EnrolBodySchema>;

// ---- what the kiosk reads (the interfaces in shared/kiosk-protocol.ts stay, for the zod-free kiosk bundle) ----

const KioskSurveySchema = z
  .object({
    versionId: z.string(),
    questionId: z.string(),
    question: LocalTextDtoSchema,
    scale: z.array(z.number().int()),
    followUpAtOrBelow: z.number().int(),
    reasons: z
      .object({ questionId: z.string(), question: LocalTextDtoSchema, options: z.array(z.object({ id: z.string(), text: LocalTextDtoSchema })) })
      .nullable(),
    commentMaxLength: z.number().int(),
  })
  .meta({ id: 'KioskSurvey' });

export const KioskConfigSchema = z
  .object({
    device: z.object({ id: z.string(), name: z.string() }),
    organisation: z.object({ id: z.string(), name: LocalTextDtoSchema, shortName: z.string().nullable() }),
    servicePoint: z.object({ id: z.string(), code: z.string(), name: LocalTextDtoSchema, active: z.boolean() }),
    officer: z.object({ id: z.string(), name: z.string(), title: LocalTextDtoSchema.nullable(), photoUrl: z.string().nullable(), initials: z.string().nullable().optional() }).nullable(),
    /** Null when the office has no active survey: the kiosk shows a neutral "not available" screen. */
    survey: KioskSurveySchema.nullable(),
    idleSeconds: z.number().int(),
    minGapSeconds: z.number().int(),
    thankYouSeconds: z.number().int().optional(),
    serverTime: IsoTimeSchema,
    hours: OpeningHoursSchema,
    ratingMode: z.enum(['always', 'after-service']),
  })
  .meta({ id: 'KioskConfig' });
export type KioskConfig = z.infer<typeof KioskConfigSchema>;

export const EnrolResultSchema = z
  .object({
    /** The device token: keep it on the kiosk, send it as `Authorization: Bearer <token>`. */
    token: z.string(),
    device: z.object({ id: z.string(), name: z.string(), servicePointId: z.string() }),
    config: KioskConfigSchema,
  })
  .meta({ id: 'EnrolResult' });
export type EnrolResult = z.infer<typeof EnrolResultSchema>;

// The kiosk's type-only view and these schemas are one contract.
export type _KioskConfigMatches = Assert<Same<KioskConfig, KioskConfigType>>;
export type _EnrolResultMatches = Assert<Same<EnrolResult, EnrolResultType>>;
