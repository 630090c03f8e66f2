/**
 * Generated hostile input (fast-check) against every public entry point of a
 * real server on a temporary SQLite store: the rating endpoints (single and
 * batch), dossier links, the QR page's context, login, kiosk enrolment, the
 * public pages, the figures queries with a session, and the `/kiosk` and
 * `/dashboard` socket events. Inputs: malformed JSON, wrong types, huge
 * strings and arrays, odd Unicode, `__proto__`/`constructor` keys, wrong
 * content types, deep nesting, bad cookies.
 *
 * Oracle, for every case: never a 5xx; a 4xx with the error envelope unless
 * the case was generated valid, in which case the documented 2xx; the server
 * still answers afterwards; and the responses stored equal the 201s (plus
 * the batch items answered `stored`). The case count is printed.
 *
 * fast-check is seeded (FUZZ_SEED to replay another run) and shrinks a
 * failure to its smallest input, which the failure message shows.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { tokenOf } from './realtime-clients';
import { KIOSK_NAMESPACE } from '../../shared/kiosk-protocol';
import { DASHBOARD_NAMESPACE } from '../../shared/realtime-events';
import { countsInFigures } from '../../server/store/types';

// About 3 s per property on an idle 2-core machine; several times that when it is shared.
vi.setConfig({ testTimeout: 180_000 });

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** Cases per property, scaled by FUZZ_SCALE (CI keeps 1: ≥ 10,000 in all). */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

let s: TestServer;
let dataDir: string;
let admin: string;
let integrationKey: string;
let storedBefore = 0;
const tally = { cases: 0, created: 0, batchStored: 0, byStatus: new Map<number, number>() };
const started = Date.now();

beforeAll(async () => {
  // The per-client counter-link limit would turn most valid QR cases into 429s; raise it so they reach the store.
  // The store lives in RAM when it can: durability is not under test here, and fsyncs would dominate the run.
  dataDir = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'hailong-fuzz-'));
  s = await startTestServer({ COUNTER_LINK_LIMIT_PER_HOUR: '100000', DATA_DIR: dataDir });
  admin = await s.login();
  const key = await s.api('/api/v1/integration-keys', { method: 'POST', cookie: admin, json: { name: 'Fuzz' } });
  integrationKey = ((await key.json()) as { key: string }).key;
  storedBefore = await storedCount();
});

afterAll(async () => {
  const byStatus = [...tally.byStatus].sort(([a], [b]) => a - b).map(([k, v]) => `${k}:${v}`).join(' ');
  console.log(
    `fuzz: ${tally.cases} generated cases in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED}); ` +
      `${tally.created} × 201, ${tally.batchStored} batch items stored; statuses ${byStatus}`,
  );
  await s?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const stored = async () => s.ctx.store.listResponses({ orgId: 'org-main', limit: 1_000_000 });
const storedCount = async (): Promise<number> => (await stored()).length;
/** Suspect ratings (a forged counter-QR client id, a kiosk pressing faster than its gap) are stored but held out of the figures. */
const countedCount = async (): Promise<number> => (await stored()).filter(countsInFigures).length;

// ---- generators ---------------------------------------------------------------

/** Printable ASCII only where a header carries it (fetch refuses other header bytes before sending). */
const ascii = (maxLength = 40) => fc.string({ unit: 'binary-ascii', maxLength }).map((x) => x.replace(/[^\x20-\x7e]/g, ''));
/** Text as people and attackers type it: any code point, combining marks, RTL, emoji, NUL, lone surrogates. */
const oddText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '\u202e\u0041', 'Nguyễn Văn A', 'e\u0301'.repeat(50), '👍🏽'.repeat(20), '<script>alert(1)</script>', "' OR 1=1 --", '${7*7}', '%00', '../../etc/passwd'),
);
/** encodeURIComponent refuses lone surrogates; send those as the invalid UTF-8 escape a client might. */
const enc = (v: string): string => {
  try {
    return encodeURIComponent(v);
  } catch {
    return `${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))}%ED%A0%80`;
  }
};
const huge = fc.oneof(
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 2_000 }).map((n) => 'ệ'.repeat(n)),
);
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'id', 'surveyVersionId', 'channel', 'servicePointId', 'answers', 'comment', 'locale', 'clientTime', 'procedureCode', 'officerId', 'linkToken', 'responses', 'O', 'A1', 'reasons', 'email', 'password', 'code', 'counter', 'dossierRef', ''];

