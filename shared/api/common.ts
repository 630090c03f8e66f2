/**
 * Building blocks of the HTTP contract shared by every resource file. Plain
 * zod (with zod's own `.meta()` for documentation), so the same schemas
 * validate on the server, type the clients and generate the OpenAPI document.
 */
import { z } from 'zod';

/** A record id as the API sends it. Bounded like every id the server accepts. */
export const IdSchema = z.string().max(64);

/** ISO 8601 instant as the server writes it (`new Date().toISOString()`). */
export const IsoTimeSchema = z.string().meta({ format: 'date-time', example: '2026-01-15T02:30:00.000Z' });

/** Text shown to citizens and staff: Vietnamese first, English second. */
export const LocalTextDtoSchema = z
  .object({ vi: z.string(), en: z.string() })
  .meta({ id: 'LocalText', description: 'Tiếng Việt trước, tiếng Anh sau / Vietnamese first, English second' });

/** Counts of scores 1..5: index 0 holds the 1s, index 4 the 5s. */
export const ScoreCountsSchema = z
  .tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int(), z.number().int()])
  .meta({ id: 'ScoreCounts', description: 'Số lượt chấm 1..5 / counts of scores 1..5' });

export const IntervalSchema = z.object({ low: z.number(), high: z.number() }).meta({ id: 'Interval', description: 'Khoảng tin cậy Wilson 95% / 95% Wilson interval' });

export const TargetStatusSchema = z.enum(['no-data', 'meets', 'below', 'significantly-below']).meta({ id: 'TargetStatus' });

/** One rate with its count, interval and standing against the target (shared/satisfaction `RateSummary`). */
export const RateSummarySchema = z
  .object({
    n: z.number().int(),
    s: z.number().int(),
    rate: z.number().nullable(),
    interval: IntervalSchema.nullable(),
    status: TargetStatusSchema,
    /** Satisfied ratings still needed; null when no number can reach the target. */
    gap: z.number().int().nullable(),
  })
  .meta({ id: 'RateSummary' });

/** `{ items: [...] }`, the envelope of every list the API returns. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/**
 * Compile-time proof that a schema's inferred type and a hand-written type
 * are the same (both directions), so an interface kept for type-only
 * importers (the kiosk bundle carries no zod) cannot drift from its schema.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Assert<T extends true> = T;

/** A query date: `YYYY-MM-DD` (a Vietnam-time day) or an ISO time with offset. */
export const DateOrTimeSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .meta({ description: 'Ngày YYYY-MM-DD (giờ Việt Nam) hoặc thời điểm ISO 8601 có múi giờ / a Vietnam-time day or an ISO time with offset', example: '2026-01-15' });

/** A field description for the OpenAPI document: Vietnamese first, English second. */
export const describe = (vi: string, en: string): { description: string } => ({ description: `${vi} — ${en}` });
