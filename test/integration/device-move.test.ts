/**
 * PATCH /devices/:id {servicePointId}: a kiosk moves to another counter of
 * the office — it keeps its token, reconnects into the new counter's rooms
 * and gets the new counter's config; audited with before/after; an unknown or
 * another office's counter is refused beside the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { TestServer } from '../helpers/test-server';
import { startWithAdmin } from '../helpers/server-session';
import type { EnrolResult, KioskClientToServer, KioskConfig, KioskServerToClient } from '../../shared/kiosk-protocol';

type KioskSocket = Socket<KioskServerToClient, KioskClientToServer>;

let s: TestServer;
let admin: string;
beforeAll(async () => {
  ({ s, admin } = await startWithAdmin());
});
afterAll(() => s.stop());

async function enrolDevice(servicePointId = 'sp-t1'): Promise<{ id: string; token: string }> {
  const { enrolment } = await (await s.api('/api/v1/devices', { method: 'POST', json: { servicePointId }, cookie: admin })).json();
  const body = (await (await s.api('/api/v1/devices/enrol', { method: 'POST', json: { code: enrolment.code } })).json()) as EnrolResult;
  return { id: body.device.id, token: body.token };
}

describe('moving a kiosk to another counter', () => {
  it('keeps the kiosk enrolled, drops its socket and gives it the new counter when it reconnects', async () => {
    const { id, token } = await enrolDevice();
    const socket: KioskSocket = connect(`${s.url}/kiosk`, { auth: { token }, transports: ['websocket'], reconnection: false });
    const first = await new Promise<KioskConfig>((resolve, reject) => {
      socket.once('kiosk:config', resolve);
      socket.once('connect_error', reject);
    });
    expect(first.servicePoint.id).toBe('sp-t1');
    const dropped = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    let revoked = false;
    socket.on('kiosk:revoked', () => (revoked = true));

    const res = await s.api(`/api/v1/devices/${id}`, { method: 'PATCH', json: { servicePointId: 'sp-t2' }, cookie: admin });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, servicePointId: 'sp-t2', state: 'enrolled' });
    await dropped;
    expect(revoked).toBe(false);

    const again: KioskSocket = connect(`${s.url}/kiosk`, { auth: { token }, transports: ['websocket'], reconnection: false });
    const config = await new Promise<KioskConfig>((resolve, reject) => {
      again.once('kiosk:config', resolve);
      again.once('connect_error', reject);
    });
    again.disconnect();
    expect(config.servicePoint.id).toBe('sp-t2');
  });

  it('is audited with the counter before and after', async () => {
    const { id } = await enrolDevice();
    await s.api(`/api/v1/devices/${id}`, { method: 'PATCH', json: { servicePointId: 'sp-t2' }, cookie: admin });
    const audit = (await (await s.api('/api/v1/audit?limit=50', { cookie: admin })).json()).items as { action: string; target: string; details?: unknown }[];
    const move = audit.find((a) => a.target === id && a.action === 'device.move');
    expect(move?.details).toMatchObject({ before: { servicePointId: 'sp-t1' }, after: { servicePointId: 'sp-t2' } });
  });

  it('refuses an unknown counter beside the field, and an empty body', async () => {
    const { id } = await enrolDevice();
    const bad = await s.api(`/api/v1/devices/${id}`, { method: 'PATCH', json: { servicePointId: 'sp-nope' }, cookie: admin });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('servicePointId');
    const empty = await s.api(`/api/v1/devices/${id}`, { method: 'PATCH', json: {}, cookie: admin });
    expect(empty.status).toBe(400);
    expect((await s.ctx.entities.get('device', id))!.servicePointId).toBe('sp-t1');
  });

  it('still renames, and a new enrolment code comes with its QR', async () => {
    const { id } = await enrolDevice();
    const renamed = await s.api(`/api/v1/devices/${id}`, { method: 'PATCH', json: { name: 'Máy cửa sổ' }, cookie: admin });
    expect((await renamed.json()).name).toBe('Máy cửa sổ');
    const code = await (await s.api(`/api/v1/devices/${id}/enrolment-code`, { method: 'POST', cookie: admin })).json();
    expect(code.qrSvg).toMatch(/^<svg|<\?xml/);
  });
});
