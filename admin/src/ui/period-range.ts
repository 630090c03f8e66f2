/**
 * The period picker's choices and the Vietnam days each one covers, from the
 * calendar arithmetic of shared/periods (Asia/Ho_Chi_Minh). Ranges are what
 * the stats API takes: `from` / `to` as YYYY-MM-DD, both inclusive, never
 * past today (a period still running ends today). Also the choice's place in
 * the address: `period=quarter`, or `period=custom&from=…&to=…`.
 */
import { periodOf, previousPeriod, startOfLocalWeek, type PeriodKind } from '../../../shared/periods';
import { dayStart, localDay } from '../dates';
import type { RouteParams } from '../router';

export const PERIOD_CHOICES = ['today', 'week', 'month', 'last-month', 'quarter', 'last-quarter', 'half', 'nine-months', 'year', 'custom'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

export interface PeriodSelection {
  choice: PeriodChoice;
  /** Only for `custom`: YYYY-MM-DD. */
  from?: string;
  to?: string;
}

/** Vietnam days, both inclusive. */
export interface DayRange {
  from: string;
  to: string;
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(s: string | undefined): s is string {
  return !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && localDay(dayStart(s)) === s;
}

const REPORT_KINDS: Partial<Record<PeriodChoice, PeriodKind>> = { month: 'month', quarter: 'quarter', half: 'half', 'nine-months': 'nine-months', year: 'year' };

/** The days a selection covers at instant `now`; null for a custom range that is incomplete or backwards. */
export function rangeOf(sel: PeriodSelection, now: number = Date.now()): DayRange | null {
  const today = localDay(now);
  const upToToday = (from: number, toExclusive: number): DayRange => {
    const last = localDay(toExclusive - 1);
    return { from: localDay(from), to: last < today ? last : today };
  };
  const kind = REPORT_KINDS[sel.choice];
  if (kind) {
    const p = periodOf(kind, now);
    return upToToday(p.from, p.to);
  }
  switch (sel.choice) {
    case 'today':
      return { from: today, to: today };
    case 'week':
      return { from: localDay(startOfLocalWeek(now)), to: today };
    case 'last-month': {
      const p = previousPeriod(periodOf('month', now));
      return upToToday(p.from, p.to);
    }
    case 'last-quarter': {
      // The quarter that has ended: the one a quarterly question is usually about.
      const p = previousPeriod(periodOf('quarter', now));
      return upToToday(p.from, p.to);
    }
    case 'custom':
      return isDay(sel.from) && isDay(sel.to) && sel.from <= sel.to ? { from: sel.from, to: sel.to } : null;
    default:
      return null;
  }
}

/** The selection the address names; a bare from/to is a custom range; anything unreadable is `fallback`. */
export function periodFromParams(params: RouteParams, fallback: PeriodChoice = 'month'): PeriodSelection {
  const choice = (PERIOD_CHOICES as readonly string[]).includes(params.period ?? '') ? (params.period as PeriodChoice) : undefined;
  if (choice === 'custom' || (!choice && params.from && params.to)) {
    const sel: PeriodSelection = { choice: 'custom', from: params.from, to: params.to };
    return rangeOf(sel) ? sel : { choice: fallback };
  }
  return { choice: choice ?? fallback };
}

/** Params for the address; from/to only for a custom range (a named period follows the calendar). */
export function periodToParams(sel: PeriodSelection): Record<string, string | undefined> {
  return sel.choice === 'custom' ? { period: 'custom', from: sel.from, to: sel.to } : { period: sel.choice, from: undefined, to: undefined };
}
