import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { Server } from 'socket.io';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { registerKioskHandlers } from '../../server/realtime/kiosk.handlers';
import type { EnrolResult, HeartbeatAck, KioskClientToServer, KioskConfig, KioskServerToClient } from '../../shared/kiosk-protocol';

type KioskSocket = Socket<KioskServerToClient, KioskClientToServer>;

let s: TestServer;
let admin: string;
const open: KioskSocket[] = [];
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
});
afterEach(() => {
  for (const k of open.splice(0)) k.disconnect();
});
afterAll(async () => {
  await s.stop();
});

async function enrolDevice(servicePointId = 'sp-t1'): Promise<{ id: string; token: string }> {
  const { enrolment } = await (await s.api('/api/v1/devices', { method: 'POST', json: { servicePointId }, cookie: admin })).json();
  const body = (await (await s.api('/api/v1/devices/enrol', { method: 'POST', json: { code: enrolment.code } })).json()) as EnrolResult;
  return { id: body.device.id, token: body.token };
}

/** Connects and resolves with the first config the server pushes. */
async function connectKiosk(token: string): Promise<{ socket: KioskSocket; config: KioskConfig }> {
  const socket: KioskSocket = connect(`${s.url}/kiosk`, { auth: { token }, transports: ['websocket'], reconnection: false });
  open.push(socket);
  const config = await new Promise<KioskConfig>((resolve, reject) => {
    socket.once('kiosk:config', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, config };
}

const nextConfig = (socket: KioskSocket) => new Promise<KioskConfig>((resolve) => socket.once('kiosk:config', resolve));
const beat = { online: true, outbox: 2, oldestQueuedMs: 4200, appVersion: '0.1.0+test' };

describe('the /kiosk namespace', () => {
  it('refuses a handshake without a valid device token', async () => {
    const socket: KioskSocket = connect(`${s.url}/kiosk`, { auth: { token: 'nope' }, transports: ['websocket'], reconnection: false });
    open.push(socket);
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(err.message).toBe('unauthorized');
  });

  it('pushes the current config as soon as a kiosk connects', async () => {
    const { token } = await enrolDevice();
    const { config } = await connectKiosk(token);
    expect(config.servicePoint.id).toBe('sp-t1');
    expect(config.officer?.id).toBe('off-1');
  });

  it('acknowledges a heartbeat with the server time and stores status, skew and lastSeenAt on the device', async () => {
    const { id, token } = await enrolDevice();
    const { socket } = await connectKiosk(token);
    const clientTime = Date.now() + 90_000; // a kiosk clock 90 s fast
    const ack = await socket.emitWithAck('kiosk:heartbeat', { ...beat, clientTime });
    expect(ack.ok).toBe(true);
    expect(Math.abs((ack as Extract<HeartbeatAck, { ok: true }>).serverTime - Date.now())).toBeLessThan(10_000);
    const d = (await s.ctx.entities.get('device', id))!;
    expect(d.status).toMatchObject({ online: true, outbox: 2, oldestQueuedMs: 4200, appVersion: '0.1.0+test' });
    // Generous bounds: a loaded CI machine may take seconds to answer.
    expect(d.status!.skewMs).toBeGreaterThan(80_000);
    expect(d.status!.skewMs).toBeLessThan(100_000);
    expect(Date.now() - Date.parse(d.lastSeenAt!)).toBeLessThan(10_000);
  });

  it('answers invalid-input to a malformed heartbeat and stores nothing', async () => {
    const { id, token } = await enrolDevice();
    const { socket } = await connectKiosk(token);
    const ack = await socket.emitWithAck('kiosk:heartbeat', { ...beat, outbox: -1, clientTime: Date.now() });
    expect(ack).toEqual({ ok: false, error: 'invalid-input' });
    expect((await s.ctx.entities.get('device', id))!.status).toBeNull();
  });

  it('marks the device offline when its last socket goes', async () => {
    const { id, token } = await enrolDevice();
    const { socket } = await connectKiosk(token);
    await socket.emitWithAck('kiosk:heartbeat', { ...beat, clientTime: Date.now() });
    socket.disconnect();
    await expect.poll(async () => (await s.ctx.entities.get('device', id))!.status?.online, { timeout: 3000 }).toBe(false);
  });

  it('pushes a new officer on duty to the kiosks of that counter only', async () => {
    const t1 = await connectKiosk((await enrolDevice('sp-t1')).token);
    const t2 = await connectKiosk((await enrolDevice('sp-t2')).token);
    let t2Pushes = 0;
    t2.socket.on('kiosk:config', () => t2Pushes++);
    const pushed = nextConfig(t1.socket);
    // Only an officer of the counter's own unit may be put on duty there.
    await s.ctx.entities.put('officer', { id: 'off-3', orgId: (await s.ctx.entities.get('servicePoint', 'sp-t1'))!.orgId, unitId: 'unit-a', name: 'Lê Văn Ba', active: true });
    const res = await s.api('/api/v1/service-points/sp-t1/duty', { method: 'PUT', json: { officerId: 'off-3' }, cookie: admin });
    expect(res.status).toBe(200);
    expect((await pushed).officer).toMatchObject({ id: 'off-3', name: 'Lê Văn Ba' });
    await new Promise((r) => setTimeout(r, 200));
    expect(t2Pushes).toBe(0);
    await s.api('/api/v1/service-points/sp-t1/duty', { method: 'PUT', json: { officerId: 'off-1' }, cookie: admin });
  });

  it('pushes new idle and gap settings to every kiosk of the organisation', async () => {
    const t1 = await connectKiosk((await enrolDevice('sp-t1')).token);
    const t2 = await connectKiosk((await enrolDevice('sp-t2')).token);
    const pushed = Promise.all([nextConfig(t1.socket), nextConfig(t2.socket)]);
    await s.api('/api/v1/organisation', { method: 'PATCH', json: { kiosk: { idleSeconds: 45, minGapSeconds: 8 } }, cookie: admin });
    for (const c of await pushed) expect(c).toMatchObject({ idleSeconds: 45, minGapSeconds: 8 });
    await s.api('/api/v1/organisation', { method: 'PATCH', json: { kiosk: { idleSeconds: 20, minGapSeconds: 5 } }, cookie: admin });
  });

  it('tells a revoked kiosk and disconnects it', async () => {
    const { id, token } = await enrolDevice();
    const { socket } = await connectKiosk(token);
    const told = new Promise<void>((resolve) => socket.once('kiosk:revoked', () => resolve()));
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await s.api(`/api/v1/devices/${id}/revoke`, { method: 'POST', cookie: admin });
    await told;
    expect(await gone).toBe('io server disconnect');
  });

  it('drops the socket of an old token when the device is enrolled again elsewhere', async () => {
    const { id, token } = await enrolDevice();
    const { socket } = await connectKiosk(token);
    const told = new Promise<void>((resolve) => socket.once('kiosk:revoked', () => resolve()));
    const { code } = await (await s.api(`/api/v1/devices/${id}/enrolment-code`, { method: 'POST', cookie: admin })).json();
    await s.api('/api/v1/devices/enrol', { method: 'POST', json: { code } });
    await told;
  });

  it('answers a heartbeat from a socket whose token was replaced with revoked', async () => {
    const { id, token } = await enrolDevice();
    const { socket } = await connectKiosk(token);
    // Replace the token behind the socket's back (as a re-enrolment on another node would).
    await s.ctx.entities.put('device', { ...(await s.ctx.entities.get('device', id))!, tokenHash: 'f'.repeat(64) });
    expect(await socket.emitWithAck('kiosk:heartbeat', { ...beat, clientTime: Date.now() })).toEqual({ ok: false, error: 'revoked' });
  });

  it('returns a cleanup that removes its domain event listeners', () => {
    const before = [s.ctx.events.listenerCount('config:changed'), s.ctx.events.listenerCount('device:changed')];
    const io = new Server(); // never attached to an HTTP server: nothing to close
    const cleanup = registerKioskHandlers(s.ctx, io);
    expect(s.ctx.events.listenerCount('config:changed')).toBe(before[0] + 1);
    cleanup();
    expect([s.ctx.events.listenerCount('config:changed'), s.ctx.events.listenerCount('device:changed')]).toEqual(before);
  });
});
