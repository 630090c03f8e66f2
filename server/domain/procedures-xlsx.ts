/**
 * Reads the procedure list from an XLSX workbook (the national procedures
 * database exports one; offices also save their CSV from Excel as XLSX):
 * the first sheet with any text, its rows judged exactly as a CSV's
 * (procedures-csv.ts), so the preview names the same problems. Cell values
 * come as Excel shows them (a code typed as a number keeps its text).
 */
import ExcelJS from 'exceljs';
import { MAX_IMPORT_ROWS, readProcedureRecords, type CsvProcedureRow } from './procedures-csv';
import { zipProblem } from './zip-limits';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An XLSX (a ZIP) starts with "PK\x03\x04"; anything else is read as CSV text. */
export const looksLikeXlsx = (bytes: Uint8Array): boolean => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** A cell as text: rich text joined, a formula's result, a hyperlink's text, a date as yyyy-mm-dd. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return v.result === undefined || v.result === null ? '' : cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return '';
}

export async function readProcedureXlsx(bytes: Uint8Array): Promise<{ rows: CsvProcedureRow[]; problem: string | null }> {
  // A zip bomb is refused before exceljs unpacks anything (zip-limits.ts).
  const tooBig = zipProblem(bytes);
  if (tooBig) return { rows: [], problem: tooBig };
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types want a Node Buffer of its own declaration; a plain one is what it reads.
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return { rows: [], problem: 'The file is not a readable XLSX workbook' };
  }
  const sheet = wb.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return { rows: [], problem: 'The file has no rows' };
  // A header line plus the limit; more is refused before any row is judged.
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) return { rows: [], problem: `At most ${MAX_IMPORT_ROWS} rows per file` };
  const records: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    records.push({ line, cells: Array.from(cells, (c) => c ?? '') });
  });
  return readProcedureRecords(records);
}
