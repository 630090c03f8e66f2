/**
 * The public waiting-room screen (issue 12 item 8) against the real server:
 * off by default (an HTML page says so, the data endpoint and the socket
 * refuse), switched on and chosen in the organisation settings (audited), a
 * public DTO whose exact key set carries no comment, officer or citizen data,
 * unit codes scoped to their unit, the minimum-sample rule per counter, and
 * live pushes over the public `/screen` namespace.
 */
import { randomBytes } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { postKioskRating, type RatingTarget } from './realtime-clients';
import { sha256 } from '../../server/domain/canonical';
import type { PublicScreen } from '../../shared/api/public-screen';

let s: TestServer;
let admin: string;
let t: RatingTarget;
let tokenB: string;
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const COMMENT = 'Cán bộ làm chậm quá, số điện thoại tôi 0912345678';
const OFFICER = 'Nguyễn Văn Một';

const patch = (body: unknown) =>
  s.api('/api/v1/organisation', { method: 'PATCH', cookie: admin, json: body, headers: { origin: s.url, 'sec-fetch-site': 'same-origin' } });
const screenJson = async (code: string) => {
  const res = await s.api(`/api/v1/public/screens/${code}`);
  return { status: res.status, body: (await res.json()) as PublicScreen & { error?: { code: string; details?: unknown } } };
};

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
  t = { url: s.url, deviceToken: s.deviceToken, surveyVersionId: s.surveyVersionId };
  // A second kiosk, at counter T2 (unit B), so both units have verified ratings.
  tokenB = randomBytes(24).toString('base64url');
  await s.ctx.entities.put('device', {
    id: 'dev-t2', orgId: 'org-main', servicePointId: 'sp-t2', name: 'Kiosk T2', tokenHash: sha256(tokenB),
    enrolment: null, enrolledAt: new Date().toISOString(), revokedAt: null, lastSeenAt: null, status: null,
  });
});
afterAll(async () => {
  await s?.stop();
});

describe('off by default', () => {
  it('the settings say off, with the default code, every part and every unit', async () => {
    const org = await (await s.api('/api/v1/organisation', { cookie: admin })).json();
    expect(org.publicScreen).toEqual({ enabled: false, code: 'org-main', parts: ['today', 'month', 'counters'], unitIds: null });
  });

  it('the page is a Vietnamese-first HTML page saying it is not switched on (not JSON, not blank), reloading itself', async () => {
    const res = await s.api('/screen/org-main', { headers: BROWSER });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Màn hình phòng chờ chưa được bật');
    expect(html).toContain('The waiting-room screen is not switched on');
    expect(html).toMatch(/<meta http-equiv="refresh" content="60">/);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('"error"');
  });

  it('the data endpoint refuses (403 screen-off) and so does the socket', async () => {
    const { status, body } = await screenJson('org-main');
    expect(status).toBe(403);
    expect(body.error).toMatchObject({ code: 'forbidden', details: { reason: 'screen-off' } });
    await expect(openScreen('org-main')).rejects.toMatchObject({ data: { code: 'screen-off' } });
  });

  it('a unit code of a switched-off office is off too', async () => {
    expect((await s.api('/screen/A', { headers: BROWSER })).status).toBe(403);
    expect((await screenJson('A')).status).toBe(403);
  });
});

describe('settings', () => {
  it('refuses bad screen settings, naming the field, and changes nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ publicScreen: { parts: [] } }, 400, 'publicScreen.parts'],
      [{ publicScreen: { parts: ['today', 'weather'] } }, 400, 'publicScreen.parts.1'],
      [{ publicScreen: { code: 'has space' } }, 400, 'publicScreen.code'],
      [{ publicScreen: { enabled: 'yes' } }, 400, 'publicScreen.enabled'],
      [{ publicScreen: { unknownKey: 1 } }, 400, 'publicScreen'],
      [{ publicScreen: { code: 'a' } }, 409, 'publicScreen.code'],
      [{ publicScreen: { unitIds: ['unit-a', 'unit-nope'] } }, 422, 'publicScreen.unitIds.1'],
    ];
    for (const [body, status, path] of cases) {
      const res = await patch(body);
      const json = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(json.error.details), JSON.stringify(body)).toContain(path);
    }
    const org = await (await s.api('/api/v1/organisation', { cookie: admin })).json();
    expect(org.publicScreen.enabled).toBe(false);
  });

  it('an admin switches it on with a code of their own; the audit log has it before and after', async () => {
    const res = await patch({ publicScreen: { enabled: true, code: 'phong-cho' } });
    expect(res.status).toBe(200);
    expect((await res.json()).publicScreen).toEqual({ enabled: true, code: 'phong-cho', parts: ['today', 'month', 'counters'], unitIds: null });
    const audit = await (await s.api('/api/v1/audit?action=organisation.update', { cookie: admin })).json();
    const entry = audit.items.find((e: { details?: { after?: { publicScreen?: unknown } } }) => e.details?.after?.publicScreen);
    expect(entry.details.before.publicScreen).toBeNull();
    expect(entry.details.after.publicScreen).toMatchObject({ enabled: true, code: 'phong-cho' });
  });
});

