/**
 * An XLSX is a ZIP, and a ZIP can be a bomb: a few kilobytes that declare or
 * inflate to gigabytes. POST /procedures/import/file refuses such a file with
 * a 400 naming `file` before exceljs unpacks it (server/domain/zip-limits.ts),
 * and still reads a real workbook. The ZIPs are written by hand here (a local
 * header, the data, a central directory, its end record), so the test is fast.
 */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
});
afterAll(async () => {
  await s.stop();
});

interface Entry {
  name: string;
  data: Buffer; // as stored (deflated when method 8)
  method: 0 | 8;
  declaredSize: number; // the uncompressed size the central directory claims
}

/** A ZIP whose central directory says whatever the entries declare. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const upload = (body: Uint8Array) =>
  s.api('/api/v1/procedures/import/file?dryRun=true', { method: 'POST', cookie: admin, headers: { 'content-type': XLSX }, body: body as BodyInit });

async function refused(body: Buffer): Promise<string> {
  const res = await upload(body);
  expect(res.status).toBe(400);
  const err = (await res.json()).error as { details: { path: string; message: string }[] };
  expect(err.details.map((d) => d.path)).toEqual(['file']);
  return err.details[0].message;
}

describe('POST /procedures/import/file refuses a zip bomb', () => {
  it('a part declaring ~4 GB unpacked: 400 naming file, quickly', async () => {
    const started = Date.now();
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: deflateRawSync(Buffer.alloc(1024)), method: 8, declaredSize: 0xfffffff0 }]);
    expect(bomb.length).toBeLessThan(1024);
    expect(await refused(bomb)).toMatch(/more than 50 MB/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('parts whose declared sizes add up past the cap: refused', async () => {
    const part = (i: number): Entry => ({ name: `xl/part${i}.xml`, data: deflateRawSync(Buffer.from('x')), method: 8, declaredSize: 20 * 1024 * 1024 });
    expect(await refused(zip([part(1), part(2), part(3)]))).toMatch(/more than 50 MB/);
  });

  it('a part that inflates to more than it declares (a lying directory): refused', async () => {
    // 30 MB of zeros deflate to ~30 KB; the directory claims 1 KB.
    const liar = zip([{ name: 'xl/worksheets/sheet1.xml', data: deflateRawSync(Buffer.alloc(30 * 1024 * 1024)), method: 8, declaredSize: 1024 }]);
    expect(await refused(liar)).toMatch(/more than its parts declare/);
  });

  it('too many parts: refused', async () => {
    const many = zip(Array.from({ length: 1500 }, (_, i): Entry => ({ name: `p${i}`, data: Buffer.from('a'), method: 0, declaredSize: 1 })));
    expect(await refused(many)).toMatch(/more than 1000 parts/);
  });

  it('a real workbook still imports', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('TTHC');
    ws.addRow(['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực']);
    ws.addRow(['2.009001', 'Cấp thị thực', 'Lãnh sự']);
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.status).toBe(200);
    expect((await res.json()).counts).toMatchObject({ new: 1, error: 0 });
  });
});
