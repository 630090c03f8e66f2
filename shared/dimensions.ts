/**
 * The dimensions every aggregate bucket is keyed by, and the channels a
 * response arrives through: declared once, here, for the server and its
 * clients (filter bars, breakdown pickers). How each dimension is read off a
 * stored response is in server/domain/dimensions.ts.
 *
 * Adding a dimension: one entry in DIMENSIONS and DIMENSION_KINDS, its
 * derivation in server/domain/dimensions.ts, and a migration in each store
 * (a SQLite column in the aggregates' unique key; a new Mongo unique index
 * in place of the old one). The compiler names the places that spell the
 * dimensions out for speed (deltasFor, the SQLite column map) and
 * test/unit/aggregation.test.ts the bucket key; the stats query's filter
 * parameter is added by hand.
 */
import { z } from 'zod';

export const CHANNELS = ['kiosk', 'qr', 'link'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

/**
 * In bucket-key order: both stores' unique keys list the dimensions in this
 * order after (grain, org, bucket), so reordering it means a migration.
 */
export const DIMENSIONS = ['unitId', 'servicePointId', 'officerId', 'procedureId', 'channel', 'verified'] as const;
export const DimensionSchema = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof DimensionSchema>;

/**
 * What a bucket holds for each dimension: an id ('' = none), a channel, or a
 * yes/no flag (a grouped row names its flag groups 'true' and 'false').
 */
export const DIMENSION_KINDS = {
  unitId: 'id',
  servicePointId: 'id',
  officerId: 'id',
  procedureId: 'id',
  channel: 'channel',
  verified: 'flag',
} as const satisfies Record<Dimension, 'id' | 'channel' | 'flag'>;
export type DimensionKind = (typeof DIMENSION_KINDS)[Dimension];

interface KindValue {
  id: string;
  channel: Channel;
  flag: boolean;
}
/** A bucket's value of each dimension. */
export type DimensionValues = { [D in Dimension]: KindValue[(typeof DIMENSION_KINDS)[D]] };

/** How a stats query filters the verified flag: the headline default is the organisation's. */
export const VERIFIED_FILTERS = ['only', 'all', 'unverified'] as const;
export const VerifiedFilterSchema = z.enum(VERIFIED_FILTERS);
export type VerifiedFilter = z.infer<typeof VerifiedFilterSchema>;

/** The name a grouped row gives its group: '' for no id, 'true'/'false' for a flag. */
export function groupName(d: Dimension, value: string | boolean | null | undefined): string {
  return DIMENSION_KINDS[d] === 'flag' ? String(value === true) : String(value ?? '');
}
