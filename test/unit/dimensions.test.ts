/**
 * The dimensions registry: every dimension has a kind and a derivation, the
 * zod enums are the arrays, and a response lands in the bucket its fields say.
 */
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  ChannelSchema,
  DIMENSIONS,
  DIMENSION_KINDS,
  DimensionSchema,
  VERIFIED_FILTERS,
  VerifiedFilterSchema,
  groupName,
} from '../../shared/dimensions';
import { CHANNELS as CHANNELS_OF_RESPONSES } from '../../shared/response.schema';
import { DERIVE_DIMENSION, EQUALITY_DIMENSIONS, aggregateKeyOf } from '../../server/domain/dimensions';
import { BUCKET_KEY } from '../../server/domain/aggregation';
import type { StoredResponse } from '../../server/store/types';

/** A verified kiosk rating of 5 with an officer and a procedure. */
const DIMS = { unitId: 'u1', servicePointId: 'sp1', officerId: 'o1', procedureId: 'p1', channel: 'kiosk', verified: true } as const;
const response = (over: Partial<StoredResponse> = {}): StoredResponse => ({
  ...{ id: 'r1', orgId: 'org-1', deviceId: 'd1', surveyVersionId: 'sv1', outsideHours: false, locale: 'vi' },
  ...{ overall: 5, answers: { O: 5 }, comment: null, clientTime: null, serverTime: '2025-01-06T01:00:00.000Z' },
  ...{ bodyHash: 'h', excluded: null },
  ...DIMS,
  ...over,
});

describe('dimension registry', () => {
  it('lists the six dimensions in bucket-key order', () => {
    expect(DIMENSIONS).toEqual(['unitId', 'servicePointId', 'officerId', 'procedureId', 'channel', 'verified']);
  });

  it('derives each zod enum from its array', () => {
    expect(DimensionSchema.options).toEqual([...DIMENSIONS]);
    expect(ChannelSchema.options).toEqual([...CHANNELS]);
    expect(VerifiedFilterSchema.options).toEqual([...VERIFIED_FILTERS]);
  });

  it('has the channels kiosk, qr and link, the same list the response schema exports', () => {
    expect(CHANNELS).toEqual(['kiosk', 'qr', 'link']);
    expect(CHANNELS_OF_RESPONSES).toBe(CHANNELS);
  });

  it('refuses a dimension or channel it does not list', () => {
    expect(DimensionSchema.safeParse('deviceId').success).toBe(false);
    expect(ChannelSchema.safeParse('email').success).toBe(false);
    for (const d of DIMENSIONS) expect(DimensionSchema.parse(d)).toBe(d);
  });

  it('gives every dimension a kind and a derivation, and nothing else', () => {
    expect(Object.keys(DIMENSION_KINDS)).toEqual([...DIMENSIONS]);
    expect(Object.keys(DERIVE_DIMENSION).sort()).toEqual([...DIMENSIONS].sort());
    for (const d of DIMENSIONS) expect(typeof DERIVE_DIMENSION[d], d).toBe('function');
  });

  it('pins every dimension but the unit to one value; the unit is filtered by a list', () => {
    expect(EQUALITY_DIMENSIONS).toEqual(DIMENSIONS.filter((d) => d !== 'unitId'));
  });

  it('keys a bucket by grain, organisation, bucket start, every dimension in order, then the metric', () => {
    expect(BUCKET_KEY).toEqual(['grain', 'orgId', 'bucket', ...DIMENSIONS, 'metric']);
  });
});

describe('aggregateKeyOf', () => {
  it('reads every dimension off the response', () => {
    expect(aggregateKeyOf(response())).toEqual({ orgId: 'org-1', ...DIMS });
  });

  it('holds no officer and no procedure as an empty string', () => {
    const key = aggregateKeyOf(response({ officerId: null, procedureId: null }));
    expect(key.officerId).toBe('');
    expect(key.procedureId).toBe('');
  });

  it('has exactly the organisation and the registry dimensions as keys', () => {
    expect(Object.keys(aggregateKeyOf(response())).sort()).toEqual(['orgId', ...DIMENSIONS].sort());
  });

  /** For each dimension, a change of the response that should move it along that dimension. */
  const moved: { [D in (typeof DIMENSIONS)[number]]: Partial<StoredResponse> } = {
    ...{ unitId: { unitId: 'u2' }, servicePointId: { servicePointId: 'sp2' }, officerId: { officerId: 'o2' } },
    ...{ procedureId: { procedureId: 'p2' }, channel: { channel: 'link' }, verified: { verified: false } },
  };
  for (const d of DIMENSIONS) {
    it(`puts a response with another ${d} in another bucket of that dimension only`, () => {
      const a = aggregateKeyOf(response());
      const b = aggregateKeyOf(response(moved[d]));
      expect(b[d]).not.toEqual(a[d]);
      for (const other of DIMENSIONS) if (other !== d) expect(b[other], other).toEqual(a[other]);
    });
  }
});

describe('groupName', () => {
  it("names a flag's groups 'true' and 'false', a missing flag 'false'", () => {
    expect(groupName('verified', true)).toBe('true');
    expect(groupName('verified', false)).toBe('false');
    expect(groupName('verified', null)).toBe('false');
  });

  it("names an id group by the id and no id as ''", () => {
    expect(groupName('officerId', 'o1')).toBe('o1');
    expect(groupName('officerId', '')).toBe('');
    expect(groupName('procedureId', null)).toBe('');
    expect(groupName('channel', 'qr')).toBe('qr');
  });
});
