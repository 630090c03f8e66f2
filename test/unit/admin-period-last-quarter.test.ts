/**
 * "Last quarter" in the period picker: the office's question is about the
 * quarter that has ended (issue 12: "which counter pulled us below 85% last
 * quarter"), which "this quarter" cannot show and a custom range makes the
 * manager type. Vietnam days, the quarter before the one holding now.
 */
import { describe, expect, it } from 'vitest';
import { PERIOD_CHOICES, periodFromParams, rangeOf } from '../../admin/src/ui/period-range';

const vn = (local: string): number => Date.parse(`${local}+07:00`);

describe('period picker: last quarter', () => {
  it('is a choice, kept in the address like the others', () => {
    expect(PERIOD_CHOICES).toContain('last-quarter');
    expect(periodFromParams({ period: 'last-quarter' })).toEqual({ choice: 'last-quarter' });
  });

  it('covers the whole previous quarter in Vietnam days', () => {
    expect(rangeOf({ choice: 'last-quarter' }, vn('2026-11-18T09:00:00'))).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    // 00:30 on 1 October in Hà Nội is already quarter IV (17:30 UTC on 30 September).
    expect(rangeOf({ choice: 'last-quarter' }, vn('2026-10-01T00:30:00'))).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(rangeOf({ choice: 'last-quarter' }, vn('2026-09-30T23:30:00'))).toEqual({ from: '2026-04-01', to: '2026-06-30' });
  });

  it('in January is quarter IV of the year before', () => {
    expect(rangeOf({ choice: 'last-quarter' }, vn('2027-01-05T10:00:00'))).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });
});
