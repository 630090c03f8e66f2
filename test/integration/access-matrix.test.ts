/**
 * The access matrix, generated from the route table: every /api/v1 route
 * (server/http/openapi/routes-table.ts, held against what express really
 * serves) and every socket room (SOCKET_ROOMS) × every kind of caller —
 * anonymous, an enrolled kiosk, the one-stop software's integration key, a
 * unit head, a manager, an admin — must be allowed or refused exactly as the
 * route's declared rule says. A served route with no row, or a row whose rule
 * is not one we know, fails. Then unit scope: a unit head asking for another
 * unit's record is refused.
 *
 * "Allowed" means the guard let the request through: whatever it answers
 * next (200, 400 for the empty body, 404 for the made-up id) is not 401/403.
 * "Refused" is 401 without the right credential, 403 with the wrong role.
 * Requests carry a same-origin Origin so a CSRF check never stands in for
 * the access rule.
 */
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { servedRoutes } from '../helpers/express-routes';
import { createApp } from '../../server/app';
import { ROUTES, SOCKET_ROOMS, type Auth, type RouteDoc, type SocketRoomRule } from '../../server/http/openapi/routes-table';
import { EVERYONE } from '../../server/domain/permissions';
import type { Role } from '../../server/domain/entities';
import { KIOSK_NAMESPACE } from '../../shared/kiosk-protocol';
import { DASHBOARD_NAMESPACE } from '../../shared/realtime-events';

type Principal = 'anonymous' | 'kiosk' | 'integration-key' | 'unit-head' | 'manager' | 'admin';
const PRINCIPALS: Principal[] = ['anonymous', 'kiosk', 'integration-key', 'unit-head', 'manager', 'admin'];
const ROLE_OF: Partial<Record<Principal, Role>> = { 'unit-head': 'unit-head', manager: 'manager', admin: 'admin' };
const KNOWN_AUTH: readonly Auth[] = ['public', 'session', 'device', 'device-optional', 'integration-key', 'officer'];
/** Made-up record id: an allowed caller gets 404 (or 400), and nothing real is changed. */
const NO_SUCH_ID = 'matrix-no-such-record';

let s: TestServer;
const creds: Record<Principal, { cookie?: string; authorization?: string; socketToken?: string }> = {
  anonymous: {},
  kiosk: {},
  'integration-key': {},
  'unit-head': {},
  manager: {},
  admin: {},
};
let matrixCells = 0;

const USERS = {
  'unit-head': { email: 'head.a@test.local', password: 'matrix-unit-head-pw-2026', unitId: 'unit-a' },
  manager: { email: 'manager@test.local', password: 'matrix-manager-pw-2026', unitId: null },
} as const;

beforeAll(async () => {
  s = await startTestServer();
  // No HTTP route creates users yet: the service the bootstrap uses for the first admin does (scrypt hash, same entity).
  const orgId = (await s.ctx.entities.list('organisation'))[0].id;
  for (const role of ['unit-head', 'manager'] as const) {
    const u = USERS[role];
    await s.ctx.auth.createUser({ orgId, email: u.email, name: role, role, unitId: u.unitId, password: u.password });
  }
  await login('admin');
  await login('manager', USERS.manager);
  await login('unit-head', USERS['unit-head']);
  creds.kiosk = { authorization: `Bearer ${s.deviceToken}`, socketToken: s.deviceToken };
  const key = await s.api('/api/v1/integration-keys', { method: 'POST', cookie: creds.admin.cookie, json: { name: 'Matrix' } });
  const k = ((await key.json()) as { key: string }).key;
  creds['integration-key'] = { authorization: `Bearer ${k}`, socketToken: k };
});

afterAll(async () => {
  console.log(`access matrix: ${matrixCells} cells (${ROUTES.length} routes and ${SOCKET_ROOMS.length} socket rooms × ${PRINCIPALS.length} callers, plus unit-scope checks)`);
  await s?.stop();
});

async function login(p: Principal, u?: { email: string; password: string }): Promise<void> {
  const cookie = await s.login(u?.email, u?.password);
  creds[p] = { cookie, socketToken: decodeURIComponent(cookie.split('=').slice(1).join('=')) };
}

