import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from '../../server/domain/csv';
import { csvTime } from '../../server/domain/dossier-import';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads quoted fields with commas, line breaks and doubled quotes', () => {
    expect(fields('a,b\n"x, y","say ""hi""\nthere"\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });

  it('accepts CRLF, CR and LF line ends, a BOM, and no final newline', () => {
    expect(fields('\uFEFFa,b\r\n1,2\r3,4\n5,6')).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
  });

  it('keeps Vietnamese diacritics and empty fields', () => {
    expect(fields('ref,unit,late\nHồ sơ Đ-01,,không\n')).toEqual([['ref', 'unit', 'late'], ['Hồ sơ Đ-01', '', 'không']]);
  });

  it('uses ; when the header does (spreadsheets in a Vietnamese locale)', () => {
    expect(fields('a;b\n1,5;2\n')).toEqual([['a', 'b'], ['1,5', '2']]);
  });

  it('numbers records from the header as row 1 and skips blank lines', () => {
    expect(parseCsv('h\n\nx\n').map((r) => r.row)).toEqual([1, 3]);
  });

  it('refuses an unclosed quote and a stray quote, naming the row', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(CsvError);
    expect(() => parseCsv('a\nab"c\n')).toThrowError(expect.objectContaining({ row: 2 }));
    expect(() => parseCsv('a\n"ab"c\n')).toThrow(CsvError);
  });
});

describe('csvTime', () => {
  it('reads local Vietnamese and ISO forms, leaving the rest for validation to refuse', () => {
    expect(csvTime('2026-03-01')).toBe('2026-03-01');
    expect(csvTime('2026-03-01 8:05')).toBe('2026-03-01T08:05:00+07:00');
    expect(csvTime('1/3/2026')).toBe('2026-03-01');
    expect(csvTime('01/03/2026 16:30:10')).toBe('2026-03-01T16:30:10+07:00');
    expect(csvTime('2026-03-01T01:00:00Z')).toBe('2026-03-01T01:00:00Z');
    expect(csvTime('hôm qua')).toBe('hôm qua');
  });
});