/** Any JSON value, biased to prototype keys and the names our schemas know. */
const { junk } = fc.letrec<{ junk: unknown }>((tie) => ({
  junk: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, '', '1', 'true', 'null', '2026-02-30', '2026-11-22T09:15:00+07:00'),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    oddText,
    fc.uuid(),
    fc.array(tie('junk'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie('junk'), { maxKeys: 6 }),
  ),
}));

/** A mutation of one field of a valid object: a wrong type, a huge value, or the key removed. */
function mutate(valid: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(valid);
  return fc.tuple(fc.constantFrom(...keys, '__proto__', 'constructor', 'extra'), fc.oneof(junk, huge, fc.constant(undefined))).map(([k, v]) => {
    const copy: Record<string, unknown> = { ...valid };
    if (v === undefined) delete copy[k];
    else Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true }); // defineProperty: `__proto__` becomes an own key, as JSON.parse makes it
    return copy;
  });
}

/** Cookies a browser, a proxy or an attacker might send. Malformed escapes must be ignored, never a 500. */
const cookieHeader = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('hl_session=%', 'hl_client=%E0', 'hl_session=%zz; hl_client=%', 'hl_session=', 'hl_session', '=;;=;', 'hl_session="unterminated', 'hl_client=%C0%AF', 'hl_session=a; hl_session=b', `hl_session=${'a'.repeat(6000)}`),
  fc.tuple(fc.constantFrom('hl_session', 'hl_client', 'x', ''), ascii(60)).map(([k, v]) => `${k}=${v}`),
);

type Score = 1 | 2 | 3 | 4 | 5;
interface ValidCase {
  channel: 'kiosk' | 'qr';
  score: Score;
  comment?: string;
  locale: 'vi' | 'en';
}
const validCase: fc.Arbitrary<ValidCase> = fc.record(
  {
    channel: fc.constantFrom('kiosk', 'qr'),
    score: fc.constantFrom<Score>(1, 2, 3, 4, 5),
    comment: fc.string({ unit: 'grapheme', maxLength: 80 }),
    locale: fc.constantFrom('vi', 'en'),
  },
  { requiredKeys: ['channel', 'score', 'locale'] },
);
const validBody = (c: ValidCase): Record<string, unknown> => ({
  id: randomUUID(),
  surveyVersionId: s.surveyVersionId,
  channel: c.channel,
  ...(c.channel === 'qr' ? { servicePointId: 'sp-t2' } : {}),
  answers: { O: c.score },
  ...(c.comment !== undefined ? { comment: c.comment } : {}),
  locale: c.locale,
});

