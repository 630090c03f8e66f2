/**
 * Periodic reports (issue 13) against the real server: every number equals
 * the stats API and a recount from the raw responses, across a quarter
 * boundary (2026-03-31T17:30Z is 1 April in Vietnam: quý II); the XLSX,
 * CSV, DOCX and print page carry the same figures; a unit head gets only
 * their unit.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { deltasFor } from '../../server/domain/aggregation';
import { parseCsv } from '../../server/domain/csv';
import type { StoredResponse } from '../../server/store/types';
import type { ReportContent } from '../../shared/api/reports';
import { EXPORT_PAGE } from '../../server/domain/reports/raw-export';

let s: TestServer;
let admin: string;
let head: string;
const raw: StoredResponse[] = [];
const BOUNDARY = '2026-03-31T17:30:00.000Z';

function response(serverTime: string, i: number, o: Partial<StoredResponse> = {}): StoredResponse {
  const O = [5, 4, 4, 3, 5, 2, 4, 5, 1, 4][i % 10];
  const sp = i % 3 === 0 ? { unitId: 'unit-b', servicePointId: 'sp-t2', officerId: 'off-2' } : { unitId: 'unit-a', servicePointId: 'sp-t1', officerId: 'off-1' };
  const answers: Record<string, unknown> = { O, A1: Math.max(1, O - 1), P1: O };
  if (O <= 3) answers.reasons = [i % 2 ? 'C' : 'P'];
  if (i % 4 === 0) answers.expect = ['attitude'];
  if (i % 2 === 0) answers.H = i % 8 === 0 ? 'some' : 'none';
  const channel = i % 7 === 0 ? 'qr' : 'kiosk';
  return {
    id: randomUUID(), orgId: 'org-main', ...sp, deviceId: null, procedureId: i % 2 ? 'proc-1' : null, surveyVersionId: s.surveyVersionId,
    channel, verified: channel !== 'qr', outsideHours: false, locale: 'vi', overall: O, answers, comment: i % 9 === 0 ? 'Cán bộ nhiệt tình' : null,
    clientTime: serverTime, serverTime, bodyHash: randomUUID(), excluded: null, ...o,
  };
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
  const survey = await s.ctx.entities.get('surveyVersion', s.surveyVersionId);
  const t = (iso: string, k: number) => new Date(Date.parse(iso) + k * 3600_000).toISOString();
  for (let i = 0; i < 30; i++) raw.push(response(t('2026-03-02T02:00:00Z', i * 20), i)); // quý I
  raw.push(response(BOUNDARY, 8)); // O = 1 at sp-t1: 1 April 00:30 in Vietnam
  for (let i = 0; i < 60; i++) raw.push(response(t('2026-04-03T02:00:00Z', i * 30), i + 1)); // quý II
  for (let i = 0; i < 12; i++) raw.push(response(t('2025-05-05T02:00:00Z', i), i)); // quý II năm 2025
  await s.ctx.store.commitResponses(raw.map((r) => ({ response: r, deltas: deltasFor(r, survey!.definition) })));
  const excluded = raw[40];
  const ex = await s.api(`/api/v1/responses/${excluded.id}/exclusion`, { method: 'POST', json: { reason: 'Nhân viên bấm thử' }, cookie: admin });
  expect(ex.status).toBe(200);
  excluded.excluded = { reason: 'Nhân viên bấm thử', by: '', at: '' };
  const patch = await s.api('/api/v1/organisation', {
    method: 'PATCH', cookie: admin,
    json: { reportSigner: 'Nguyễn Văn Ký', reportSignerTitle: 'Chủ tịch', reportPlace: 'Thành phố Thử', agencyParent: 'UBND tỉnh Thử Nghiệm' },
  });
  expect(patch.status).toBe(200);
  await s.ctx.auth.createUser({ orgId: 'org-main', email: 'head-b@test.local', name: 'Head B', role: 'unit-head', unitId: 'unit-b', password: 'password-b-123' });
  head = await s.login('head-b@test.local', 'password-b-123');
});
afterAll(async () => {
  await s.stop();
});

const json = async (p: string, cookie = admin) => {
  const res = await s.api(p, { cookie });
  return { status: res.status, body: await res.json() };
};
const report = async (q: string, cookie = admin): Promise<ReportContent> => {
  const { status, body } = await json(`/api/v1/reports/content?${q}`, cookie);
  expect(status).toBe(200);
  return body;
};
/** Recount from the raw responses of [from, to): verified only (the headline default), not excluded. */
function recount(from: string, to: string, pick: (r: StoredResponse) => boolean = () => true) {
  const rs = raw.filter((r) => r.serverTime >= from && r.serverTime < to && !r.excluded && pick(r));
  const counted = rs.filter((r) => r.verified);
  return { responses: rs.length, n: counted.length, s: counted.filter((r) => (r.overall ?? 0) >= 4).length };
}

