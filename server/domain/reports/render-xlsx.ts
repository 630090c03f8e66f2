/**
 * The report as an XLSX workbook (exceljs): a summary sheet, then one sheet
 * per table; rates as numbers with a percent format, frozen header rows,
 * column widths wide enough for Vietnamese names.
 */
import ExcelJS from 'exceljs';
import type { ReportContent } from '../../../shared/api/reports';
import { reportTables, type Cell } from './report-tables';

export const PERCENT_FORMAT = '0.00%';
export const COUNT_FORMAT = '#,##0';

export async function reportXlsx(rc: ReportContent, lang: 'vi' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hài Lòng';
  // Fixed dates: the same content gives the same workbook.
  wb.created = new Date(rc.generatedAt);
  wb.modified = new Date(rc.generatedAt);
  const L = (x: { vi: string; en: string }) => x[lang] || x.vi;

  const sum = wb.addWorksheet(lang === 'vi' ? 'Tổng hợp' : 'Summary', { views: [{ state: 'frozen', ySplit: 1 }] });
  sum.columns = [{ width: 48 }, { width: 18 }];
  sum.addRow([L({ vi: 'Chỉ tiêu', en: 'Figure' }), L({ vi: 'Giá trị', en: 'Value' })]).font = { bold: true };
  const put = (label: { vi: string; en: string }, v: Cell) => {
    const row = sum.addRow([L(label), 'text' in v ? v.text : 'count' in v ? v.count : v.rate]);
    if ('rate' in v) row.getCell(2).numFmt = PERCENT_FORMAT;
    if ('count' in v) row.getCell(2).numFmt = COUNT_FORMAT;
  };
  put({ vi: 'Kỳ báo cáo', en: 'Period' }, { text: L(rc.period.label) });
  put({ vi: 'Phạm vi', en: 'Scope' }, { text: L(rc.scope.name) });
  put({ vi: 'Tổng số phiếu', en: 'Responses' }, { count: rc.responses.total });
  put({ vi: 'Phiếu đã xác thực', en: 'Verified' }, { count: rc.responses.verified });
  put({ vi: 'Phiếu chưa xác thực', en: 'Unverified' }, { count: rc.responses.unverified });
  put({ vi: 'Tỷ lệ hài lòng', en: 'Satisfaction rate' }, { rate: rc.headline.rate });
  put({ vi: 'Số trả lời (n)', en: 'Answers (n)' }, { count: rc.headline.n });
  put({ vi: 'Cận dưới 95%', en: '95% low' }, { rate: rc.headline.interval?.low ?? null });
  put({ vi: 'Cận trên 95%', en: '95% high' }, { rate: rc.headline.interval?.high ?? null });
  put({ vi: 'Mục tiêu', en: 'Target' }, { rate: rc.target });
  put({ vi: `Kỳ trước (${rc.previous.period.label.vi})`, en: `Previous (${rc.previous.period.label.en})` }, { rate: rc.previous.rate });
  put({ vi: `Cùng kỳ năm trước (${rc.lastYear.period.label.vi})`, en: `Last year (${rc.lastYear.period.label.en})` }, { rate: rc.lastYear.rate });
  put({ vi: 'Chỉ số phục vụ', en: 'Service index' }, { rate: rc.indices.serviceIndex });
  put({ vi: 'Chỉ tiêu 5.4 QĐ 766', en: 'Decision 766 indicator 5.4' }, { rate: rc.decision766.value });
  put({ vi: 'Phiếu bị loại', en: 'Excluded responses' }, { count: rc.excluded.count });

  for (const table of reportTables(rc, lang)) {
    const ws = wb.addWorksheet(L(table.title).slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(table.headers.map(L)).font = { bold: true };
    for (const cells of table.rows) {
      const row = ws.addRow(cells.map((c) => ('text' in c ? c.text : 'count' in c ? c.count : c.rate)));
      cells.forEach((c, i) => {
        if ('rate' in c) row.getCell(i + 1).numFmt = PERCENT_FORMAT;
        else if ('count' in c) row.getCell(i + 1).numFmt = COUNT_FORMAT;
      });
    }
    if (table.note) ws.addRow([L(table.note)]);
    ws.columns.forEach((col, i) => {
      const longest = Math.max(L(table.headers[i]).length, ...table.rows.map((r) => ('text' in r[i] ? (r[i] as { text: string }).text.length : 8)));
      col.width = Math.min(60, Math.max(12, longest + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
