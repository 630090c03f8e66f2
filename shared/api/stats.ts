/**
 * GET /stats/summary | /stats/timeseries | /stats/breakdown: figures from the
 * pre-aggregated buckets, always with n and a Wilson interval.
 */
import { z } from 'zod';
import { CRITERION_CODES, ELEMENT_CODES } from '../sipas';
import { IndexMethodSchema } from './organisation';
import { DateOrTimeSchema, IsoTimeSchema, IntervalSchema, RateSummarySchema, ScoreCountsSchema } from './common';
import { BucketSizeSchema, ChannelSchema, GroupDimensionSchema, VerifiedModeSchema } from './dimensions';

const QueryId = z.string().max(64);

/** One query for the three stats endpoints (each reads the fields it needs). Default range: the last 30 Vietnam days. */
export const StatsQuerySchema = z.object({
  from: DateOrTimeSchema.optional(),
  to: DateOrTimeSchema.optional(),
  unitId: QueryId.optional(),
  servicePointId: QueryId.optional(),
  officerId: QueryId.optional(),
  procedureId: QueryId.optional(),
  /** National procedure code (mã TTHC), instead of procedureId. */
  procedureCode: z.string().max(64).optional(),
  channel: ChannelSchema.optional(),
  /** Headline default follows the organisation (verified only unless configured otherwise). */
  verified: VerifiedModeSchema.optional(),
  bucket: BucketSizeSchema.default('day'),
  groupBy: GroupDimensionSchema.default('servicePointId'),
  /** Breakdown only: `true` adds each row's rate per day, week or month (by the range's length) for a small trend. */
  trend: z.enum(['true', 'false']).optional(),
});
export type StatsQuery = z.infer<typeof StatsQuerySchema>;

const CriterionSchema = z.enum(CRITERION_CODES);
const ElementSchema = z.enum(ELEMENT_CODES);

export const RateWithDistributionSchema = RateSummarySchema.extend({ distribution: ScoreCountsSchema }).meta({ id: 'RateWithDistribution' });

/** shared/satisfaction `IndexResult`. */
export const IndexResultSchema = z
  .object({
    criteria: z.partialRecord(CriterionSchema, z.object({ rate: z.number().nullable(), n: z.number().int(), s: z.number().int() })),
    elements: z.partialRecord(ElementSchema, z.number().nullable()),
    serviceIndex: z.number().nullable().meta({
      description:
        'The service index (chỉ số phục vụ): mean of the element indices. The office\'s own figure for the service part, never the province\'s SIPAS score.',
    }),
    aggregation: IndexMethodSchema.meta({ description: 'How the element indices were formed: mean of criteria, or all criterion answers pooled.' }),
    sipas: z.number().nullable().meta({ deprecated: true, description: 'Deprecated: the same number as serviceIndex, under its old name.' }),
  })
  .meta({ id: 'IndexResult' });

const IntegrityCountsSchema = z.object({ none: z.number(), some: z.number(), many: z.number() });

/** shared/satisfaction `IntegrityShares`: H or M as none / some / many, only with n ≥ the minimum sample. */
export const IntegritySharesSchema = z
  .object({
    n: z.number().int(),
    minSample: z.number().int(),
    /** false: fewer answers than the minimum sample; counts and shares are then null, never shown. */
    enough: z.boolean(),
    counts: IntegrityCountsSchema.nullable(),
    shares: IntegrityCountsSchema.nullable(),
  })
  .meta({ id: 'IntegrityShares', description: 'A categorical question (H harassment, M informal payments) as shares; never part of any rate.' });

/**
 * Which stored figures answered: one dimension's rollup (`rollup:org`, `rollup:unit`…) or,
 * for a crossed filter (two entities at once, or grouped by another entity), the crossed aggregates.
 */
export const FiguresSourceSchema = z
  .enum(['rollup:org', 'rollup:unit', 'rollup:counter', 'rollup:officer', 'rollup:procedure', 'crossed'])
  .meta({ id: 'FiguresSource' });

