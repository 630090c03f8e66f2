import { describe, expect, it } from 'vitest';
import { isDay, periodFromParams, periodToParams, rangeOf, PERIOD_CHOICES } from '../../admin/src/ui/period-range';
import { periodOf, previousPeriod } from '../../shared/periods';

/** An instant given as Vietnam wall-clock time. */
const vn = (local: string): number => Date.parse(`${local}+07:00`);

describe('period picker → days (Asia/Ho_Chi_Minh)', () => {
  // Wednesday 18 November 2026, 09:00 in Hà Nội.
  const now = vn('2026-11-18T09:00:00');

  it('maps each named period to Vietnam days, a running period ending today', () => {
    expect(rangeOf({ choice: 'today' }, now)).toEqual({ from: '2026-11-18', to: '2026-11-18' });
    expect(rangeOf({ choice: 'week' }, now)).toEqual({ from: '2026-11-16', to: '2026-11-18' });
    expect(rangeOf({ choice: 'month' }, now)).toEqual({ from: '2026-11-01', to: '2026-11-18' });
    expect(rangeOf({ choice: 'last-month' }, now)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(rangeOf({ choice: 'quarter' }, now)).toEqual({ from: '2026-10-01', to: '2026-11-18' });
    expect(rangeOf({ choice: 'half' }, now)).toEqual({ from: '2026-07-01', to: '2026-11-18' });
    expect(rangeOf({ choice: 'nine-months' }, now)).toEqual({ from: '2026-01-01', to: '2026-09-30' });
    expect(rangeOf({ choice: 'year' }, now)).toEqual({ from: '2026-01-01', to: '2026-11-18' });
  });

  it('takes the day from Vietnam time, not UTC: 00:30 on the 1st is already the new month', () => {
    const t = vn('2026-12-01T00:30:00'); // 17:30 UTC on 30 November
    expect(rangeOf({ choice: 'today' }, t)).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(rangeOf({ choice: 'month' }, t)).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(rangeOf({ choice: 'last-month' }, t)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('starts the week on Monday, also on a Sunday', () => {
    expect(rangeOf({ choice: 'week' }, vn('2026-11-22T23:00:00'))).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(rangeOf({ choice: 'week' }, vn('2026-11-23T00:10:00'))).toEqual({ from: '2026-11-23', to: '2026-11-23' });
  });

  it('gives last month of January as December of the year before', () => {
    expect(rangeOf({ choice: 'last-month' }, vn('2027-01-05T10:00:00'))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('gives nine months as January to today until September is over', () => {
    expect(rangeOf({ choice: 'nine-months' }, vn('2026-05-10T10:00:00'))).toEqual({ from: '2026-01-01', to: '2026-05-10' });
  });

  it('accepts a custom range of real days in order, one day long included', () => {
    expect(rangeOf({ choice: 'custom', from: '2026-02-01', to: '2026-02-28' }, now)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(rangeOf({ choice: 'custom', from: '2026-02-01', to: '2026-02-01' }, now)).toEqual({ from: '2026-02-01', to: '2026-02-01' });
    expect(rangeOf({ choice: 'custom', from: '2026-02-10', to: '2026-02-01' }, now)).toBeNull();
    expect(rangeOf({ choice: 'custom', from: '2026-02-01', to: '2026-02-30' }, now)).toBeNull();
    expect(rangeOf({ choice: 'custom', from: '2026-02-01' }, now)).toBeNull();
  });

  it('knows real days', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-1-5')).toBe(false);
    expect(isDay(undefined)).toBe(false);
  });

  it('reads and writes the choice in the address', () => {
    expect(periodFromParams({ period: 'quarter' })).toEqual({ choice: 'quarter' });
    expect(periodFromParams({})).toEqual({ choice: 'month' });
    expect(periodFromParams({ period: 'fortnight' }, 'today')).toEqual({ choice: 'today' });
    expect(periodFromParams({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ choice: 'custom', from: '2026-03-01', to: '2026-03-31' });
    expect(periodFromParams({ period: 'custom', from: '2026-03-31', to: '2026-03-01' })).toEqual({ choice: 'month' });
    expect(periodToParams({ choice: 'custom', from: '2026-03-01', to: '2026-03-31' })).toEqual({ period: 'custom', from: '2026-03-01', to: '2026-03-31' });
    expect(periodToParams({ choice: 'year' })).toEqual({ period: 'year', from: undefined, to: undefined });
    for (const choice of PERIOD_CHOICES.filter((c) => c !== 'custom')) expect(periodFromParams(periodToParams({ choice }) as Record<string, string>)).toEqual({ choice });
  });
});

describe('shared/periods: nine months', () => {
  it('is January to September with its Vietnamese name, and before it come the same nine months a year earlier', () => {
    const p = periodOf('nine-months', vn('2026-11-18T09:00:00'));
    expect(new Date(p.from).toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(new Date(p.to).toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(p.label).toEqual({ vi: '9 tháng đầu năm 2026', en: 'First nine months of 2026' });
    expect(previousPeriod(p).label.vi).toBe('9 tháng đầu năm 2025');
  });
});
