/**
 * What changed between an issued report and the same report computed now:
 * the headline, the response counts, exclusions, and every table row's n and s.
 */
import type { ReportContent, ReportDifference } from '../../../shared/api/reports';

type LocalText = { vi: string; en: string };

function figures(c: ReportContent): Map<string, { label: LocalText; value: number | null }> {
  const m = new Map<string, { label: LocalText; value: number | null }>();
  const put = (path: string, label: LocalText, value: number | null) => m.set(path, { label, value });
  put('headline.rate', { vi: 'Tỷ lệ hài lòng', en: 'Satisfaction rate' }, c.headline.rate);
  put('headline.n', { vi: 'Số trả lời (n)', en: 'Answers (n)' }, c.headline.n);
  put('headline.s', { vi: 'Số hài lòng', en: 'Satisfied' }, c.headline.s);
  put('responses.total', { vi: 'Tổng số phiếu', en: 'Responses' }, c.responses.total);
  put('responses.verified', { vi: 'Phiếu đã xác thực', en: 'Verified' }, c.responses.verified);
  put('excluded.count', { vi: 'Phiếu bị loại', en: 'Excluded responses' }, c.excluded.count);
  put('indices.serviceIndex', { vi: 'Chỉ số phục vụ', en: 'Service index' }, c.indices.serviceIndex);
  put('decision766.value', { vi: 'Chỉ tiêu 5.4 QĐ 766', en: 'Decision 766 indicator 5.4' }, c.decision766.value);
  for (const t of ['units', 'counters', 'officers', 'procedures'] as const) {
    for (const r of c.tables[t].rows) {
      put(`tables.${t}.${r.key}.n`, { vi: `${r.name.vi}: n`, en: `${r.name.en}: n` }, r.n);
      put(`tables.${t}.${r.key}.rate`, { vi: `${r.name.vi}: tỷ lệ`, en: `${r.name.en}: rate` }, r.rate);
    }
  }
  return m;
}

export function reportDifferences(issued: ReportContent, current: ReportContent): ReportDifference[] {
  const a = figures(issued);
  const b = figures(current);
  const out: ReportDifference[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(path);
    const y = b.get(path);
    const iv = x?.value ?? null;
    const cv = y?.value ?? null;
    const same = iv === cv || (iv !== null && cv !== null && Math.abs(iv - cv) < 1e-12);
    if (!same) out.push({ path, label: (x ?? y)!.label, issued: iv, current: cv });
  }
  return out;
}