describe('GET /api/v1/reports/content', () => {
  it('equals the stats API for the quarter, with the boundary response in quý II', async () => {
    const rc = await report('period=2026-Q2');
    const { body: sum } = await json('/api/v1/stats/summary?from=2026-04-01&to=2026-06-30');
    expect(rc.period.label.vi).toBe('Quý II năm 2026');
    expect(rc.period.from).toBe('2026-03-31T17:00:00.000Z');
    expect(rc.headline).toEqual(sum.overall);
    expect(rc.indices).toEqual(sum.indices);
    expect(rc.integrity).toEqual(sum.integrity);
    expect(rc.responses.comments).toBe(sum.comments);
    const mine = recount('2026-03-31T17:00:00.000Z', '2026-06-30T17:00:00.000Z');
    expect(rc.headline).toMatchObject({ n: mine.n, s: mine.s });
    expect(rc.responses.total).toBe(mine.responses);
    expect(raw.find((r) => r.serverTime === BOUNDARY)!.serverTime >= rc.period.from).toBe(true);
  });

  it('leaves the boundary response out of quý I and compares with it', async () => {
    const q1 = await report('period=2026-Q1');
    const mine = recount('2025-12-31T17:00:00.000Z', '2026-03-31T17:00:00.000Z');
    expect(q1.headline).toMatchObject({ n: mine.n, s: mine.s });
    const q2 = await report('period=2026-Q2');
    expect(q2.previous.period.label.vi).toBe('Quý I năm 2026');
    expect(q2.previous).toMatchObject({ n: q1.headline.n, rate: q1.headline.rate });
    expect(q2.previous.deltaPoints).toBe(Math.round((q2.headline.rate! - q1.headline.rate!) * 1000) / 10);
    const april = await report('period=2026-04');
    expect(april.headline.distribution[0]).toBeGreaterThanOrEqual(1);
    expect(april.headline.n).toBe(recount('2026-03-31T17:00:00.000Z', '2026-04-30T17:00:00.000Z').n);
  });

  it('compares with the same quarter last year', async () => {
    const rc = await report('period=2026-Q2');
    const { body: ly } = await json('/api/v1/stats/summary?from=2025-04-01&to=2025-06-30');
    expect(rc.lastYear.period.label.vi).toBe('Quý II năm 2025');
    expect(rc.lastYear).toMatchObject({ n: ly.overall.n, rate: ly.overall.rate });
  });

  it('gives the channels, verified split and per-counter, unit, officer and procedure tables of the breakdown API', async () => {
    const rc = await report('period=2026-Q2');
    const q = 'from=2026-04-01&to=2026-06-30';
    const { body: ch } = await json(`/api/v1/stats/breakdown?${q}&verified=all&groupBy=channel`);
    const byCh = Object.fromEntries(ch.rows.map((r: { key: string; responses: number }) => [r.key, r.responses]));
    expect(rc.responses.byChannel).toEqual({ kiosk: byCh.kiosk ?? 0, qr: byCh.qr ?? 0, link: byCh.link ?? 0 });
    expect(rc.responses.unverified).toBe(byCh.qr);
    for (const [table, groupBy] of [['counters', 'servicePointId'], ['units', 'unitId'], ['officers', 'officerId'], ['procedures', 'procedureId']] as const) {
      const { body } = await json(`/api/v1/stats/breakdown?${q}&groupBy=${groupBy}`);
      for (const row of body.rows) {
        const mine = rc.tables[table].rows.find((r) => r.key === row.key);
        if (table === 'officers' && row.overall.n < rc.minSample) continue;
        expect(mine, `${table} ${row.key}`).toMatchObject({ n: row.overall.n, s: row.overall.s, rate: row.overall.rate, responses: row.responses });
      }
    }
    expect(rc.tables.counters.rows.map((r) => r.name.vi).sort()).toEqual(['Quầy T1', 'Quầy T2']);
    const { body: off } = await json(`/api/v1/stats/breakdown?${q}&groupBy=officerId`);
    const small = off.rows.filter((r: { overall: { n: number } }) => r.overall.n < rc.minSample).length;
    expect(small).toBeGreaterThan(0);
    expect(rc.tables.officers.hidden).toBe(small); // fewer answers than the minimum sample: left out, counted
    const t1 = recount('2026-03-31T17:00:00.000Z', '2026-06-30T17:00:00.000Z', (r) => r.servicePointId === 'sp-t1');
    expect(rc.tables.counters.rows.find((r) => r.key === 'sp-t1')).toMatchObject({ n: t1.n, s: t1.s });
  });

  it('ranks the reasons and expectations, counts the exclusion with its reason, and says it in words', async () => {
    const rc = await report('period=2026-Q2');
    const { body: sum } = await json('/api/v1/stats/summary?from=2026-04-01&to=2026-06-30');
    expect(Object.fromEntries(rc.reasons.map((r) => [r.id, r.count]))).toEqual(sum.choices.reasons);
    expect(rc.reasons[0].count).toBeGreaterThanOrEqual(rc.reasons.at(-1)!.count);
    expect(rc.expectations[0]).toMatchObject({ id: 'attitude', count: sum.choices.expect.attitude });
    expect(rc.excluded).toEqual({ count: 1, byReason: { 'Nhân viên bấm thử': 1 } });
    expect(rc.decision766.unavailable).toBe('no-outcomes');
    expect(rc.comments.length).toBeGreaterThan(0);
    expect(rc.comments.length).toBeLessThanOrEqual(10);
    expect(rc.comments.every((c) => c.text === 'Cán bộ nhiệt tình' && c.day >= '2026-04-01' && c.day <= '2026-06-30')).toBe(true);
    expect(rc.summary.vi).toMatch(/^Tỷ lệ hài lòng quý II năm 2026 đạt \d+,\d\d% /);
    expect(rc.summary.en).toMatch(/^The satisfaction rate for Q2 2026 is \d+\.\d\d% /);
    expect(rc.organisation).toMatchObject({ signer: 'Nguyễn Văn Ký', signerTitle: 'Chủ tịch', place: 'Thành phố Thử', agencyParent: 'UBND tỉnh Thử Nghiệm' });
  });

  it('answers 400 for a word that is no period', async () => {
    const { status, body } = await json('/api/v1/reports/content?period=2026-Q9');
    expect(status).toBe(400);
    expect(body.error.details[0].path).toBe('period');
  });

  it('gives a unit head their unit only: 403 for another unit', async () => {
    const own = await report('period=2026-Q2', head);
    expect(own.scope).toMatchObject({ unitId: 'unit-b', name: { vi: 'Phòng B' } });
    const { body: sum } = await json('/api/v1/stats/summary?from=2026-04-01&to=2026-06-30&unitId=unit-b');
    expect(own.headline).toEqual(sum.overall);
    for (const p of ['content', 'report.xlsx', 'report.docx', 'report.csv']) {
      const res = await s.api(`/api/v1/reports/${p}?period=2026-Q2&unitId=unit-a`, { cookie: head });
      expect(res.status, p).toBe(403);
    }
    expect((await s.api('/reports/print?period=2026-Q2&unitId=unit-a', { cookie: head })).status).toBe(403);
  });
});

