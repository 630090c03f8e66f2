/**
 * Survey versions through the console's API (issue 11 item 11) on a real
 * server: a copy with edits, the code rule (409), drafts editable until
 * active or answered (409 naming why), activation for one counter (its kiosk
 * and QR page ask it, another counter still the office's), ratings against
 * it accepted and counted, unit heads refused, every change audited.
 */
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import type { SurveyDefinition } from '../../shared/survey';

let s: TestServer;
let admin: string;
let manager: string;
let headA: string;
let tokenT2: string;

/** An account made by the admin, signed in after choosing its own password (a temporary one only opens /me/password). */
async function newUser(json: { email: string; name: string; role: string; unitId?: string }): Promise<string> {
  const temp = (await (await s.api('/api/v1/users', { method: 'POST', cookie: admin, json })).json()).temporaryPassword as string;
  const cookie = await s.login(json.email, temp);
  const changed = await s.api('/api/v1/me/password', { method: 'POST', cookie, json: { currentPassword: temp, newPassword: `${temp}-own` } });
  if (changed.status !== 204) throw new Error(`password change: ${changed.status}`);
  return cookie;
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
  headA = await newUser({ email: 'head.sv@test.local', name: 'Head A', role: 'unit-head', unitId: 'unit-a' });
  manager = await newUser({ email: 'mgr.sv@test.local', name: 'Mgr', role: 'manager' });
  // A second kiosk, at T2: it must keep asking the office's version.
  tokenT2 = randomBytes(24).toString('base64url');
  await s.ctx.entities.put('device', {
    id: 'dev-t2', orgId: 'org-main', servicePointId: 'sp-t2', name: 'Kiosk T2', tokenHash: createHash('sha256').update(tokenT2).digest('hex'),
    enrolment: null, enrolledAt: new Date().toISOString(), revokedAt: null, lastSeenAt: null, status: null,
  });
});
afterAll(async () => {
  await s.stop();
});

const call = async (method: string, path: string, json?: unknown, cookie = admin) => {
  const res = await s.api(`/api/v1${path}`, { method, cookie, ...(json === undefined ? {} : { json }) });
  return { status: res.status, body: await res.json() };
};
const kioskConfig = async (token: string) => (await s.api('/api/v1/kiosk/config', { headers: { authorization: `Bearer ${token}` } })).json();
const audit = async () => ((await call('GET', '/audit')).body.items as { action: string; target: string; details: Record<string, unknown> }[]);

/** The office's version, reworded (A2, the kiosk question), A3 switched off, a choice question added. */
function edited(def: SurveyDefinition): SurveyDefinition {
  const questions = def.questions
    .filter((q) => q.id !== 'A3')
    .map((q) => (q.id === 'O' ? { ...q, text: { vi: 'Ông/Bà hài lòng với quầy này chứ?', en: 'Are you satisfied with this counter?' } } : q));
  questions.push({ id: 'visit', kind: 'choice', required: false, text: { vi: 'Ông/Bà đến lần thứ mấy?', en: 'Which visit is this?' }, options: [{ id: 'first', text: { vi: 'Lần đầu', en: 'First' } }, { id: 'again', text: { vi: 'Đã đến trước đây', en: 'Been before' } }] });
  return { ...def, questions };
}

let v2: { id: string; version: number; key: string };

