/**
 * A small RFC 4180 CSV reader, for the dossier-outcome import: quoted fields
 * (with commas, line breaks and "" for a quote inside), CRLF, LF or CR line
 * ends, a UTF-8 byte-order mark, and `;` as the separator when the header
 * uses it (spreadsheets set to a Vietnamese locale export that way).
 * ~60 lines with no dependency was judged simpler than vetting one.
 */

export interface CsvRecord {
  /** 1-based record number: the header is row 1 (what a spreadsheet shows when no field spans lines). */
  row: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/** The separator the header line uses: `;` only when it has semicolons and no commas. */
function separatorOf(text: string): string {
  const end = text.search(/[\r\n]/);
  const header = end === -1 ? text : text.slice(0, end);
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = separatorOf(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  /** Whether the current field was opened with a quote (text after its closing quote is an error). */
  let wasQuoted = false;
  let row = 1;
  const endField = () => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record (a trailing newline, spacing between blocks).
    if (!(fields.length === 1 && fields[0] === '')) records.push({ row, fields });
    fields = [];
    row++;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"') {
      if (field !== '' || wasQuoted) throw new CsvError(row, 'a quote inside an unquoted field (quote the whole field and double the quote)');
      quoted = true;
      wasQuoted = true;
    } else if (ch === sep) endField();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else if (wasQuoted) throw new CsvError(row, 'text after a closing quote');
    else field += ch;
  }
  if (quoted) throw new CsvError(row, 'a quoted field is never closed');
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  return records;
}
