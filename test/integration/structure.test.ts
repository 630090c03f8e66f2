/** Units, counters, officers and procedures written through the API: validation naming fields, role and unit scope, audit before/after, CSV import. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let admin: string;
let headA: string;
let manager: string;
const HOURS = { weekdays: [1, 2, 3, 4, 5, 6], sessions: [{ open: '07:30', close: '11:30' }, { open: '13:30', close: '17:00' }], perDay: { '6': [{ open: '07:30', close: '11:30' }] }, holidays: ['2026-09-02', '2026-01-01'] };

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
  const mk = async (json: object) => (await (await s.api('/api/v1/users', { method: 'POST', cookie: admin, json })).json()).temporaryPassword as string;
  // A temporary password opens nothing but its own change (temporary-password.test.ts): choose one first.
  const firstLogin = async (email: string, temp: string) => {
    const cookie = await s.login(email, temp);
    expect((await s.api('/api/v1/me/password', { method: 'POST', cookie, json: { currentPassword: temp, newPassword: `${temp}-own` } })).status).toBe(204);
    return cookie;
  };
  headA = await firstLogin('head.a@test.local', await mk({ email: 'head.a@test.local', name: 'Head A', role: 'unit-head', unitId: 'unit-a' }));
  manager = await firstLogin('mgr@test.local', await mk({ email: 'mgr@test.local', name: 'Mgr', role: 'manager' }));
});
afterAll(async () => {
  await s.stop();
});

const call = async (method: string, path: string, json: unknown, cookie = admin) => {
  const res = await s.api(`/api/v1${path}`, { method, cookie, json });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
};
const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((d) => d.path).sort();
const auditFor = async (target: string) => ((await (await s.api('/api/v1/audit', { cookie: admin })).json()).items as { action: string; target: string; details: Record<string, unknown> }[]).filter((a) => a.target === target);

describe('units', () => {
  it('a manager creates and deactivates a unit; it is kept, audited before/after', async () => {
    const made = await call('POST', '/units', { code: 'C', name: { vi: 'Phòng C' } }, manager);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ code: 'C', name: { vi: 'Phòng C', en: '' }, active: true });
    const off = await call('PATCH', `/units/${made.body.id}`, { active: false }, manager);
    expect(off.body.active).toBe(false);
    const list = await (await s.api('/api/v1/units', { cookie: admin })).json();
    expect(list.items.find((u: { id: string }) => u.id === made.body.id).active).toBe(false);
    const audit = await auditFor(made.body.id);
    expect(audit.map((a) => a.action).sort()).toEqual(['unit.create', 'unit.deactivate']);
    expect(audit.find((a) => a.action === 'unit.deactivate')!.details).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it('names the bad fields, refuses a code used twice, and a unit head cannot create one', async () => {
    const bad = await call('POST', '/units', { code: 'a b', name: { vi: '' } });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['code', 'name.vi']);
    const dup = await call('POST', '/units', { code: 'a', name: { vi: 'Again' } });
    expect(dup.status).toBe(409);
    expect(paths(dup.body)).toEqual(['code']);
    expect((await call('POST', '/units', { code: 'Z', name: { vi: 'Z' } }, headA)).status).toBe(403);
  });

  it('a unit head renames their unit but not another, and cannot deactivate it', async () => {
    expect((await call('PATCH', '/units/unit-a', { name: { vi: 'Phòng A mới' } }, headA)).status).toBe(200);
    expect((await call('PATCH', '/units/unit-b', { name: { vi: 'X' } }, headA)).status).toBe(403);
    expect((await call('PATCH', '/units/unit-a', { active: false }, headA)).status).toBe(403);
    expect((await call('PATCH', '/units/nope', { name: { vi: 'X' } }, headA)).status).toBe(404);
  });
});

describe('counters', () => {
  it('creates a counter with hours per weekday and holidays, used for outside-hours', async () => {
    const made = await call('POST', '/service-points', { code: 'T9', name: { vi: 'Quầy 9', en: 'Counter 9' }, unitId: 'unit-a', hours: HOURS });
    expect(made.status).toBe(201);
    expect(made.body.hours).toEqual({ ...HOURS, holidays: ['2026-01-01', '2026-09-02'] });
    expect(made.body.officerOnDutyId).toBeNull();
  });

  it('names bad hours: a weekday out of range, a session closing before it opens, a bad date', async () => {
    const bad = await call('POST', '/service-points', {
      code: 'T10', name: { vi: 'Q' }, unitId: 'unit-a',
      hours: { weekdays: [1, 9], sessions: [{ open: '11:00', close: '08:00' }], holidays: ['2026-13-01'] },
    });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['hours.holidays.0', 'hours.sessions.0.close', 'hours.weekdays.1']);
    const unknown = await call('POST', '/service-points', { code: 'T10', name: { vi: 'Q' }, unitId: 'unit-zz', hours: HOURS });
    expect(unknown.status).toBe(422);
    expect(paths(unknown.body)).toEqual(['unitId']);
    const dup = await call('POST', '/service-points', { code: 't1', name: { vi: 'Q' }, unitId: 'unit-a', hours: HOURS });
    expect(dup.status).toBe(409);
  });

  it('a unit head creates and changes counters of their unit only (403 for another unit)', async () => {
    expect((await call('POST', '/service-points', { code: 'A7', name: { vi: 'Quầy A7' }, unitId: 'unit-a', hours: HOURS }, headA)).status).toBe(201);
    expect((await call('POST', '/service-points', { code: 'B7', name: { vi: 'Quầy B7' }, unitId: 'unit-b', hours: HOURS }, headA)).status).toBe(403);
    expect((await call('PATCH', '/service-points/sp-t2', { name: { vi: 'X' } }, headA)).status).toBe(403);
    expect((await call('PATCH', '/service-points/sp-t1', { unitId: 'unit-b' }, headA)).status).toBe(403);
    const renamed = await call('PATCH', '/service-points/sp-t1', { name: { vi: 'Quầy T1 (mới)', en: 'Counter T1' } }, headA);
    expect(renamed.status).toBe(200);
    const [entry] = (await auditFor('sp-t1')).filter((a) => a.action === 'counter.update');
    expect(entry.details).toMatchObject({ before: { name: { vi: 'Quầy T1' } }, after: { name: { vi: 'Quầy T1 (mới)' } } });
  });
});

describe('officers', () => {
  it('adds an officer with title and initials; a unit head only in their unit', async () => {
    const made = await call('POST', '/officers', { name: 'Phạm Thị Ba', unitId: 'unit-a', title: { vi: 'Chuyên viên' }, initials: 'PTB' }, headA);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Phạm Thị Ba', unitId: 'unit-a', initials: 'PTB', title: { vi: 'Chuyên viên', en: '' }, active: true });
    expect((await call('POST', '/officers', { name: 'X', unitId: 'unit-b' }, headA)).status).toBe(403);
    expect((await call('PATCH', '/officers/off-2', { name: 'X' }, headA)).status).toBe(403);
    const bad = await call('POST', '/officers', { name: '', unitId: 'unit-a', initials: 'TOOLONG' });
    expect(paths(bad.body)).toEqual(['initials', 'name']);
    const off = await call('PATCH', `/officers/${made.body.id}`, { active: false }, headA);
    expect(off.body.active).toBe(false);
    expect((await auditFor(made.body.id)).map((a) => a.action).sort()).toEqual(['officer.create', 'officer.deactivate']);
  });
});

describe('procedures and the CSV import', () => {
  const CSV = '\uFEFFMã thủ tục;Tên thủ tục;Lĩnh vực\r\n1.000002;"Đăng ký khai sinh; có yếu tố nước ngoài";Hộ tịch\r\n;Thiếu mã;Hộ tịch\r\n1.000001;Thủ tục một;Lĩnh vực\r\n2.000003;Cấp giấy phép xây dựng;Xây dựng\r\n';

  it('previews every row (new, unchanged, error naming the column) and writes nothing', async () => {
    const r = await call('POST', '/procedures/import', { csv: CSV });
    expect(r.status).toBe(200);
    expect(r.body.written).toBe(false);
    expect(r.body.counts).toEqual({ new: 2, update: 0, unchanged: 1, error: 1 });
    expect(r.body.rows[0]).toMatchObject({ line: 2, code: '1.000002', name: 'Đăng ký khai sinh; có yếu tố nước ngoài', field: 'Hộ tịch', status: 'new' });
    expect(r.body.rows[1]).toMatchObject({ line: 3, status: 'error', errors: [{ path: 'code', message: 'missing' }] });
    const list = await (await s.api('/api/v1/procedures', { cookie: admin })).json();
    expect(list.items.map((p: { code: string }) => p.code)).toEqual(['1.000001']);
  });

  it('writes the good rows only, keeps diacritics (NFD becomes NFC), and audits the import', async () => {
    const r = await call('POST', '/procedures/import', { csv: CSV.normalize('NFD'), dryRun: false });
    expect(r.body.written).toBe(true);
    const list = await (await s.api('/api/v1/procedures', { cookie: admin })).json();
    const codes = list.items.map((p: { code: string }) => p.code).sort();
    expect(codes).toEqual(['1.000001', '1.000002', '2.000003']);
    expect(list.items.find((p: { code: string }) => p.code === '2.000003').name.vi).toBe('Cấp giấy phép xây dựng');
    expect(list.items.some((p: { name: { vi: string } }) => p.name.vi === 'Thiếu mã')).toBe(false);
    const audit = await (await s.api('/api/v1/audit', { cookie: admin })).json();
    const entry = audit.items.find((a: { action: string }) => a.action === 'procedure.import');
    expect(entry.details).toMatchObject({ created: ['1.000002', '2.000003'], updated: [], skippedRows: [3] });
  });

  it('a headerless comma file with LF endings and a changed name is an update', async () => {
    const r = await call('POST', '/procedures/import', { csv: '2.000003,Cấp giấy phép xây dựng (sửa đổi),Xây dựng\n9.9,Tên,Lĩnh vực\n9.9,Trùng,Lĩnh vực\n' });
    expect(r.body.rows.map((x: { status: string }) => x.status)).toEqual(['update', 'new', 'error']);
    expect(r.body.rows[2].errors[0]).toEqual({ path: 'code', message: 'same code as line 2' });
  });

  it('is for managers: a unit head gets 403; an empty file is a 400 naming csv', async () => {
    expect((await call('POST', '/procedures/import', { csv: CSV }, headA)).status).toBe(403);
    expect((await call('POST', '/procedures', { code: 'X', name: { vi: 'X' }, field: { vi: 'F' } }, headA)).status).toBe(403);
    const empty = await call('POST', '/procedures/import', { csv: '\uFEFF\r\n\r\n' });
    expect(empty.status).toBe(400);
    expect(paths(empty.body)).toEqual(['csv']);
  });

  it('creates, renames and deactivates one procedure; a code used twice is 409 naming code', async () => {
    const made = await call('POST', '/procedures', { code: '3.1', name: { vi: 'Một' }, field: { vi: 'F' } });
    expect(made.status).toBe(201);
    expect((await call('POST', '/procedures', { code: '3.1', name: { vi: 'Hai' }, field: { vi: 'F' } })).status).toBe(409);
    const off = await call('PATCH', `/procedures/${made.body.id}`, { active: false, name: { vi: 'Một (cũ)' } });
    expect(off.body).toMatchObject({ active: false, name: { vi: 'Một (cũ)' } });
    expect((await auditFor(made.body.id)).map((a) => a.action).sort()).toEqual(['procedure.create', 'procedure.deactivate']);
  });
});

describe('the audit log, filtered', () => {
  it('filters by who, what (an action or a group), which record and when; bad dates are 400 naming the field', async () => {
    const get = async (q: string) => (await (await s.api(`/api/v1/audit?${q}`, { cookie: admin })).json()).items as { actor: string; action: string; target: string; at: string }[];
    const byManager = await get('actor=MGR@');
    expect(byManager.length).toBeGreaterThan(0);
    expect(byManager.every((e) => e.actor === 'mgr@test.local')).toBe(true);
    const units = await get('action=unit.');
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((e) => e.action.startsWith('unit.'))).toBe(true);
    expect((await get('action=unit.deactivate')).every((e) => e.action === 'unit.deactivate')).toBe(true);
    expect((await get('target=sp-t1')).every((e) => e.target === 'sp-t1')).toBe(true);
    // A Vietnam-time day, and instants.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    expect((await get(`from=${today}&to=${today}&action=procedure.`)).length).toBeGreaterThan(0);
    expect((await get(`from=${new Date(Date.now() - 3600_000).toISOString()}&action=procedure.`)).length).toBeGreaterThan(0);
    expect(await get('from=2000-01-01&to=2000-01-02')).toEqual([]);
    expect((await get('action=unit.&limit=1&offset=1'))[0]).toEqual(units[1]);
    const bad = await s.api('/api/v1/audit?from=yesterday', { cookie: admin });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('from');
  });
});

describe('the first kiosk, as the setup wizard makes it', () => {
  it('POST /devices answers the enrolment link as a QR SVG too', async () => {
    const r = await call('POST', '/devices', { servicePointId: 'sp-t1', name: 'Máy mới' });
    expect(r.status).toBe(201);
    expect(r.body.enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(r.body.enrolment.url).toContain(encodeURIComponent(r.body.enrolment.code).replace(/%2D/g, '-'));
  });
});
