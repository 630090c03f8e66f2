/**
 * The breakdown's arithmetic, apart from the screen: the previous period of
 * equal length, what a row opens, the rows an officer view may show, the
 * counters that contribute most to the gap and the end-of-month projection.
 */
import { addDays, dayStart } from '../../dates';
import type { DayRange } from '../../ui/period-range';
import type { BreakdownRow, GroupDimension } from '../../types';

export const GROUPS = ['unitId', 'servicePointId', 'officerId', 'procedureId', 'channel'] as const satisfies readonly GroupDimension[];
export type Group = (typeof GROUPS)[number];
export const groupOf = (v: string | undefined): Group => ((GROUPS as readonly string[]).includes(v ?? '') ? (v as Group) : 'servicePointId');

/** The days just before `r`, as many as it has. */
export function previousRange(r: DayRange): DayRange {
  const days = Math.round((dayStart(r.to) - dayStart(r.from)) / 86_400_000) + 1;
  return { from: addDays(r.from, -days), to: addDays(r.from, -1) };
}

/** The same days a year earlier (29 February becomes the 28th). */
export function lastYearRange(r: DayRange): DayRange {
  const back = (d: string) => {
    const md = d.slice(5) === '02-29' ? '02-28' : d.slice(5);
    return `${String(Number(d.slice(0, 4)) - 1).padStart(4, '0')}-${md}`;
  };
  return { from: back(r.from), to: back(r.to) };
}

/** Where a row leads: its dimension becomes a filter and the next grouping is shown. */
export function drillOf(group: Group, key: string): { filter: Group; next: Group } | null {
  if (!key) return null;
  switch (group) {
    case 'unitId':
      return { filter: 'unitId', next: 'servicePointId' };
    case 'servicePointId':
      return { filter: 'servicePointId', next: 'officerId' };
    case 'officerId':
      return { filter: 'officerId', next: 'servicePointId' };
    case 'procedureId':
      return { filter: 'procedureId', next: 'servicePointId' };
    case 'channel':
      return { filter: 'channel', next: 'servicePointId' };
  }
}

/** Officer rows below the minimum sample are not shown; the count of those hidden is. */
export function visibleRows(group: Group, rows: readonly BreakdownRow[], minSample: number): { rows: BreakdownRow[]; hidden: number } {
  if (group !== 'officerId') return { rows: [...rows], hidden: 0 };
  const shown = rows.filter((r) => r.overall.n >= minSample);
  return { rows: shown, hidden: rows.length - shown.length };
}

/** Satisfied ratings a row is short of the target on its own n (0 when it meets it). */
export const shortfall = (r: BreakdownRow, target: number): number => Math.max(0, Math.ceil(target * r.overall.n - r.overall.s - 1e-9));

/** The rows short of target, most short first. */
export function topContributors(rows: readonly BreakdownRow[], target: number, limit = 3): { row: BreakdownRow; short: number }[] {
  return rows
    .map((row) => ({ row, short: shortfall(row, target) }))
    // A row whose figures the server withheld (an officer's, below the minimum sample) has no known shortfall.
    .filter((x) => x.short > 0 && x.row.key && !x.row.hidden)
    .sort((a, b) => b.short - a.short)
    .slice(0, limit);
}

/**
 * The month's rate at its end if the rest of it goes as the last 7 days went:
 * month-to-date counts plus the 7-day daily pace times the days left.
 */
export function projectMonth(mtd: { n: number; s: number }, last7: { n: number; s: number }, daysLeft: number): number | null {
  const n = mtd.n + (last7.n / 7) * daysLeft;
  const s = mtd.s + (last7.s / 7) * daysLeft;
  if (n <= 0 || (last7.n === 0 && daysLeft > 0 && mtd.n === 0)) return null;
  return s / n;
}
