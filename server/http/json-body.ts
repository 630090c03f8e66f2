/**
 * The JSON body of the ingest route, read without body-parser's general
 * machinery for the one shape every kiosk sends: `application/json` (UTF-8),
 * no content encoding, a Content-Length within the limit. Anything else —
 * another type or charset, gzip, chunked, too large — goes to express.json()
 * with the same limit, so its answers (413, 415, 400) are unchanged. The fast
 * path parses as express.json() does: UTF-8 with a leading BOM dropped, an
 * empty body as `{}`, only an object or array at the top (strict), a syntax
 * error as `entity.parse.failed` (400 `invalid-input`, errors.ts).
 */
import express, { type RequestHandler } from 'express';

const PLAIN_JSON = /^application\/json[ \t]*(?:;[ \t]*charset=(?:utf-8|"utf-8")[ \t]*)?$/i;
const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

/** What express.json() passes on for a body that does not parse (errors.ts reads `type`). */
function parseFailed(): Error & { status: number; type: string } {
  return Object.assign(new Error('Body is not valid JSON'), { status: 400, statusCode: 400, expose: true, type: 'entity.parse.failed' });
}

function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  const first = text[0] === '{' || text[0] === '[' ? text[0] : FIRST_NON_WHITESPACE.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw parseFailed();
  try {
    return JSON.parse(text);
  } catch {
    throw parseFailed();
  }
}

export function jsonBody(limitBytes: number): RequestHandler {
  const general = express.json({ limit: limitBytes });
  return (req, res, next) => {
    const h = req.headers;
    const length = h['content-length'];
    const fast =
      // Not finished yet, by on-finished's test (body-parser's): otherwise it decides.
      // node sets `upgrade` on the message; @types/node does not declare it.
      !(req as { upgrade?: boolean }).upgrade &&
      req.socket?.readable === true &&
      !(req.complete && !req.readable) &&
      typeof h['content-type'] === 'string' &&
      PLAIN_JSON.test(h['content-type']) &&
      (h['content-encoding'] === undefined || h['content-encoding'].toLowerCase() === 'identity') &&
      h['transfer-encoding'] === undefined &&
      typeof length === 'string' &&
      /^\d{1,9}$/.test(length) &&
      Number(length) <= limitBytes;
    if (!fast) return general(req, res, next);

    const chunks: Buffer[] = [];
    let done = false;
    const finish = (err: unknown, body?: unknown) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (err) return next(err);
      req.body = body;
      next();
    };
    const onData = (c: Buffer) => chunks.push(c);
    const onEnd = () => {
      const buf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      let text = buf.toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let body: unknown;
      try {
        body = parseStrict(text);
      } catch (err) {
        return finish(err);
      }
      finish(null, body);
    };
    // The client went away mid-body: a 400 as express.json() gives (nobody reads it).
    const onError = () => finish(Object.assign(new Error('request aborted'), { status: 400, type: 'request.aborted' }));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}
