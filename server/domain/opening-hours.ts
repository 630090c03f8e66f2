import { localClock } from '../../shared/periods';
import type { OpeningHours } from './entities';

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Is the counter open at instant t (Vietnam time)? Ratings outside are flagged, not refused. */
export function isOpenAt(hours: OpeningHours, t: number): boolean {
  const { weekday, minutes, date } = localClock(t);
  if (!hours.weekdays.includes(weekday) || hours.holidays.includes(date)) return false;
  const sessions = hours.perDay?.[String(weekday)] ?? hours.sessions;
  return sessions.some((s) => minutes >= toMinutes(s.open) && minutes < toMinutes(s.close));
}

/** Monday–Friday, 07:30–11:30 and 13:30–17:00: the usual one-stop desk hours. */
export const DEFAULT_HOURS: OpeningHours = {
  weekdays: [1, 2, 3, 4, 5],
  sessions: [
    { open: '07:30', close: '11:30' },
    { open: '13:30', close: '17:00' },
  ],
  holidays: [],
};
