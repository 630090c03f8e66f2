/**
 * Calendar arithmetic in Asia/Ho_Chi_Minh. Vietnam is UTC+7 all year (no
 * daylight saving), so a fixed offset is exact and independent of the
 * server's own zone.
 */
export const VN_OFFSET_MS = 7 * 3600_000;
export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** The Vietnamese calendar date of an instant. */
export function localDateOf(t: number | Date): LocalDate {
  const d = new Date(+t + VN_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The instant of 00:00 Vietnam time on a date (month may overflow, as in Date.UTC). */
export function localMidnight(year: number, month: number, day = 1): number {
  return Date.UTC(year, month - 1, day) - VN_OFFSET_MS;
}

export const startOfHour = (t: number): number => Math.floor(t / HOUR_MS) * HOUR_MS;
export const startOfLocalDay = (t: number): number => Math.floor((t + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;

/** Monday 00:00 Vietnam time of the week holding t. */
export function startOfLocalWeek(t: number): number {
  const day = startOfLocalDay(t);
  const weekday = new Date(day + VN_OFFSET_MS).getUTCDay(); // 0 = Sunday
  return day - ((weekday + 6) % 7) * DAY_MS;
}

export function startOfLocalMonth(t: number): number {
  const d = localDateOf(t);
  return localMidnight(d.year, d.month, 1);
}

export type BucketSize = 'hour' | 'day' | 'week' | 'month';

export function bucketStart(t: number, size: BucketSize): number {
  switch (size) {
    case 'hour':
      return startOfHour(t);
    case 'day':
      return startOfLocalDay(t);
    case 'week':
      return startOfLocalWeek(t);
    case 'month':
      return startOfLocalMonth(t);
  }
}

export function nextBucket(start: number, size: BucketSize): number {
  switch (size) {
    case 'hour':
      return start + HOUR_MS;
    case 'day':
      return start + DAY_MS;
    case 'week':
      return start + 7 * DAY_MS;
    case 'month': {
      const d = localDateOf(start);
      return localMidnight(d.year, d.month + 1, 1);
    }
  }
}

/** Report periods. `nine-months` is January–September ("9 tháng đầu năm"), reported on in October. */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'nine-months' | 'year';

export interface Period {
  kind: PeriodKind | 'custom';
  from: number;
  /** exclusive */
  to: number;
  label: { vi: string; en: string };
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * The report period of `kind` holding instant t, with its Vietnamese name
 * (for `nine-months`: those of t's year, which from October on lie before t).
 */
export function periodOf(kind: PeriodKind, t: number): Period {
  const { year, month } = localDateOf(t);
  switch (kind) {
    case 'month':
      return {
        kind,
        from: localMidnight(year, month),
        to: localMidnight(year, month + 1),
        label: { vi: `Tháng ${month}/${year}`, en: `${MONTHS_EN[month - 1]} ${year}` },
      };
    case 'quarter': {
      const q = Math.floor((month - 1) / 3);
      return {
        kind,
        from: localMidnight(year, q * 3 + 1),
        to: localMidnight(year, q * 3 + 4),
        label: { vi: `Quý ${ROMAN[q]} năm ${year}`, en: `Q${q + 1} ${year}` },
      };
    }
    case 'half': {
      const first = month <= 6;
      return {
        kind,
        from: localMidnight(year, first ? 1 : 7),
        to: localMidnight(year, first ? 7 : 13),
        label: first
          ? { vi: `6 tháng đầu năm ${year}`, en: `First half of ${year}` }
          : { vi: `6 tháng cuối năm ${year}`, en: `Second half of ${year}` },
      };
    }
    case 'nine-months':
      return {
        kind,
        from: localMidnight(year, 1),
        to: localMidnight(year, 10),
        label: { vi: `9 tháng đầu năm ${year}`, en: `First nine months of ${year}` },
      };
    case 'year':
      return { kind, from: localMidnight(year, 1), to: localMidnight(year + 1, 1), label: { vi: `Năm ${year}`, en: `Year ${year}` } };
  }
}

/**
 * The period just before p, of the same kind (for "vs previous period"). Nine
 * months do not tile a year: theirs is the same nine months a year earlier.
 */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'custom') {
    const len = p.to - p.from;
    return customPeriod(p.from - len, p.from);
  }
  return periodOf(p.kind, p.from - 1);
}

export function customPeriod(from: number, to: number): Period {
  const f = localDateOf(from);
  const l = localDateOf(to - 1);
  const fmt = (d: LocalDate) => `${d.day}/${d.month}/${d.year}`;
  return { kind: 'custom', from, to, label: { vi: `Từ ${fmt(f)} đến ${fmt(l)}`, en: `${fmt(f)} – ${fmt(l)}` } };
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "HH:MM" Vietnam time and weekday (0 = Sunday) of an instant, for opening hours. */
export function localClock(t: number): { weekday: number; minutes: number; date: string } {
  const d = new Date(t + VN_OFFSET_MS);
  const iso = d.toISOString().slice(0, 10);
  return { weekday: d.getUTCDay(), minutes: d.getUTCHours() * 60 + d.getUTCMinutes(), date: iso };
}

/**
 * A report period as one query word: `2026-03` (month), `2026-Q2`, `2026-H1`
 * / `2026-H2`, `2026-9M`, `2026` (year) or `2026-01-01..2026-02-15` (custom,
 * both days included). Null when the word is none of these.
 */
export function periodFromCode(code: string): Period | null {
  let m: RegExpMatchArray | null;
  if ((m = code.match(/^(\d{4})-(0[1-9]|1[0-2])$/))) return periodOf('month', localMidnight(+m[1], +m[2]));
  if ((m = code.match(/^(\d{4})-Q([1-4])$/))) return periodOf('quarter', localMidnight(+m[1], (+m[2] - 1) * 3 + 1));
  if ((m = code.match(/^(\d{4})-H([12])$/))) return periodOf('half', localMidnight(+m[1], m[2] === '1' ? 1 : 7));
  if ((m = code.match(/^(\d{4})-9M$/))) return periodOf('nine-months', localMidnight(+m[1], 1));
  if ((m = code.match(/^(\d{4})$/))) return periodOf('year', localMidnight(+m[1], 1));
  if ((m = code.match(/^(\d{4})-(\d{2})-(\d{2})\.\.(\d{4})-(\d{2})-(\d{2})$/))) {
    const from = localMidnight(+m[1], +m[2], +m[3]);
    const to = localMidnight(+m[4], +m[5], +m[6] + 1);
    if (!(to > from) || to - from > 3 * 366 * DAY_MS) return null;
    return customPeriod(from, to);
  }
  return null;
}

/** The same period a year earlier (for "vs the same period last year"). */
export function samePeriodLastYear(p: Period): Period {
  if (p.kind === 'custom') {
    const f = localDateOf(p.from);
    const l = localDateOf(p.to);
    return customPeriod(localMidnight(f.year - 1, f.month, f.day), localMidnight(l.year - 1, l.month, l.day));
  }
  const d = localDateOf(p.from);
  return periodOf(p.kind, localMidnight(d.year - 1, d.month, d.day));
}
