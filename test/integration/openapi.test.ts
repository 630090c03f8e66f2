/**
 * The OpenAPI document against the real server: every /api/v1 route the
 * express app registers is in the document and the other way round, the
 * document looks like valid OpenAPI 3.1, and what the server really answers
 * is what the document's schemas say (no field more, none missing).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createApp } from '../../server/app';
import { servedRoutes } from '../helpers/express-routes';
import { buildOpenApiDocument } from '../../server/http/openapi/document';
import { ROUTES, openApiPath, type Method } from '../../server/http/openapi/routes-table';
import { ErrorEnvelopeSchema } from '../../shared/api';

let s: TestServer;
let admin: string;
const doc = buildOpenApiDocument('test');

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login();
});
afterAll(async () => {
  await s.stop();
});

describe('the OpenAPI document covers the API', () => {
  it('lists every /api/v1 route express serves, and no route express does not serve', () => {
    const served = new Set(servedRoutes(createApp(s.ctx)));
    expect(served.size).toBeGreaterThan(30);

    const documented = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths ?? {})) {
      for (const m of Object.keys(item as object)) documented.add(`${m} ${p.replace(/\{([^}]+)\}/g, ':$1')}`);
    }
    const missing = [...served].filter((r) => !documented.has(r));
    const extra = [...documented].filter((r) => !served.has(r));
    expect(missing, 'served but not in the OpenAPI document (add a row to server/http/openapi/routes-table.ts)').toEqual([]);
    expect(extra, 'in the OpenAPI document but not served').toEqual([]);
  });

  it('is OpenAPI 3.1: versioned, every operation answers something, ids unique, every $ref resolves', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, { operationId?: string; responses?: object; parameters?: { in: string; name: string }[] }>)) {
        expect(Object.keys(op.responses ?? {}).length, `${method} ${p} has no responses`).toBeGreaterThan(0);
        expect(op.operationId).toBeTruthy();
        expect(ids.has(op.operationId!), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId!);
        for (const name of [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])) {
          expect(op.parameters?.some((x) => x.in === 'path' && x.name === name), `${method} ${p} declares {${name}}`).toBe(true);
        }
      }
    }
    const schemas = doc.components?.schemas ?? {};
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((r) => !(r in schemas))).toEqual([]);
  });
});

describe('GET /api/v1/openapi.json and /api/v1/docs', () => {
  it('serves the document as JSON, without a session', async () => {
    const res = await s.api('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const served = await res.json();
    expect(served.openapi).toBe(doc.openapi);
    expect(Object.keys(served.paths)).toEqual(Object.keys(doc.paths ?? {}));
  });

  it('serves a readable page with every route, Vietnamese first, and no script', async () => {
    const res = await s.api('/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\s*<html lang="vi">/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\/(?!example)/); // nothing fetched from elsewhere: the machine may be offline
    for (const r of ROUTES) expect(html, r.path).toContain(`/api/v1${openApiPath(r.path)}`);
    const css = await s.api('/api/v1/docs/style.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });
});

describe('the server answers what the document says', () => {
  /** The schema the route table gives for this answer (an ErrorEnvelope for a listed error status). */
  const schemaFor = (method: Method, path: string, status: number): z.ZodType => {
    const route = ROUTES.find((r) => r.method === method && r.path === path);
    if (!route) throw new Error(`no route ${method} ${path} in the table`);
    if (route.errors.includes(status)) return ErrorEnvelopeSchema;
    const body = route.responses.find((r) => r.status === status);
    if (!body?.schema) throw new Error(`${method} ${path} does not document ${status}`);
    return body.schema;
  };

  /** Parses strictly: the parsed value must equal the JSON, so no undocumented field passes unseen. */
  async function conforms(method: Method, path: string, res: Response): Promise<any> {
    // `any`: the caller reads a few fields of whatever this endpoint answers; the schema check is the point here.
    const json = await res.json();
    const parsed = schemaFor(method, path, res.status).safeParse(json);
    expect(parsed.success, `${method} ${path} ${res.status}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))}`).toBe(true);
    expect(parsed.data, `${method} ${path} has fields its schema does not name`).toEqual(json);
    return json;
  }
  const kiosk = () => ({ authorization: `Bearer ${s.deviceToken}` });
  const get = (p: string, headers: Record<string, string> = {}) => s.api(`/api/v1${p}`, { cookie: admin, headers });

  it('session, organisation and structure reads', async () => {
    await conforms('get', '/me', await get('/me'));
    await conforms('get', '/organisation', await get('/organisation'));
    for (const p of ['/units', '/service-points', '/officers', '/procedures', '/surveys', '/audit'] as const) await conforms('get', p, await get(p));
    const duty = await s.api('/api/v1/service-points/sp-t1/duty', { method: 'PUT', cookie: admin, json: { officerId: 'off-1' } });
    await conforms('put', '/service-points/:id/duty', duty);
    const login = await s.api('/api/v1/auth/login', { method: 'POST', json: { email: 'admin@test.local', password: 'test-password-1' } });
    await conforms('post', '/auth/login', login);
    const bad = await s.api('/api/v1/auth/login', { method: 'POST', json: { email: 'nobody' } });
    expect(bad.status).toBe(400);
    await conforms('post', '/auth/login', bad);
  });

  it('responses, their list and exclusion, and the figures', async () => {
    const one = { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 2 }, comment: 'Chờ lâu' };
    const first = await s.api('/api/v1/responses', { method: 'POST', json: one, headers: kiosk() });
    expect(first.status).toBe(201);
    await conforms('post', '/responses', first);
    const batch = await s.api('/api/v1/responses/batch', {
      method: 'POST',
      headers: kiosk(),
      json: { responses: [one, { id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 9 } }] },
    });
    const answered = await conforms('post', '/responses/batch', batch);
    expect(answered.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'invalid']);

    const list = await conforms('get', '/responses', await get('/responses?withComment=true'));
    expect(list.items[0]).not.toHaveProperty('bodyHash');
    await conforms('post', '/responses/:id/exclusion', await s.api(`/api/v1/responses/${one.id}/exclusion`, { method: 'POST', cookie: admin, json: { reason: 'Thử nghiệm' } }));
    await conforms('delete', '/responses/:id/exclusion', await s.api(`/api/v1/responses/${one.id}/exclusion`, { method: 'DELETE', cookie: admin }));

    await conforms('get', '/stats/summary', await get('/stats/summary?verified=all'));
    await conforms('get', '/stats/timeseries', await get('/stats/timeseries?bucket=day'));
    await conforms('get', '/stats/breakdown', await get('/stats/breakdown?groupBy=channel'));
  });

  it('devices, enrolment and the kiosk configuration', async () => {
    await conforms('get', '/devices', await get('/devices'));
    await conforms('get', '/devices/:id', await get('/devices/dev-t1'));
    const missing = await get('/devices/no-such-device');
    expect(missing.status).toBe(404);
    await conforms('get', '/devices/:id', missing);
    const made = await conforms('post', '/devices', await s.api('/api/v1/devices', { method: 'POST', cookie: admin, json: { servicePointId: 'sp-t2' } }));
    const deviceId = made.device.id as string;
    await conforms('patch', '/devices/:id', await s.api(`/api/v1/devices/${deviceId}`, { method: 'PATCH', cookie: admin, json: { name: 'Kiosk T2' } }));
    const code = await conforms('post', '/devices/:id/enrolment-code', await s.api(`/api/v1/devices/${deviceId}/enrolment-code`, { method: 'POST', cookie: admin }));
    await conforms('post', '/devices/enrol', await s.api('/api/v1/devices/enrol', { method: 'POST', json: { code: code.code } }));
    await conforms('post', '/devices/:id/revoke', await s.api(`/api/v1/devices/${deviceId}/revoke`, { method: 'POST', cookie: admin }));
    await conforms('get', '/kiosk/config', await s.api('/api/v1/kiosk/config', { headers: kiosk() }));
  });

  it('integration keys, dossier links and the QR page context', async () => {
    const key = await conforms('post', '/integration-keys', await s.api('/api/v1/integration-keys', { method: 'POST', cookie: admin, json: { name: 'Một cửa' } }));
    await conforms('get', '/integration-keys', await get('/integration-keys'));
    const link = await conforms(
      'post',
      '/survey-links',
      await s.api('/api/v1/survey-links', { method: 'POST', headers: { authorization: `Bearer ${key.key}` }, json: { counter: 'T1', procedureCode: '1.000001', dossierRef: 'HS-openapi-1' } }),
    );
    await conforms('get', '/public/survey-context', await s.api(`/api/v1/public/survey-context?token=${encodeURIComponent(link.token)}`));
    await conforms('get', '/public/survey-context', await s.api('/api/v1/public/survey-context?counter=T1'));
    await conforms('get', '/survey-links/stats', await get('/survey-links/stats'));
    await conforms('delete', '/integration-keys/:id', await s.api(`/api/v1/integration-keys/${key.id}`, { method: 'DELETE', cookie: admin }));
  });

  it('posters, QR images and logout answer the documented media types', async () => {
    for (const path of ['/service-points/:id/poster', '/service-points/:id/qr.svg', '/service-points/:id/qr.png'] as const) {
      const res = await get(path.replace(':id', 'sp-t1'));
      expect(res.status).toBe(200);
      const documented = ROUTES.find((r) => r.method === 'get' && r.path === path)!.responses[0].contentType!;
      expect(res.headers.get('content-type'), path).toContain(documented);
    }
    const session = await s.login();
    const out = await s.api('/api/v1/auth/logout', { method: 'POST', cookie: session });
    expect(out.status).toBe(204);
    expect(ROUTES.find((r) => r.path === '/auth/logout')!.responses.map((r) => r.status)).toEqual([204]);
  });

  it('alerts and their rules', async () => {
    await conforms('get', '/alerts', await get('/alerts?state=all'));
    const rules = await conforms('get', '/alert-rules', await get('/alert-rules'));
    await conforms('put', '/alert-rules', await s.api('/api/v1/alert-rules', { method: 'PUT', cookie: admin, json: { ...rules, webhook: { url: null, events: rules.webhook.events } } }));
  });
});
