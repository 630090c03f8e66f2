/**
 * The alert engine end to end: real server, real store, real socket.io
 * dashboards, a real HTTP receiver on 127.0.0.1 for webhooks. Timers are
 * shortened and the engine's clock can be moved forward; nothing sleeps.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { setAlertEngineDefaults } from '../../server/domain/alerts/alert-engine';
import { signBody } from '../../server/domain/alerts/webhook';
import { statusAgainst } from '../../shared/satisfaction';
import type { AlertChange, AlertRuleKey, AlertView } from '../../shared/realtime-events';
import { openDashboard, postKioskBatch, postKioskRating, postQrRating, scores, type Dashboard, type RatingTarget } from './realtime-clients';

let skewMs = 0;
setAlertEngineDefaults({ evaluateGapMs: 0, sweepMs: 3_600_000, webhookBackoffMs: [20, 40], webhookTimeoutMs: 2_000, now: () => Date.now() + skewMs });

const dashboards: Dashboard[] = [];
afterAll(() => dashboards.forEach((d) => d.close()));

interface Office {
  s: TestServer;
  admin: string;
  t: RatingTarget;
  idle(): Promise<void>;
  alerts(query?: string, cookie?: string): Promise<AlertView[]>;
  putRules(rules: unknown): Promise<Response>;
  dashboard(cookie?: string): Promise<Dashboard>;
}

async function office(): Promise<Office> {
  const s = await startTestServer();
  const admin = await s.login();
  const o: Office = {
    s,
    admin,
    t: { url: s.url, deviceToken: s.deviceToken, surveyVersionId: s.surveyVersionId },
    idle: () => s.ctx.alertEngine.idle(),
    async alerts(query = '', cookie = admin) {
      const res = await s.api(`/api/v1/alerts${query}`, { cookie });
      expect(res.status).toBe(200);
      return (await res.json()).items;
    },
    putRules: (rules) => s.api('/api/v1/alert-rules', { method: 'PUT', json: rules, cookie: admin }),
    async dashboard(cookie = admin) {
      const d = await openDashboard(s.url, { cookie });
      dashboards.push(d);
      return d;
    },
  };
  return o;
}

const opened = (rule: AlertRuleKey, scopeId?: string) => (c: AlertChange) =>
  c.change === 'opened' && c.alert.rule === rule && (scopeId === undefined || c.alert.scope.id === scopeId);

describe('alert rules API', () => {
  let o: Office;
  beforeAll(async () => {
    o = await office();
    await o.s.ctx.auth.createUser({ orgId: 'org-main', email: 'manager@test.local', name: 'M', role: 'manager', password: 'password-m-123' });
  });
  afterAll(() => o.s.stop());

  it('answers the defaults before any rules are saved', async () => {
    const res = await o.s.api('/api/v1/alert-rules', { cookie: o.admin });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.lowSatisfaction).toMatchObject({ enabled: true, windowDays: 7 });
    expect(body.webhook).toEqual({ url: null, events: ['opened', 'acknowledged', 'resolved'], secretSet: false });
  });

  it('saves rules, keeps the secret to itself and audits the change', async () => {
    const res = await o.putRules({ kioskSilent: { minutes: 30 }, webhook: { url: 'http://127.0.0.1:9/hook', secret: 'a-long-enough-secret' } });
    expect(res.status).toBe(200);
    const body = await (await o.s.api('/api/v1/alert-rules', { cookie: o.admin })).json();
    expect(body.kioskSilent.minutes).toBe(30);
    expect(body.webhook).toMatchObject({ url: 'http://127.0.0.1:9/hook', secretSet: true });
    expect(JSON.stringify(body)).not.toContain('a-long-enough-secret');
    const audit = await (await o.s.api('/api/v1/audit', { cookie: o.admin })).json();
    expect(audit.items[0]).toMatchObject({ action: 'alert-rules.update', actor: 'admin@test.local' });
    expect(JSON.stringify(audit.items[0])).not.toContain('a-long-enough-secret');
  });

  it('refuses invalid rules with 400 naming the field', async () => {
    const res = await o.putRules({ lowSatisfaction: { windowDays: 0 } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('lowSatisfaction.windowDays');
  });

  it('lets only admins change them', async () => {
    const manager = await o.s.login('manager@test.local', 'password-m-123');
    const res = await o.s.api('/api/v1/alert-rules', { method: 'PUT', json: {}, cookie: manager });
    expect(res.status).toBe(403);
  });
});

describe('a very dissatisfied rating with a comment', () => {
  let o: Office;
  let headA: string;
  let headB: string;
  let alert: AlertView;
  beforeAll(async () => {
    o = await office();
    await o.s.ctx.auth.createUser({ orgId: 'org-main', email: 'head-a@test.local', name: 'A', role: 'unit-head', unitId: 'unit-a', password: 'password-a-123' });
    await o.s.ctx.auth.createUser({ orgId: 'org-main', email: 'head-b@test.local', name: 'B', role: 'unit-head', unitId: 'unit-b', password: 'password-b-123' });
    headA = await o.s.login('head-a@test.local', 'password-a-123');
    headB = await o.s.login('head-b@test.local', 'password-b-123');
  });
  afterAll(() => o.s.stop());

  it('raises an alert pushed to the organisation room and the unit room', async () => {
    const [admin, unitA] = await Promise.all([o.dashboard(), o.dashboard(headA)]);
    const id = await postKioskRating(o.t, 1, { comment: 'Cán bộ không hướng dẫn' });
    const [a, b] = await Promise.all([
      admin.waitFor('alert:changed', opened('low-rating-comment', id)),
      unitA.waitFor('alert:changed', opened('low-rating-comment', id)),
    ]);
    expect(a.alert).toMatchObject({ state: 'open', unitId: 'unit-a', servicePointId: 'sp-t1', scope: { kind: 'response', id }, facts: { overall: 1 } });
    expect(a.alert.message.vi).toContain('Cán bộ không hướng dẫn');
    expect(b.alert.id).toBe(a.alert.id);
    alert = a.alert;
  });

  it('is not pushed to the head of another unit', async () => {
    const unitB = await o.dashboard(headB);
    const other = await postKioskRating(o.t, 2, { comment: 'Sai hồ sơ' });
    const own = await postQrRating(o.t, 'sp-t2', 1, 'Không ai trực');
    await unitB.waitFor('alert:changed', opened('low-rating-comment', own));
    expect(unitB.events['alert:changed'].some((c) => c.alert.scope.id === other)).toBe(false);
  });

  it('raises nothing for a 3 with a comment', async () => {
    const id = await postKioskRating(o.t, 3, { comment: 'Bình thường' });
    await o.idle();
    expect((await o.alerts('?rule=low-rating-comment')).some((a) => a.scope.id === id)).toBe(false);
  });

  it('is listed for its unit’s head and hidden from another unit’s head', async () => {
    expect((await o.alerts('?state=open', headA)).map((a) => a.id)).toContain(alert.id);
    expect((await o.alerts('?state=open', headB)).map((a) => a.id)).not.toContain(alert.id);
    const res = await o.s.api(`/api/v1/alerts/${alert.id}/ack`, { method: 'POST', json: {}, cookie: headB });
    expect(res.status).toBe(404);
  });

  it('is acknowledged with who and when, audited and pushed', async () => {
    const d = await o.dashboard();
    const res = await o.s.api(`/api/v1/alerts/${alert.id}/ack`, { method: 'POST', json: { note: 'Đã gọi lại' }, cookie: headA });
    expect(res.status).toBe(200);
    const body: AlertView = await res.json();
    expect(body).toMatchObject({ state: 'acknowledged', version: 2, acknowledged: { by: 'head-a@test.local', note: 'Đã gọi lại' } });
    expect(Date.parse(body.acknowledged!.at)).toBeGreaterThan(0);
    const pushed = await d.waitFor('alert:changed', (c) => c.alert.id === alert.id && c.change === 'acknowledged');
    expect(pushed.alert.version).toBe(2);
    const audit = await (await o.s.api('/api/v1/audit', { cookie: o.admin })).json();
    expect(audit.items[0]).toMatchObject({ action: 'alert.acknowledge', target: alert.id, actor: 'head-a@test.local' });
  });

  it('answers the same alert unchanged when acknowledged twice', async () => {
    const res = await o.s.api(`/api/v1/alerts/${alert.id}/ack`, { method: 'POST', cookie: o.admin });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: 2, acknowledged: { by: 'head-a@test.local' } });
  });

  it('is resolved with who and when, audited and pushed', async () => {
    const d = await o.dashboard();
    const res = await o.s.api(`/api/v1/alerts/${alert.id}/resolve`, { method: 'POST', json: {}, cookie: o.admin });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'resolved', version: 3, resolved: { by: 'admin@test.local', auto: false } });
    await d.waitFor('alert:changed', (c) => c.alert.id === alert.id && c.change === 'resolved');
    const audit = await (await o.s.api('/api/v1/audit', { cookie: o.admin })).json();
    expect(audit.items[0]).toMatchObject({ action: 'alert.resolve', target: alert.id });
  });

  it('keeps its history of changes', async () => {
    const body = await (await o.s.api(`/api/v1/alerts/${alert.id}`, { cookie: o.admin })).json();
    expect(body.history.map((h: { state: string }) => h.state)).toEqual(['acknowledged', 'resolved']);
  });

  it('cannot be acknowledged once resolved', async () => {
    const res = await o.s.api(`/api/v1/alerts/${alert.id}/ack`, { method: 'POST', cookie: o.admin });
    expect(res.status).toBe(409);
  });

  it('is filtered by state', async () => {
    expect((await o.alerts('?state=resolved')).map((a) => a.id)).toContain(alert.id);
    expect((await o.alerts('?state=active')).map((a) => a.id)).not.toContain(alert.id);
  });

  it('answers 404 for an unknown alert', async () => {
    const res = await o.s.api('/api/v1/alerts/nope/resolve', { method: 'POST', cookie: o.admin });
    expect(res.status).toBe(404);
  });
});

describe('satisfaction significantly below target', () => {
  it('raises no alert for 100 satisfied of 120 (below, not significantly)', async () => {
    const o = await office();
    try {
      await postKioskBatch(o.t, scores({ 1: 3, 2: 5, 3: 12, 4: 40, 5: 60 }));
      await o.idle();
      expect(await o.alerts('?rule=low-satisfaction')).toEqual([]);
    } finally {
      await o.s.stop();
    }
  });

  describe('for 25 satisfied of 40, then a flapping rate, then a recovery', () => {
    let o: Office;
    let d: Dashboard;
    const SCOPES = ['org:org-main', 'unit:unit-a', 'sp:sp-t1', 'officer:off-1'];
    const lowAlerts = async (query = '') => (await o.alerts(`?rule=low-satisfaction${query ? `&${query}` : ''}`)).map((a) => `${a.scope.kind}:${a.scope.id}`).sort();
    let n = 0;
    let sat = 0;
    const post = async (list: number[]) => {
      await postKioskBatch(o.t, list);
      n += list.length;
      sat += list.filter((x) => x >= 4).length;
      await o.idle();
    };

    beforeAll(async () => {
      o = await office();
      d = await o.dashboard();
    });
    afterAll(() => o.s.stop());

    it('raises one alert for each scope: organisation, unit, counter and officer', async () => {
      await post(scores({ 1: 5, 2: 5, 3: 5, 4: 10, 5: 15 }));
      expect(statusAgainst(sat, n, 0.85)).toBe('significantly-below');
      expect(await lowAlerts('state=open')).toEqual([...SCOPES].sort());
      for (const scope of SCOPES) {
        const [kind, id] = scope.split(':');
        await d.waitFor('alert:changed', (c) => opened('low-satisfaction', id)(c) && c.alert.scope.kind === kind);
      }
    });

    it('raises no second alert while the rate flaps across the significance boundary', async () => {
      const seen: string[] = [];
      for (let flip = 0; flip < 3; flip++) {
        // Satisfied ratings until no longer significant, then 1s until significant again.
        while (statusAgainst(sat, n, 0.85) === 'significantly-below') await post([5]);
        seen.push(statusAgainst(sat, n, 0.85));
        while (statusAgainst(sat, n, 0.85) !== 'significantly-below') await post([1]);
        seen.push(statusAgainst(sat, n, 0.85));
      }
      expect(seen).toEqual(['below', 'significantly-below', 'below', 'significantly-below', 'below', 'significantly-below']);
      expect(await lowAlerts()).toEqual([...SCOPES].sort());
      expect(d.events['alert:changed'].filter((c) => c.alert.rule === 'low-satisfaction')).toHaveLength(4);
    });

    it('holds the alert while the rate is below target but no longer significantly', async () => {
      while (statusAgainst(sat, n, 0.85) === 'significantly-below') await post([5]);
      expect(sat / n).toBeLessThan(0.83);
      expect(await lowAlerts('state=open')).toEqual([...SCOPES].sort());
    });

    it('resolves automatically once the rate is back within 2 points of the target', async () => {
      const needed = Math.ceil((0.83 * n - sat) / 0.17) + 1;
      await post(Array(needed).fill(5));
      expect(sat / n).toBeGreaterThanOrEqual(0.83);
      expect(await lowAlerts('state=open')).toEqual([]);
      const resolved = await o.alerts('?rule=low-satisfaction&state=resolved');
      expect(resolved).toHaveLength(4);
      expect(resolved.every((a) => a.resolved?.auto === true && a.resolved.by === 'system' && a.resolved.reason === 'rate-recovered')).toBe(true);
      await d.waitFor('alert:changed', (c) => c.change === 'resolved' && c.alert.scope.kind === 'org');
    });
  });
});

describe('silent kiosks', () => {
  let o: Office;
  const setLastSeen = async (minutesAgo: number) => {
    const dev = (await o.s.ctx.entities.get('device', 'dev-t1'))!;
    await o.s.ctx.entities.put('device', { ...dev, lastSeenAt: new Date(Date.now() - minutesAgo * 60_000).toISOString() });
  };
  const sweep = () => o.s.ctx.alertEngine.sweep();
  const silentOpen = async () => o.alerts('?rule=kiosk-silent&state=active');

  beforeAll(async () => {
    o = await office();
  });
  afterAll(() => o.s.stop());

  it('raises nothing for a kiosk heard from within the limit', async () => {
    await setLastSeen(5);
    await sweep();
    expect(await silentOpen()).toEqual([]);
  });

  it('raises an alert for a kiosk silent longer than the limit while its counter is open', async () => {
    const d = await o.dashboard();
    await setLastSeen(20);
    await sweep();
    const open = await silentOpen();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ scope: { kind: 'device', id: 'dev-t1' }, unitId: 'unit-a', facts: { minutesSilent: 20 } });
    await d.waitFor('alert:changed', opened('kiosk-silent', 'dev-t1'));
  });

  it('does not raise it again on later sweeps', async () => {
    await sweep();
    await sweep();
    expect(await o.alerts('?rule=kiosk-silent')).toHaveLength(1);
  });

  it('resolves it once the kiosk is heard from again', async () => {
    await setLastSeen(0);
    await sweep();
    expect(await silentOpen()).toEqual([]);
    const [a] = await o.alerts('?rule=kiosk-silent&state=resolved');
    expect(a.resolved).toMatchObject({ auto: true, reason: 'kiosk-back' });
  });

  it('does not raise again right after a manual resolve while still silent', async () => {
    await setLastSeen(30);
    await sweep();
    const [a] = await silentOpen();
    const res = await o.s.api(`/api/v1/alerts/${a.id}/resolve`, { method: 'POST', cookie: o.admin });
    expect(res.status).toBe(200);
    await sweep();
    expect(await silentOpen()).toEqual([]);
  });
});

describe('bursts', () => {
  let o: Office;
  beforeAll(async () => {
    o = await office();
    const res = await o.putRules({ burst: { maxRatings: 5, windowSeconds: 60 }, suspiciousTopRatings: { count: 3, windowSeconds: 60 } });
    expect(res.status).toBe(200);
  });
  afterAll(() => o.s.stop());
  afterEach(() => {
    skewMs = 0;
  });

  it('raises one alert for more ratings from one kiosk than the limit within the window', async () => {
    const d = await o.dashboard();
    for (let i = 0; i < 9; i++) await postKioskRating(o.t, 4);
    await o.idle();
    const bursts = await o.alerts('?rule=burst');
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({ state: 'open', scope: { kind: 'device', id: 'dev-t1' } });
    await d.waitFor('alert:changed', opened('burst', 'dev-t1'));
    expect(d.events['alert:changed'].filter(opened('burst'))).toHaveLength(1);
  });

  it('resolves it once the kiosk has calmed down', async () => {
    skewMs = 120_000;
    await o.s.ctx.alertEngine.sweep();
    const [a] = await o.alerts('?rule=burst');
    expect(a.resolved).toMatchObject({ auto: true, reason: 'calmed-down' });
  });

  it('raises a suspicious-top-ratings alert for 5s while no officer is on duty', async () => {
    const sp = (await o.s.ctx.entities.get('servicePoint', 'sp-t1'))!;
    await o.s.ctx.entities.put('servicePoint', { ...sp, officerOnDutyId: null });
    o.s.ctx.events.emit('config:changed', { orgId: 'org-main', kind: 'servicePoint', id: 'sp-t1' });
    for (let i = 0; i < 3; i++) await postKioskRating(o.t, 5);
    await o.idle();
    const [a] = await o.alerts('?rule=suspicious-top-ratings');
    expect(a).toMatchObject({ state: 'open', severity: 'critical', scope: { kind: 'device', id: 'dev-t1' }, facts: { count: 3 } });
  });
});

describe('webhooks', () => {
  const SECRET = 'webhook-secret-for-tests';
  let o: Office;
  let receiver: Server;
  let hookUrl: string;
  let answer: (n: number) => number = () => 200;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let b = '';
      req.setEncoding('utf8').on('data', (c: string) => (b += c)).on('end', () => resolve(b));
    });

  beforeAll(async () => {
    receiver = createServer(async (req, res) => {
      const body = await readBody(req);
      received.push({ headers: req.headers, body });
      res.writeHead(answer(received.length)).end();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    o = await office();
    const res = await o.putRules({ webhook: { url: hookUrl, secret: SECRET, events: ['opened'] } });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await o.s.stop();
    await new Promise((r) => receiver.close(r));
  });

  const deliveriesOf = async (alertId: string) => (await (await o.s.api(`/api/v1/alerts/${alertId}/deliveries`, { cookie: o.admin })).json()).items;
  const settled = async (alertId: string) => {
    for (let i = 0; i < 500; i++) {
      await o.s.ctx.alertEngine.webhooks.idle();
      const items = await deliveriesOf(alertId);
      if (items.length && items.every((d: { status: string }) => d.status !== 'pending')) return items;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('delivery never settled');
  };
  const raise = async (comment: string) => {
    const id = await postKioskRating(o.t, 1, { comment });
    await o.idle();
    const [a] = (await o.alerts('?rule=low-rating-comment')).filter((x) => x.scope.id === id);
    return a;
  };

  it('delivers an alert change signed with HMAC-SHA256 of the body', async () => {
    received.length = 0;
    answer = () => 200;
    const a = await raise('Webhook một');
    const [delivery] = await settled(a.id);
    expect(delivery).toMatchObject({ status: 'delivered', event: 'alert.opened', attempts: [{ n: 1, status: 200 }] });
    const got = received[0];
    expect(got.headers['x-hailong-signature']).toBe(signBody(SECRET, got.body));
    expect(got.headers['x-hailong-event']).toBe('alert.opened');
    expect(got.headers['x-hailong-delivery']).toBe(`${a.id}:1`);
    expect(JSON.parse(got.body)).toMatchObject({ event: 'alert.opened', alert: { id: a.id, rule: 'low-rating-comment' } });
  });

  it('retries a failed delivery with backoff and logs every attempt', async () => {
    received.length = 0;
    answer = (n) => (n === 1 ? 500 : 200);
    const a = await raise('Webhook hai');
    const [delivery] = await settled(a.id);
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts.map((x: { status: number }) => x.status)).toEqual([500, 200]);
    expect(received[0].body).toBe(received[1].body);
  });

  it('marks a delivery failed after the last retry', async () => {
    received.length = 0;
    answer = () => 503;
    const a = await raise('Webhook ba');
    const [delivery] = await settled(a.id);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(3);
    expect(delivery.attempts[2]).toMatchObject({ status: 503, error: 'HTTP 503' });
  });

  it('sends only the changes the rules ask for', async () => {
    received.length = 0;
    answer = () => 200;
    const a = await raise('Webhook bốn');
    await settled(a.id);
    await o.s.api(`/api/v1/alerts/${a.id}/ack`, { method: 'POST', cookie: o.admin });
    await o.s.ctx.alertEngine.webhooks.idle();
    expect((await deliveriesOf(a.id)).map((d: { event: string }) => d.event)).toEqual(['alert.opened']);
  });
});
