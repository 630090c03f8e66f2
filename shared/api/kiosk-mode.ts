/**
 * The kiosk on an unattended counter tablet (issue 15): the staff corner's
 * PIN check. The kiosk sends the typed PIN; it never receives the PIN or its hash.
 */
import { z } from 'zod';

export const PinSchema = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');

/** POST /kiosk/staff-pin (device token). */
export const StaffPinBodySchema = z.object({ pin: z.string().max(16) }).meta({ id: 'StaffPinBody' });
export type StaffPinBody = z.infer<typeof StaffPinBodySchema>;

/** `not-set`: the office has no kiosk PIN yet (an admin sets it with PATCH /organisation `kioskPin`). */
export const StaffPinResultSchema = z
  .object({ result: z.enum(['ok', 'wrong', 'not-set']), attemptsLeft: z.number().int() })
  .meta({ id: 'StaffPinResult' });
export type StaffPinResult = z.infer<typeof StaffPinResultSchema>;