/** What the declared rule says for this caller. */
function expected(rule: { auth: Auth | SocketRoomRule['auth']; roles?: readonly Role[] }, p: Principal): 'allow' | 401 | 403 {
  switch (rule.auth) {
    case 'public':
    case 'device-optional':
      return 'allow';
    case 'device':
      return p === 'kiosk' ? 'allow' : 401;
    case 'integration-key':
      return p === 'integration-key' ? 'allow' : 401;
    // An officer-page token or an admin session: of the six callers only the session users qualify.
    case 'officer':
    case 'session': {
      const role = ROLE_OF[p];
      if (!role) return 401;
      return (rule.roles ?? EVERYONE).includes(role) ? 'allow' : 403;
    }
  }
}

async function call(route: RouteDoc, p: Principal, path = route.path.replace(/:id\b/g, NO_SUCH_ID)): Promise<number> {
  const headers: Record<string, string> = { origin: s.url, 'sec-fetch-site': 'same-origin' };
  if (creds[p].authorization) headers.authorization = creds[p].authorization!;
  const hasBody = route.method !== 'get' && route.method !== 'delete';
  const res = await s.api(`/api/v1${path}`, { method: route.method.toUpperCase(), cookie: creds[p].cookie, headers, json: hasBody ? {} : undefined });
  await res.arrayBuffer();
  return res.status;
}

describe('every route has a declared rule', () => {
  it('the table names every route express serves, each with a known auth kind and known roles', () => {
    const served = servedRoutes(createApp(s.ctx));
    const declared = new Map(ROUTES.map((r) => [`${r.method} ${r.path}`, r]));
    expect(served.length).toBeGreaterThan(30);
    expect(served.filter((r) => !declared.has(r)), 'served with no declared rule: add a row to routes-table.ts').toEqual([]);
    expect([...declared.keys()].filter((r) => !served.includes(r)), 'declared but not served').toEqual([]);
    for (const r of ROUTES) {
      expect(KNOWN_AUTH, `${r.method} ${r.path}`).toContain(r.auth);
      if (r.roles) {
        expect(['session', 'officer'], `${r.method} ${r.path}: roles only mean something for routes a session may call`).toContain(r.auth);
        expect(r.roles.length, `${r.method} ${r.path}: an empty role list allows nobody`).toBeGreaterThan(0);
        for (const role of r.roles) expect(EVERYONE, `${r.method} ${r.path}`).toContain(role);
      }
    }
  });
});

describe('HTTP routes × callers', () => {
  // Logging out ends the caller's session: those rows go last.
  const ordered = [...ROUTES].sort((a, b) => Number(a.path === '/auth/logout') - Number(b.path === '/auth/logout'));
  for (const p of PRINCIPALS) {
    it(`${p}: every route allows or refuses as its rule says`, async () => {
      const wrong: string[] = [];
      for (const route of ordered) {
        const want = expected(route, p);
        const got = await call(route, p);
        matrixCells++;
        expect(got, `${route.method} ${route.path} as ${p}`).toBeLessThan(500);
        const ok = want === 'allow' ? got !== 401 && got !== 403 : got === want;
        if (!ok) wrong.push(`${route.method.toUpperCase()} ${route.path} as ${p}: rule says ${want}, server answered ${got}`);
      }
      expect(wrong).toEqual([]);
    });
  }
  afterAll(async () => {
    // The logout rows ended the sessions; later suites sign in again.
    await login('admin');
    await login('manager', USERS.manager);
    await login('unit-head', USERS['unit-head']);
  });
});

// ---- sockets -------------------------------------------------------------------

/** The public waiting-room screen's handshake names a screen code: the office's, or unit A's for the unit room. */
const SCREEN_CODE = { 'org:<id>': 'org-main', 'unit:<id>': 'A' } as Record<string, string>;

function open(namespace: string, p: Principal, room?: SocketRoomRule['room']): Promise<Socket | { refused: string }> {
  const token = creds[p].socketToken;
  const auth: Record<string, string> = token ? { token } : {};
  if (namespace === '/screen' && room) auth.code = SCREEN_CODE[room];
  const socket = connect(s.url + namespace, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      socket.close();
      resolve({ refused: err.data?.code ?? err.message });
    });
  });
}

/** The rooms the server holds this socket in. */
async function roomsOf(namespace: string, socket: Socket): Promise<Set<string>> {
  const all = await s.realtime.io.of(namespace).fetchSockets();
  return new Set(all.find((x) => x.id === socket.id)?.rooms ?? []);
}

