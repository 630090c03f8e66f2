/**
 * What "deactivated" means for ratings: a switched-off counter takes no new
 * rating (QR, kiosk) and its kiosk is told so; a switched-off officer's duty
 * ends, kept in the duty history with who ended it, so later ratings are not
 * theirs.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type TestServer } from '../helpers/test-server';
import { startWithAdmin } from '../helpers/server-session';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  ({ s, admin } = await startWithAdmin());
});
afterAll(() => s.stop());

const kiosk = () => ({ authorization: `Bearer ${s.deviceToken}` });
const rating = (over: Record<string, unknown>) => ({ id: randomUUID(), surveyVersionId: s.surveyVersionId, answers: { O: 4 }, ...over });
const post = (body: unknown, headers: Record<string, string> = {}) => s.api('/api/v1/responses', { method: 'POST', json: body, headers });
const patch = (path: string, json: object) => s.api(`/api/v1${path}`, { method: 'PATCH', cookie: admin, json });

describe('a deactivated officer', () => {
  it('is taken off duty: the counter names no one, the history keeps who ended it and when, later ratings are not theirs', async () => {
    const before = Date.now();
    expect((await patch('/officers/off-1', { active: false })).status).toBe(200);
    const sp = await s.ctx.entities.get('servicePoint', 'sp-t1');
    expect(sp!.officerOnDutyId).toBeNull();

    const history = (await (await s.api('/api/v1/service-points/sp-t1/duty-history', { cookie: admin })).json()).items as { officerId: string | null; from: string | number; to: string | number | null; setBy: string }[];
    const [now, was] = history;
    expect(now).toMatchObject({ officerId: null, setBy: ADMIN.email });
    expect(new Date(now.from).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(was.officerId).toBe('off-1');
    expect(was.to).not.toBeNull();

    const r = rating({ channel: 'kiosk' });
    expect((await post(r, kiosk())).status).toBe(201);
    expect((await s.ctx.store.getResponse(r.id))!.officerId).toBeNull();

    const kioskConfig = await (await s.api('/api/v1/kiosk/config', { headers: kiosk() })).json();
    expect(kioskConfig.officer).toBeNull();
  });

  it('cannot be put on duty again until reactivated', async () => {
    const refused = await s.api('/api/v1/service-points/sp-t1/duty', { method: 'PUT', cookie: admin, json: { officerId: 'off-1' } });
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.details[0].path).toBe('officerId');
    expect((await patch('/officers/off-1', { active: true })).status).toBe(200);
    expect((await s.api('/api/v1/service-points/sp-t1/duty', { method: 'PUT', cookie: admin, json: { officerId: 'off-1' } })).status).toBe(200);
  });
});

describe('a deactivated counter', () => {
  it('refuses a QR rating with 422 naming the counter (unprocessable, path servicePointId)', async () => {
    expect((await patch('/service-points/sp-t2', { active: false })).status).toBe(200);
    const res = await post(rating({ channel: 'qr', servicePointId: 'sp-t2' }));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('unprocessable');
    expect(body.error.details[0]).toMatchObject({ path: 'servicePointId', message: 'counter inactive' });
    expect(body.error.message).toContain('T2');
  });

  it('the QR page is told before any question: state inactive, no survey', async () => {
    const ctx = await (await s.api('/api/v1/public/survey-context?counter=T2')).json();
    expect(ctx).toMatchObject({ state: 'inactive', channel: 'qr', servicePoint: { code: 'T2' } });
    expect(ctx.survey).toBeUndefined();
  });

  it('tells its kiosk it is inactive and refuses a rating pressed after it was switched off', async () => {
    expect((await patch('/service-points/sp-t1', { active: false })).status).toBe(200);
    const config = await (await s.api('/api/v1/kiosk/config', { headers: kiosk() })).json();
    expect(config.servicePoint).toMatchObject({ code: 'T1', active: false });
    const res = await post(rating({ channel: 'kiosk', clientTime: new Date().toISOString() }), kiosk());
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0]).toMatchObject({ path: 'servicePointId', message: 'counter inactive' });
  });

  it('still takes a kiosk rating pressed before it was switched off (queued while offline)', async () => {
    const sp = await s.ctx.entities.get('servicePoint', 'sp-t1');
    const pressed = new Date(new Date(sp!.inactiveSince!).getTime() - 60_000).toISOString();
    const r = rating({ channel: 'kiosk', clientTime: pressed });
    expect((await post(r, kiosk())).status).toBe(201);
  });

  it('takes ratings again once reactivated, and its kiosk says so', async () => {
    expect((await patch('/service-points/sp-t1', { active: true })).status).toBe(200);
    expect((await patch('/service-points/sp-t2', { active: true })).status).toBe(200);
    expect((await post(rating({ channel: 'qr', servicePointId: 'sp-t2' }))).status).toBe(201);
    expect((await post(rating({ channel: 'kiosk' }), kiosk())).status).toBe(201);
    const config = await (await s.api('/api/v1/kiosk/config', { headers: kiosk() })).json();
    expect(config.servicePoint.active).toBe(true);
    expect((await s.ctx.entities.get('servicePoint', 'sp-t1'))!.inactiveSince ?? null).toBeNull();
  });
});
