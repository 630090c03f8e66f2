/**
 * Reads the procedure list offices export from the national procedures
 * database (code, name, field) as CSV: a UTF-8 BOM, Windows or old Mac line
 * endings, `,` or `;` between fields (Excel in a Vietnamese locale writes
 * `;`), quoted fields with doubled quotes, Vietnamese in NFC or NFD. Pure:
 * no store, so the preview and the write read the file the same way.
 */

export interface CsvProcedureRow {
  /** The file's line number of the row (1-based, the header included). */
  line: number;
  code: string;
  name: string;
  field: string;
  errors: { path: 'code' | 'name' | 'field' | ''; message: string }[];
}

export const MAX_IMPORT_ROWS = 5000;

/** RFC 4180 records; a newline inside quotes stays in the field. Returns each record with the line it starts on. */
export function parseCsv(text: string, delimiter: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      out.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    out.push({ line: start, cells });
  }
  return out;
}

/** Lower case, no diacritics (đ → d), single spaces: for recognising headers whatever their accents. */
export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** The column of each part, from a header such as "Mã thủ tục;Tên thủ tục;Lĩnh vực" (or "code,name,field"). */
function headerColumns(cells: string[]): { code: number; name: number; field: number } | null {
  const f = cells.map(fold);
  const code = f.findIndex((c) => c === 'ma' || c.startsWith('ma ') || c.includes('code') || c.includes('tthc'));
  const name = f.findIndex((c, i) => i !== code && (c.startsWith('ten') || c.includes('name')));
  const field = f.findIndex((c, i) => i !== code && i !== name && (c.includes('linh vuc') || c.includes('field')));
  return code >= 0 && name >= 0 && field >= 0 ? { code, name, field } : null;
}

/** The file's rows, each with its own problems named by column. Empty lines are skipped. */
export function readProcedureCsv(raw: string): { rows: CsvProcedureRow[]; problem: string | null } {
  const text = raw.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  return readProcedureRecords(parseCsv(text, delimiter));
}

/**
 * The rows of any table (a CSV's records, an XLSX sheet's rows), judged the
 * same way: a header recognised whatever its accents (or none: code, name,
 * field in that order), each row's problems named by column.
 */
export function readProcedureRecords(all: { line: number; cells: string[] }[]): { rows: CsvProcedureRow[]; problem: string | null } {
  const records = all.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!records.length) return { rows: [], problem: 'The file has no rows' };
  const header = headerColumns(records[0].cells);
  const cols = header ?? { code: 0, name: 1, field: 2 };
  const body = header ? records.slice(1) : records;
  if (body.length > MAX_IMPORT_ROWS) return { rows: [], problem: `At most ${MAX_IMPORT_ROWS} rows per file` };
  const seen = new Map<string, number>();
  const rows = body.map(({ line, cells }): CsvProcedureRow => {
    const get = (i: number) => (cells[i] ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
    const row: CsvProcedureRow = { line, code: get(cols.code), name: get(cols.name), field: get(cols.field), errors: [] };
    if (!row.code) row.errors.push({ path: 'code', message: 'missing' });
    else if (row.code.length > 40) row.errors.push({ path: 'code', message: 'longer than 40 characters' });
    else if (seen.has(row.code)) row.errors.push({ path: 'code', message: `same code as line ${seen.get(row.code)}` });
    if (!row.name) row.errors.push({ path: 'name', message: 'missing' });
    else if (row.name.length > 500) row.errors.push({ path: 'name', message: 'longer than 500 characters' });
    if (!row.field) row.errors.push({ path: 'field', message: 'missing' });
    else if (row.field.length > 200) row.errors.push({ path: 'field', message: 'longer than 200 characters' });
    if (row.code && !seen.has(row.code)) seen.set(row.code, line);
    return row;
  });
  return { rows, problem: null };
}
