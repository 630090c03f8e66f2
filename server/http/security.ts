/**
 * Security headers for every answer, and the same-origin rule for
 * cookie-authenticated writes.
 *
 * Why an origin check and not SameSite alone: SameSite=Lax separates *sites*,
 * and a page on another port of the same host (or another subdomain) is the
 * same site, so its requests carry the admin's cookie. Browsers tell us where
 * a request comes from (`Sec-Fetch-Site`, and `Origin` on every non-GET), so
 * a write that carries the session cookie must come from our own origin.
 * Requests without the cookie (kiosk bearer tokens, integration keys, the QR
 * page) are not cookie-authenticated and are not checked; clients that send
 * neither header are not browsers (curl, the one-stop software) and pass.
 * The rule follows Go's net/http CrossOriginProtection.
 */
import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config';
import { readCookie, SESSION_COOKIE } from '../cookies';
import { DomainError } from '../domain/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A login is a write too: a forged one signs the victim into the attacker's account. */
const LOGIN_PATH = '/api/v1/auth/login';

/**
 * One policy for every page we serve (kiosk, QR page, posters, admin):
 * scripts only from our own files — no inline script, no inline handler, no
 * eval; no framing (clickjacking of the admin, and of the kiosk's buttons).
 * Inline *styles* stay allowed: the QR page and posters inline their style
 * sheet to save a round trip on slow phones, and a style cannot run code.
 * The API docs page sets its own, stricter policy.
 */
export function securityHeaders(config: Pick<Config, 'secure'>): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        // 'self' covers the socket.io websocket on the same host and port.
        'connect-src': ["'self'"],
        'worker-src': ["'self'"],
        'manifest-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        // Only on https: on a plain-http office LAN it would send every request to a port that does not answer.
        ...(config.secure ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    xFrameOptions: { action: 'deny' },
    // Only when we are served over https (PUBLIC_URL): HSTS on plain http is ignored, and would be wrong.
    strictTransportSecurity: config.secure ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    // No cross-origin isolation: nothing we serve needs SharedArrayBuffer.
    crossOriginEmbedderPolicy: false,
  });
}

export type OriginVerdict = 'same-origin' | 'not-a-browser' | 'cross-origin';

/** Where a request comes from, by the headers browsers set and pages cannot forge. */
export function requestOrigin(req: Pick<Request, 'headers'>, publicUrl: string): OriginVerdict {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== '') {
    // 'none': the user typed the address or used a bookmark — no page is involved.
    return site === 'same-origin' || site === 'none' ? 'same-origin' : 'cross-origin';
  }
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === '') return 'not-a-browser';
  let from: URL;
  try {
    from = new URL(origin); // 'null' (sandboxed frames, file:, some redirects) throws: cross-origin
  } catch {
    return 'cross-origin';
  }
  if (from.origin === new URL(publicUrl).origin) return 'same-origin';
  // Without a proxy, our origin is the Host the browser asked for (the port included).
  return from.host === req.headers.host ? 'same-origin' : 'cross-origin';
}

/** Refuses (403, naming `origin`) a state-changing request that carries the session cookie from another origin. */
export function sameOriginWrites(config: Pick<Config, 'publicUrl'>): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const cookieAuthenticated = readCookie(req.headers.cookie, SESSION_COOKIE) !== undefined;
    if (!cookieAuthenticated && req.path !== LOGIN_PATH) return next();
    if (requestOrigin(req, config.publicUrl) !== 'cross-origin') return next();
    next(
      new DomainError('forbidden', 'Cross-origin request refused: open the dashboard from this server itself', [
        { path: 'origin', message: 'Yêu cầu từ trang khác bị từ chối / request from another origin refused' },
      ]),
    );
  };
}
