import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { openDashboard, tokenOf } from './realtime-clients';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

describe('logout and live dashboards', () => {
  it('closes the dashboard connections opened with the ended session', async () => {
    const cookie = await s.login();
    const dash = await openDashboard(s.url, { token: tokenOf(cookie) });
    const disconnected = new Promise<string>((resolve) => dash.socket.once('disconnect', resolve));
    expect((await s.api('/api/v1/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
  });

  it('leaves other sessions connected', async () => {
    const mine = await s.login();
    const other = await openDashboard(s.url, { token: tokenOf(await s.login()) });
    await s.api('/api/v1/auth/logout', { method: 'POST', cookie: mine });
    const ack = await other.socket.timeout(5000).emitWithAck('dashboard:snapshot', {});
    expect(ack.ok).toBe(true);
    other.close();
  });
});
