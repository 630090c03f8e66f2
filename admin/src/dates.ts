/**
 * Days and months in Asia/Ho_Chi_Minh (shared/periods), as the `YYYY-MM-DD`
 * local dates the stats API takes in `from` / `to`.
 */
import { DAY_MS, localDateOf, localMidnight, startOfLocalDay, VN_OFFSET_MS } from '../../shared/periods';

/** YYYY-MM-DD of the Vietnam day holding instant t. */
export function localDay(t: number): string {
  return new Date(t + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 Vietnam time of a YYYY-MM-DD day. */
export function dayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return localMidnight(y, m, d);
}

export const addDays = (day: string, n: number): string => localDay(dayStart(day) + n * DAY_MS);

export interface Calendar {
  /** Today, YYYY-MM-DD. */
  today: string;
  /** The first of this month. */
  monthStart: string;
  /** The last day of this month before today, or null on the 1st. */
  beforeToday: string | null;
  /** The first of the 30 days ending today. */
  trendFrom: string;
}

export function calendarOf(today: string): Calendar {
  const { year, month } = localDateOf(dayStart(today));
  const monthStart = localDay(localMidnight(year, month, 1));
  return {
    today,
    monthStart,
    beforeToday: monthStart === today ? null : addDays(today, -1),
    trendFrom: addDays(today, -29),
  };
}

/** Milliseconds until the next Vietnam midnight (a new day). */
export const msToNextDay = (now = Date.now()): number => startOfLocalDay(now) + DAY_MS - now;
