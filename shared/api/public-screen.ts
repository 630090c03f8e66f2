/**
 * The public waiting-room screen (issue 12 item 8): `/screen/<code>` shows an
 * organisation's (or one unit's) satisfaction figures on a TV, read-only and
 * without login.
 *
 *   GET /public/screens/:code   → PublicScreenSchema (404 unknown code, 403 screen off)
 *   socket.io namespace `/screen`, handshake `auth: { code }`: the server puts
 *   the socket in `org:<id>` or `unit:<id>` of that namespace and emits
 *   `screen:update` (a PublicScreen) on connect and after every change,
 *   `screen:off` when the organisation switches the screen off.
 *
 * Privacy: the DTO is a whitelist — figures, counter names and codes, the
 * office's name. Never a comment, an officer, a response, a device or anything
 * a citizen typed. The server parses every DTO through PublicScreenSchema
 * (unknown keys stripped) before it leaves, on HTTP and on the socket alike.
 *
 * What is shown is chosen per organisation (`publicScreen` on the
 * organisation, off by default): which parts, and optionally which units.
 */
import { z } from 'zod';
import { LocalTextDtoSchema } from './common';

export { SCREEN_NAMESPACE } from '../screen-protocol';

export const SCREEN_PARTS = ['today', 'month', 'counters'] as const;
export const ScreenPartSchema = z.enum(SCREEN_PARTS).meta({ id: 'ScreenPart' });
export type ScreenPart = z.infer<typeof ScreenPartSchema>;

/** A screen code as typed in the address: letters, digits, . _ - (matched without regard to case). */
export const ScreenCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ - only');

/** The organisation's screen settings as the admin reads them. */
export const PublicScreenSettingsSchema = z
  .object({
    /** Off by default: nothing is public until an admin says so. */
    enabled: z.boolean(),
    /** The organisation's screen code: /screen/<code>. Units use their own unit code. */
    code: z.string(),
    parts: z.array(ScreenPartSchema),
    /** Units whose screens may be opened and whose counters are listed; null: every unit. */
    unitIds: z.array(z.string()).nullable(),
  })
  .meta({ id: 'PublicScreenSettings' });
export type PublicScreenSettings = z.infer<typeof PublicScreenSettingsSchema>;

/** PATCH /organisation `publicScreen`: only the fields given change. */
export const PublicScreenPatchSchema = z
  .object({
    enabled: z.boolean().optional(),
    code: ScreenCodeSchema.optional(),
    parts: z
      .array(ScreenPartSchema)
      .min(1)
      .max(SCREEN_PARTS.length)
      .refine((p) => new Set(p).size === p.length, 'each part once')
      .optional(),
    unitIds: z.array(z.string().min(1).max(64)).max(200).nullable().optional(),
  })
  .strict()
  .meta({ id: 'PublicScreenPatch' });
export type PublicScreenPatch = z.infer<typeof PublicScreenPatchSchema>;

/**
 * One rate on the screen. `enough` is false below the organisation's minimum
 * sample: then `rate` is null and the screen says "not enough ratings yet"
 * (nobody is judged on five ratings). `meetsTarget` is null when not enough.
 */
export const ScreenFiguresSchema = z
  .object({
    n: z.number().int(),
    satisfied: z.number().int(),
    enough: z.boolean(),
    rate: z.number().nullable(),
    meetsTarget: z.boolean().nullable(),
  })
  .strict()
  .meta({ id: 'ScreenFigures' });
export type ScreenFigures = z.infer<typeof ScreenFiguresSchema>;

export const ScreenCounterSchema = z
  .object({
    code: z.string(),
    name: LocalTextDtoSchema,
    today: ScreenFiguresSchema.nullable(),
    month: ScreenFiguresSchema.nullable(),
  })
  .strict()
  .meta({ id: 'ScreenCounter' });
export type ScreenCounter = z.infer<typeof ScreenCounterSchema>;

/** Everything the public screen may show; nothing else leaves the server for it. */
export const PublicScreenSchema = z
  .object({
    kind: z.enum(['org', 'unit']),
    code: z.string(),
    /** The office's name; for a unit screen also the unit's. */
    organisation: LocalTextDtoSchema,
    unit: LocalTextDtoSchema.nullable(),
    target: z.number(),
    minSample: z.number().int(),
    parts: z.array(ScreenPartSchema),
    /** Local date (Asia/Ho_Chi_Minh) the figures are for, YYYY-MM-DD. */
    day: z.string(),
    at: z.string(),
    /** Null when the part is not shown. */
    today: ScreenFiguresSchema.nullable(),
    month: ScreenFiguresSchema.nullable(),
    counters: z.array(ScreenCounterSchema).nullable(),
  })
  .strict()
  .meta({ id: 'PublicScreen' });
export type PublicScreen = z.infer<typeof PublicScreenSchema>;

export const ScreenCodeParamsSchema = z.object({ code: z.string().max(64) });

export interface ScreenServerToClientEvents {
  'screen:update': (screen: PublicScreen) => void;
  'screen:off': () => void;
}
