/**
 * Kiosk uptime in the report, end to end: a real socket heartbeat leaves a
 * presence mark, and a day of controlled-clock history comes out of
 * /reports/content and the uptime CSV with exact figures.
 */
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { KioskPresence, slotOf } from '../../server/domain/kiosk-presence';
import { localDateOf } from '../../shared/periods';

let s: TestServer;
let cookie: string;
let orgId: string;
beforeAll(async () => {
  s = await startTestServer();
  cookie = await s.login();
  orgId = (await s.ctx.entities.get('device', 'dev-t1'))!.orgId;
});
afterAll(async () => {
  await s.stop();
});

const pad = (n: number) => String(n).padStart(2, '0');

describe('kiosk uptime in the report', () => {
  it('says "not available" before any history, then records a heartbeat as a presence mark', async () => {
    const today = localDateOf(Date.now());
    const day = `${today.year}-${pad(today.month)}-${pad(today.day)}`;
    const before = await (await s.api(`/api/v1/reports/content?period=${day}..${day}`, { cookie })).json();
    expect(before.kioskUptime).toMatchObject({ available: false, rows: [] });
    expect(before.summary.vi).toBeTruthy();

    const kiosk = connect(`${s.url}/kiosk`, { auth: { token: s.deviceToken }, transports: ['websocket'], reconnection: false });
    const t = Date.now();
    const ack = await kiosk.timeout(5000).emitWithAck('kiosk:heartbeat', { online: true, outbox: 0, oldestQueuedMs: 0, appVersion: 'test', clientTime: t });
    expect(ack.ok).toBe(true);
    kiosk.close();
    const marks = await s.ctx.store.kioskSeenSlots({ orgId, fromSlot: slotOf(t) - 1, toSlot: slotOf(t) + 2 });
    expect(marks.map((m) => m.servicePointId)).toEqual(['sp-t1']);
  });

  it('reports the share of opening time online and the longest outage for a past day', async () => {
    // Yesterday (Vietnam time), kiosk at T1 heard from 00:00–12:00 every 30 s; the fixture counters are open all day.
    const y = localDateOf(Date.now() - 86_400_000);
    const day = `${y.year}-${pad(y.month)}-${pad(y.day)}`;
    const start = Date.parse(`${day}T00:00:00+07:00`);
    const presence = new KioskPresence(s.ctx.store);
    for (let t = start; t < start + 12 * 3_600_000; t += 30_000) await presence.seen(orgId, 'sp-t1', t);

    const res = await s.api(`/api/v1/reports/content?period=${day}..${day}`, { cookie });
    expect(res.status).toBe(200);
    const c = await res.json();
    expect(c.kioskUptime.available).toBe(true);
    expect(c.kioskUptime.rows).toEqual([
      expect.objectContaining({ servicePointId: 'sp-t1', openMinutes: 1440, onlineMinutes: 720, share: 0.5, longestOutageMinutes: 720, longestOutageFrom: new Date(start + 12 * 3_600_000).toISOString() }),
    ]);
    expect(c.kioskUptime.overall).toMatchObject({ share: 0.5, longestOutageServicePointId: 'sp-t1' });

    const csv = await (await s.api(`/api/v1/reports/report.csv?period=${day}..${day}&table=uptime`, { cookie })).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Tỷ lệ hoạt động');
    expect(lines[1]).toMatch(/^Quầy T1,1440,720,0\.500000,720,/);
    expect(lines[2]).toMatch(/^Chung,1440,720,0\.500000,720,/);

    // A unit head of the other unit sees no row of T1.
    const unitB = await s.api(`/api/v1/reports/content?period=${day}..${day}&unitId=unit-b`, { cookie });
    expect((await unitB.json()).kioskUptime.rows).toEqual([]);
  });
});
