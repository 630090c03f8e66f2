import { describe, expect, it } from 'vitest';
import { decision766Points, decision766Value } from '../../shared/decision766';
import { formatPercent } from '../../shared/satisfaction';

describe('Decision 766 indicator 5.4', () => {
  it('SIPAS.md §5: 400 settled, 12 late, 8 complained or rated ≤ 2 → 95.00%, full points', () => {
    const value = decision766Value({ settled: 400, late: 12, complainedOrLowRated: 8 });
    expect(formatPercent(value, 'en')).toBe('95.00%');
    expect(value).toBeCloseTo(0.95, 12);
    expect(decision766Points(value)).toBe(1);
  });

  it('adds the two shares as published: a dossier both late and complained about counts in both', () => {
    expect(decision766Value({ settled: 10, late: 1, complainedOrLowRated: 1 })).toBeCloseTo(0.8, 12);
  });

  it('gives full points at exactly 90%, and value × max ÷ 90% below it', () => {
    expect(decision766Points(0.9)).toBe(1);
    expect(decision766Points(0.81)).toBeCloseTo(0.9, 12);
    expect(decision766Points(0.45, 2)).toBeCloseTo(1, 12);
    expect(decision766Points(0.95, 2)).toBe(2);
  });

  it('is not available without settled dossiers', () => {
    expect(decision766Value({ settled: 0, late: 0, complainedOrLowRated: 0 })).toBeNull();
    expect(decision766Points(null)).toBeNull();
  });

  it('never goes below 0', () => {
    expect(decision766Value({ settled: 4, late: 4, complainedOrLowRated: 4 })).toBe(0);
  });
});
