import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { counterClientId, startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

const qr = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  surveyVersionId: s.surveyVersionId,
  channel: 'qr',
  servicePointId: 'sp-t2',
  answers: { O: 4, A1: 5, C1: null },
  ...over,
});
const post = (body: unknown, headers: Record<string, string> = {}) =>
  s.api('/api/v1/responses', { method: 'POST', json: body, headers });
const kioskHeaders = () => ({ authorization: `Bearer ${s.deviceToken}` });

describe('POST /api/v1/responses', () => {
  it('stores a counter-QR response as unverified and answers 201', async () => {
    const body = qr();
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: body.id, status: 'stored' });
    const stored = await s.ctx.store.getResponse(body.id);
    expect(stored).toMatchObject({ servicePointId: 'sp-t2', unitId: 'unit-b', verified: false, officerId: 'off-2', overall: 4 });
  });

  it('answers 200 "duplicate" when the same id is replayed with the same body', async () => {
    const body = qr();
    expect((await post(body)).status).toBe(201);
    const res = await post({ ...body, answers: { C1: null, A1: 5, O: 4 } });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('duplicate');
  });

  it('answers 409 when the same id comes with a different body', async () => {
    const body = qr();
    await post(body);
    const res = await post({ ...body, answers: { O: 1 } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('conflict');
    expect((await s.ctx.store.getResponse(body.id))!.overall).toBe(4);
  });

  it('binds a kiosk response to its device counter, officer on duty and marks it verified', async () => {
    const body = { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 2, reasons: ['C'] }, comment: 'Chờ lâu' };
    const res = await post(body, kioskHeaders());
    expect(res.status).toBe(201);
    expect(await s.ctx.store.getResponse(body.id)).toMatchObject({ servicePointId: 'sp-t1', deviceId: 'dev-t1', officerId: 'off-1', verified: true, comment: 'Chờ lâu' });
  });

  it('refuses a kiosk response without a device token with 401', async () => {
    const res = await post({ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 5 } });
    expect(res.status).toBe(401);
  });

  it('answers 400 naming every bad field', async () => {
    const res = await post({ id: 'not-a-uuid', surveyVersionId: s.surveyVersionId, channel: 'qr', servicePointId: 'sp-t2', answers: { O: 7 } });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('invalid-input');
    const paths = error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'answers.O']));
  });

  it('answers 400 for answers that do not fit the survey version', async () => {
    const res = await post(qr({ answers: { O: 4, Z9: 3, reasons: ['nope'] } }));
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['answers.Z9', 'answers.reasons']));
  });

  it('answers 400 when the required overall question is missing', async () => {
    const res = await post(qr({ answers: { A1: 4 } }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([{ path: 'answers.O', message: 'required' }]);
  });

  it('answers 422 for an unknown service point', async () => {
    const res = await post(qr({ servicePointId: 'sp-nowhere' }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0].path).toBe('servicePointId');
  });

  it('answers 422 for an unknown survey version', async () => {
    const res = await post(qr({ surveyVersionId: 'sipas-v99' }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0].path).toBe('surveyVersionId');
  });

  it('answers 422 for an unknown procedure code and stores nothing', async () => {
    const body = qr({ procedureCode: '9.999999' });
    expect((await post(body)).status).toBe(422);
    expect(await s.ctx.store.getResponse(body.id)).toBeNull();
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await post(qr({ comment: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload-too-large');
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await s.api('/api/v1/responses', { method: 'POST', body: '{"id":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
  });

  it('records the procedure named by its national code', async () => {
    const body = qr({ procedureCode: '1.000001' });
    expect((await post(body)).status).toBe(201);
    expect((await s.ctx.store.getResponse(body.id))!.procedureId).toBe('proc-1');
  });
});

describe('POST /api/v1/responses/batch', () => {
  it('answers each item on its own and stores only the valid ones', async () => {
    const good = { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 5 } };
    const bad = { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 9 } };
    const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: { responses: [good, bad, good] }, headers: kioskHeaders() });
    expect(res.status).toBe(200);
    const { results } = await res.json();
    expect(results.map((r: { status: string }) => r.status)).toEqual(['stored', 'invalid', 'duplicate']);
    expect(await s.ctx.store.getResponse(good.id)).not.toBeNull();
    expect(await s.ctx.store.getResponse(bad.id)).toBeNull();
  });

  it('answers 400 for an empty batch', async () => {
    const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: { responses: [] } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('responses');
  });
});

describe('GET /api/health', () => {
  it('reports the store kind, version and uptime', async () => {
    const res = await s.api('/api/health');
    expect(await res.json()).toMatchObject({ status: 'ok', store: 'sqlite', version: expect.any(String), uptimeSeconds: expect.any(Number) });
  });
});

describe('dossier-link and counter-link rules in ingestion', () => {
  it('keeps procedure and officer fixed by the link, whatever the body names', async () => {
    const link = vi.spyOn(s.ctx.surveyLinks, 'resolveForIngest').mockResolvedValue({ linkId: `t-${randomUUID()}`, servicePointId: 'sp-t1', procedureId: null, officerId: null });
    try {
      const body = { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'link', linkToken: 'x', officerId: 'off-2', procedureCode: '1.000001', answers: { O: 5 } };
      expect((await post(body)).status).toBe(201);
      expect(await s.ctx.store.getResponse(body.id)).toMatchObject({ verified: true, officerId: null, procedureId: null, servicePointId: 'sp-t1' });
    } finally {
      link.mockRestore();
    }
  });

  it('answers a replay with "duplicate" even when the client is over its counter-link limit', async () => {
    const headers = { 'x-client-id': await counterClientId(s.url) };
    const first = qr({ servicePointId: 'sp-t1' });
    expect((await post(first, headers)).status).toBe(201);
    let status = 201;
    for (let i = 0; i < 50 && status !== 429; i++) status = (await post(qr({ servicePointId: 'sp-t1' }), headers)).status;
    expect(status).toBe(429);
    const replay = await post(first, headers);
    expect(replay.status).toBe(200);
    expect((await replay.json()).status).toBe('duplicate');
  });
});

describe('public URL', () => {
  it('uses the port really bound when PUBLIC_URL is unset (PORT=0)', () => {
    expect(s.ctx.config.publicUrl).toBe(s.url);
    expect(s.url).not.toMatch(/:0$/);
  });
});
