/**
 * The procedure list imported from a file sent as it is: an XLSX workbook
 * (generated here with exceljs) or CSV text with a BOM and Windows line
 * endings; the same preview with per-row errors before anything is written,
 * Vietnamese kept, and a national list of 5,000 rows fits the body limit.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/test-server';
import { startWithAdmin } from '../helpers/server-session';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let s: TestServer;
let admin: string;
beforeAll(async () => {
  ({ s, admin } = await startWithAdmin());
});
afterAll(() => s.stop());

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('TTHC');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (body: Uint8Array | string, type: string, dryRun = true, cookie = admin) =>
  s.api(`/api/v1/procedures/import/file?dryRun=${dryRun}`, { method: 'POST', cookie, headers: { 'content-type': type }, body: body as BodyInit });

const procedures = async () => (await (await s.api('/api/v1/procedures', { cookie: admin })).json()).items as { code: string; name: { vi: string }; field: { vi: string } }[];

describe('POST /procedures/import/file (XLSX)', () => {
  const rows = [
    ['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực'],
    ['2.001234', 'Cấp hộ chiếu phổ thông', 'Lãnh sự'],
    ['2.001235', 'Hợp pháp hóa lãnh sự giấy tờ, tài liệu', 'Lãnh sự'],
    ['2.001236', null, 'Lãnh sự'],
    [2.001237, 'Chứng nhận lãnh sự', 'Lãnh sự'],
  ];

  it('previews every row with its own errors, and writes nothing', async () => {
    const before = (await procedures()).length;
    const res = await upload(await workbook(rows), XLSX);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.written).toBe(false);
    expect(body.counts).toEqual({ new: 3, update: 0, unchanged: 0, error: 1 });
    const bad = body.rows.find((r: { status: string }) => r.status === 'error');
    expect(bad).toMatchObject({ line: 4, code: '2.001236', errors: [{ path: 'name', message: 'missing' }] });
    expect(body.rows[0]).toMatchObject({ line: 2, code: '2.001234', name: 'Cấp hộ chiếu phổ thông', field: 'Lãnh sự', status: 'new' });
    expect(body.rows[3]).toMatchObject({ code: '2.001237', status: 'new' });
    expect((await procedures()).length).toBe(before);
  });

  it('writes the good rows only, with their diacritics, and audits the import', async () => {
    const res = await upload(await workbook(rows), XLSX, false);
    expect((await res.json()).written).toBe(true);
    const list = await procedures();
    expect(list.find((p) => p.code === '2.001235')!.name.vi).toBe('Hợp pháp hóa lãnh sự giấy tờ, tài liệu');
    expect(list.some((p) => p.code === '2.001236')).toBe(false);
    const audit = (await (await s.api('/api/v1/audit?action=procedure.import', { cookie: admin })).json()).items;
    expect(audit[0].details).toMatchObject({ created: ['2.001234', '2.001235', '2.001237'], skippedRows: [4] });
  });

  it('a broken workbook or an empty body is a 400 naming file; a unit head gets 403', async () => {
    const broken = await upload(Buffer.from('PK\u0003\u0004 not really a zip'), XLSX);
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.details[0].path).toBe('file');
    const empty = await upload('', XLSX);
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.details[0].path).toBe('file');
    const json = await s.api('/api/v1/procedures/import/file', { method: 'POST', cookie: admin, json: { csv: 'a,b,c' } });
    expect(json.status).toBe(400);
    expect((await json.json()).error.details[0].path).toBe('file');
    const { temporaryPassword } = await (await s.api('/api/v1/users', { method: 'POST', cookie: admin, json: { email: 'head@test.local', name: 'Head', role: 'unit-head', unitId: 'unit-a' } })).json();
    const head = await s.login('head@test.local', temporaryPassword);
    await s.api('/api/v1/me/password', { method: 'POST', cookie: head, json: { currentPassword: temporaryPassword, newPassword: 'head-own-password-1' } });
    expect((await upload(await workbook(rows), XLSX, true, head)).status).toBe(403);
  });
});

describe('POST /procedures/import/file (CSV)', () => {
  it('reads a CSV with a BOM, CRLF endings, ";" and one bad row; the bad row is never stored', async () => {
    const csv = '\uFEFFMã TTHC;Tên thủ tục;Lĩnh vực\r\n3.000001;Đăng ký kết hôn có yếu tố nước ngoài;Hộ tịch\r\n3.000002;;Hộ tịch\r\n3.000003;Ghi chú ly hôn;Hộ tịch\r\n';
    const preview = await (await upload(Buffer.from(csv, 'utf8'), 'text/csv')).json();
    expect(preview.counts).toEqual({ new: 2, update: 0, unchanged: 0, error: 1 });
    expect(preview.rows[1]).toMatchObject({ line: 3, code: '3.000002', status: 'error', errors: [{ path: 'name' }] });
    expect(preview.rows[0].name).toBe('Đăng ký kết hôn có yếu tố nước ngoài');
    const written = await (await upload(Buffer.from(csv, 'utf8'), 'text/csv', false)).json();
    expect(written.written).toBe(true);
    const codes = (await procedures()).map((p) => p.code);
    expect(codes).toContain('3.000001');
    expect(codes).toContain('3.000003');
    expect(codes).not.toContain('3.000002');
  });

  it('a national list of 5,000 rows (over 1 MB, beyond the JSON body limit) is previewed whole', async () => {
    const lines = ['code,name,field'];
    for (let i = 0; i < 5000; i++) lines.push(`9.${String(i).padStart(6, '0')},"Thủ tục hành chính số ${i}: cấp, cấp lại, điều chỉnh giấy phép hoạt động trong lĩnh vực được giao quản lý theo quy định hiện hành của pháp luật",Lĩnh vực ${i % 40}`);
    const body = Buffer.from(lines.join('\r\n'), 'utf8');
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await upload(body, 'text/csv');
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.counts.new).toBe(5000);
    expect(r.rows).toHaveLength(5000);
    // One more row is refused as a whole, naming the file.
    const over = await upload(Buffer.from([...lines, '9.999999,X,Y'].join('\r\n'), 'utf8'), 'text/csv');
    expect(over.status).toBe(400);
    expect((await over.json()).error.details[0].path).toBe('file');
    // Beyond 8 MB: 413.
    expect((await upload(Buffer.alloc(9 * 1024 * 1024, 0x41), 'text/csv')).status).toBe(413);
  });

  it('a 5,000-row XLSX is read as well', async () => {
    const rows: (string | number)[][] = [['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực']];
    for (let i = 0; i < 5000; i++) rows.push([`8.${String(i).padStart(6, '0')}`, `Thủ tục ${i}`, 'Tư pháp']);
    const res = await upload(await workbook(rows), XLSX);
    expect(res.status).toBe(200);
    expect((await res.json()).counts.new).toBe(5000);
  });
});
