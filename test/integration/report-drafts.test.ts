/**
 * The scheduled monthly draft (issue 13 item 4) on two app instances sharing
 * one SQLite store: each draft is prepared once, by one node, with one
 * `report.ready` webhook delivery; after downtime past several month ends
 * each missed month is prepared; the Reports API lists drafts by scope,
 * serves their files and issues from them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { startServer, type RunningServer } from '../../server/index';
import { startTestServer, testConfig, type TestServer } from '../helpers/test-server';
import { signBody } from '../../server/domain/alerts/webhook';
import { dueMonths, MonthlyDrafts } from '../../server/domain/reports/monthly-drafts';

let a: TestServer;
let b: RunningServer;
let admin: string;
let head: string;
let hook: Server;
const received: { event: string; delivery: string; signed: boolean; body: { report: { id: string; period: string; unitId: string | null; url: string } } }[] = [];
const SECRET = 'report-ready-secret-123';
const at = (iso: string) => Date.parse(iso);

beforeAll(async () => {
  hook = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ event: String(req.headers['x-hailong-event']), delivery: String(req.headers['x-hailong-delivery']), signed: req.headers['x-hailong-signature'] === signBody(SECRET, raw), body: JSON.parse(raw) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  a = await startTestServer();
  // The second node: the same data directory, so the same SQLite store.
  b = await startServer(testConfig({ DATA_DIR: a.dataDir }));
  admin = await a.login();
  await a.ctx.auth.createUser({ orgId: 'org-main', email: 'head-d@test.local', name: 'Head', role: 'unit-head', unitId: 'unit-b', password: 'head-d-pass-1' });
  head = await a.login('head-d@test.local', 'head-d-pass-1');
  const rules = await (await a.api('/api/v1/alert-rules', { cookie: admin })).json();
  const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  const put = await a.api('/api/v1/alert-rules', { method: 'PUT', cookie: admin, json: { ...rules, webhook: { url, secret: SECRET, events: ['opened'] } } });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await b?.close();
  await a?.stop();
  hook?.close();
});

const drafts = async () => (await a.ctx.entities.list('reportDraft', { orgId: 'org-main' })).map((d) => `${d.period} ${d.unitId ?? '*'}`).sort();

describe('which months are due', () => {
  it('the previous month from the 1st (Vietnam time), each missed month after downtime, at most 12', () => {
    // 2026-11-30T17:30Z is already 1 December in Vietnam.
    expect(dueMonths(at('2026-11-30T17:30:00Z'), null)).toEqual(['2026-11']);
    expect(dueMonths(at('2026-11-30T16:30:00Z'), null)).toEqual(['2026-10']);
    expect(dueMonths(at('2027-03-02T03:00:00Z'), '2026-11')).toEqual(['2026-12', '2027-01', '2027-02']);
    expect(dueMonths(at('2027-03-02T03:00:00Z'), '2027-02')).toEqual([]);
    expect(dueMonths(at('2030-01-05T03:00:00Z'), '2026-01')).toHaveLength(12);
  });
});

describe('monthly drafts on two nodes', () => {
  it('prepares the previous month once for the office and each unit, by one node, with one webhook each', async () => {
    const now = at('2026-12-01T00:30:00+07:00');
    const [x, y] = await Promise.all([a.ctx.reportDrafts.runDue(now), b.ctx.reportDrafts.runDue(now)]);
    expect(x.length + y.length).toBe(3);
    expect(await drafts()).toEqual(['2026-11 *', '2026-11 unit-a', '2026-11 unit-b']);
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.delivery)).size).toBe(3);
    expect(received.every((r) => r.event === 'report.ready' && r.signed)).toBe(true);
    expect(received.map((r) => r.body.report.period)).toEqual(['2026-11', '2026-11', '2026-11']);
    expect(received.find((r) => r.body.report.unitId === 'unit-a')!.body.report.url).toContain('#/reports?period=2026-11&unitId=unit-a');
    // Run again, on either node: nothing new.
    expect([...(await a.ctx.reportDrafts.runDue(now)), ...(await b.ctx.reportDrafts.runDue(now + 3_600_000))]).toEqual([]);
  });

  it('after downtime past several month ends, prepares each missed month once', async () => {
    const now = at('2027-03-02T09:00:00+07:00');
    const [x, y] = await Promise.all([a.ctx.reportDrafts.runDue(now), b.ctx.reportDrafts.runDue(now)]);
    expect(x.length + y.length).toBe(9);
    expect((await drafts()).filter((d) => d.endsWith('*'))).toEqual(['2026-11 *', '2026-12 *', '2027-01 *', '2027-02 *']);
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(12);
  });

  it('runs on a timer that does not hold the process, and stops', async () => {
    const sched = new MonthlyDrafts(
      { ...a.ctx, webhooks: a.ctx.alertEngine.webhooks, publicUrl: () => a.url },
      { now: () => at('2027-03-02T09:00:00+07:00'), firstCheckMs: 0, everyMs: 60_000 },
    );
    sched.start();
    await new Promise((r) => setTimeout(r, 200));
    await sched.stop();
    expect(await drafts()).toHaveLength(12);
  });
});

describe('drafts in the Reports API', () => {
  it('lists drafts by scope: the whole office for an admin, only their unit for a unit head', async () => {
    const all = (await (await a.api('/api/v1/reports/drafts', { cookie: admin })).json()).items as { id: string; period: string; unitId: string | null; state: string }[];
    expect(all).toHaveLength(12);
    expect(all[0]).toMatchObject({ period: '2027-02', unitId: null, state: 'draft' });
    const mine = (await (await a.api('/api/v1/reports/drafts', { cookie: head })).json()).items as { unitId: string }[];
    expect(mine.map((d) => d.unitId)).toEqual(['unit-b', 'unit-b', 'unit-b', 'unit-b']);
    const other = all.find((d) => d.unitId === 'unit-a')!;
    expect((await a.api(`/api/v1/reports/drafts/${encodeURIComponent(other.id)}`, { cookie: head })).status).toBe(404);
  });

  it('opens a draft, downloads its DOCX, and issues from it', async () => {
    const all = (await (await a.api('/api/v1/reports/drafts', { cookie: admin })).json()).items as { id: string; period: string; unitId: string | null }[];
    const d = all.find((x) => x.period === '2026-11' && x.unitId === null)!;
    const id = encodeURIComponent(d.id);
    const detail = await (await a.api(`/api/v1/reports/drafts/${id}`, { cookie: admin })).json();
    expect(detail.draft).toMatchObject({ id: d.id, state: 'draft', issuedReportId: null });
    expect(detail.content.period.code).toBe('2026-11');
    expect(detail.differences).toEqual([]);
    const docx = await a.api(`/api/v1/reports/drafts/${id}/report.docx`, { cookie: admin });
    expect(docx.status).toBe(200);
    const xml = await (await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()))).file('word/document.xml')!.async('string');
    expect(xml).toContain('BÁO CÁO');
    expect(xml).toContain('tháng 11/2026');
    expect((await a.api(`/api/v1/reports/drafts/${id}/issue`, { method: 'POST', cookie: head, json: {} })).status).toBe(403);
    const issued = await a.api(`/api/v1/reports/drafts/${id}/issue`, { method: 'POST', cookie: admin, json: { lang: 'vi' } });
    expect(issued.status).toBe(201);
    const rep = await issued.json();
    expect(rep).toMatchObject({ period: '2026-11', unitId: null });
    const after = await (await a.api(`/api/v1/reports/drafts/${id}`, { cookie: admin })).json();
    expect(after.draft).toMatchObject({ state: 'issued', issuedReportId: rep.id });
    expect((await a.api('/api/v1/reports/drafts/nope', { cookie: admin })).status).toBe(404);
  });
});