describe('a new version from a copy', () => {
  it('is created as a copy with edits (201), audited with what changed', async () => {
    const office = (await call('GET', `/surveys/${s.surveyVersionId}`)).body;
    expect(office.lockedBecause).toContain('active');
    const res = await call('POST', '/surveys', { fromVersionId: s.surveyVersionId, definition: edited(office.version.definition) });
    expect(res.status).toBe(201);
    v2 = res.body;
    expect(res.body.copiedFrom).toBe(s.surveyVersionId);
    expect(res.body.definition.questions.map((q: { id: string }) => q.id)).not.toContain('A3');
    const entry = (await audit()).find((a) => a.action === 'survey.create' && a.target === v2.id)!;
    expect(entry.details.change).toMatchObject({ removed: ['A3'], added: [expect.objectContaining({ id: 'visit', kind: 'choice' })], reworded: [expect.objectContaining({ id: 'O' })] });
    const detail = (await call('GET', `/surveys/${v2.id}`)).body;
    expect(detail.lockedBecause).toEqual([]);
    expect(detail.kiosk.question.vi).toBe('Ông/Bà hài lòng với quầy này chứ?');
  });

  it('refuses a code reused with another meaning (409 naming the question), storing nothing', async () => {
    const before = (await call('GET', '/surveys')).body.items.length;
    const def = edited((await call('GET', `/surveys/${s.surveyVersionId}`)).body.version.definition);
    // "expect" was a multi-select: a choice question under that code would count m:expect:* differently.
    const bad = { ...def, questions: def.questions.map((q) => (q.id === 'expect' && q.kind === 'multi' ? { ...q, kind: 'choice' } : q)) };
    const res = await call('POST', '/surveys', { fromVersionId: s.surveyVersionId, definition: bad });
    expect(res.status).toBe(409);
    expect(res.body.error.details[0].path).toMatch(/^definition\.questions\.\d+\.id$/);
    expect(res.body.error.message).toContain('expect');
    expect((await call('GET', '/surveys')).body.items.length).toBe(before);
  });

  it('answers 400 naming the field of a bad definition, and 404 naming fromVersionId for an unknown source', async () => {
    const def = edited((await call('GET', `/surveys/${s.surveyVersionId}`)).body.version.definition);
    const bad = { ...def, questions: def.questions.map((q) => (q.id === 'O' ? { ...q, text: { vi: '', en: 'x' } } : q)) };
    const res = await call('POST', '/surveys', { fromVersionId: s.surveyVersionId, definition: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('definition.questions.0.text.vi');
    const unknown = await call('POST', '/surveys', { fromVersionId: 'nope', definition: def });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details[0].path).toBe('fromVersionId');
  });

  it('a draft can be edited; the office\'s active version cannot (409 naming why)', async () => {
    const draft = (await call('GET', `/surveys/${v2.id}`)).body.version.definition as SurveyDefinition;
    const reworded = { ...draft, title: { vi: 'Phiếu quầy T1', en: 'Counter T1 survey' } };
    const ok = await call('PUT', `/surveys/${v2.id}`, { definition: reworded });
    expect(ok.status).toBe(200);
    expect(ok.body.definition.title.vi).toBe('Phiếu quầy T1');
    const locked = await call('PUT', `/surveys/${s.surveyVersionId}`, { definition: reworded });
    expect(locked.status).toBe(409);
    expect(locked.body.error.message).toMatch(/it is active/);
    expect(locked.body.error.details).toEqual(expect.arrayContaining([{ path: 'id', message: 'active' }]));
  });

  it('a unit head reads but may not create, edit or activate (403); a manager may', async () => {
    expect((await call('GET', '/surveys/active', undefined, headA)).status).toBe(200);
    expect((await call('POST', '/surveys', { fromVersionId: s.surveyVersionId, definition: {} }, headA)).status).toBe(403);
    expect((await call('PUT', `/surveys/${v2.id}`, { definition: {} }, headA)).status).toBe(403);
    expect((await call('POST', `/surveys/${v2.id}/activate`, { servicePointId: 'sp-t1' }, headA)).status).toBe(403);
    expect((await call('DELETE', '/service-points/sp-t1/survey', undefined, headA)).status).toBe(403);
    expect((await call('GET', `/surveys/${v2.id}`, undefined, manager)).status).toBe(200);
  });
});

describe('activation for one counter', () => {
  it('T1\'s kiosk and QR page ask the new version; T2 still the office\'s; audited; the draft is now immutable', async () => {
    const res = await call('POST', `/surveys/${v2.id}/activate`, { servicePointId: 'sp-t1' }, manager);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ organisation: s.surveyVersionId, counters: [{ servicePointId: 'sp-t1', surveyVersionId: v2.id }] });
    const t1 = await kioskConfig(s.deviceToken);
    expect(t1.survey.versionId).toBe(v2.id);
    expect(t1.survey.question.vi).toBe('Ông/Bà hài lòng với quầy này chứ?');
    const t2 = await kioskConfig(tokenT2);
    expect(t2.survey.versionId).toBe(s.surveyVersionId);
    const qr1 = await (await s.api('/api/v1/public/survey-context?counter=T1')).json();
    expect(qr1.survey.versionId).toBe(v2.id);
    expect(qr1.survey.definition.questions.map((q: { id: string }) => q.id)).toContain('visit');
    const qr2 = await (await s.api('/api/v1/public/survey-context?counter=T2')).json();
    expect(qr2.survey.versionId).toBe(s.surveyVersionId);
    // A unit head of unit B sees no override (T1 is unit A's); unit A's head sees it.
    const headB = await newUser({ email: 'head.b.sv@test.local', name: 'Head B', role: 'unit-head', unitId: 'unit-b' });
    expect((await call('GET', '/surveys/active', undefined, headB)).body.counters).toEqual([]);
    expect((await call('GET', `/surveys/${v2.id}`, undefined, headB)).body).toMatchObject({ lockedBecause: ['active'], activeFor: { organisation: false, servicePointIds: [] } });
    expect((await call('GET', '/surveys/active', undefined, headA)).body.counters).toEqual([{ servicePointId: 'sp-t1', surveyVersionId: v2.id }]);
    const entry = (await audit()).find((a) => a.action === 'survey.activate' && a.target === 'sp-t1')!;
    expect(entry.details).toMatchObject({ scope: 'counter', before: { surveyVersionId: null }, after: { surveyVersionId: v2.id } });
    const locked = await call('PUT', `/surveys/${v2.id}`, { definition: (await call('GET', `/surveys/${v2.id}`)).body.version.definition });
    expect(locked.status).toBe(409);
  });

  it('a kiosk rating against it is accepted and counted, answers validated against it', async () => {
    const kiosk = { authorization: `Bearer ${s.deviceToken}` };
    const counted = async () => (await (await s.api('/api/v1/stats/summary?servicePointId=sp-t1&verified=all', { cookie: admin })).json()).overall.n as number;
    const before = await counted();
    const rate = await s.api('/api/v1/responses', { method: 'POST', headers: kiosk, json: { id: randomUUID(), surveyVersionId: v2.id, channel: 'kiosk', answers: { O: 4 } } });
    expect(rate.status).toBe(201);
    // The added choice question is checked against its options; A3 is no longer in this version.
    const badChoice = await s.api('/api/v1/responses', { method: 'POST', headers: kiosk, json: { id: randomUUID(), surveyVersionId: v2.id, channel: 'kiosk', answers: { O: 5, visit: 'tenth' } } });
    expect(badChoice.status).toBe(400);
    expect(JSON.stringify(await badChoice.json())).toContain('answers.visit');
    expect(await counted()).toBe(before + 1);
    const detail = (await call('GET', `/surveys/${v2.id}`)).body;
    expect(detail.lockedBecause).toEqual(['active', 'answered']);
  });

  it('clearing the override sends T1 back to the office\'s version; the version stays immutable ("was-active")', async () => {
    const res = await call('DELETE', '/service-points/sp-t1/survey');
    expect(res.status).toBe(200);
    expect(res.body.counters).toEqual([]);
    expect((await kioskConfig(s.deviceToken)).survey.versionId).toBe(s.surveyVersionId);
    expect((await call('GET', `/surveys/${v2.id}`)).body.lockedBecause).toEqual(['was-active', 'answered']);
    expect((await audit()).some((a) => a.action === 'survey.counter-reset' && a.target === 'sp-t1')).toBe(true);
  });

  it('activating for the office changes every kiosk, audited before/after', async () => {
    const res = await call('POST', `/surveys/${v2.id}/activate`, {});
    expect(res.body.organisation).toBe(v2.id);
    expect((await kioskConfig(tokenT2)).survey.versionId).toBe(v2.id);
    const entry = (await audit()).find((a) => a.action === 'survey.activate' && a.details.scope === 'organisation')!;
    expect(entry.details).toMatchObject({ before: { surveyVersionId: s.surveyVersionId }, after: { surveyVersionId: v2.id } });
    // An older kiosk's queued rating naming the previous version is still accepted (validated against that version).
    const late = await s.api('/api/v1/responses', { method: 'POST', headers: { authorization: `Bearer ${tokenT2}` }, json: { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 5 } } });
    expect(late.status).toBe(201);
  });

  it('404 for an unknown version or counter', async () => {
    expect((await call('GET', '/surveys/nope')).status).toBe(404);
    expect((await call('POST', `/surveys/${v2.id}/activate`, { servicePointId: 'sp-nope' })).status).toBe(404);
    expect((await call('POST', `/surveys/nope/activate`, {})).status).toBe(404);
  });
});

describe('the preview page', () => {
  it('may be framed by this origin only; every other page still by nobody', async () => {
    const preview = await s.api('/kiosk/preview.html?version=x&view=kiosk');
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(preview.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    for (const path of ['/kiosk/', '/kiosk/survey.html', '/admin/']) {
      const res = await s.api(path);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });
});
