/**
 * The report's tables as rows of cells, once, for every format: CSV and XLSX
 * write them, the print page and the DOCX lay them out. A cell is text, a
 * count, or a rate (0..1, shown as a percent).
 */
import type { ReportContent, ReportRow, ReportTable } from '../../../shared/api/reports';

export type Cell = { text: string } | { count: number } | { rate: number | null };
export interface TableModel {
  id: ReportTable;
  title: { vi: string; en: string };
  headers: { vi: string; en: string }[];
  rows: Cell[][];
  /** A closing line, e.g. rows hidden under the minimum sample. */
  note?: { vi: string; en: string };
}

const t = (text: string): Cell => ({ text });
const c = (count: number): Cell => ({ count });
const r = (rate: number | null): Cell => ({ rate });

const STATUS: Record<ReportRow['status'], { vi: string; en: string }> = {
  'no-data': { vi: 'Chưa đủ số liệu', en: 'Not enough data' },
  meets: { vi: 'Đạt', en: 'Meets' },
  below: { vi: 'Dưới mục tiêu', en: 'Below target' },
  'significantly-below': { vi: 'Dưới mục tiêu rõ rệt', en: 'Clearly below target' },
};
export const statusText = (s: ReportRow['status'], lang: 'vi' | 'en') => STATUS[s][lang];

const RATE_HEADERS = [
  { vi: 'Số phiếu', en: 'Responses' },
  { vi: 'Số trả lời (n)', en: 'Answers (n)' },
  { vi: 'Hài lòng', en: 'Satisfied' },
  { vi: 'Tỷ lệ hài lòng', en: 'Satisfaction rate' },
  { vi: 'Cận dưới 95%', en: '95% low' },
  { vi: 'Cận trên 95%', en: '95% high' },
  { vi: 'So với mục tiêu', en: 'vs target' },
];

function rateTable(id: ReportTable, title: TableModel['title'], first: TableModel['headers'][number], rows: ReportRow[], lang: 'vi' | 'en', hidden = 0): TableModel {
  return {
    id,
    title,
    headers: [first, ...RATE_HEADERS],
    rows: rows.map((x) => [t(x.name[lang] || x.name.vi), c(x.responses), c(x.n), c(x.s), r(x.rate), r(x.interval?.low ?? null), r(x.interval?.high ?? null), t(statusText(x.status, lang))]),
    note: hidden
      ? { vi: `${hidden} dòng có dưới cỡ mẫu tối thiểu không được hiển thị.`, en: `${hidden} rows under the minimum sample are not shown.` }
      : undefined,
  };
}

export function reportTables(rc: ReportContent, lang: 'vi' | 'en'): TableModel[] {
  const T = rc.tables;
  return [
    rateTable('units', { vi: 'Theo đơn vị', en: 'By unit' }, { vi: 'Đơn vị', en: 'Unit' }, T.units.rows, lang, T.units.hidden),
    rateTable('counters', { vi: 'Theo quầy', en: 'By counter' }, { vi: 'Quầy', en: 'Counter' }, T.counters.rows, lang, T.counters.hidden),
    rateTable('officers', { vi: 'Theo công chức', en: 'By officer' }, { vi: 'Công chức', en: 'Officer' }, T.officers.rows, lang, T.officers.hidden),
    rateTable('procedures', { vi: 'Theo thủ tục hành chính', en: 'By procedure' }, { vi: 'Thủ tục', en: 'Procedure' }, T.procedures.rows, lang, T.procedures.hidden),
    rateTable('criteria', { vi: 'Theo tiêu chí', en: 'By criterion' }, { vi: 'Tiêu chí', en: 'Criterion' }, rc.criteria.map((x) => ({ ...x, name: { vi: `${x.key}. ${x.name.vi}`, en: `${x.key}. ${x.name.en}` } })), lang),
    {
      id: 'reasons',
      title: { vi: 'Lý do chưa hài lòng', en: 'Reasons for dissatisfaction' },
      headers: [{ vi: 'Lý do', en: 'Reason' }, { vi: 'Số lượt chọn', en: 'Times chosen' }],
      rows: rc.reasons.map((x) => [t(x.label[lang] || x.label.vi), c(x.count)]),
    },
    {
      id: 'expectations',
      title: { vi: 'Mong đợi của người dân', en: 'Citizens\' expectations' },
      headers: [{ vi: 'Nội dung', en: 'Expectation' }, { vi: 'Số lượt chọn', en: 'Times chosen' }],
      rows: rc.expectations.map((x) => [t(x.label[lang] || x.label.vi), c(x.count)]),
    },
    uptimeTable(rc, lang),
  ];
}

/** "14/07/2026 08:00" (Vietnam time). */
export function localDateTimeText(isoTime: string): string {
  const d = new Date(Date.parse(isoTime) + 7 * 3600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}

function uptimeTable(rc: ReportContent, lang: 'vi' | 'en'): TableModel {
  const u = rc.kioskUptime;
  const row = (name: string, f: ReportContent['kioskUptime']['overall'] | ReportContent['kioskUptime']['rows'][number]): Cell[] => [
    t(name),
    c(f.openMinutes),
    c(f.onlineMinutes),
    r(f.share),
    c(f.longestOutageMinutes),
    t(f.longestOutageFrom ? localDateTimeText(f.longestOutageFrom) : '—'),
  ];
  return {
    id: 'uptime',
    title: { vi: 'Thời gian hoạt động kiosk', en: 'Kiosk uptime in opening hours' },
    headers: [
      { vi: 'Quầy', en: 'Counter' },
      { vi: 'Giờ làm việc (phút)', en: 'Opening time (min)' },
      { vi: 'Kiosk hoạt động (phút)', en: 'Kiosk online (min)' },
      { vi: 'Tỷ lệ hoạt động', en: 'Uptime' },
      { vi: 'Gián đoạn dài nhất (phút)', en: 'Longest outage (min)' },
      { vi: 'Bắt đầu gián đoạn', en: 'Outage from' },
    ],
    rows: u.available ? [...u.rows.map((x) => row(x.name[lang] || x.name.vi, x)), row(lang === 'vi' ? 'Chung' : 'Overall', u.overall)] : [],
    note: u.available
      ? undefined
      : { vi: 'Chưa có số liệu: lịch sử kết nối của kiosk bắt đầu được ghi nhận từ phiên bản này.', en: 'Not available: the kiosks\' connection history is recorded from this version on.' },
  };
}

/** A rate as text: 86,12% (vi) or 86.12% (en); '—' when there is none. */
export function percentText(x: number | null, lang: 'vi' | 'en'): string {
  if (x === null) return '—';
  const s = (Math.round(x * 10000) / 100).toFixed(2);
  return `${lang === 'vi' ? s.replace('.', ',') : s}%`;
}

export const cellText = (cell: Cell, lang: 'vi' | 'en'): string =>
  'text' in cell ? cell.text : 'count' in cell ? cell.count.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') : percentText(cell.rate, lang);

const csvField = (s: string) => (/[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * One table as CSV: UTF-8 with a BOM (Excel then reads the diacritics), comma
 * separated, rates as plain decimals 0..1 with a dot so any spreadsheet reads them as numbers.
 */
export function tableCsv(table: TableModel, lang: 'vi' | 'en'): string {
  const lines = [table.headers.map((h) => csvField(h[lang])).join(',')];
  for (const row of table.rows) {
    lines.push(row.map((cell) => ('text' in cell ? csvField(cell.text) : 'count' in cell ? String(cell.count) : cell.rate === null ? '' : cell.rate.toFixed(6))).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
