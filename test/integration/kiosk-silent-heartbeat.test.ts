import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let s: TestServer;
let cookie: string;
beforeAll(async () => {
  s = await startTestServer();
  cookie = await s.login();
});
afterAll(async () => {
  await s.stop();
});

const silentAlerts = async (state: string) =>
  (await (await s.api(`/api/v1/alerts?rule=kiosk-silent&state=${state}`, { cookie })).json()).items as { resolved?: { reason: string } }[];

describe('a heartbeat and the silent-kiosk alert', () => {
  it('resolves the alert as soon as the kiosk is heard from, without waiting for a sweep', async () => {
    const dev = (await s.ctx.entities.get('device', 'dev-t1'))!;
    await s.ctx.entities.put('device', { ...dev, lastSeenAt: new Date(Date.now() - 30 * 60_000).toISOString() });
    await s.ctx.alertEngine.sweep();
    expect(await silentAlerts('active')).toHaveLength(1);

    const kiosk = connect(`${s.url}/kiosk`, { auth: { token: s.deviceToken }, transports: ['websocket'], reconnection: false });
    const ack = await kiosk.timeout(5000).emitWithAck('kiosk:heartbeat', { online: true, outbox: 0, oldestQueuedMs: 0, appVersion: 'test', clientTime: Date.now() });
    expect(ack.ok).toBe(true);
    await expect.poll(() => silentAlerts('active'), { timeout: 5000 }).toEqual([]);
    const [resolved] = await silentAlerts('resolved');
    expect(resolved.resolved).toMatchObject({ reason: 'kiosk-back' });
    kiosk.close();
  });
});