describe('report formats', () => {
  it('XLSX: a sheet per table, values and percent formats cell by cell, frozen header', async () => {
    const rc = await report('period=2026-Q2');
    const res = await s.api('/api/v1/reports/report.xlsx?period=2026-Q2', { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('bao-cao-2026-Q2.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo đơn vị', 'Theo quầy', 'Theo công chức', 'Theo thủ tục hành chính', 'Theo tiêu chí', 'Lý do chưa hài lòng', 'Mong đợi của người dân', 'Thời gian hoạt động kiosk']);
    const sum = wb.getWorksheet('Tổng hợp')!;
    const rateRow = sum.getRows(1, sum.rowCount)!.find((r) => r.getCell(1).value === 'Tỷ lệ hài lòng')!;
    expect(rateRow.getCell(2).value).toBeCloseTo(rc.headline.rate!, 10);
    expect(rateRow.getCell(2).numFmt).toBe('0.00%');
    const ws = wb.getWorksheet('Theo quầy')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).values).toEqual([undefined, 'Quầy', 'Số phiếu', 'Số trả lời (n)', 'Hài lòng', 'Tỷ lệ hài lòng', 'Cận dưới 95%', 'Cận trên 95%', 'So với mục tiêu']);
    rc.tables.counters.rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.name.vi);
      expect(row.getCell(2).value).toBe(r.responses);
      expect(row.getCell(3).value).toBe(r.n);
      expect(row.getCell(4).value).toBe(r.s);
      expect(row.getCell(5).value).toBe(r.rate);
      expect(row.getCell(5).numFmt).toBe('0.00%');
      expect(row.getCell(6).value).toBe(r.interval!.low);
      expect(row.getCell(7).numFmt).toBe('0.00%');
      expect(row.getCell(3).numFmt).toBe('#,##0');
    });
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(12);
  });

  it('CSV: UTF-8 with BOM, diacritics intact, parses back to the table', async () => {
    const rc = await report('period=2026-Q2');
    const res = await s.api('/api/v1/reports/report.csv?period=2026-Q2&table=counters', { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8')).map((r) => r.fields);
    expect(rows[0]).toEqual(['Quầy', 'Số phiếu', 'Số trả lời (n)', 'Hài lòng', 'Tỷ lệ hài lòng', 'Cận dưới 95%', 'Cận trên 95%', 'So với mục tiêu']);
    const t1 = rc.tables.counters.rows.find((r) => r.key === 'sp-t1')!;
    const line = rows.find((r) => r[0] === 'Quầy T1')!;
    expect(line.slice(1, 4).map(Number)).toEqual([t1.responses, t1.n, t1.s]);
    expect(Number(line[4])).toBeCloseTo(t1.rate!, 6);
    const reasons = parseCsv((await (await s.api('/api/v1/reports/report.csv?period=2026-Q2&table=reasons', { cookie: admin })).text())).map((r) => r.fields);
    expect(reasons[0]).toEqual(['Lý do', 'Số lượt chọn']);
  });

  it('DOCX: the Decree 30 header lines, the period, the headline figure and the signature block', async () => {
    const rc = await report('period=2026-Q2');
    const res = await s.api('/api/v1/reports/report.docx?period=2026-Q2', { cookie: admin });
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const text of [
      'UBND TỈNH THỬ NGHIỆM',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: …/BC-',
      'Thành phố Thử, ngày ',
      'BÁO CÁO',
      'quý II năm 2026',
      `đạt ${(Math.round(rc.headline.rate! * 10000) / 100).toFixed(2).replace('.', ',')}%`,
      'Nơi nhận:',
      'Một số ý kiến của người dân',
      '“Cán bộ nhiệt tình”',
      'CHỦ TỊCH',
      'Nguyễn Văn Ký',
    ]) expect(xml, text).toContain(text);
    expect(xml).toContain('Times New Roman');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/); // 20, 15, 20, 30 mm
    // Every table fits between the margins (210 − 30 − 15 mm = 9354 twips): seen in a LibreOffice rendering, the
    // report tables once had even columns that broke names letter by letter.
    const grids = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1].matchAll(/w:w="(\d+)"/g)].reduce((a, x) => a + Number(x[1]), 0));
    expect(grids.length).toBeGreaterThan(3);
    for (const w of grids) expect(w).toBeLessThanOrEqual(9354);
    // The national name at 12 pt so it stays on one line in its column.
    expect(xml).toMatch(/<w:sz w:val="24"\/><w:szCs w:val="24"\/><\/w:rPr><w:t xml:space="preserve">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  });

  it('print page: A4 print CSS, no script, Vietnamese and English', async () => {
    const res = await s.api('/reports/print?period=2026-Q2', { cookie: admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('@page { size: A4');
    expect(html).not.toContain('<script');
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('Nguyễn Văn Ký');
    const en = await (await s.api('/reports/print?period=2026-Q2&lang=en', { cookie: admin })).text();
    expect(en).toContain('The satisfaction rate for Q2 2026');
    expect(en).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect((await s.api('/reports/print?period=2026-Q2')).status).toBe(401);
  });
});

