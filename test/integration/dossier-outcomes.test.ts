/**
 * Dossier outcomes from the one-stop software (issue 10 items 5, 6): the
 * integration-key endpoint, its batch form, the CSV import, and Decision 766
 * indicator 5.4 recounted from the raw facts the test sent.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let admin: string;
let headA: string;
let apiKey: string;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
  await s.ctx.auth.createUser({ orgId: 'org-main', email: 'head-a@test.local', name: 'A', role: 'unit-head', unitId: 'unit-a', password: 'head-a-password-77' });
  headA = await s.login('head-a@test.local', 'head-a-password-77');
  const res = await s.api('/api/v1/integration-keys', { method: 'POST', cookie: admin, headers: { origin: s.url }, json: { name: 'Một cửa' } });
  apiKey = (await res.json()).key;
});
afterAll(async () => {
  await s.stop();
});

const bearer = (key = apiKey) => ({ authorization: `Bearer ${key}` });
const post = (body: unknown, key = apiKey) => s.api('/api/v1/dossier-outcomes', { method: 'POST', headers: bearer(key), json: body });
const batch = (items: unknown[]) => s.api('/api/v1/dossier-outcomes/batch', { method: 'POST', headers: bearer(), json: { items } });
const csv = (text: string | Blob, mode: 'preview' | 'commit', cookie = admin) =>
  s.api(`/api/v1/dossier-outcomes/import?mode=${mode}`, { method: 'POST', cookie, headers: { 'content-type': 'text/csv; charset=utf-8', origin: s.url }, body: text });
const ref = () => `HS-${randomUUID()}`;
const eventsOf = async (dossierRef: string) => s.ctx.store.getDossierEvents('org-main', await s.ctx.surveyLinks.dossierRefHash('org-main', dossierRef));
const paths = async (res: Response): Promise<string[]> => ((await res.json()).error.details as { path: string }[]).map((d) => d.path);

describe('POST /api/v1/dossier-outcomes', () => {
  it('stores an event (201), answers a replay "duplicate" (200) and other facts 409', async () => {
    const dossierRef = ref();
    const body = { dossierRef, event: 'settled', settledAt: '2025-02-10T09:00:00+07:00', late: false, unit: 'A' };
    const first = await post(body);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ status: 'stored', event: 'settled' });
    const replay = await post(body);
    expect(replay.status).toBe(200);
    expect((await replay.json()).status).toBe('duplicate');
    const other = await post({ ...body, late: true });
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe('conflict');
    expect((await eventsOf(dossierRef))[0].facts).toEqual({ event: 'settled', settledAt: '2025-02-10T02:00:00.000Z', late: false });
  });

  it('keeps each event of a dossier apart: received, settled and complaint are three facts', async () => {
    const dossierRef = ref();
    expect((await post({ dossierRef, event: 'received', receivedAt: '2025-02-01', dueAt: '2025-02-08' })).status).toBe(201);
    expect((await post({ dossierRef, event: 'settled', settledAt: '2025-02-09', late: true })).status).toBe(201);
    expect((await post({ dossierRef, event: 'complaint', raised: true, raisedAt: '2025-02-10T10:00:00+07:00' })).status).toBe(201);
    expect((await eventsOf(dossierRef)).map((e) => e.facts.event).sort()).toEqual(['complaint', 'received', 'settled']);
  });

  it('finds the same dossier whatever the letter case or spacing of its reference', async () => {
    const dossierRef = ref();
    await post({ dossierRef: dossierRef.toLowerCase(), event: 'settled', settledAt: '2025-02-10', late: false });
    const again = await post({ dossierRef: `  ${dossierRef.toUpperCase()} `, event: 'settled', settledAt: '2025-02-10', late: false });
    expect((await again.json()).status).toBe('duplicate');
  });

  it('answers 400 naming each bad field, and refuses unknown keys by name', async () => {
    const bad = await post({ dossierRef: '', event: 'settled', settledAt: 'yesterday', late: 'no', officer: 'x' });
    expect(bad.status).toBe(400);
    expect(await paths(bad)).toEqual(expect.arrayContaining(['dossierRef', 'settledAt', 'late', 'officer']));
    expect(await paths(await post({ dossierRef: 'X', event: 'closed' }))).toEqual(['event']);
    expect(await paths(await post({ dossierRef: 'X', event: 'complaint', raised: true }))).toEqual(['raisedAt']);
    expect(await paths(await post({ dossierRef: 'X', event: 'received', receivedAt: '2025-02-05', dueAt: '2025-02-01' }))).toEqual(['dueAt']);
  });

  it('refuses a unit outside the organisation (422) and a second unit for one dossier (409 naming unit)', async () => {
    const unknown = await post({ dossierRef: ref(), event: 'settled', settledAt: '2025-02-10', late: false, unit: 'ZZ' });
    expect(unknown.status).toBe(422);
    expect(await paths(unknown)).toEqual(['unit']);
    const dossierRef = ref();
    await post({ dossierRef, event: 'received', receivedAt: '2025-02-01', unit: 'A' });
    const moved = await post({ dossierRef, event: 'settled', settledAt: '2025-02-10', late: false, unit: 'B' });
    expect(moved.status).toBe(409);
    expect(await paths(moved)).toEqual(['unit']);
  });

  it('needs a valid integration key: none, unknown and revoked keys get 401 and store nothing', async () => {
    const dossierRef = ref();
    const body = { dossierRef, event: 'settled', settledAt: '2025-02-10', late: false };
    expect((await s.api('/api/v1/dossier-outcomes', { method: 'POST', json: body })).status).toBe(401);
    expect((await post(body, 'hlk_not-a-real-key')).status).toBe(401);
    const created = await (await s.api('/api/v1/integration-keys', { method: 'POST', cookie: admin, headers: { origin: s.url }, json: { name: 'Cũ' } })).json();
    await s.api(`/api/v1/integration-keys/${created.id}`, { method: 'DELETE', cookie: admin, headers: { origin: s.url } });
    expect((await post(body, created.key)).status).toBe(401);
    // A session cookie is not an integration key.
    expect((await s.api('/api/v1/dossier-outcomes', { method: 'POST', cookie: admin, headers: { origin: s.url }, json: body })).status).toBe(401);
    expect(await eventsOf(dossierRef)).toEqual([]);
  });
});

describe('POST /api/v1/dossier-outcomes/batch', () => {
  it('answers every item on its own: stored, duplicate, conflict and invalid with its fields', async () => {
    const a = ref();
    const res = await batch([
      { dossierRef: a, event: 'settled', settledAt: '2025-02-10', late: false },
      { dossierRef: a, event: 'settled', settledAt: '2025-02-10', late: false },
      { dossierRef: a, event: 'settled', settledAt: '2025-02-10', late: true },
      { dossierRef: ref(), event: 'settled', late: 1, extra: true },
    ]);
    expect(res.status).toBe(200);
    const { results } = await res.json();
    expect(results.map((r: { status: string }) => r.status)).toEqual(['stored', 'duplicate', 'conflict', 'invalid']);
    expect(results[3].index).toBe(3);
    expect(results[3].error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['settledAt', 'late', 'extra']));
  });

  it('refuses an envelope that is not { items: [1..500] } with 400', async () => {
    expect((await batch([])).status).toBe(400);
    expect((await s.api('/api/v1/dossier-outcomes/batch', { method: 'POST', headers: bearer(), json: { items: [], more: 1 } })).status).toBe(400);
  });
});

describe('POST /api/v1/dossier-outcomes/import (CSV)', () => {
  const header = 'dossierRef,unit,receivedAt,dueAt,settledAt,late,complaint,complaintAt';

  it('previews per-row errors by row and column and stores nothing', async () => {
    const good = ref();
    const text = [header, `${good},A,2025-02-01,2025-02-08,2025-02-07,không,,`, `${ref()},A,,,2026-13-40,có,,`].join('\n');
    const res = await csv(text, 'preview');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ mode: 'preview', rows: 2, validRows: 1, badRows: 1, events: { stored: 0, new: 2 } });
    expect(body.errors).toEqual([expect.objectContaining({ row: 3, field: 'settledAt' })]);
    expect(await eventsOf(good)).toEqual([]);
  });

  it('commits the good rows and nothing from a bad row, even its valid events; BOM, CRLF and diacritics accepted', async () => {
    const good = `Hồ sơ-Đ${randomUUID()}`;
    const bad = ref();
    const quoted = `HS "trích dẫn", ${randomUUID()}`;
    const lines = [
      header,
      `${good},A,01/02/2025 08:30,08/02/2025,2025-02-07 16:00,Không,Có,2025-02-09`,
      // received is fine, but the complaint column says neither yes nor no: nothing of this row is stored.
      `${bad},A,2025-02-01,,2025-02-05,0,perhaps,2025-02-06`,
      `"${quoted.replace(/"/g, '""')}",,2025-02-02,,,,,`,
    ];
    const file = new Blob([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')])]);
    const res = await csv(file, 'commit');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ mode: 'commit', rows: 3, validRows: 2, badRows: 1, events: { stored: 4 } });
    expect(body.errors).toEqual([expect.objectContaining({ row: 3, field: 'complaint' })]);
    expect(await eventsOf(bad)).toEqual([]);
    // Diacritics intact: the API's hash of the same reference finds the CSV's facts.
    const stored = await eventsOf(good);
    expect(stored.map((e) => e.facts)).toEqual(
      expect.arrayContaining([
        { event: 'received', receivedAt: '2025-02-01T01:30:00.000Z', dueAt: '2025-02-07T17:00:00.000Z' },
        { event: 'settled', settledAt: '2025-02-07T09:00:00.000Z', late: false },
        { event: 'complaint', raised: true, raisedAt: '2025-02-08T17:00:00.000Z' },
      ]),
    );
    expect(await eventsOf(quoted)).toHaveLength(1);
    // The same file again: every event already stored, nothing new.
    const again = await (await csv(file, 'commit')).json();
    expect(again.events).toMatchObject({ stored: 0, duplicate: 4 });
  });

  it('refuses a header with an unknown column, naming it', async () => {
    const res = await csv('dossierRef,officer\nHS-1,x\n', 'preview');
    expect(res.status).toBe(400);
    expect(await paths(res)).toEqual(['header.officer']);
  });

  it('reports a row that conflicts with stored facts, and a later row that contradicts an earlier one', async () => {
    const a = ref();
    await post({ dossierRef: a, event: 'settled', settledAt: '2025-02-10', late: false });
    const b = ref();
    const text = [header, `${a},,,,2025-02-10,có,,`, `${b},,,,2025-02-11,có,,`, `${b},,,,2025-02-11,không,,`].join('\n');
    const body = await (await csv(text, 'commit')).json();
    expect(body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'settledAt'],
      [4, 'settledAt'],
    ]);
    expect((await eventsOf(b))[0].facts).toMatchObject({ late: true });
  });

  it('lets a unit head import their own unit only (rows of another unit are refused by row)', async () => {
    const mine = ref();
    const theirs = ref();
    const text = [header, `${mine},,,,2025-02-10,không,,`, `${theirs},B,,,2025-02-10,không,,`].join('\n');
    const body = await (await csv(text, 'commit', headA)).json();
    expect(body.errors).toEqual([expect.objectContaining({ row: 3, field: 'unit' })]);
    expect((await eventsOf(mine))[0].unitId).toBe('unit-a');
    expect(await eventsOf(theirs)).toEqual([]);
  });

  it('needs a session and a CSV body', async () => {
    expect((await s.api('/api/v1/dossier-outcomes/import', { method: 'POST', headers: { 'content-type': 'text/csv', origin: s.url }, body: header })).status).toBe(401);
    const json = await s.api('/api/v1/dossier-outcomes/import', { method: 'POST', cookie: admin, headers: { origin: s.url }, json: { csv: header } });
    expect(json.status).toBe(400);
  });
});

describe('GET /api/v1/stats/indicator-766', () => {
  // A period of its own (March 2025) so no other test's dossiers fall in it.
  const period = 'from=2025-03-01&to=2025-03-31';
  const read = async (query = period, cookie = admin) => (await s.api(`/api/v1/stats/indicator-766?${query}`, { cookie })).json();

  it('says "not available" with an explicit null and reason when nothing was settled', async () => {
    const body = await read('from=2019-01-01&to=2019-01-31');
    expect(body).toMatchObject({ value: null, points: null, unavailable: 'none-settled', maxPoints: 1 });
  });

  it('equals a recount from the raw outcomes and link answers the test sent', async () => {
    interface Dossier { ref: string; unit: 'A' | 'B'; late: boolean; complaint: boolean; rating: number | null }
    const dossiers: Dossier[] = [];
    for (let i = 0; i < 24; i++) {
      dossiers.push({ ref: ref(), unit: i % 3 === 0 ? 'B' : 'A', late: i % 5 === 0, complaint: i % 7 === 0, rating: i % 4 === 0 ? 1 + (i % 3) : i % 4 === 1 ? 5 : null });
    }
    for (const d of dossiers) {
      const counter = d.unit === 'A' ? 'T1' : 'T2';
      const link = await s.ctx.surveyLinks.issue({ orgId: 'org-main', apiKeyId: 'test', counter, procedureCode: '1.000001', dossierRef: d.ref });
      if (d.rating !== null) {
        const res = await s.api('/api/v1/responses', {
          method: 'POST',
          json: { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'link', linkToken: link.token, answers: { O: d.rating } },
        });
        expect(res.status).toBe(201);
      }
      const items: unknown[] = [{ dossierRef: d.ref, unit: d.unit, event: 'settled', settledAt: '2025-03-15T10:00:00+07:00', late: d.late }];
      if (d.complaint) items.push({ dossierRef: d.ref, event: 'complaint', raised: true, raisedAt: '2025-03-20T10:00:00+07:00' });
      expect((await batch(items)).status).toBe(200);
    }

    const recount = (ds: Dossier[]) => {
      const settled = ds.length;
      const late = ds.filter((d) => d.late).length;
      const either = ds.filter((d) => d.complaint || (d.rating !== null && d.rating <= 2)).length;
      return { settled, late, either, value: Math.max(0, 1 - (late / settled + either / settled)) };
    };
    const all = recount(dossiers);
    const body = await read();
    expect(body.dossiers).toMatchObject({ settled: all.settled, late: all.late, complainedOrLowRated: all.either });
    expect(body.dossiers.lowRated).toBe(dossiers.filter((d) => d.rating !== null && d.rating <= 2).length);
    expect(body.dossiers.complained).toBe(dossiers.filter((d) => d.complaint).length);
    expect(body.value).toBeCloseTo(all.value, 12);
    expect(body.points).toBeCloseTo(all.value >= 0.9 ? 1 : all.value / 0.9, 12);
    expect(body.unavailable).toBeNull();

    // A unit head sees their unit's dossiers only, and no organisation-wide coverage.
    const a = recount(dossiers.filter((d) => d.unit === 'A'));
    const mine = await read(period, headA);
    expect(mine.dossiers.settled).toBe(a.settled);
    expect(mine.value).toBeCloseTo(a.value, 12);
    expect(mine.coverage).toBeNull();
    expect((await s.api(`/api/v1/stats/indicator-766?${period}&unitId=unit-b`, { cookie: headA })).status).toBe(403);
  });

  it('uses the organisation’s max points', async () => {
    await s.ctx.organisation.update({ orgId: 'org-main', role: 'admin', unitId: null, email: 'admin@test.local' }, { decision766MaxPoints: 2 });
    const body = await read();
    expect(body.maxPoints).toBe(2);
    expect(body.points).toBeCloseTo(body.value >= 0.9 ? 2 : (body.value * 2) / 0.9, 12);
    await s.ctx.organisation.update({ orgId: 'org-main', role: 'admin', unitId: null, email: 'admin@test.local' }, { decision766MaxPoints: 1 });
  });

  it('keeps coverage beside it, never above 100%', async () => {
    const body = await read('');
    expect(body.coverage).not.toBeNull();
    expect(body.coverage.value).toBeLessThanOrEqual(1);
    expect(body.coverage.issued).toBeGreaterThan(0);
  });
});