/** The exact keys the public DTO may carry, at every level: nothing else, ever. */
const SCREEN_KEYS = ['at', 'code', 'counters', 'day', 'kind', 'minSample', 'month', 'organisation', 'parts', 'target', 'today', 'unit'];
const FIGURE_KEYS = ['enough', 'meetsTarget', 'n', 'rate', 'satisfied'];
const COUNTER_KEYS = ['code', 'month', 'name', 'today'];

describe('switched on: the public DTO', () => {
  beforeAll(async () => {
    await patch({ minSample: 2 });
    await postKioskRating(t, 5, { comment: COMMENT });
    await postKioskRating(t, 4);
    await postKioskRating(t, 2, { comment: 'Chờ lâu' });
    await postKioskRating({ ...t, deviceToken: tokenB }, 5);
    await s.ctx.liveStats.idle();
  });

  it('the page is the screen app (200, HTML, our script only)', async () => {
    const res = await s.api('/screen/phong-cho', { headers: BROWSER });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/kiosk\/assets\/screen-[\w-]+\.js"><\/script>/);
    expect((await s.api('/screen/PHONG-CHO', { headers: BROWSER })).status).toBe(200);
  });

  it('has exactly the whitelisted keys, and no comment, officer or device anywhere', async () => {
    const { status, body } = await screenJson('phong-cho');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(SCREEN_KEYS);
    expect(Object.keys(body.today!).sort()).toEqual(FIGURE_KEYS);
    expect(Object.keys(body.month!).sort()).toEqual(FIGURE_KEYS);
    expect(Object.keys(body.organisation).sort()).toEqual(['en', 'vi']);
    expect(body.counters!.length).toBe(2);
    for (const c of body.counters!) {
      expect(Object.keys(c).sort()).toEqual(COUNTER_KEYS);
      expect(Object.keys(c.name).sort()).toEqual(['en', 'vi']);
      expect(Object.keys(c.today!).sort()).toEqual(FIGURE_KEYS);
      expect(Object.keys(c.month!).sort()).toEqual(FIGURE_KEYS);
    }
    const text = JSON.stringify(body);
    for (const secret of [COMMENT, 'Chờ lâu', OFFICER, 'Trần Thị Hai', 'off-1', 'dev-t1', 'Kiosk T1', 'sp-t1', 'unit-a', 'comment', 'officer', 'device']) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('counts the whole office today and this month, and each counter', async () => {
    const { body } = await screenJson('phong-cho');
    expect(body).toMatchObject({ kind: 'org', code: 'phong-cho', unit: null, target: 0.85, minSample: 2, parts: ['today', 'month', 'counters'] });
    expect(body.today).toEqual({ n: 4, satisfied: 3, enough: true, rate: 0.75, meetsTarget: false });
    expect(body.month!.n).toBeGreaterThanOrEqual(4);
    const t1 = body.counters!.find((c) => c.code === 'T1')!;
    const t2 = body.counters!.find((c) => c.code === 'T2')!;
    expect(t1.name).toEqual({ vi: 'Quầy T1', en: 'Counter T1' });
    expect(t1.today).toEqual({ n: 3, satisfied: 2, enough: true, rate: 2 / 3, meetsTarget: false });
    // One rating at T2: below the minimum sample of 2, so no rate at all — "not enough ratings yet".
    expect(t2.today).toEqual({ n: 1, satisfied: 1, enough: false, rate: null, meetsTarget: null });
  });

  it('a unit code scopes the screen to that unit: its figures and its counters only', async () => {
    const { status, body } = await screenJson('a');
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'unit', code: 'A', unit: { vi: 'Phòng A', en: 'Unit A' } });
    expect(body.today).toMatchObject({ n: 3, satisfied: 2 });
    expect(body.counters!.map((c) => c.code)).toEqual(['T1']);
    const b = (await screenJson('B')).body;
    expect(b.today).toMatchObject({ n: 1, satisfied: 1, enough: false, rate: null });
    expect(b.counters!.map((c) => c.code)).toEqual(['T2']);
  });

  it('shows only the chosen parts', async () => {
    expect((await patch({ publicScreen: { parts: ['today'] } })).status).toBe(200);
    const { body } = await screenJson('phong-cho');
    expect(body.parts).toEqual(['today']);
    expect(body.today).not.toBeNull();
    expect(body.month).toBeNull();
    expect(body.counters).toBeNull();
    expect(Object.keys(body).sort()).toEqual(SCREEN_KEYS);
    await patch({ publicScreen: { parts: ['today', 'month', 'counters'] } });
  });

  it('with chosen units: other units’ screens are off and their counters are not listed', async () => {
    expect((await patch({ publicScreen: { unitIds: ['unit-b'] } })).status).toBe(200);
    expect((await screenJson('A')).status).toBe(403);
    expect((await s.api('/screen/A', { headers: BROWSER })).status).toBe(403);
    expect((await screenJson('B')).status).toBe(200);
    expect((await screenJson('phong-cho')).body.counters!.map((c) => c.code)).toEqual(['T2']);
    await patch({ publicScreen: { unitIds: null } });
    expect((await screenJson('A')).status).toBe(200);
  });

  it('an unknown code is an HTML 404 page for a browser and a JSON 404 for the endpoint', async () => {
    const res = await s.api('/screen/NOPE-42', { headers: BROWSER });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('Không tìm thấy màn hình phòng chờ');
    expect(html).toContain('NOPE-42');
    // No link to "/" (the admin sign-in) on a citizen page: error-page-links.test.ts.
    expect(html).not.toMatch(/<a\s/);
    const api = await screenJson('NOPE-42');
    expect(api.status).toBe(404);
    expect(api.body.error!.code).toBe('not-found');
  });
});

