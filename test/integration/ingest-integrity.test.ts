/**
 * Issue 9: nobody can fake or flood the figure through ingestion — response
 * ids in any letter case, the kiosk minimum gap, officer attribution from the
 * duty roster, and counter-QR limits. Each block started as a failing test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

const post = (body: unknown, headers: Record<string, string> = {}) => s.api('/api/v1/responses', { method: 'POST', json: body, headers });
const batch = (responses: unknown[], headers: Record<string, string> = {}) => s.api('/api/v1/responses/batch', { method: 'POST', json: { responses }, headers });
const orgId = async () => (await s.ctx.entities.list('organisation'))[0].id;
const qr = (over: Record<string, unknown> = {}) => ({ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'qr', servicePointId: 'sp-t2', answers: { O: 4 }, ...over });

describe('response ids are canonical (lower case) before the idempotency check', () => {
  it('answers "already stored" for the same rating sent again with an upper-case id, and keeps one row', async () => {
    const body = qr();
    expect((await post(body)).status).toBe(201);
    const again = await post({ ...body, id: body.id.toUpperCase() });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: body.id, status: 'duplicate' });
    const rows = await s.ctx.store.listResponses({ orgId: await orgId(), servicePointId: 'sp-t2', limit: 500 });
    expect(rows.filter((r) => r.id.toLowerCase() === body.id)).toHaveLength(1);
  });

  it('stores an upper-case id in lower case, and a batch replay in another case is a duplicate', async () => {
    const id = randomUUID();
    const body = qr({ id: id.toUpperCase() });
    const res = await batch([body, { ...body, id }]);
    expect((await res.json()).results.map((r: { status: string }) => r.status)).toEqual(['stored', 'duplicate']);
    expect(await s.ctx.store.getResponse(id)).not.toBeNull();
    expect(await s.ctx.store.getResponse(id.toUpperCase())).toBeNull();
  });
});
