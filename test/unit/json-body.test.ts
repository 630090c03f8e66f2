/**
 * The ingest route's JSON reader must answer every body as express.json()
 * does (the route's 400/413/415 replies and the parsed value depend on it):
 * both run behind the same tiny app, and each case is held against the other.
 */
import express, { type ErrorRequestHandler } from 'express';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBody } from '../../server/http/json-body';

const LIMIT = 1024;
let server: Server;
let port: number;

beforeAll(async () => {
  const app = express();
  const echo: express.RequestHandler = (req, res) => res.json({ body: req.body === undefined ? '(undefined)' : req.body });
  app.post('/fast', jsonBody(LIMIT), echo);
  app.post('/ref', express.json({ limit: LIMIT }), echo);
  const onError: ErrorRequestHandler = (err: { status?: number; type?: string }, _req, res, _next) => {
    res.status(err.status ?? 500).json({ type: err.type ?? null });
  };
  app.use(onError);
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Raw request, so bodies and headers go exactly as written (no client normalisation). */
function post(path: string, body: Buffer | string, headers: Record<string, string | undefined>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) if (v !== undefined) h[k] = v;
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = 'application/json';
const cases: { name: string; body: Buffer | string; headers: Record<string, string | undefined> }[] = [
  { name: 'a rating body', body: '{"id":"a","answers":{"O":5}}', headers: { 'content-type': json } },
  { name: 'charset=utf-8, any case', body: '{"a":"Hài lòng"}', headers: { 'content-type': 'Application/JSON; Charset=UTF-8' } },
  { name: 'a quoted charset', body: '{"a":1}', headers: { 'content-type': 'application/json; charset="utf-8"' } },
  { name: 'a leading BOM', body: '\ufeff{"a":1}', headers: { 'content-type': json } },
  { name: 'leading whitespace', body: ' \n\t{"a":[1,2]}', headers: { 'content-type': json } },
  { name: 'an array', body: '[1,2,3]', headers: { 'content-type': json } },
  { name: 'an empty body', body: '', headers: { 'content-type': json } },
  { name: 'a bare string (strict)', body: '"x"', headers: { 'content-type': json } },
  { name: 'a bare number after whitespace (strict)', body: '  1', headers: { 'content-type': json } },
  { name: 'malformed JSON', body: '{"a":', headers: { 'content-type': json } },
  { name: 'invalid UTF-8 bytes', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: { 'content-type': json } },
  { name: 'a __proto__ key', body: '{"__proto__":{"x":1},"a":1}', headers: { 'content-type': json } },
  { name: 'too large', body: `{"a":"${'x'.repeat(LIMIT)}"}`, headers: { 'content-type': json } },
  { name: 'exactly at the limit', body: `{"a":"${'x'.repeat(LIMIT - 8)}"}`, headers: { 'content-type': json } },
  { name: 'another charset', body: '{"a":1}', headers: { 'content-type': 'application/json; charset=latin1' } },
  { name: 'utf-16', body: Buffer.from('{"a":1}', 'utf16le'), headers: { 'content-type': 'application/json; charset=utf-16le' } },
  { name: 'another type', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { name: 'no content type', body: '{"a":1}', headers: {} },
  { name: 'gzip', body: gzipSync('{"a":1}'), headers: { 'content-type': json, 'content-encoding': 'gzip' } },
  { name: 'an unknown encoding', body: '{"a":1}', headers: { 'content-type': json, 'content-encoding': 'x-unknown' } },
  { name: 'chunked', body: '{"a":1}', headers: { 'content-type': json, 'transfer-encoding': 'chunked' } },
];

describe('jsonBody', () => {
  for (const c of cases) {
    it(`answers ${c.name} as express.json() does`, async () => {
      const fast = await post('/fast', c.body, c.headers);
      const ref = await post('/ref', c.body, c.headers);
      expect(fast).toEqual(ref);
    });
  }

  it('parses the rating body itself (not only the same failure as the reference)', async () => {
    const r = await post('/fast', '{"id":"a","answers":{"O":5}}', { 'content-type': json });
    expect(r).toEqual({ status: 200, text: '{"body":{"id":"a","answers":{"O":5}}}' });
  });
});
