/**
 * How the data table orders rows: text by the Vietnamese alphabet (Đ after
 * D, tones after the bare letter, "Quầy 2" before "Quầy 10"), numbers as
 * numbers, missing values ("—") last in either direction, ties in the order
 * given. Also the sort's place in the address (`sort=<column>&dir=asc|desc`).
 */
import type { RouteParams } from '../router';

export type SortDir = 'asc' | 'desc';
export interface SortState {
  column: string;
  dir: SortDir;
}
export type SortValue = string | number | null | undefined;

const collators = new Map<string, Intl.Collator>();
/** One collator per language; names are compared by letters, not case. */
export function collatorFor(locale: string): Intl.Collator {
  let c = collators.get(locale);
  if (!c) collators.set(locale, (c = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' })));
  return c;
}

const missing = (v: SortValue): v is null | undefined => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

/** Compares two present values: numbers before text, numbers numerically, text by the collator. */
export function compareValues(a: string | number, b: string | number, collator: Intl.Collator): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return collator.compare(a, b);
}

/** A sorted copy; stable, missing values last whichever the direction. */
export function sortRows<R>(rows: readonly R[], value: (r: R) => SortValue, dir: SortDir, locale = 'vi'): R[] {
  const collator = collatorFor(locale);
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((x, y) => {
      const mx = missing(x.v);
      const my = missing(y.v);
      if (mx || my) return mx === my ? x.i - y.i : mx ? 1 : -1;
      return sign * compareValues(x.v as string | number, y.v as string | number, collator) || x.i - y.i;
    })
    .map((d) => d.row);
}

/** A header pressed: a new column starts in its first direction, the same column turns round. */
export function nextSort(cur: SortState | null, column: string, firstDir: SortDir = 'asc'): SortState {
  if (cur && cur.column === column) return { column, dir: cur.dir === 'asc' ? 'desc' : 'asc' };
  return { column, dir: firstDir };
}

/** The sort named by the address, if it names a column that can be sorted. */
export function sortFromParams(params: RouteParams, columns: readonly string[], prefix = ''): SortState | null {
  const column = params[`${prefix}sort`];
  if (!column || !columns.includes(column)) return null;
  return { column, dir: params[`${prefix}dir`] === 'desc' ? 'desc' : 'asc' };
}

export function sortToParams(sort: SortState | null, prefix = ''): Record<string, string | undefined> {
  return { [`${prefix}sort`]: sort?.column, [`${prefix}dir`]: sort?.dir };
}
