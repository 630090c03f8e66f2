import type { Response } from 'express';

/**
 * A JSON reply written directly: the bytes and headers express's res.json()
 * writes for a POST answer (`application/json; charset=utf-8`, its length,
 * the body), without its per-call content-type parse-and-format, charset
 * lookup and freshness check. For the ingest path, where every kiosk press
 * pays for them; other routes keep res.json().
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
