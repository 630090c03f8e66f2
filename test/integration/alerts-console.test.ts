/**
 * The alerts console's API, against the real server and store: the list
 * keeps its order through acknowledge and resolve, filters, carries the
 * officer's name and the scope's figures, is cut to a unit head's unit
 * (404 for another unit's alert); the rule preview replays unsaved settings
 * over the stored ratings; the webhook test delivers a signed event to a
 * real HTTP receiver on 127.0.0.1 and logs it with its retry state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from '../helpers/webhook-receiver';
import { setAlertEngineDefaults } from '../../server/domain/alerts/alert-engine';
import { signBody } from '../../server/domain/alerts/webhook';
import { ALERT, openLookup } from '../../server/domain/alerts/alert.repo';
import type { AlertView } from '../../shared/realtime-events';
import { postKioskRating, type RatingTarget } from './realtime-clients';

setAlertEngineDefaults({ evaluateGapMs: 0, sweepMs: 3_600_000, webhookBackoffMs: [60_000], webhookTimeoutMs: 2_000 });

let s: TestServer;
let admin: string;
let manager: string;
let headA: string;
let headB: string;
let t: RatingTarget;

const api = (path: string, cookie: string, init: { method?: string; json?: unknown } = {}) => s.api(`/api/v1${path}`, { cookie, ...init });
async function list(query: string, cookie = admin): Promise<{ items: AlertView[]; next: number | null; figures?: Record<string, { n: number; s: number; rate: number | null; target: number; scope: { kind: string; id: string } }> }> {
  const res = await api(`/alerts${query}`, cookie);
  expect(res.status).toBe(200);
  return res.json();
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
  t = { url: s.url, deviceToken: s.deviceToken, surveyVersionId: s.surveyVersionId };
  const users = [
    ['manager@test.local', 'manager', undefined],
    ['head-a@test.local', 'unit-head', 'unit-a'],
    ['head-b@test.local', 'unit-head', 'unit-b'],
  ] as const;
  for (const [email, role, unitId] of users) await s.ctx.auth.createUser({ orgId: 'org-main', email, name: email, role, unitId, password: 'password-x-123' });
  manager = await s.login('manager@test.local', 'password-x-123');
  headA = await s.login('head-a@test.local', 'password-x-123');
  headB = await s.login('head-b@test.local', 'password-x-123');
});
afterAll(() => s.stop());

describe('the alert list', () => {
  let ids: string[];
  beforeAll(async () => {
    // Three very dissatisfied ratings with comments at T1 (unit A, officer Nguyễn Văn Một on duty).
    for (const c of ['Chờ quá lâu', 'Không hướng dẫn', 'Thái độ kém']) {
      await postKioskRating(t, 1, { comment: c });
      await s.ctx.alertEngine.idle();
      await new Promise((r) => setTimeout(r, 5)); // distinct opening times
    }
    ids = (await list('?state=active&rule=low-rating-comment')).items.map((a) => a.id);
    expect(ids).toHaveLength(3);
  });

  it('names the officer on duty when the rating was made', async () => {
    const { items } = await list('?rule=low-rating-comment');
    for (const a of items) expect(a.officer).toEqual({ id: 'off-1', name: 'Nguyễn Văn Một' });
  });

  it("carries each alert's scope figures (n and rate against the target) when asked", async () => {
    const r = await list('?state=active&figures=true');
    const f = r.figures![ids[0]];
    expect(f.scope).toEqual({ kind: 'sp', id: 'sp-t1' });
    expect(f.n).toBeGreaterThanOrEqual(3);
    expect(f.rate).toBe(f.s / f.n);
    expect(f.target).toBe(0.85);
    expect((await list('?state=active')).figures).toBeUndefined();
  });

  it('keeps an acknowledged alert in its place and lists a resolved one in history with who, when and the note', async () => {
    const before = (await list('?state=all&rule=low-rating-comment')).items.map((a) => a.id);
    const ack = await api(`/alerts/${before[1]}/ack`, manager, { method: 'POST', json: { note: 'Đã gọi điện cho công dân' } });
    expect(ack.status).toBe(200);
    expect((await ack.json()).acknowledged).toMatchObject({ by: 'manager@test.local', note: 'Đã gọi điện cho công dân' });
    expect((await list('?state=active&rule=low-rating-comment')).items.map((a) => a.id)).toEqual(before);

    const res = await api(`/alerts/${before[0]}/resolve`, admin, { method: 'POST', json: { note: 'Đã xử lý' } });
    expect(res.status).toBe(200);
    expect((await list('?state=active&rule=low-rating-comment')).items.map((a) => a.id)).toEqual(before.slice(1));
    const history = (await list('?state=resolved')).items;
    expect(history.map((a) => a.id)).toEqual([before[0]]);
    expect(history[0].resolved).toMatchObject({ by: 'admin@test.local', auto: false, note: 'Đã xử lý' });
    expect(typeof history[0].resolved!.at).toBe('string');
    // The order of everything stays the order of opening.
    expect((await list('?state=all&rule=low-rating-comment')).items.map((a) => a.id)).toEqual(before);
    const audit = await (await api('/audit?action=alert.resolve', admin)).json();
    expect(audit.items[0]).toMatchObject({ action: 'alert.resolve', actor: 'admin@test.local', target: before[0] });
  });

  it('filters by counter and by the day it was opened', async () => {
    expect((await list('?servicePointId=sp-t1&rule=low-rating-comment')).items).toHaveLength(3);
    expect((await list('?servicePointId=sp-t2')).items).toHaveLength(0);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await list(`?from=${today}&to=${today}&rule=low-rating-comment`)).items).toHaveLength(3);
    expect((await list('?from=2020-01-01&to=2020-01-31')).items).toHaveLength(0);
    const bad = await api('/alerts?from=yesterday', admin);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('from');
  });

  it("shows a unit head only their unit's alerts and answers 404 for another unit's", async () => {
    expect((await list('?rule=low-rating-comment', headA)).items).toHaveLength(3);
    expect((await list('', headB)).items.filter((a) => a.unitId === 'unit-a')).toHaveLength(0);
    expect((await api('/alerts?unitId=unit-a', headB)).status).toBe(403);
    const id = ids[2];
    expect((await api(`/alerts/${id}`, headB)).status).toBe(404);
    expect((await api(`/alerts/${id}/ack`, headB, { method: 'POST', json: { note: 'x' } })).status).toBe(404);
    expect((await api(`/alerts/${id}/resolve`, headB, { method: 'POST', json: {} })).status).toBe(404);
    expect((await api(`/alerts/${id}`, headA)).status).toBe(200);
    expect((await api('/alerts/no-such-alert', admin)).status).toBe(404);
  });

  it('refuses a note that is too long, naming the field, and changes nothing', async () => {
    const res = await api(`/alerts/${ids[2]}/ack`, admin, { method: 'POST', json: { note: 'x'.repeat(501) } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('note');
    expect((await (await api(`/alerts/${ids[2]}`, admin)).json()).state).toBe('open');
  });
});

describe('an alert stored before the list was ordered by opening time', () => {
  it('sits out of place until the start-up backfill gives it its opening time as order', async () => {
    const before = (await list('?state=all&rule=low-rating-comment')).items.map((a) => a.id);
    expect(before.length).toBeGreaterThanOrEqual(3);
    // The oldest one, as the old code stored it after a later change: the record's time was the change time.
    const oldest = (await s.ctx.store.getEntity<AlertView>(ALERT, before[before.length - 1]))!;
    const changedAt = new Date(Date.now() + 60_000).toISOString();
    const data = { ...oldest.data, updatedAt: changedAt };
    await s.ctx.store.putEntity({ ...oldest, lookup: data.state === 'resolved' ? null : openLookup(data.rule, data.scope), data, updatedAt: changedAt });
    // Without the backfill it jumps to the top (what the console showed).
    expect((await list('?state=all&rule=low-rating-comment')).items[0].id).toBe(oldest.id);

    // A (second) node starting on the same store gives old records their order.
    const node = await startTestServer({ DATA_DIR: s.dataDir });
    // The test server enrols its kiosk afresh on start: the first node's token is now the second's.
    t = { ...t, deviceToken: node.deviceToken };
    try {
      const res = await node.api('/api/v1/alerts?state=all&rule=low-rating-comment', { cookie: await node.login() });
      expect((await res.json()).items.map((a: AlertView) => a.id)).toEqual(before);
    } finally {
      await node.stop();
    }
    expect((await list('?state=all&rule=low-rating-comment')).items.map((a) => a.id)).toEqual(before);
    const stored = (await s.ctx.store.getEntity<AlertView>(ALERT, oldest.id))!;
    expect(stored.updatedAt).toBe(stored.data.openedAt);
    expect(stored.data.updatedAt).toBe(changedAt);
    // Done once: another start finds nothing to rewrite.
    expect(await s.ctx.alertEngine.repo.backfillOrder()).toBe(0);
  });
});

describe('the rule preview', () => {
  const preview = (json: unknown, cookie = admin) => api('/alert-rules/preview', cookie, { method: 'POST', json });

  beforeAll(async () => {
    // A low-rated counter: ten ratings of 1 or 2 at T1 (a quick burst of them, too).
    for (let i = 0; i < 10; i++) await postKioskRating(t, i % 2 ? 1 : 2);
    await s.ctx.alertEngine.idle();
  });

  it('replays low satisfaction with unsaved settings and lists the would-be alerts with scope, time and figure', async () => {
    const before = await (await api('/alert-rules', admin)).json();
    const res = await preview({ rule: 'low-satisfaction', settings: { minSample: 5, scopes: ['sp', 'officer'] } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ rule: 'low-satisfaction', supported: true, truncated: false });
    const sp = body.items.find((i: { scope: { kind: string; id: string } }) => i.scope.kind === 'sp' && i.scope.id === 'sp-t1');
    expect(sp).toBeDefined();
    expect(sp.facts.n).toBeGreaterThanOrEqual(5);
    expect(sp.facts.rate).toBeLessThan(0.85);
    expect(sp.where.vi).toContain('T1');
    expect(Date.parse(sp.at)).toBeGreaterThan(Date.now() - 7 * 86_400_000);
    expect(body.items.some((i: { scope: { kind: string } }) => i.scope.kind === 'officer')).toBe(true);
    expect(body.items.some((i: { scope: { kind: string } }) => i.scope.kind === 'org')).toBe(false);
    // Nothing was saved and nothing raised.
    expect(await (await api('/alert-rules', admin)).json()).toEqual(before);
    expect((await list('?rule=low-satisfaction')).items).toHaveLength(0);
  });

  it('follows the settings: a minimum sample above the ratings seen raises nothing', async () => {
    const body = await (await preview({ rule: 'low-satisfaction', settings: { minSample: 10_000 } })).json();
    expect(body.items).toEqual([]);
  });

  it('replays comments, and bursts from one kiosk', async () => {
    const comments = await (await preview({ rule: 'low-rating-comment', settings: { maxScore: 1 } })).json();
    expect(comments.items).toHaveLength(3);
    expect(comments.items[0].scope.kind).toBe('response');
    const burst = await (await preview({ rule: 'burst', settings: { maxRatings: 5, windowSeconds: 3600 } }, manager)).json();
    expect(burst.items).toHaveLength(1);
    expect(burst.items[0]).toMatchObject({ scope: { kind: 'device', id: 'dev-t1' }, servicePointId: 'sp-t1' });
    expect(burst.items[0].facts.count).toBeGreaterThan(5);
  });

  it('says a silent kiosk cannot be replayed', async () => {
    const body = await (await preview({ rule: 'kiosk-silent', settings: {} })).json();
    expect(body).toMatchObject({ supported: false, items: [] });
  });

  it('refuses bad settings with 400 naming the field, and unit heads with 403', async () => {
    const res = await preview({ rule: 'low-satisfaction', settings: { windowDays: 0 } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('settings.windowDays');
    expect((await preview({ rule: 'no-such-rule' })).status).toBe(400);
    expect((await preview({ rule: 'burst', settings: {} }, headA)).status).toBe(403);
  });
});

describe('an officer-scope alert', () => {
  it("names the officer and carries the officer's figures", async () => {
    const put = await api('/alert-rules', admin, { method: 'PUT', json: { lowSatisfaction: { minSample: 5, scopes: ['officer'] } } });
    expect(put.status).toBe(200);
    await s.ctx.alertEngine.sweep();
    const r = await list('?rule=low-satisfaction&figures=true');
    const a = r.items.find((x) => x.scope.kind === 'officer' && x.scope.id === 'off-1')!;
    expect(a).toBeDefined();
    expect(a.officer).toEqual({ id: 'off-1', name: 'Nguyễn Văn Một' });
    expect(a.unitId).toBe('unit-a');
    expect(r.figures![a.id]).toMatchObject({ scope: { kind: 'officer', id: 'off-1' }, windowDays: 7, status: 'significantly-below' });
    expect((await api(`/alerts/${a.id}`, headB)).status).toBe(404);
  });
});

describe('the webhook test delivery', () => {
  let receiver: WebhookReceiver;
  let hookUrl: string;
  let answer = 200;
  const got: ReceivedHook[] = [];
  const secret = 'test-secret-of-the-office-1234';

  beforeAll(async () => {
    receiver = await startWebhookReceiver(got, () => answer);
    hookUrl = receiver.url('/hook');
  });
  afterAll(() => receiver.close());

  const sendTest = (cookie = admin) => api('/alert-rules/webhook-test', cookie, { method: 'POST', json: {} });

  it('answers 400 naming the URL while no webhook is saved', async () => {
    const res = await sendTest();
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('webhook.url');
  });

  it('delivers a signed test event now, shows the result and logs it', async () => {
    const put = await api('/alert-rules', admin, { method: 'PUT', json: { webhook: { url: hookUrl, secret, events: ['opened'] } } });
    expect(put.status).toBe(200);
    const res = await sendTest();
    expect(res.status).toBe(200);
    const { delivery } = await res.json();
    expect(delivery).toMatchObject({ event: 'webhook.test', url: hookUrl, status: 'delivered', alertId: '', nextAttemptAt: null });
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({ n: 1, status: 200, error: null });
    expect(typeof delivery.attempts[0].ms).toBe('number');
    const last = got[got.length - 1];
    expect(last.headers['x-hailong-event']).toBe('webhook.test');
    expect(last.headers['x-hailong-signature']).toBe(signBody(secret, last.body));
    expect(JSON.parse(last.body)).toMatchObject({ event: 'webhook.test', test: true, deliveryId: delivery.id });
    const log = await (await api('/webhook-deliveries', manager)).json();
    expect(log.items.find((d: { id: string }) => d.id === delivery.id)).toMatchObject({ status: 'delivered' });
    const audit = await (await api('/audit?action=webhook.test', admin)).json();
    expect(audit.items[0]).toMatchObject({ action: 'webhook.test', actor: 'admin@test.local' });
  });

  it('shows a failing receiver with its status code and the retry that is scheduled', async () => {
    answer = 503;
    const { delivery } = await (await sendTest()).json();
    answer = 200;
    expect(delivery.status).toBe('pending');
    expect(delivery.attempts[0]).toMatchObject({ status: 503, error: 'HTTP 503' });
    expect(Date.parse(delivery.nextAttemptAt)).toBeGreaterThan(Date.now());
  });

  it('is for admins only', async () => {
    expect((await sendTest(manager)).status).toBe(403);
    expect((await sendTest(headA)).status).toBe(403);
  });
});
