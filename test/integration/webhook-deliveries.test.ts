/**
 * GET /webhook-deliveries: the office's webhook delivery log, newest first,
 * with each attempt and the retry state; only this office's; admins and
 * managers only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import type { WebhookDelivery } from '../../shared/api';
import type { WebhookDelivery as StoredDelivery } from '../../server/domain/alerts/alert.repo';

let s: TestServer;
let admin: string;
let head: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
  await s.ctx.auth.createUser({ orgId: 'org-main', email: 'head-w@test.local', name: 'Head', role: 'unit-head', unitId: 'unit-a', password: 'head-w-pass-1' });
  head = await s.login('head-w@test.local', 'head-w-pass-1');
  const base = { alertId: 'al-x', event: 'alert.opened', url: 'https://hooks.example/h', body: '{}', attempts: [], nextAttemptAt: null };
  const put = (d: StoredDelivery) => s.ctx.alertEngine.repo.insertDelivery(d);
  await put({ ...base, id: 'al-x:1', orgId: 'org-main', status: 'delivered', createdAt: '2026-11-01T01:00:00.000Z', attempts: [{ n: 1, at: '2026-11-01T01:00:00.000Z', status: 200, error: null, ms: 40 }] });
  await put({ ...base, id: 'al-x:2', orgId: 'org-main', status: 'pending', createdAt: '2026-11-02T01:00:00.000Z', nextAttemptAt: '2026-11-02T01:05:00.000Z', attempts: [{ n: 1, at: '2026-11-02T01:00:00.000Z', status: 503, error: null, ms: 30 }] });
  await put({ ...base, id: 'al-y:1', orgId: 'org-other', status: 'failed', createdAt: '2026-11-03T01:00:00.000Z' });
});
afterAll(async () => {
  await s.stop();
});

describe('the webhook delivery log', () => {
  it('lists this office’s deliveries newest first, with their attempts and the next retry', async () => {
    const res = await s.api('/api/v1/webhook-deliveries', { cookie: admin });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: WebhookDelivery[] };
    expect(items.map((d) => d.id)).toEqual(['al-x:2', 'al-x:1']);
    expect(items[0]).not.toHaveProperty('body');
    expect(items[0]).toMatchObject({ status: 'pending', nextAttemptAt: '2026-11-02T01:05:00.000Z', attempts: [{ n: 1, status: 503 }] });
  });

  it('pages by limit and refuses a bad one', async () => {
    const { items } = await (await s.api('/api/v1/webhook-deliveries?limit=1', { cookie: admin })).json();
    expect(items).toHaveLength(1);
    expect((await s.api('/api/v1/webhook-deliveries?limit=0', { cookie: admin })).status).toBe(400);
  });

  it('is not for a unit head', async () => {
    expect((await s.api('/api/v1/webhook-deliveries', { cookie: head })).status).toBe(403);
  });
});
