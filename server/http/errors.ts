import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../domain/errors';
import type { Logger } from 'pino';
import { errorEnvelope } from '../../shared/api/errors';
import { audienceOf, sendErrorPage, textForStatus, wantsPage } from './error-page';

/** One error shape for every endpoint: { error: { code, message, details? } }. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    // A person's browser on a page (not /api): a page, never the JSON envelope (error-page.ts).
    if (wantsPage(req)) {
      const status = err instanceof DomainError ? err.status : (err as { status?: number }).status ?? 500;
      const known = status >= 400 && status < 500;
      if (!known) log.error({ err, reqId: req.id }, 'unhandled error');
      const audience = audienceOf(req);
      sendErrorPage(res, { status: known ? status : 500, text: textForStatus(known ? status : 500, audience), audience, reference: known ? undefined : req.id });
      return;
    }
    if (err instanceof DomainError) {
      res.status(err.status).json(errorEnvelope(err.code, err.message, err.details));
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') {
      res.status(413).json(errorEnvelope('payload-too-large', 'Request body is too large'));
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json(errorEnvelope('invalid-input', 'Body is not valid JSON', [{ path: '', message: 'malformed JSON' }]));
      return;
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      res.status(e.status).json(errorEnvelope('invalid-input', e.message ?? 'Bad request'));
      return;
    }
    log.error({ err, reqId: req.id }, 'unhandled error');
    res.status(500).json(errorEnvelope('internal', 'Internal error', undefined, req.id));
  };
}

/** Unknown route: the JSON envelope under /api and for programs, an HTML page for a person's browser. */
export const notFound: RequestHandler = (req, res) => {
  if (wantsPage(req)) return sendErrorPage(res, { status: 404, text: textForStatus(404, audienceOf(req)), audience: audienceOf(req) });
  res.status(404).json(errorEnvelope('not-found', `No route for ${req.method} ${req.path}`));
};

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
  }
}
