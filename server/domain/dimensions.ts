/**
 * How each aggregate dimension (shared/dimensions.ts) is read off a stored
 * response. The one place that decides which bucket a response counts in;
 * the typed record makes a dimension without a derivation a compile error.
 */
import { DIMENSIONS, type Dimension, type DimensionValues } from '../../shared/dimensions';
import type { AggregateKey, StoredResponse } from '../store/types';

export const DERIVE_DIMENSION: { readonly [D in Dimension]: (r: StoredResponse) => DimensionValues[D] } = {
  unitId: (r) => r.unitId,
  servicePointId: (r) => r.servicePointId,
  // Buckets hold '' for "none": a unique key over NULLs would not merge them.
  officerId: (r) => r.officerId ?? '',
  procedureId: (r) => r.procedureId ?? '',
  channel: (r) => r.channel,
  verified: (r) => r.verified,
};

/** The bucket dimensions a response counts under. */
export function aggregateKeyOf(r: StoredResponse): AggregateKey {
  const key: Record<string, string | boolean> = { orgId: r.orgId };
  for (const d of DIMENSIONS) key[d] = DERIVE_DIMENSION[d](r);
  // Every dimension was set just above from its typed derivation.
  return key as unknown as AggregateKey;
}

/** The dimensions a filter may pin to one value; the unit is filtered by a list (a unit head's scope). */
export type EqualityDimension = Exclude<Dimension, 'unitId'>;
export const EQUALITY_DIMENSIONS = DIMENSIONS.filter((d): d is EqualityDimension => d !== 'unitId');
