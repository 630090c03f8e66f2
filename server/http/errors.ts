import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../domain/errors';
import type { Logger } from 'pino';

/** One error shape for every endpoint: { error: { code, message, details? } }. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof DomainError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'payload-too-large', message: 'Request body is too large' } });
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid-input', message: 'Body is not valid JSON', details: [{ path: '', message: 'malformed JSON' }] } });
      return;
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: { code: 'invalid-input', message: e.message ?? 'Bad request' } });
      return;
    }
    log.error({ err, reqId: req.id }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'Internal error', requestId: req.id } });
  };
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not-found', message: `No route for ${req.method} ${req.path}` } });
};

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
  }
}
