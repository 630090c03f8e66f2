/**
 * What both store adapters take from the domain: merging deltas per bucket,
 * filters that match nothing, metric prefixes, and a filter as conditions.
 */
import { describe, expect, it } from 'vitest';
import {
  BUCKET_KEY,
  aggregateMatch,
  bucketKeyOf,
  matchesNothing,
  mergeDeltas,
  splitMetrics,
} from '../../server/domain/aggregation';
import type { AggregateDelta } from '../../server/store/types';

/** One bucket's key, then a rating of 5 in it. */
const KEY = { grain: 'hour', bucket: 1_736_125_200_000, orgId: 'org-1', metric: 'q:O' } as const;
const DIMS = { unitId: 'u1', servicePointId: 'sp1', officerId: '', procedureId: '', channel: 'kiosk', verified: true } as const;
const delta = (over: Partial<AggregateDelta> = {}): AggregateDelta => ({ ...KEY, ...DIMS, c: [0, 0, 0, 0, 1], na: 0, n: 0, ...over });

describe('bucketKeyOf', () => {
  /** For each key field, a delta that differs from delta() in that field only. */
  const other: { [F in (typeof BUCKET_KEY)[number]]: Partial<AggregateDelta> } = {
    ...{ grain: { grain: 'day' }, orgId: { orgId: 'org-2' }, bucket: { bucket: 1 }, metric: { metric: 'resp' } },
    ...{ unitId: { unitId: 'u2' }, servicePointId: { servicePointId: 'sp2' }, officerId: { officerId: 'o1' } },
    ...{ procedureId: { procedureId: 'p1' }, channel: { channel: 'qr' }, verified: { verified: false } },
  };

  for (const f of BUCKET_KEY) {
    it(`tells apart two deltas that differ only in ${f}`, () => {
      expect(bucketKeyOf(delta(other[f]))).not.toBe(bucketKeyOf(delta()));
    });
  }

  it('is the same for two deltas of one bucket whatever their counts', () => {
    expect(bucketKeyOf(delta({ c: [1, 0, 0, 0, 0], na: 3, n: 2 }))).toBe(bucketKeyOf(delta()));
  });

  it('does not run two ids together (u1 + sp12 is not u11 + sp2)', () => {
    expect(bucketKeyOf(delta({ unitId: 'u1', servicePointId: 'sp12' }))).not.toBe(
      bucketKeyOf(delta({ unitId: 'u1sp1', servicePointId: '2' })),
    );
  });
});

describe('mergeDeltas', () => {
  it('adds up the deltas of one bucket: scores, not-applicable and plain counts', () => {
    const merged = mergeDeltas([delta({ c: [1, 0, 0, 0, 0], na: 1 }), delta({ c: [0, 0, 0, 2, 1], n: 1 })]);
    expect(merged).toEqual([delta({ c: [1, 0, 0, 2, 1], na: 1, n: 1 })]);
  });

  it('keeps buckets apart that differ in one dimension, in the order first seen', () => {
    const merged = mergeDeltas([delta(), delta({ verified: false }), delta(), delta({ officerId: 'o1' })]);
    expect(merged.map((d) => [d.verified, d.officerId, d.c[4]])).toEqual([
      [true, '', 2],
      [false, '', 1],
      [true, 'o1', 1],
    ]);
  });

  it('leaves its input untouched', () => {
    const a = delta();
    const b = delta();
    mergeDeltas([a, b]);
    expect(a).toEqual(delta());
    expect(b).toEqual(delta());
  });

  it('cancels a response and its exclusion to zero counts', () => {
    expect(mergeDeltas([delta(), delta({ c: [0, 0, 0, 0, -1] })])).toEqual([delta({ c: [0, 0, 0, 0, 0] })]);
  });

  it('of nothing is nothing', () => {
    expect(mergeDeltas([])).toEqual([]);
  });
});

describe('matchesNothing', () => {
  it('is true for an empty unit scope or an empty metric list', () => {
    expect(matchesNothing({ unitIds: [] })).toBe(true);
    expect(matchesNothing({ metrics: [] })).toBe(true);
    expect(matchesNothing({ unitIds: ['u1'], metrics: [] })).toBe(true);
  });

  it('is false when a list is absent (no restriction) or not empty', () => {
    expect(matchesNothing({})).toBe(false);
    expect(matchesNothing({ unitIds: ['u1'], metrics: ['resp'] })).toBe(false);
  });
});

describe('splitMetrics', () => {
  it('reads a trailing * as a prefix and everything else as an exact name, keeping the order', () => {
    expect(splitMetrics(['resp', 'm:reasons:*', 'q:O', 'q:*'])).toEqual({
      exact: ['resp', 'q:O'],
      prefixes: ['m:reasons:', 'q:'],
    });
  });

  it('takes only a trailing * as a wildcard', () => {
    expect(splitMetrics(['m:*x'])).toEqual({ exact: ['m:*x'], prefixes: [] });
  });
});

describe('aggregateMatch', () => {
  it('is null when the filter can match nothing', () => {
    expect(aggregateMatch({ orgId: 'org-1', unitIds: [] })).toBeNull();
    expect(aggregateMatch({ orgId: 'org-1', metrics: [] })).toBeNull();
  });

  it('of the organisation alone pins nothing', () => {
    expect(aggregateMatch({ orgId: 'org-1' })).toEqual({ orgId: 'org-1', equal: [] });
  });

  it('pins the given dimensions in registry order, keeping false and empty values', () => {
    const m = aggregateMatch({
      orgId: 'org-1',
      verified: false,
      channel: 'qr',
      officerId: '',
      servicePointId: 'sp1',
      procedureId: undefined,
    });
    expect(m?.equal).toEqual([
      { dimension: 'servicePointId', value: 'sp1' },
      { dimension: 'officerId', value: '' },
      { dimension: 'channel', value: 'qr' },
      { dimension: 'verified', value: false },
    ]);
  });

  it('passes the unit scope on and splits the metrics', () => {
    expect(aggregateMatch({ orgId: 'org-1', unitIds: ['u1', 'u2'], metrics: ['resp', 'q:*'] })).toEqual({
      orgId: 'org-1',
      unitIds: ['u1', 'u2'],
      equal: [],
      metrics: { exact: ['resp'], prefixes: ['q:'] },
    });
  });
});