/** Raw request bodies that are not what JSON.parse wants, or are more than any schema takes. */
const rawBody = fc.oneof(
  fc.constantFrom('', '{', '{"id":', '[', 'null', '"str"', '42', 'true', '{"answers":{"O":5}', "{'a':1}", '{"a":1,}', '\u0000', '\ufeff{}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'),
  fc.integer({ min: 10, max: 120_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 10, max: 50_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.integer({ min: 10, max: 2_000 }).map((n) => JSON.stringify({ answers: Object.fromEntries(Array.from({ length: n }, (_, i) => [`Q${i}`, 5])) })),
  fc.integer({ min: 260, max: 400 }).map((kb) => JSON.stringify({ comment: 'x'.repeat(kb * 1024) })),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'application/vnd.api+json', '', '*/*');

// ---- the oracle -----------------------------------------------------------------

interface Sent {
  method?: string;
  path: string;
  headers?: Record<string, string | undefined>;
  /** A value is sent as JSON; a string is sent as it is. */
  json?: unknown;
  raw?: string;
}
interface Answer {
  status: number;
  body: unknown;
}

async function send(req: Sent): Promise<Answer> {
  const headers = new Headers();
  // As our own pages send them (kiosk, QR page, dashboard are same-origin): a CSRF check is not what is fuzzed here.
  headers.set('origin', s.url);
  headers.set('sec-fetch-site', 'same-origin');
  for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers.set(k, v);
  let body: string | undefined = req.raw;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const res = await fetch(s.url + req.path, { method: req.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  tally.cases++;
  tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
  if (res.status === 201 && req.path === '/api/v1/responses') tally.created++;
  return { status: res.status, body: parsed };
}

const show = (req: Sent): string => {
  const b = req.raw ?? (req.json === undefined ? '' : JSON.stringify(req.json));
  return `${req.method ?? 'POST'} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers ?? {}).slice(0, 300)} ${b.length > 300 ? `${b.slice(0, 300)}… (${b.length} chars)` : b}`;
};

/** Never a 5xx; a 4xx carries the error envelope (on /api). */
function refusedOrOk(req: Sent, a: Answer, allowed: (status: number) => boolean): void {
  expect(a.status, show(req)).toBeLessThan(500);
  expect(allowed(a.status), `${a.status} for ${show(req)}: ${JSON.stringify(a.body).slice(0, 300)}`).toBe(true);
  if (a.status >= 400 && req.path.startsWith('/api/') && a.status !== 431) {
    expect((a.body as { error?: { code?: unknown } }).error?.code, `${a.status} without an error code for ${show(req)}`).toEqual(expect.any(String));
  }
}
const is4xx = (st: number) => st >= 400 && st < 500;

const kiosk = () => `Bearer ${s.deviceToken}`;
const authHeader = fc.oneof(
  fc.constant(undefined),
  fc.constant('kiosk'),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic Zm9vOmJhcg==', 'bearer x', 'Bearer hlk_', `Bearer ${'a'.repeat(4000)}`),
  ascii(80).map((t) => `Bearer ${t}`),
);
const resolveAuth = (a: string | undefined) => (a === 'kiosk' ? kiosk() : a);
/**
 * Checks `total` cases, WIDTH at a time in parallel: concurrent writes share
 * one commit (group commit), which keeps the run short; a failure still
 * shrinks to the smallest failing case of its group.
 */
const WIDTH = 8;
function check<T>(arb: fc.Arbitrary<T>, total: number, fn: (x: T) => Promise<void>): Promise<void> {
  const group = fc.array(arb, { minLength: WIDTH, maxLength: WIDTH });
  return fc.assert(
    fc.asyncProperty(group, async (xs) => {
      await Promise.all(xs.map(fn));
    }),
    { numRuns: runs(Math.ceil(total / WIDTH)), seed: SEED },
  );
}

// ---- HTTP ------------------------------------------------------------------------

describe('fuzz: ratings in', () => {
  it('valid ratings get 201 (QR at its cap: 429), whatever the cookies', async () => {
    await check(fc.tuple(validCase, cookieHeader), 1500, async ([c, cookie]) => {
      const req: Sent = { path: '/api/v1/responses', json: validBody(c), headers: { cookie, authorization: c.channel === 'kiosk' ? kiosk() : undefined, 'x-client-id': randomUUID() } };
      const a = await send(req);
      refusedOrOk(req, a, (st) => st === 201 || (c.channel === 'qr' && st === 429));
    });
  });

  it('a rating with one field broken is refused with a 4xx, or stored if it stayed valid', async () => {
    const nearly = fc.tuple(validCase, fc.nat()).chain(([c]) => mutate(validBody(c)));
    await check(fc.tuple(nearly, authHeader, cookieHeader), 1500, async ([body, auth, cookie]) => {
      const req: Sent = { path: '/api/v1/responses', json: body, headers: { authorization: resolveAuth(auth), cookie, 'x-client-id': randomUUID() } };
      refusedOrOk(req, await send(req), (st) => st === 201 || st === 200 || is4xx(st));
    });
  });

  it('an answers key __proto__ is refused with 400 naming answers.__proto__', async () => {
    await check(fc.tuple(validCase, junk), 300, async ([c, value]) => {
      const body = validBody(c);
      // Written by hand: JSON.stringify of an object literal cannot carry an own `__proto__`.
      const raw = JSON.stringify(body).replace('"answers":{', `"answers":{"__proto__":${JSON.stringify(value ?? null)},`);
      const req: Sent = { path: '/api/v1/responses', raw, headers: { 'content-type': 'application/json', authorization: kiosk(), 'x-client-id': randomUUID() } };
      const a = await send(req);
      refusedOrOk(req, a, (st) => st === 400);
      const details = (a.body as { error: { details?: { path: string }[] } }).error.details ?? [];
      expect(details.map((d) => d.path), show(req)).toContain('answers.__proto__');
    });
  });

  it('junk JSON, raw bodies and wrong content types get a 4xx', async () => {
    const anyBody = fc.oneof(junk.map((j) => ({ json: j })), rawBody.map((raw) => ({ raw })));
    await check(fc.tuple(anyBody, contentType, authHeader, cookieHeader), 1200, async ([b, type, auth, cookie]) => {
      const req: Sent = { path: '/api/v1/responses', ...b, headers: { 'content-type': type, authorization: resolveAuth(auth), cookie } };
      if (req.json === undefined && req.raw === undefined) req.raw = '';
      refusedOrOk(req, await send(req), is4xx);
    });
  });

  it('batches of junk, of valid and of broken items answer per item; stored items count', async () => {
    const item = fc.oneof(
      { arbitrary: validCase.map((c) => validBody({ ...c, channel: 'kiosk' })), weight: 2 },
      { arbitrary: fc.tuple(validCase, fc.nat()).chain(([c]) => mutate(validBody(c))), weight: 2 },
      { arbitrary: junk, weight: 1 },
    );
    const batch = fc.oneof(
      { arbitrary: fc.array(item, { minLength: 1, maxLength: 8 }).map((responses) => ({ responses })), weight: 6 },
      { arbitrary: fc.constantFrom(0, 201, 1000).map((n) => ({ responses: Array.from({ length: n }, () => ({})) })), weight: 1 },
      { arbitrary: junk, weight: 2 },
    );
    await check(fc.tuple(batch, fc.boolean(), cookieHeader), 900, async ([body, withToken, cookie]) => {
      const req: Sent = { path: '/api/v1/responses/batch', json: body, headers: { authorization: withToken ? kiosk() : undefined, cookie } };
      const a = await send(req);
      refusedOrOk(req, a, (st) => st === 200 || is4xx(st));
      if (a.status === 200) {
        const results = (a.body as { results: { status: string }[] }).results;
        expect(results).toHaveLength((body as { responses: unknown[] }).responses.length);
        tally.batchStored += results.filter((r) => r.status === 'stored').length;
      }
    });
  });
});

describe('fuzz: links, login, enrolment, public pages', () => {
  it('POST /survey-links: junk keys and bodies get a 4xx; a valid one 201', async () => {
    const valid = { counter: 'T1', procedureCode: '1.000001', dossierRef: 'H01-260301-0001' };
    const body = fc.oneof(
      { arbitrary: ascii(40).map((ref) => ({ ...valid, dossierRef: `D-${ref}` })), weight: 1 },
      { arbitrary: mutate(valid), weight: 3 },
      { arbitrary: junk, weight: 2 },
    );
    await check(fc.tuple(body, fc.oneof(fc.constant('key'), authHeader), cookieHeader), 500, async ([b, auth, cookie]) => {
      const authorization = auth === 'key' ? `Bearer ${integrationKey}` : resolveAuth(auth);
      const req: Sent = { path: '/api/v1/survey-links', json: b, headers: { authorization, cookie } };
      refusedOrOk(req, await send(req), (st) => (auth === 'key' ? st === 201 || is4xx(st) : is4xx(st)));
    });
  });

  it('GET /public/survey-context with odd counters and tokens answers 200 or 4xx', async () => {
    const q = fc.oneof(
      fc.tuple(fc.constantFrom('counter', 'token', 'counter[]', '__proto__', 'constructor[prototype]'), fc.oneof(oddText, huge, fc.constantFrom('T1', 'T2', 'eyJ.x', ''))).map(([k, v]) => `${enc(k)}=${enc(v)}`),
      fc.constantFrom('', 'counter=T1&token=x', 'counter=T1&counter=T2', 'counter=%', 'token=%E0', 'counter[a]=1'),
    );
    await check(fc.tuple(q, cookieHeader), 800, async ([query, cookie]) => {
      const req: Sent = { method: 'GET', path: `/api/v1/public/survey-context?${query}`.slice(0, 12_000), headers: { cookie } };
      refusedOrOk(req, await send(req), (st) => st === 200 || is4xx(st));
    });
  });

  it('POST /auth/login with junk gets a 4xx', async () => {
    const body = fc.oneof(
      fc.record({ email: fc.oneof(fc.emailAddress(), oddText), password: fc.oneof(oddText, huge) }),
      fc.record({ email: fc.constant('admin@test.local'), password: ascii(30) }),
      junk,
    );
    await check(fc.tuple(body, contentType, cookieHeader), 300, async ([b, type, cookie]) => {
      const req: Sent = { path: '/api/v1/auth/login', json: b, headers: { 'content-type': type, cookie } };
      const a = await send(req);
      refusedOrOk(req, a, is4xx);
    });
  });

  it('POST /devices/enrol with junk codes gets a 4xx', async () => {
    await check(fc.tuple(fc.oneof(junk, fc.record({ code: fc.oneof(ascii(40), oddText, huge) })), cookieHeader), 500, async ([b, cookie]) => {
      const req: Sent = { path: '/api/v1/devices/enrol', json: b, headers: { cookie, 'x-forwarded-for': '203.0.113.7' } };
      refusedOrOk(req, await send(req), is4xx);
    });
  });

  it('GET /s/:code and /l/:token with odd paths and bad cookies serve the page or a 4xx', async () => {
    const segment = fc.oneof(
      fc.oneof(oddText, fc.constantFrom('T1', 'T2', 'x'.repeat(5000))).map(enc),
      fc.constantFrom('%', '%E0', '%zz', '..%2F..%2Fetc', '%00', '%2e%2e'),
    );
    await check(fc.tuple(fc.constantFrom('/s/', '/l/'), segment, cookieHeader), 800, async ([prefix, seg, cookie]) => {
      const req: Sent = { method: 'GET', path: prefix + seg, headers: { cookie } };
      refusedOrOk(req, await send(req), (st) => st === 200 || is4xx(st));
    });
  });

  it('POST /auth/logout with junk cookies answers 204 and ends nothing of ours', async () => {
    await check(cookieHeader, 200, async (cookie) => {
      const req: Sent = { path: '/api/v1/auth/logout', raw: '', headers: { cookie } };
      refusedOrOk(req, await send(req), (st) => st === 204);
    });
    expect((await s.api('/api/v1/me', { cookie: admin })).status).toBe(200);
  });
});

describe('fuzz: any method on any path, without credentials', () => {
  const PATHS = ['/api/health', '/api/v1/openapi.json', '/api/v1/docs', '/api/v1/docs/style.css', '/api/v1/kiosk/config', '/api/v1/responses', '/api/v1/me', '/api/v1/devices/dev-t1', '/api/v1/nope', '/api/v2/responses', '/kiosk/', '/admin/', '/', '/s/T1', '/favicon.ico'];
  it('answers 2xx, 3xx or 4xx, never a 5xx', async () => {
    const req = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
      path: fc.oneof(fc.constantFrom(...PATHS), fc.tuple(fc.constantFrom(...PATHS), oddText).map(([p, q]) => `${p}?${enc(q)}=${enc(q)}`)),
      body: fc.option(junk, { nil: undefined }),
      cookie: cookieHeader,
      authorization: authHeader,
    });
    await check(req, 600, async ({ method, path, body, cookie, authorization }) => {
      const withBody = method !== 'GET' && method !== 'HEAD' && body !== undefined;
      const r: Sent = { method, path, json: withBody ? body : undefined, headers: { cookie, authorization: resolveAuth(authorization) } };
      const a = await send(r);
      // HEAD has no body to carry the envelope; everything else on /api does.
      refusedOrOk(method === 'HEAD' ? { ...r, path: '/head' } : r, a, (st) => st < 500);
    });
  });
});

describe('fuzz: figures and lists with a session', () => {
  const PARAMS = ['from', 'to', 'unitId', 'servicePointId', 'officerId', 'procedureId', 'procedureCode', 'channel', 'verified', 'bucket', 'groupBy', 'limit', 'offset', 'beforeTime', 'beforeId', 'withComment', 'includeExcluded', 'state', 'rule', '__proto__', 'constructor', 'from[]', 'to[gte]'];
  const VALUES = fc.oneof(
    fc.constantFrom('', '2026-13-01', '2026-02-30', '2026-11-01', '2026-11-01T00:00:00+07:00', '9999-12-31', '0000-01-01', 'yesterday', '-1', '0', '1e309', 'NaN', '__proto__', 'day', 'week', 'hour', 'month', 'unitId', 'channel', 'verified', 'only', 'all', 'unverified', 'sp-t1', 'unit-b', 'true', 'kiosk', 'open', 'active'),
    oddText,
    huge.map((h) => h.slice(0, 6000)),
  );
  const query = fc.array(fc.tuple(fc.constantFrom(...PARAMS), VALUES), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString());
  const PATHS = ['/stats/summary', '/stats/timeseries', '/stats/breakdown', '/responses', '/survey-links/stats', '/alerts', '/audit'];

  it('answer 200 or a 4xx, never a 5xx', async () => {
    await check(fc.tuple(fc.constantFrom(...PATHS), query), 1200, async ([p, q]) => {
      const req: Sent = { method: 'GET', path: `/api/v1${p}?${q}`, headers: { cookie: admin } };
      refusedOrOk(req, await send(req), (st) => st === 200 || is4xx(st));
    });
  });

  it('admin reads with bad cookies answer 401, never a 5xx', async () => {
    await check(fc.tuple(fc.constantFrom('/me', '/stats/summary', '/organisation', '/responses', '/devices'), cookieHeader), 400, async ([p, cookie]) => {
      const req: Sent = { method: 'GET', path: `/api/v1${p}`, headers: { cookie } };
      refusedOrOk(req, await send(req), (st) => st === 401 || (st === 431 && (cookie?.length ?? 0) > 4000));
    });
  });
});

// ---- sockets ------------------------------------------------------------------------

function open(namespace: string, auth: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Socket> {
  const socket = connect(s.url + namespace, { transports: ['websocket'], auth, extraHeaders: headers, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

function ask(socket: Socket, event: string, payload: unknown): Promise<unknown> {
  tally.cases++;
  return socket.timeout(5_000).emitWithAck(event, payload);
}

describe('fuzz: socket events', () => {
  it('/kiosk kiosk:heartbeat with junk answers { ok: false, error: invalid-input }; the socket stays', async () => {
    const socket = await open(KIOSK_NAMESPACE, { token: s.deviceToken });
    const valid = { online: true, outbox: 0, oldestQueuedMs: 0, appVersion: 'fuzz', clientTime: Date.now() };
    try {
      await check(fc.oneof(junk, mutate(valid)), 700, async (payload) => {
        const ack = (await ask(socket, 'kiosk:heartbeat', payload)) as { ok: boolean; error?: string };
        if (!ack.ok) expect(ack.error, JSON.stringify(payload).slice(0, 300)).toBe('invalid-input');
        // Events the server does not know, and known ones without an ack, are ignored.
        socket.emit(`kiosk:unknown-${tally.cases % 7}`, payload);
        socket.emit('kiosk:heartbeat', payload);
        expect(socket.connected).toBe(true);
      });
    } finally {
      socket.close();
    }
  });

  it('/dashboard subscribe, unsubscribe and snapshot with junk answer { ok } or a named refusal, never internal', async () => {
    const socket = await open(DASHBOARD_NAMESPACE, { token: tokenOf(admin) });
    const request = fc.oneof(
      junk,
      fc.record({ servicePointId: fc.oneof(fc.constantFrom('sp-t1', 'sp-t2', 'nope', '__proto__'), oddText, huge) }, { requiredKeys: [] }),
      fc.record({ unitId: fc.oneof(fc.constantFrom('unit-a', 'unit-b', 'constructor'), oddText) }),
    );
    try {
      await check(fc.tuple(fc.constantFrom('dashboard:subscribe', 'dashboard:unsubscribe', 'dashboard:snapshot'), request), 500, async ([event, payload]) => {
        const ack = (await ask(socket, event, payload)) as { ok: boolean; error?: { code: string } };
        if (!ack.ok) expect(['invalid-input', 'not-found', 'forbidden'], `${event} ${JSON.stringify(payload).slice(0, 300)}`).toContain(ack.error?.code);
        expect(socket.connected).toBe(true);
      });
    } finally {
      socket.close();
    }
  });

  it('handshakes with junk tokens and cookies are refused by name, never internal', async () => {
    const auth = fc.oneof(junk.map((token) => ({ token })), fc.constant({}), ascii(80).map((token) => ({ token })));
    await check(fc.tuple(fc.constantFrom(KIOSK_NAMESPACE, DASHBOARD_NAMESPACE), auth, cookieHeader), 150, async ([ns, a, cookie]) => {
      tally.cases++;
      const err = await open(ns, a as Record<string, unknown>, cookie ? { cookie } : {}).then(
        (sock) => {
          sock.close();
          return null;
        },
        (e: Error & { data?: { code?: string } }) => e,
      );
      expect(err, `${ns} ${JSON.stringify(a).slice(0, 200)} ${cookie}`).not.toBeNull();
      const code = err!.data?.code ?? err!.message;
      expect(['unauthorized', 'forbidden'], `${ns} ${JSON.stringify(a).slice(0, 200)} ${cookie}`).toContain(code);
    });
  });
});

describe('after the fuzz', () => {
  it('the server still answers, stored = 201s + batch items stored, and every response has its aggregates', async () => {
    expect((await s.api('/api/health')).status).toBe(200);
    const stored = (await storedCount()) - storedBefore;
    expect(stored).toBe(tally.created + tally.batchStored);
    expect(tally.created).toBeGreaterThan(100);
    const summary = (await (await s.api('/api/v1/stats/summary?verified=all', { cookie: admin })).json()) as { responses: number };
    expect(summary.responses).toBe(await countedCount());
    expect(tally.cases).toBeGreaterThanOrEqual(runs(10_000));
  });
});