// ---- live ----------------------------------------------------------------------

interface ScreenClient {
  socket: Socket;
  updates: PublicScreen[];
  offs: number;
  next(match: (p: PublicScreen) => boolean): Promise<PublicScreen>;
}

function openScreen(code: string): Promise<ScreenClient> {
  const socket = connect(`${s.url}/screen`, { transports: ['websocket'], auth: { code }, reconnection: false, forceNew: true });
  const client: ScreenClient = {
    socket,
    updates: [],
    offs: 0,
    next(match) {
      const seen = client.updates.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching screen:update (got ${client.updates.length})`)), 10_000);
        const on = (p: PublicScreen) => {
          if (!match(p)) return;
          clearTimeout(timer);
          socket.off('screen:update', on);
          resolve(p);
        };
        socket.on('screen:update', on);
      });
    },
  };
  socket.on('screen:update', (p: PublicScreen) => client.updates.push(p));
  socket.on('screen:off', () => client.offs++);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

describe('live over the public /screen namespace', () => {
  it('refuses an unknown code and a missing one', async () => {
    await expect(openScreen('NOPE-42')).rejects.toMatchObject({ data: { code: 'not-found' } });
    await expect(openScreen('')).rejects.toMatchObject({ data: { code: 'invalid-input' } });
  });

  it('sends the figures on connect and after each rating, only the public DTO, to the right screens', async () => {
    const office = await openScreen('phong-cho');
    const unitB = await openScreen('B');
    try {
      const first = await office.next(() => true);
      const n0 = first.today!.n;
      await unitB.next(() => true);
      const events: string[] = [];
      office.socket.onAny((name) => events.push(name));
      unitB.socket.onAny((name) => events.push(`B:${name}`));

      await postKioskRating(t, 5, { comment: COMMENT });
      const after = await office.next((p) => p.today!.n === n0 + 1);
      expect(Object.keys(after).sort()).toEqual(SCREEN_KEYS);
      expect(JSON.stringify(after)).not.toContain(COMMENT);
      expect(JSON.stringify(after)).not.toContain(OFFICER);
      // A rating in unit A changes nothing on unit B's screen (a settings push may still re-send the same figures).
      await s.ctx.liveStats.idle();
      await new Promise((r) => setTimeout(r, 400));
      expect(unitB.updates.map((p) => p.today!.n)).toEqual(unitB.updates.map(() => 1));
      // Nothing but screen updates on this namespace: no deltas, no comment feed, no alerts.
      expect(new Set(events.map((e) => e.replace(/^B:/, '')))).toEqual(new Set(['screen:update']));

      await postKioskRating({ ...t, deviceToken: tokenB }, 4);
      const b = await unitB.next((p) => p.today!.n === 2);
      expect(b.counters!.map((c) => c.code)).toEqual(['T2']);
    } finally {
      office.socket.close();
      unitB.socket.close();
    }
  });

  it('switching the screen off tells every open screen and lets it go', async () => {
    const office = await openScreen('phong-cho');
    const unitA = await openScreen('A');
    try {
      await office.next(() => true);
      const gone = Promise.all([office, unitA].map((c) => new Promise<string>((resolve) => c.socket.once('disconnect', (reason) => resolve(reason)))));
      expect((await patch({ publicScreen: { enabled: false } })).status).toBe(200);
      expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
      expect(office.offs + unitA.offs).toBe(2);
      expect((await screenJson('phong-cho')).status).toBe(403);
    } finally {
      office.socket.close();
      unitA.socket.close();
    }
  });
});
