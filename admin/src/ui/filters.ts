/**
 * The filters every figure screen offers — unit, counter, officer,
 * procedure, channel, verified — named as the stats API names them, so the
 * address (`#/breakdown?unitId=…&channel=kiosk`), the filter bar and the
 * query are one and the same object.
 */
import type { Channel, GroupDimension, StatsQuery, VerifiedMode } from '../types';
import type { RouteParams } from '../router';

/** The dimensions, in the order the bar shows them (the API's GroupDimension names). */
export const FILTER_DIMENSIONS = ['unitId', 'servicePointId', 'officerId', 'procedureId', 'channel', 'verified'] as const satisfies readonly GroupDimension[];
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

// Listed here rather than imported from shared/api, whose value exports pull zod into the bundle;
// the `satisfies` and the Exclude checks below fail to compile if the contract gains a value.
export const CHANNEL_VALUES = ['kiosk', 'qr', 'link'] as const satisfies readonly Channel[];
export const VERIFIED_VALUES = ['only', 'all', 'unverified'] as const satisfies readonly VerifiedMode[];
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : never;
const _allChannels: Missing<Channel, (typeof CHANNEL_VALUES)[number]> = true;
const _allModes: Missing<VerifiedMode, (typeof VERIFIED_VALUES)[number]> = true;
const _allDimensions: Missing<GroupDimension, FilterDimension> = true;
void [_allChannels, _allModes, _allDimensions];

export interface Filters {
  unitId?: string;
  servicePointId?: string;
  officerId?: string;
  procedureId?: string;
  channel?: Channel;
  verified?: VerifiedMode;
}

const ID_MAX = 64;
const idOf = (v: string | undefined): string | undefined => (v && v.length <= ID_MAX ? v : undefined);
const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined => (values as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/** The filters the address names; anything the API would refuse is left out rather than sent. */
export function filtersFromParams(params: RouteParams): Filters {
  return dropEmpty({
    unitId: idOf(params.unitId),
    servicePointId: idOf(params.servicePointId),
    officerId: idOf(params.officerId),
    procedureId: idOf(params.procedureId),
    channel: oneOf(CHANNEL_VALUES, params.channel),
    verified: oneOf(VERIFIED_VALUES, params.verified),
  });
}

/** Every dimension named, so a cleared filter leaves the address too. */
export function filtersToParams(f: Filters): Record<FilterDimension, string | undefined> {
  return Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, f[d] || undefined])) as Record<FilterDimension, string | undefined>;
}

/** The part of a stats query the filters make. */
export const filtersToQuery = (f: Filters): StatsQuery => dropEmpty({ ...f });

/**
 * After the unit changed: counters and officers of another unit no longer
 * apply. `unitOf` tells a counter's or officer's unit (undefined: unknown, kept).
 */
export function withUnit(f: Filters, unitId: string | undefined, unitOf: { servicePoint: (id: string) => string | undefined; officer: (id: string) => string | undefined }): Filters {
  const keep = (owner: string | undefined) => !unitId || owner === undefined || owner === unitId;
  return dropEmpty({
    ...f,
    unitId,
    servicePointId: f.servicePointId && keep(unitOf.servicePoint(f.servicePointId)) ? f.servicePointId : undefined,
    officerId: f.officerId && keep(unitOf.officer(f.officerId)) ? f.officerId : undefined,
  });
}

export const activeFilterCount = (f: Filters): number => FILTER_DIMENSIONS.filter((d) => f[d]).length;

function dropEmpty<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}
