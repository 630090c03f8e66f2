/**
 * Dossier-link tokens: `base64url(payload).base64url(HMAC-SHA256(payload))`
 * with payload `{"id":<link id>,"exp":<epoch seconds>}`. The signature lets
 * any node refuse a forged or edited token without a store read; the link
 * entity the id names stays the authority (expiry, counter, procedure).
 * Pure functions: no store, no clock of their own (tests pass `now`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface LinkTokenPayload {
  /** The survey-link entity id. */
  id: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

export type LinkTokenCheck =
  | { ok: true; payload: LinkTokenPayload }
  | { ok: false; reason: 'invalid' }
  /** Genuine, but past its expiry: the citizen gets "expired", not "invalid". */
  | { ok: false; reason: 'expired'; payload: LinkTokenPayload };

/** Tokens are short (about 110 characters); anything much longer is not ours. */
const MAX_TOKEN_LENGTH = 512;
const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

const mac = (key: Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

export function signLinkToken(payload: LinkTokenPayload, key: Buffer): string {
  const body = Buffer.from(JSON.stringify({ id: payload.id, exp: payload.exp })).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

export function verifyLinkToken(token: string, key: Buffer, nowMs: number): LinkTokenCheck {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'invalid' };
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'invalid' };
  const [body, sig] = parts;
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(key, body);
  // Length first: timingSafeEqual throws on different lengths.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const p = payload as Partial<LinkTokenPayload> | null;
  if (!p || typeof p.id !== 'string' || !ID_PATTERN.test(p.id) || typeof p.exp !== 'number' || !Number.isFinite(p.exp)) {
    return { ok: false, reason: 'invalid' };
  }
  const checked = { id: p.id, exp: p.exp };
  if (checked.exp * 1000 <= nowMs) return { ok: false, reason: 'expired', payload: checked };
  return { ok: true, payload: checked };
}
