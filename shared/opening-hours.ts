/**
 * A counter's opening hours (Vietnam time), shared by the server (ratings
 * outside hours are flagged) and the kiosk (the screen stays awake only while
 * the counter is open).
 */
import { localClock } from './periods';

export interface OpeningHours {
  /** 0 = Sunday … 6 = Saturday */
  weekdays: number[];
  /** Local "HH:MM" ranges, e.g. morning and afternoon sessions. */
  sessions: { open: string; close: string }[];
  /** Local dates "YYYY-MM-DD" when closed. */
  holidays: string[];
  /** Sessions of a weekday ("0" = Sunday … "6") that differ from `sessions`, e.g. Saturday morning only. */
  perDay?: Record<string, { open: string; close: string }[]>;
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Is the counter open at instant t (Vietnam time)? */
export function isOpenAt(hours: OpeningHours, t: number): boolean {
  const { weekday, minutes, date } = localClock(t);
  if (!hours.weekdays.includes(weekday) || hours.holidays.includes(date)) return false;
  const sessions = hours.perDay?.[String(weekday)] ?? hours.sessions;
  return sessions.some((s) => minutes >= toMinutes(s.open) && minutes < toMinutes(s.close));
}
