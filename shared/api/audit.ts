/** GET /audit (admin, manager): every admin change, newest first. Append-only. */
import { z } from 'zod';
import { DateOrTimeSchema, IsoTimeSchema, itemsOf } from './common';

/**
 * Deliberately lenient, as the endpoint has always been: a missing or
 * unreadable value falls back to the default instead of a 400, and limit is
 * capped at 500.
 */
const lenientInt = (fallback: number, read: (n: number) => number, doc: Record<string, unknown>) =>
  z
    .unknown()
    .optional()
    .transform((v) => read(Number(v ?? fallback) || fallback))
    .meta({ override: { type: 'integer', default: fallback, ...doc } });

export const AuditQuerySchema = z.object({
  limit: lenientInt(100, (n) => Math.min(500, n), { maximum: 500 }),
  offset: lenientInt(0, (n) => Math.max(0, n), { minimum: 0 }),
  /** Who: part of the actor (an e-mail, `device:<id>`, `system`), any case. */
  actor: z.string().trim().max(200).optional(),
  /** What: an action (`user.update`) or a group of them ending in `.` (`user.`). */
  action: z.string().trim().max(100).optional(),
  /** On which record (its id). */
  target: z.string().trim().max(200).optional(),
  /** When: from this day or instant (inclusive) to that one (a day: to its end). */
  from: DateOrTimeSchema.optional(),
  to: DateOrTimeSchema.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    at: IsoTimeSchema,
    /** An e-mail, `device:<id>` or `system`. */
    actor: z.string(),
    /** e.g. `response.exclude`, `duty.set`, `device.revoke`. */
    action: z.string(),
    target: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** `total`: how many entries match the filters in all (for paging). */
export const AuditListSchema = itemsOf(AuditEntrySchema).extend({ total: z.number().int().optional() }).meta({ id: 'AuditList' });
export type AuditList = z.infer<typeof AuditListSchema>;
