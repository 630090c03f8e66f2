/**
 * How both stores lay out a bucket's counts: one column (or field) per score,
 * then "not applicable" and the plain count. The names are the stored ones
 * (SQLite columns, Mongo fields), so they cannot change without a migration.
 */
import type { Tally } from '../../shared/satisfaction';
import type { AggregateRow } from './types';

export const COUNT_COLUMNS = ['c1', 'c2', 'c3', 'c4', 'c5', 'na', 'n'] as const;
export type CountColumns = Record<(typeof COUNT_COLUMNS)[number], number>;

export function toCountColumns(t: Readonly<Tally>): CountColumns {
  return { c1: t.c[0], c2: t.c[1], c3: t.c[2], c4: t.c[3], c5: t.c[4], na: t.na, n: t.n };
}

/** A summed row of one metric, read back from the count columns. */
export function aggregateRowOf(metric: string, row: Readonly<CountColumns>): AggregateRow {
  return { metric, c: [row.c1, row.c2, row.c3, row.c4, row.c5], na: row.na, n: row.n };
}
