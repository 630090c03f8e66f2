/**
 * Opening hours as the form edits them (one line of sessions per weekday,
 * holidays one per line) and as the API takes them (weekdays, common
 * sessions, per-day exceptions, ISO dates). Pure, so it is unit-tested.
 */
import type { OpeningHoursInput } from '../../../types';

export interface HoursDraft {
  /** Index 0 = Sunday … 6 = Saturday. */
  open: boolean[];
  sessions: string[];
  holidays: string;
}

type Session = { open: string; close: string };

const pad = (t: string): string => (/^\d:\d\d$/.test(t) ? `0${t}` : t);

/** "07:30-11:30, 13:30-17:00" → sessions; what cannot be read is passed on as typed, for the server to name. */
export function parseSessions(text: string): Session[] {
  return text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [open = '', close = ''] = s.split(/\s*[-–—]\s*/);
      return { open: pad(open.trim().replace('h', ':')), close: pad(close.trim().replace('h', ':')) };
    });
}

export const formatSessions = (list: readonly Session[]): string => list.map((s) => `${s.open}-${s.close}`).join(', ');

/** "02/09/2026" or "2026-09-02", one per line or comma → ISO dates. */
export function parseHolidays(text: string): string[] {
  return text
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
      return vn ? `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}` : s;
    });
}

export const formatHoliday = (iso: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

export function draftOf(h: { weekdays: number[]; sessions: Session[]; perDay?: Record<string, Session[]>; holidays: string[] } | null): HoursDraft {
  const base = h ?? { weekdays: [1, 2, 3, 4, 5], sessions: [{ open: '07:30', close: '11:30' }, { open: '13:30', close: '17:00' }], holidays: [] };
  return {
    open: [0, 1, 2, 3, 4, 5, 6].map((d) => base.weekdays.includes(d)),
    sessions: [0, 1, 2, 3, 4, 5, 6].map((d) => formatSessions(base.perDay?.[String(d)] ?? base.sessions)),
    holidays: base.holidays.map(formatHoliday).join('\n'),
  };
}

/** The API's shape: the sessions most open days share, and the days that differ as exceptions. */
export function hoursOf(d: HoursDraft): OpeningHoursInput {
  const weekdays = [0, 1, 2, 3, 4, 5, 6].filter((i) => d.open[i]);
  const texts = weekdays.map((i) => formatSessions(parseSessions(d.sessions[i])));
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? formatSessions(parseSessions(d.sessions[1]));
  const perDay: Record<string, Session[]> = {};
  weekdays.forEach((day, k) => {
    if (texts[k] !== common) perDay[String(day)] = parseSessions(d.sessions[day]);
  });
  return { weekdays, sessions: parseSessions(common), ...(Object.keys(perDay).length ? { perDay } : {}), holidays: parseHolidays(d.holidays) };
}