describe('issued reports are frozen', () => {
  it('downloads byte-identical after a later exclusion, and the archive reports the difference', async () => {
    const res = await s.api('/api/v1/reports/issued', { method: 'POST', cookie: admin, json: { period: '2026-Q2' } });
    expect(res.status).toBe(201);
    const issued = await res.json();
    expect(issued).toMatchObject({ period: '2026-Q2', unitId: null, issuedBy: 'admin@test.local', periodLabel: { vi: 'Quý II năm 2026' } });
    expect(issued.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const bytes = async (f: string) => Buffer.from(await (await s.api(`/api/v1/reports/issued/${issued.id}/report.${f}`, { cookie: admin })).arrayBuffer());
    const docx1 = await bytes('docx');
    const xlsx1 = await bytes('xlsx');
    const before = await json(`/api/v1/reports/issued/${issued.id}`);
    expect(before.status).toBe(200);
    expect(before.body.differences).toEqual([]);

    const late = raw.find((r) => r.serverTime > '2026-04-10' && r.serverTime < '2026-06-30' && r.verified && !r.excluded)!;
    const ex = await s.api(`/api/v1/responses/${late.id}/exclusion`, { method: 'POST', json: { reason: 'Bấm nhầm' }, cookie: admin });
    expect(ex.status).toBe(200);
    late.excluded = { reason: 'Bấm nhầm', by: '', at: '' };

    expect((await bytes('docx')).equals(docx1)).toBe(true);
    expect((await bytes('xlsx')).equals(xlsx1)).toBe(true);
    const after = await json(`/api/v1/reports/issued/${issued.id}`);
    expect(after.body.content).toEqual(before.body.content);
    const diff = Object.fromEntries(after.body.differences.map((d: { path: string; issued: number; current: number }) => [d.path, [d.issued, d.current]]));
    expect(diff['headline.n']).toEqual([before.body.content.headline.n, before.body.content.headline.n - 1]);
    expect(diff['excluded.count']).toEqual([before.body.content.excluded.count, before.body.content.excluded.count + 1]);
    const list = await json('/api/v1/reports/issued');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(issued.id);
  });

  it('a unit head cannot issue, nor see the office-wide issued report', async () => {
    const res = await s.api('/api/v1/reports/issued', { method: 'POST', cookie: head, json: { period: '2026-Q2' } });
    expect(res.status).toBe(403);
    const { body } = await json('/api/v1/reports/issued', head);
    expect(body.items).toEqual([]);
    const [first] = (await json('/api/v1/reports/issued')).body.items;
    expect((await s.api(`/api/v1/reports/issued/${first.id}`, { cookie: head })).status).toBe(404);
    expect((await s.api(`/api/v1/reports/issued/${first.id}/report.docx`, { cookie: head })).status).toBe(404);
  });
});

describe('raw response export', () => {
  const JULY = 2 * EXPORT_PAGE + 500;
  beforeAll(async () => {
    const survey = await s.ctx.entities.get('surveyVersion', s.surveyVersionId);
    const july = Array.from({ length: JULY }, (_, i) => response(new Date(Date.parse('2026-07-02T01:00:00Z') + i * 60_000).toISOString(), i));
    await s.ctx.store.commitResponses(july.map((r) => ({ response: r, deltas: deltasFor(r, survey!.definition) })));
  });

  it('streams: the first bytes arrive before the store has been read to the end, a page at a time', async () => {
    const store = s.ctx.store;
    const original = store.listResponses.bind(store);
    let calls = 0;
    let maxLimit = 0;
    let firstBytes!: () => void;
    const seen = new Promise<void>((resolve) => (firstBytes = resolve));
    store.listResponses = async (q) => {
      calls++;
      maxLimit = Math.max(maxLimit, q.limit);
      // The second page is read only once the client holds the first bytes: a buffered answer would never get here.
      if (calls === 2) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([seen, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('export did not stream')), 10_000)))]);
        clearTimeout(timer);
      }
      return original(q);
    };
    try {
      const res = await s.api('/api/v1/reports/responses.ndjson?period=2026-07', { cookie: admin });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      expect(calls).toBeLessThan(3);
      firstBytes();
      let text = new TextDecoder().decode(first.value);
      for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
      const lines = text.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines).toHaveLength(JULY);
      expect(calls).toBe(3);
      expect(maxLimit).toBe(EXPORT_PAGE);
      expect(lines[0]).toHaveProperty('O');
      expect(lines[0]).toHaveProperty('A1');
      expect(new Set(lines.map((l) => l.id)).size).toBe(JULY);
    } finally {
      store.listResponses = original;
    }
  });

  it('CSV: BOM, the survey\'s question codes as columns, excluded responses left out', async () => {
    const res = await s.api('/api/v1/reports/responses.csv?period=2026-Q2', { cookie: admin });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8')).map((r) => r.fields);
    const header = rows[0];
    for (const c of ['id', 'serverTime', 'channel', 'verified', 'O', 'A1', 'P1', 'H', 'M', 'reasons', 'expect']) expect(header).toContain(c);
    const mine = raw.filter((r) => r.serverTime >= '2026-03-31T17:00:00.000Z' && r.serverTime < '2026-06-30T17:00:00.000Z' && !r.excluded);
    expect(rows.length - 1).toBe(mine.length);
    expect(rows.map((r) => r[0])).toContain(raw.find((r) => r.serverTime === BOUNDARY)!.id);
  });

  it('a unit head exports only their unit: 403 for another', async () => {
    expect((await s.api('/api/v1/reports/responses.csv?period=2026-Q2&unitId=unit-a', { cookie: head })).status).toBe(403);
    const text = await (await s.api('/api/v1/reports/responses.ndjson?period=2026-Q2', { cookie: head })).text();
    const units = new Set(text.trim().split('\n').map((l) => JSON.parse(l).unitId));
    expect([...units]).toEqual(['unit-b']);
  });
});
