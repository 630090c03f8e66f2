/**
 * GET /stats/summary | /stats/timeseries | /stats/breakdown: figures from the
 * pre-aggregated buckets, always with n and a Wilson interval.
 */
import { z } from 'zod';
import { CRITERION_CODES, ELEMENT_CODES } from '../sipas';
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
    sipas: z.number().nullable(),
  })
  .meta({ id: 'IndexResult' });

export const StatsSummarySchema = z
  .object({
    from: IsoTimeSchema,
    to: IsoTimeSchema,
    target: z.number(),
    responses: z.number().int(),
    comments: z.number().int(),
    overall: RateWithDistributionSchema.extend({ notApplicable: z.number().int() }),
    indices: IndexResultSchema,
    criteria: z.partialRecord(CriterionSchema, RateWithDistributionSchema),
    /** Picks of every multiple-choice option: question id → option id → count. */
    choices: z.record(z.string(), z.record(z.string(), z.number().int())),
  })
  .meta({ id: 'StatsSummary' });
export type StatsSummary = z.infer<typeof StatsSummarySchema>;

export const SeriesPointSchema = z
  .object({
    bucket: IsoTimeSchema,
    responses: z.number().int(),
    n: z.number().int(),
    s: z.number().int(),
    rate: z.number().nullable(),
    interval: IntervalSchema.nullable(),
  })
  .meta({ id: 'SeriesPoint' });
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const StatsTimeseriesSchema = z
  .object({ bucket: BucketSizeSchema, target: z.number(), points: z.array(SeriesPointSchema) })
  .meta({ id: 'StatsTimeseries' });
export type StatsTimeseries = z.infer<typeof StatsTimeseriesSchema>;

export const BreakdownRowSchema = z
  .object({
    /** The group's value: an id, a channel, or `'true'`/`'false'` for verified; `''` = none. */
    key: z.string(),
    responses: z.number().int(),
    overall: RateWithDistributionSchema,
  })
  .meta({ id: 'BreakdownRow' });
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>;

export const StatsBreakdownSchema = z
  .object({ groupBy: GroupDimensionSchema, target: z.number(), rows: z.array(BreakdownRowSchema) })
  .meta({ id: 'StatsBreakdown' });
export type StatsBreakdown = z.infer<typeof StatsBreakdownSchema>;