/** The concrete room a rule names for a record of unit A (the unit head's) or unit B. */
const RECORDS = { a: { unit: 'unit-a', sp: 'sp-t1' }, b: { unit: 'unit-b', sp: 'sp-t2' } };
function roomName(rule: SocketRoomRule, side: 'a' | 'b'): string {
  const id = { 'org:<id>': 'org-main', 'unit:<id>': RECORDS[side].unit, 'sp:<id>': RECORDS[side].sp, 'device:<id>': 'dev-t1' }[rule.room];
  return rule.room.replace('<id>', id);
}

describe('socket rooms × callers', () => {
  // The screen rooms exist once an admin switches the screen on (off by default: see public-screen.test.ts).
  beforeAll(async () => {
    await s.ctx.organisation.update({ orgId: 'org-main', email: 'matrix@test.local', role: 'admin', unitId: null }, { publicScreen: { enabled: true } });
  });
  for (const rule of SOCKET_ROOMS) {
    it(`${rule.namespace} ${rule.room} (${rule.joined}${rule.roles ? `, ${rule.roles.join('/')}` : ''})`, async () => {
      const wrong: string[] = [];
      for (const p of PRINCIPALS) {
        for (const side of rule.ownUnitOnly ? (['a', 'b'] as const) : (['a'] as const)) {
          matrixCells++;
          const room = roomName(rule, side);
          let want = expected(rule, p);
          // The base rule for a unit head: their own unit's records only.
          if (want === 'allow' && rule.ownUnitOnly && p === 'unit-head' && side === 'b') want = 403;
          const sock = await open(rule.namespace, p, rule.room);
          let got: 'allow' | 'refused' | 'not-in-room';
          if ('refused' in sock) got = 'refused';
          else {
            try {
              if (rule.joined === 'subscribe') {
                const key = rule.room.startsWith('unit') ? 'unitId' : 'servicePointId';
                const value = rule.room.startsWith('unit') ? RECORDS[side].unit : RECORDS[side].sp;
                const ack = (await sock.timeout(5000).emitWithAck('dashboard:subscribe', { [key]: value })) as { ok: boolean };
                if (!ack.ok) got = 'refused';
              }
              got ??= (await roomsOf(rule.namespace, sock)).has(room) ? 'allow' : 'not-in-room';
            } finally {
              sock.close();
            }
          }
          // On-connect rooms: a caller the rule leaves out must connect elsewhere or be refused, never be in the room.
          const ok = want === 'allow' ? got === 'allow' : got !== 'allow';
          if (!ok) wrong.push(`${room} as ${p}: rule says ${want}, got ${got}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('a refused handshake names why (unauthorized), for every caller without the namespace credential', async () => {
    for (const [ns, allowed] of [
      [DASHBOARD_NAMESPACE, ['unit-head', 'manager', 'admin']],
      [KIOSK_NAMESPACE, ['kiosk']],
    ] as const) {
      for (const p of PRINCIPALS) {
        matrixCells++;
        const sock = await open(ns, p);
        if ((allowed as readonly string[]).includes(p)) {
          expect('refused' in sock, `${ns} as ${p}`).toBe(false);
        } else {
          expect(sock, `${ns} as ${p}`).toEqual({ refused: 'unauthorized' });
        }
        if (!('refused' in sock)) sock.close();
      }
    }
  });
});

// ---- unit scope ------------------------------------------------------------------

describe('unit scope: a unit head sees and changes only their unit', () => {
  const asHead = (path: string, init: { method?: string; json?: unknown } = {}) =>
    s.api(`/api/v1${path}`, { ...init, cookie: creds['unit-head'].cookie, headers: { origin: s.url, 'sec-fetch-site': 'same-origin' } });
  const CASES: { what: string; method?: string; own: string; other: string; json?: (side: 'a' | 'b') => unknown; refused: number[]; emptyIsRefusal?: boolean }[] = [
    { what: 'figures', own: '/stats/summary?unitId=unit-a', other: '/stats/summary?unitId=unit-b', refused: [403] },
    { what: 'figures of a counter', own: '/stats/summary?servicePointId=sp-t1&verified=all', other: '/stats/summary?servicePointId=sp-t2&verified=all', refused: [403] },
    { what: 'figures of an officer', own: '/stats/summary?officerId=off-1&verified=all', other: '/stats/summary?officerId=off-2&verified=all', refused: [403] },
    { what: 'series', own: '/stats/timeseries?unitId=unit-a', other: '/stats/timeseries?unitId=unit-b', refused: [403] },
    { what: 'breakdown', own: '/stats/breakdown?groupBy=servicePointId&unitId=unit-a', other: '/stats/breakdown?groupBy=servicePointId&unitId=unit-b', refused: [403] },
    { what: 'raw responses', own: '/responses?unitId=unit-a', other: '/responses?unitId=unit-b', refused: [403] },
    { what: 'alerts list', own: '/alerts?unitId=unit-a', other: '/alerts?unitId=unit-b', refused: [403] },
    { what: 'counter poster', own: '/service-points/sp-t1/poster', other: '/service-points/sp-t2/poster', refused: [403] },
    { what: 'counter QR (SVG)', own: '/service-points/sp-t1/qr.svg', other: '/service-points/sp-t2/qr.svg', refused: [403] },
    { what: 'counter QR (PNG)', own: '/service-points/sp-t1/qr.png', other: '/service-points/sp-t2/qr.png', refused: [403] },
    {
      what: 'officer on duty',
      method: 'PUT',
      own: '/service-points/sp-t1/duty',
      other: '/service-points/sp-t2/duty',
      json: (side) => ({ officerId: side === 'a' ? 'off-1' : 'off-2' }),
      refused: [403],
    },
  ];
  beforeAll(async () => {
    // Something in each unit to be seen, or not.
    for (const [sp, auth] of [['sp-t1', `Bearer ${s.deviceToken}`], ['sp-t2', undefined]] as const) {
      const body = { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: auth ? 'kiosk' : 'qr', servicePointId: auth ? undefined : sp, answers: { O: 5 } };
      const res = await s.api('/api/v1/responses', { method: 'POST', headers: { 'x-client-id': `matrix-${sp}`, ...(auth ? { authorization: auth } : {}) }, json: body });
      expect(res.status).toBe(201);
    }
  });
  for (const c of CASES) {
    it(`${c.what}: own unit allowed, the other unit refused`, async () => {
      matrixCells += 2;
      const own = await asHead(c.own, { method: c.method, json: c.json?.('a') });
      expect(own.status, c.own).toBe(200);
      const other = await asHead(c.other, { method: c.method, json: c.json?.('b') });
      if (c.emptyIsRefusal && other.status === 200) {
        expect(((await other.json()) as { responses: number }).responses, `${c.other} shows another unit's figures`).toBe(0);
        const seen = (await (await s.api(`/api/v1${c.other}`, { cookie: creds.manager.cookie })).json()) as { responses: number };
        expect(seen.responses, 'the other unit has ratings to leak').toBeGreaterThan(0);
      } else {
        expect(c.refused, `${c.other} answered ${other.status}`).toContain(other.status);
      }
    });
  }

  it('another unit\'s response is "not found" to a unit head (its existence is private), found by a manager', async () => {
    const id = randomUUID();
    const res = await s.api('/api/v1/responses', { method: 'POST', headers: { 'x-client-id': 'matrix' }, json: { id, surveyVersionId: s.surveyVersionId, channel: 'qr', servicePointId: 'sp-t2', answers: { O: 4 } } });
    expect(res.status).toBe(201);
    matrixCells += 2;
    const list = (await (await asHead('/responses')).json()) as { items: { id: string }[] };
    expect(list.items.map((r) => r.id)).not.toContain(id);
    const byManager = (await (await s.api('/api/v1/responses', { cookie: creds.manager.cookie })).json()) as { items: { id: string }[] };
    expect(byManager.items.map((r) => r.id)).toContain(id);
  });

  it('configuration lists show a unit head their unit only', async () => {
    matrixCells += 3;
    const units = (await (await asHead('/units')).json()) as { items: { id: string }[] };
    expect(units.items.map((u) => u.id)).toEqual(['unit-a']);
    const sps = (await (await asHead('/service-points')).json()) as { items: { id: string }[] };
    expect(sps.items.map((x) => x.id)).toEqual(['sp-t1']);
    const officers = (await (await asHead('/officers')).json()) as { items: { id: string }[] };
    expect(officers.items.map((x) => x.id)).toEqual(['off-1']);
  });
});