export const StatsSummarySchema = z
  .object({
    /** The range read: an edge older than the hour retention is widened to its whole day. */
    from: IsoTimeSchema,
    to: IsoTimeSchema,
    source: FiguresSourceSchema,
    target: z.number(),
    responses: z.number().int(),
    comments: z.number().int(),
    overall: RateWithDistributionSchema.extend({ notApplicable: z.number().int() }),
    indices: IndexResultSchema,
    criteria: z.partialRecord(CriterionSchema, RateWithDistributionSchema),
    /** Picks of every multiple-choice option: question id → option id → count (H and M only under `integrity`). */
    choices: z.record(z.string(), z.record(z.string(), z.number().int())),
    integrity: z.object({ H: IntegritySharesSchema, M: IntegritySharesSchema }),
    /**
     * true: the query names an officer (`officerId`) and that officer has
     * fewer answers than the organisation's minimum sample. Only `overall.n`,
     * `responses` and `comments` are given; every figure from the ratings is
     * withheld (rate, interval, gap null; s, distribution, notApplicable 0;
     * indices, criteria, choices empty; integrity not enough).
     */
    hidden: z.literal(true).optional(),
  })
  .meta({
    id: 'StatsSummary',
    description: 'With `officerId`, below the minimum sample only n is given (`hidden: true`), so nobody is judged on a handful of ratings.',
  });
export type StatsSummary = z.infer<typeof StatsSummarySchema>;

export const SeriesPointSchema = z
  .object({
    bucket: IsoTimeSchema,
    responses: z.number().int(),
    n: z.number().int(),
    s: z.number().int(),
    rate: z.number().nullable(),
    interval: IntervalSchema.nullable(),
    /**
     * true: the query names an officer and this bucket has 1 … minimum sample − 1
     * answers; n and responses are given, s is 0 and rate and interval are null.
     * Each bucket is judged on its own n, so a month can be shown while its thin weeks are not.
     */
    hidden: z.literal(true).optional(),
  })
  .meta({ id: 'SeriesPoint' });
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const StatsTimeseriesSchema = z
  .object({ bucket: BucketSizeSchema, target: z.number(), source: FiguresSourceSchema, points: z.array(SeriesPointSchema) })
  .meta({ id: 'StatsTimeseries' });
export type StatsTimeseries = z.infer<typeof StatsTimeseriesSchema>;

export const BreakdownRowSchema = z
  .object({
    /** The group's value: an id, a channel, or `'true'`/`'false'` for verified; `''` = none. */
    key: z.string(),
    responses: z.number().int(),
    overall: RateWithDistributionSchema,
    /**
     * true: an officer with fewer answers than the organisation's minimum
     * sample. Only n and responses are given; s, rate, interval and the
     * distribution are withheld (0 / null), so nobody is judged on a handful of ratings.
     */
    hidden: z.literal(true).optional(),
    /** With `trend=true`: the row's overall rate per bucket, oldest first (every bucket of the range, empty ones with n 0). */
    trend: z
      .object({ size: BucketSizeSchema, points: z.array(z.object({ bucket: IsoTimeSchema, n: z.number().int(), rate: z.number().nullable() })) })
      .optional(),
  })
  .meta({ id: 'BreakdownRow' });
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>;

export const StatsBreakdownSchema = z
  .object({ groupBy: GroupDimensionSchema, target: z.number(), source: FiguresSourceSchema, rows: z.array(BreakdownRowSchema) })
  .meta({ id: 'StatsBreakdown' });
export type StatsBreakdown = z.infer<typeof StatsBreakdownSchema>;

/** GET /stats/kiosk-health: the overview's kiosk summary (a unit head: their unit's kiosks). */
const KioskHealthDeviceSchema = z.object({ deviceId: z.string(), name: z.string(), servicePointId: z.string(), lastSeenAt: IsoTimeSchema.nullable() });
export const KioskHealthSchema = z
  .object({
    at: IsoTimeSchema,
    total: z.number().int(),
    online: z.number().int(),
    atOpenCounters: z.number().int(),
    silentMinutes: z.number().int(),
    silent: z.array(KioskHealthDeviceSchema),
    longestOutbox: KioskHealthDeviceSchema.extend({ outbox: z.number().int(), oldestQueuedMs: z.number() }).nullable(),
  })
  .meta({ id: 'KioskHealth' });
export type KioskHealth = z.infer<typeof KioskHealthSchema>;
