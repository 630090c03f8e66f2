/**
 * Short numeric PINs (the office's kiosk PIN, an officer's PIN): kept as a
 * salted scrypt hash, compared in constant time. A 4–8 digit PIN is weak by
 * nature, so the hash is never sent anywhere and every check is rate-limited
 * by its caller (store counters).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LEN = 32;
/** Lighter than a password hash: PINs are checked behind attempt limits, on a shared small server. */
const COST = { N: 1 << 14, r: 8, p: 1 } as const;

const derive = (pin: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) => scrypt(pin, salt, KEY_LEN, COST, (err, key) => (err ? reject(err) : resolve(key))));

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${(await derive(pin, salt)).toString('base64url')}`;
}

export async function verifyPin(pin: string, stored: string | null | undefined): Promise<boolean> {
  const [kind, salt, hash] = (stored ?? '').split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(pin, Buffer.from(salt, 'base64url'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
