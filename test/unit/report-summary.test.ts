/**
 * The report's period names and its one-paragraph summary (issue 13):
 * Vietnamese period words, comma decimals, the counters below target.
 */
import { describe, expect, it } from 'vitest';
import { localMidnight, periodFromCode, samePeriodLastYear, previousPeriod } from '../../shared/periods';
import { summaryText, inSentence, formatPoints } from '../../server/domain/reports/summary-text';
import { initials } from '../../server/domain/reports/report-text';
import { maskPersonalData } from '../../server/domain/reports/report-content';
import type { ReportRow } from '../../shared/api/reports';

const iso = (t: number) => new Date(t).toISOString();

describe('report period codes', () => {
  it('names a quarter in Vietnamese and English, in Vietnam time', () => {
    const p = periodFromCode('2026-Q2')!;
    expect(p.label).toEqual({ vi: 'Quý II năm 2026', en: 'Q2 2026' });
    expect(iso(p.from)).toBe('2026-03-31T17:00:00.000Z');
    expect(iso(p.to)).toBe('2026-06-30T17:00:00.000Z');
  });

  it('puts 2026-03-31T17:30Z in April and quý II', () => {
    const t = Date.parse('2026-03-31T17:30:00Z');
    const q2 = periodFromCode('2026-Q2')!;
    const april = periodFromCode('2026-04')!;
    expect(t >= q2.from && t < q2.to).toBe(true);
    expect(t >= april.from && t < april.to).toBe(true);
    expect(april.label.vi).toBe('Tháng 4/2026');
  });

  it('ends 9 tháng at 30 September 23:59:59 Vietnam time', () => {
    const p = periodFromCode('2026-9M')!;
    expect(p.label.vi).toBe('9 tháng đầu năm 2026');
    expect(iso(p.to - 1000)).toBe('2026-09-30T16:59:59.000Z');
  });

  it('names both halves, the year and a custom range', () => {
    expect(periodFromCode('2026-H1')!.label.vi).toBe('6 tháng đầu năm 2026');
    expect(periodFromCode('2026-H2')!.label.vi).toBe('6 tháng cuối năm 2026');
    expect(periodFromCode('2026')!.label.vi).toBe('Năm 2026');
    const c = periodFromCode('2026-01-01..2026-02-15')!;
    expect(c.label.vi).toBe('Từ 1/1/2026 đến 15/2/2026');
    expect(c.to).toBe(localMidnight(2026, 2, 16));
  });

  it('refuses words that are no period', () => {
    for (const bad of ['2026-13', '2026-Q5', 'Q2', '2026-02-10..2026-01-01', '']) expect(periodFromCode(bad)).toBeNull();
  });

  it('compares a quarter with the quarter before and the same quarter last year', () => {
    const p = periodFromCode('2026-Q1')!;
    expect(previousPeriod(p).label.vi).toBe('Quý IV năm 2025');
    expect(samePeriodLastYear(p).label.vi).toBe('Quý I năm 2025');
  });
});

const row = (name: string, rate: number, status: ReportRow['status']): ReportRow => ({
  key: name, name: { vi: `Quầy ${name}`, en: `Counter ${name}` }, responses: 50, n: 50, s: Math.round(rate * 50), rate, interval: null, status, gap: null,
});

describe('report summary sentence', () => {
  const base = {
    periodLabel: { vi: 'Quý III năm 2026', en: 'Q3 2026' },
    headline: { rate: 0.86123, n: 1234 },
    target: 0.85,
    previous: { label: { vi: 'Quý II năm 2026', en: 'Q2 2026' }, deltaPoints: 1.4 },
    counters: [row('T1', 0.8, 'below'), row('T2', 0.9, 'meets'), row('T3', 0.7, 'significantly-below')],
  };

  it('says the rate, the change and the counters below target in Vietnamese', () => {
    expect(summaryText(base).vi).toBe(
      'Tỷ lệ hài lòng quý III năm 2026 đạt 86,12% (1.234 lượt đánh giá), tăng 1,4 điểm so với quý II năm 2026; 2 quầy dưới mục tiêu: Quầy T1 (80,00%), Quầy T3 (70,00%).',
    );
  });

  it('says the same in English', () => {
    expect(summaryText(base).en).toBe(
      'The satisfaction rate for Q3 2026 is 86.12% (1,234 ratings), up 1.4 points from Q2 2026; 2 counters below target: Counter T1 (80.00%), Counter T3 (70.00%).',
    );
  });

  it('says a fall, no previous figure, and no counter below target', () => {
    expect(summaryText({ ...base, previous: { ...base.previous, deltaPoints: -2.25 } }).vi).toContain('giảm 2,3 điểm so với quý II năm 2026');
    expect(summaryText({ ...base, previous: { ...base.previous, deltaPoints: null } }).vi).toContain('chưa có số liệu quý II năm 2026 để so sánh');
    expect(summaryText({ ...base, counters: [] }).vi).toContain('không có quầy nào dưới mục tiêu 85,00%');
  });

  it('says when nothing was counted', () => {
    expect(summaryText({ ...base, headline: { rate: null, n: 0 } }).vi).toBe('Quý III năm 2026: chưa có phiếu đánh giá nào được tính.');
  });

  it('writes points with a comma and lowercases a period inside a sentence', () => {
    expect(formatPoints(1.44, 'vi')).toBe('1,4');
    expect(inSentence('Tháng 4/2026')).toBe('tháng 4/2026');
  });
});

describe('document number', () => {
  it('abbreviates the office name to its initials, without brackets or diacritics', () => {
    expect(initials('Sở Ngoại vụ tỉnh Hài Lòng (dữ liệu mẫu)')).toBe('SNVTHL');
    expect(initials('Ủy ban nhân dân phường Đông Hòa')).toBe('UBNDPĐH');
  });
});

describe('comment selection', () => {
  it('masks e-mails, phone and ID numbers, keeps short numbers', () => {
    expect(maskPersonalData('Gọi tôi 0912 345 678 hoặc a.b@mail.vn, CCCD 001203004567')).toBe('Gọi tôi […] hoặc […], CCCD […]');
    expect(maskPersonalData('Chờ 45 phút ở quầy 2')).toBe('Chờ 45 phút ở quầy 2');
  });
});
