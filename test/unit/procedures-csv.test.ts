/** The procedure list as offices export it: BOM, CRLF or CR, `;` or `,`, quotes, NFD diacritics, headers with or without accents. */
import { describe, expect, it } from 'vitest';
import { fold, parseCsv, readProcedureCsv } from '../../server/domain/procedures-csv';

describe('procedure CSV', () => {
  it('keeps a quoted delimiter, a doubled quote and a newline inside quotes, and counts lines', () => {
    expect(parseCsv('a;"b;c";"say ""hi"""\r\n"multi\r\nline";x;y\r\nlast;1;2', ';')).toEqual([
      { line: 1, cells: ['a', 'b;c', 'say "hi"'] },
      { line: 2, cells: ['multi\r\nline', 'x', 'y'] },
      { line: 4, cells: ['last', '1', '2'] },
    ]);
  });

  it('reads old Mac line endings and a header without accents, in any column order', () => {
    const { rows } = readProcedureCsv('Linh vuc,Ma TTHC,Ten thu tuc\r1 field,1.1,Name one\r');
    expect(rows).toEqual([{ line: 2, code: '1.1', name: 'Name one', field: '1 field', errors: [] }]);
  });

  it('folds Vietnamese for matching headers and turns NFD text into NFC', () => {
    expect(fold('  Lĩnh   Vực ')).toBe('linh vuc');
    expect(fold('Đăng ký')).toBe('dang ky');
    const { rows } = readProcedureCsv('\uFEFFMã;Tên;Lĩnh vực\n1.2;' + 'Hộ tịch'.normalize('NFD') + ';Tư pháp\n');
    expect(rows[0].name).toBe('Hộ tịch'.normalize('NFC'));
  });

  it('skips empty lines and names each bad column, long values too', () => {
    const { rows } = readProcedureCsv(`code,name,field\n\n,x,\n2.1,${'n'.repeat(501)},f\n`);
    expect(rows.map((r) => r.errors.map((e) => `${r.line}:${e.path}`))).toEqual([['3:code', '3:field'], ['4:name']]);
  });

  it('refuses a file with no rows', () => {
    expect(readProcedureCsv('\uFEFF\r\n  \r\n').problem).toBe('The file has no rows');
  });
});
