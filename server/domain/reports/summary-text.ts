/** The report's one-paragraph summary in words, Vietnamese and English. */
import { formatPercent } from '../../../shared/satisfaction';
import type { ReportContent, ReportRow } from '../../../shared/api/reports';

/** "Quý III năm 2026" → "quý III năm 2026" (inside a sentence). */
export const inSentence = (label: string): string => label.charAt(0).toLowerCase() + label.slice(1);

/** 1.4 → "1,4" (vi) / "1.4" (en), one decimal. */
export function formatPoints(x: number, locale: 'vi' | 'en'): string {
  const s = Math.abs(x).toFixed(1);
  return locale === 'vi' ? s.replace('.', ',') : s;
}

const belowTarget = (r: ReportRow) => r.status === 'below' || r.status === 'significantly-below';

export interface SummaryInput {
  periodLabel: { vi: string; en: string };
  headline: { rate: number | null; n: number };
  target: number;
  previous: { label: { vi: string; en: string }; deltaPoints: number | null };
  counters: ReportRow[];
}

export function summaryInput(c: Omit<ReportContent, 'summary'>): SummaryInput {
  return {
    periodLabel: c.period.label,
    headline: { rate: c.headline.rate, n: c.headline.n },
    target: c.target,
    previous: { label: c.previous.period.label, deltaPoints: c.previous.deltaPoints },
    counters: c.tables.counters.rows,
  };
}

export function summaryText(i: SummaryInput): { vi: string; en: string } {
  if (i.headline.rate === null) {
    return {
      vi: `${i.periodLabel.vi}: chưa có phiếu đánh giá nào được tính.`,
      en: `${i.periodLabel.en}: no ratings counted yet.`,
    };
  }
  const d = i.previous.deltaPoints;
  const vsVi =
    d === null ? `chưa có số liệu ${inSentence(i.previous.label.vi)} để so sánh`
    : Math.abs(d) < 0.05 ? `không đổi so với ${inSentence(i.previous.label.vi)}`
    : `${d > 0 ? 'tăng' : 'giảm'} ${formatPoints(d, 'vi')} điểm so với ${inSentence(i.previous.label.vi)}`;
  const vsEn =
    d === null ? `no figure for ${i.previous.label.en} to compare with`
    : Math.abs(d) < 0.05 ? `unchanged from ${i.previous.label.en}`
    : `${d > 0 ? 'up' : 'down'} ${formatPoints(d, 'en')} points from ${i.previous.label.en}`;
  const below = i.counters.filter(belowTarget);
  const listVi = below.map((r) => `${r.name.vi} (${formatPercent(r.rate, 'vi')})`).join(', ');
  const listEn = below.map((r) => `${r.name.en || r.name.vi} (${formatPercent(r.rate, 'en')})`).join(', ');
  const tailVi = below.length ? `${below.length} quầy dưới mục tiêu: ${listVi}` : `không có quầy nào dưới mục tiêu ${formatPercent(i.target, 'vi')}`;
  const tailEn = below.length
    ? `${below.length} ${below.length === 1 ? 'counter' : 'counters'} below target: ${listEn}`
    : `no counter below the ${formatPercent(i.target, 'en')} target`;
  const nVi = i.headline.n.toLocaleString('vi-VN');
  const nEn = i.headline.n.toLocaleString('en-GB');
  return {
    vi: `Tỷ lệ hài lòng ${inSentence(i.periodLabel.vi)} đạt ${formatPercent(i.headline.rate, 'vi')} (${nVi} lượt đánh giá), ${vsVi}; ${tailVi}.`,
    en: `The satisfaction rate for ${i.periodLabel.en} is ${formatPercent(i.headline.rate, 'en')} (${nEn} ratings), ${vsEn}; ${tailEn}.`,
  };
}
