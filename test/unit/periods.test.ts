/**
 * Calendar arithmetic in Asia/Ho_Chi_Minh (../shared/SIPAS.md §6): UTC+7, no
 * daylight saving, and independent of the zone the process runs in.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DAY_MS,
  HOUR_MS,
  VN_OFFSET_MS,
  bucketStart,
  customPeriod,
  localClock,
  localDateOf,
  localMidnight,
  nextBucket,
  periodOf,
  previousPeriod,
  startOfHour,
  startOfLocalDay,
  startOfLocalMonth,
  startOfLocalWeek,
} from '../../shared/periods';

const at = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();

describe('constants', () => {
  it('Vietnam is a fixed UTC+7', () => {
    expect(VN_OFFSET_MS).toBe(7 * HOUR_MS);
    expect(DAY_MS).toBe(86_400_000);
  });
});

describe('localDateOf', () => {
  it('§6: a response at 2026-03-31T17:30Z is dated 1 April 2026', () => {
    expect(localDateOf(at('2026-03-31T17:30:00Z'))).toEqual({ year: 2026, month: 4, day: 1 });
  });

  it('one millisecond before 17:00Z is still the previous local day', () => {
    expect(localDateOf(at('2026-03-31T16:59:59.999Z'))).toEqual({ year: 2026, month: 3, day: 31 });
  });

  it('17:00Z on 31 December is already New Year in Vietnam', () => {
    expect(localDateOf(at('2026-12-31T17:00:00Z'))).toEqual({ year: 2027, month: 1, day: 1 });
  });

  it('accepts a Date as well as a number', () => {
    expect(localDateOf(new Date('2026-03-31T17:30:00Z'))).toEqual({ year: 2026, month: 4, day: 1 });
  });
});

describe('localMidnight', () => {
  it('is 17:00Z of the previous UTC day', () => {
    expect(iso(localMidnight(2026, 4, 1))).toBe('2026-03-31T17:00:00.000Z');
  });

  it('defaults to the first of the month', () => {
    expect(localMidnight(2026, 4)).toBe(localMidnight(2026, 4, 1));
  });

  it('lets month 13 overflow into January of the next year', () => {
    expect(iso(localMidnight(2026, 13))).toBe('2026-12-31T17:00:00.000Z');
  });
});

describe('startOfHour and startOfLocalDay', () => {
  it('startOfHour truncates to the whole hour', () => {
    expect(iso(startOfHour(at('2026-05-10T08:59:59.999Z')))).toBe('2026-05-10T08:00:00.000Z');
  });

  it('a local day starts at 17:00Z of the previous UTC day', () => {
    expect(iso(startOfLocalDay(at('2026-05-10T16:59:59.999Z')))).toBe('2026-05-09T17:00:00.000Z');
    expect(iso(startOfLocalDay(at('2026-05-10T17:00:00Z')))).toBe('2026-05-10T17:00:00.000Z');
  });
});

describe('startOfLocalWeek', () => {
  // 2026-03-30 is a Monday, 2026-04-05 a Sunday, 2026-04-06 a Monday (local dates).
  const MON_30_MAR = '2026-03-29T17:00:00.000Z';
  const MON_6_APR = '2026-04-05T17:00:00.000Z';

  it('a week starts on Monday 00:00 local time', () => {
    expect(iso(startOfLocalWeek(at('2026-04-01T03:00:00Z')))).toBe(MON_30_MAR); // Wednesday
  });

  it('Sunday 23:59 local still belongs to the week that began the Monday before', () => {
    expect(iso(startOfLocalWeek(at('2026-04-05T16:59:00Z')))).toBe(MON_30_MAR);
  });

  it('Monday 00:30 local (still Sunday in UTC) starts a new week', () => {
    expect(iso(startOfLocalWeek(at('2026-04-05T17:30:00Z')))).toBe(MON_6_APR);
  });

  it('Monday 00:00 local is its own week start', () => {
    expect(iso(startOfLocalWeek(at(MON_6_APR)))).toBe(MON_6_APR);
  });
});

describe('bucketStart and nextBucket', () => {
  it('hour buckets are one hour long', () => {
    const t = at('2026-05-10T08:20:00Z');
    expect(iso(bucketStart(t, 'hour'))).toBe('2026-05-10T08:00:00.000Z');
    expect(iso(nextBucket(bucketStart(t, 'hour'), 'hour'))).toBe('2026-05-10T09:00:00.000Z');
  });

  it('day buckets run from local midnight to local midnight', () => {
    const start = bucketStart(at('2026-05-10T20:00:00Z'), 'day');
    expect(iso(start)).toBe('2026-05-10T17:00:00.000Z');
    expect(iso(nextBucket(start, 'day'))).toBe('2026-05-11T17:00:00.000Z');
  });

  it('week buckets start Monday and last seven days', () => {
    const start = bucketStart(at('2026-04-01T03:00:00Z'), 'week');
    expect(iso(start)).toBe('2026-03-29T17:00:00.000Z');
    expect(iso(nextBucket(start, 'week'))).toBe('2026-04-05T17:00:00.000Z');
  });

  it('month bucket of mid-December runs to local New Year', () => {
    const start = bucketStart(at('2026-12-15T05:00:00Z'), 'month');
    expect(iso(start)).toBe('2026-11-30T17:00:00.000Z');
    expect(iso(nextBucket(start, 'month'))).toBe('2026-12-31T17:00:00.000Z');
  });

  it('month bucket across the year end: 2026-12-31T17:30Z is January 2027', () => {
    const start = bucketStart(at('2026-12-31T17:30:00Z'), 'month');
    expect(iso(start)).toBe('2026-12-31T17:00:00.000Z');
    expect(iso(nextBucket(start, 'month'))).toBe('2027-01-31T17:00:00.000Z');
  });

  it('month buckets follow month lengths (February 2028 is a leap month)', () => {
    const start = bucketStart(at('2028-02-10T00:00:00Z'), 'month');
    expect(nextBucket(start, 'month') - start).toBe(29 * DAY_MS);
  });

  it('startOfLocalMonth equals the month bucket start', () => {
    const t = at('2026-03-31T17:30:00Z');
    expect(startOfLocalMonth(t)).toBe(bucketStart(t, 'month'));
    expect(iso(startOfLocalMonth(t))).toBe('2026-03-31T17:00:00.000Z');
  });
});

describe('periodOf', () => {
  it('§6: a response at 2026-03-31T17:30Z belongs to quý II năm 2026', () => {
    const p = periodOf('quarter', at('2026-03-31T17:30:00Z'));
    expect(p.kind).toBe('quarter');
    expect(p.label.vi).toBe('Quý II năm 2026');
    expect(p.label.en).toBe('Q2 2026');
  });

  it('quarter II 2026 runs from 2026-03-31T17:00Z to 2026-06-30T17:00Z (exclusive)', () => {
    const p = periodOf('quarter', at('2026-05-01T00:00:00Z'));
    expect(iso(p.from)).toBe('2026-03-31T17:00:00.000Z');
    expect(iso(p.to)).toBe('2026-06-30T17:00:00.000Z');
  });

  it('the instant before the quarter boundary is still in quý I', () => {
    expect(periodOf('quarter', at('2026-03-31T16:59:59.999Z')).label.vi).toBe('Quý I năm 2026');
  });

  it('names all four quarters with roman numerals', () => {
    const labels = [2, 5, 8, 11].map((m) => periodOf('quarter', localMidnight(2026, m, 15)).label.vi);
    expect(labels).toEqual(['Quý I năm 2026', 'Quý II năm 2026', 'Quý III năm 2026', 'Quý IV năm 2026']);
  });

  it('a month runs from 17:00Z of the last UTC day of the previous month', () => {
    const p = periodOf('month', at('2026-03-31T17:30:00Z'));
    expect(iso(p.from)).toBe('2026-03-31T17:00:00.000Z');
    expect(iso(p.to)).toBe('2026-04-30T17:00:00.000Z');
    expect(p.label).toEqual({ vi: 'Tháng 4/2026', en: 'April 2026' });
  });

  it('the first half-year runs from 2025-12-31T17:00Z to 2026-06-30T17:00Z', () => {
    const p = periodOf('half', at('2026-03-31T17:30:00Z'));
    expect(iso(p.from)).toBe('2025-12-31T17:00:00.000Z');
    expect(iso(p.to)).toBe('2026-06-30T17:00:00.000Z');
    expect(p.label.vi).toBe('6 tháng đầu năm 2026');
  });

  it('2026-06-30T17:00Z is already in the second half-year', () => {
    const p = periodOf('half', at('2026-06-30T17:00:00Z'));
    expect(iso(p.from)).toBe('2026-06-30T17:00:00.000Z');
    expect(iso(p.to)).toBe('2026-12-31T17:00:00.000Z');
    expect(p.label.vi).toBe('6 tháng cuối năm 2026');
  });

  it('"9 tháng" runs from 1 January to 30 September, Vietnam time, named as SIPAS.md §6', () => {
    const p = periodOf('nine-months', at('2026-05-01T00:00:00Z'));
    expect(iso(p.from)).toBe('2025-12-31T17:00:00.000Z');
    expect(iso(p.to)).toBe('2026-09-30T17:00:00.000Z');
    expect(p.label.vi).toMatch(/^9 tháng/);
    expect(p.label).toEqual({ vi: '9 tháng đầu năm 2026', en: 'First nine months of 2026' });
  });

  it('30 September 23:59:59 Vietnam time is inside "9 tháng"; 1 October 00:00 is not', () => {
    const p = periodOf('nine-months', at('2026-02-01T00:00:00Z'));
    const lastSecond = localMidnight(2026, 10, 1) - 1000; // 2026-09-30T23:59:59+07:00
    expect(iso(lastSecond)).toBe('2026-09-30T16:59:59.000Z');
    expect(lastSecond >= p.from && lastSecond < p.to).toBe(true);
    const october = localMidnight(2026, 10, 1);
    expect(october >= p.from && october < p.to).toBe(false);
    // 1 January 00:00 Vietnam time is the first instant in, the one before it is not.
    expect(p.from).toBe(localMidnight(2026, 1, 1));
    expect(periodOf('nine-months', p.from - 1).label.vi).toBe('9 tháng đầu năm 2025');
  });

  it('a year runs from 17:00Z on 31 December of the previous UTC year', () => {
    const p = periodOf('year', at('2026-07-01T00:00:00Z'));
    expect(iso(p.from)).toBe('2025-12-31T17:00:00.000Z');
    expect(iso(p.to)).toBe('2026-12-31T17:00:00.000Z');
    expect(p.label).toEqual({ vi: 'Năm 2026', en: 'Year 2026' });
  });

  it('2026-12-31T17:00Z belongs to the year 2027', () => {
    expect(periodOf('year', at('2026-12-31T17:00:00Z')).label.vi).toBe('Năm 2027');
  });

  it('a period contains its from instant and not its to instant', () => {
    for (const kind of ['month', 'quarter', 'half', 'year'] as const) {
      const p = periodOf(kind, at('2026-08-15T12:00:00Z'));
      expect(periodOf(kind, p.from)).toEqual(p);
      expect(periodOf(kind, p.to).from).toBe(p.to);
      expect(periodOf(kind, p.to - 1)).toEqual(p);
    }
  });
});

describe('previousPeriod', () => {
  it('before quý I 2026 comes quý IV 2025', () => {
    const prev = previousPeriod(periodOf('quarter', at('2026-02-01T00:00:00Z')));
    expect(prev.label.vi).toBe('Quý IV năm 2025');
    expect(iso(prev.from)).toBe('2025-09-30T17:00:00.000Z');
    expect(iso(prev.to)).toBe('2025-12-31T17:00:00.000Z');
  });

  it('before January comes December of the previous year', () => {
    const prev = previousPeriod(periodOf('month', at('2026-01-10T00:00:00Z')));
    expect(prev.label.vi).toBe('Tháng 12/2025');
  });

  it('before the first half comes the second half of the previous year', () => {
    expect(previousPeriod(periodOf('half', at('2026-03-01T00:00:00Z'))).label.vi).toBe('6 tháng cuối năm 2025');
  });

  it('ends exactly where the period starts', () => {
    for (const kind of ['month', 'quarter', 'half', 'year'] as const) {
      const p = periodOf(kind, at('2026-08-15T12:00:00Z'));
      expect(previousPeriod(p).to).toBe(p.from);
    }
  });

  it('of a custom period is the custom period of the same length just before it', () => {
    const p = customPeriod(localMidnight(2026, 4, 11), localMidnight(2026, 4, 21));
    const prev = previousPeriod(p);
    expect(prev.kind).toBe('custom');
    expect(iso(prev.from)).toBe(iso(localMidnight(2026, 4, 1)));
    expect(prev.to).toBe(p.from);
  });
});

describe('customPeriod', () => {
  it('labels its first and last local day (to is exclusive)', () => {
    const p = customPeriod(localMidnight(2026, 4, 1), localMidnight(2026, 5, 1));
    expect(p.label).toEqual({ vi: 'Từ 1/4/2026 đến 30/4/2026', en: '1/4/2026 – 30/4/2026' });
  });
});

describe('localClock', () => {
  it('gives the Vietnam weekday, minutes since local midnight and local date', () => {
    // 2026-04-05T17:30Z = Monday 6 April 2026, 00:30 in Vietnam.
    expect(localClock(at('2026-04-05T17:30:00Z'))).toEqual({ weekday: 1, minutes: 30, date: '2026-04-06' });
  });

  it('8:15 in Vietnam is 01:15Z', () => {
    expect(localClock(at('2026-04-08T01:15:00Z')).minutes).toBe(8 * 60 + 15);
  });
});

describe('independence from the process time zone', () => {
  const originalTZ = process.env.TZ;
  afterEach(() => {
    vi.restoreAllMocks();
    if (originalTZ === undefined) delete process.env.TZ;
    else process.env.TZ = originalTZ;
  });

  // Instants around local midnight, local week start and local New Year.
  const INSTANTS = [
    '2026-03-31T16:59:59.999Z',
    '2026-03-31T17:00:00Z',
    '2026-03-31T17:30:00Z',
    '2026-04-05T16:59:00Z',
    '2026-04-05T17:30:00Z',
    '2026-12-31T16:59:59.999Z',
    '2026-12-31T17:00:00Z',
  ].map(at);

  const snapshot = () =>
    INSTANTS.map((t) => ({
      date: localDateOf(t),
      day: startOfLocalDay(t),
      week: startOfLocalWeek(t),
      month: bucketStart(t, 'month'),
      nextMonth: nextBucket(bucketStart(t, 'month'), 'month'),
      quarter: periodOf('quarter', t),
      half: periodOf('half', t),
      previousQuarter: previousPeriod(periodOf('quarter', t)),
      custom: customPeriod(startOfLocalDay(t), startOfLocalDay(t) + 3 * DAY_MS),
      clock: localClock(t),
    }));

  it('gives the same results whatever process.env.TZ is', () => {
    process.env.TZ = 'UTC';
    const reference = snapshot();
    expect(reference[2].date).toEqual({ year: 2026, month: 4, day: 1 });
    for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Ho_Chi_Minh', 'Europe/London']) {
      process.env.TZ = zone;
      // Guard: the zone change really took effect in this process.
      if (zone === 'America/Los_Angeles') expect(new Date(INSTANTS[0]).getTimezoneOffset()).toBe(420);
      expect(snapshot(), zone).toEqual(reference);
    }
  });

  it('never calls a local-time Date getter', () => {
    const getters = [
      'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds', 'getTimezoneOffset',
      'setFullYear', 'setMonth', 'setDate', 'setHours', 'toLocaleDateString', 'toLocaleString', 'toString', 'toDateString',
    ] as const;
    for (const g of getters) {
      vi.spyOn(Date.prototype, g).mockImplementation(() => {
        throw new Error(`local-time Date.${g} used`);
      });
    }
    expect(() => snapshot()).not.toThrow();
  });
});
