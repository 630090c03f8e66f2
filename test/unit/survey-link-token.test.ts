import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signLinkToken, verifyLinkToken } from '../../server/domain/survey-link.token';
import { deriveLinkKeys } from '../../server/domain/survey-link.secret';

const key = randomBytes(32);
const now = Date.UTC(2026, 2, 1);
const exp = Math.floor(now / 1000) + 3600;

describe('dossier-link tokens', () => {
  it('verify() accepts a token it signed and returns its payload', () => {
    const token = signLinkToken({ id: 'link-abc123', exp }, key);
    expect(verifyLinkToken(token, key, now)).toEqual({ ok: true, payload: { id: 'link-abc123', exp } });
  });

  it('are URL-safe and short enough for a receipt QR code', () => {
    const token = signLinkToken({ id: randomBytes(12).toString('base64url'), exp }, key);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(120);
  });

  it('verify() refuses a token whose payload was edited (a later expiry)', () => {
    const token = signLinkToken({ id: 'link-abc123', exp }, key);
    const forgedBody = Buffer.from(JSON.stringify({ id: 'link-abc123', exp: exp + 86_400 * 365 })).toString('base64url');
    expect(verifyLinkToken(`${forgedBody}.${token.split('.')[1]}`, key, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('verify() refuses a token signed with another key', () => {
    const token = signLinkToken({ id: 'link-abc123', exp }, randomBytes(32));
    expect(verifyLinkToken(token, key, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('verify() answers "expired" (with the payload) for a genuine token past its expiry', () => {
    const token = signLinkToken({ id: 'link-abc123', exp }, key);
    expect(verifyLinkToken(token, key, (exp + 1) * 1000)).toEqual({ ok: false, reason: 'expired', payload: { id: 'link-abc123', exp } });
  });

  it.each([
    ['empty', ''],
    ['no signature', 'eyJpZCI6IngifQ'],
    ['three parts', 'a.b.c'],
    ['garbage', '!!!.???'],
    ['overlong', `${'a'.repeat(600)}.b`],
  ])('verify() refuses a malformed token (%s)', (_name, token) => {
    expect(verifyLinkToken(token, key, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('deriveLinkKeys() gives different keys for token signatures and dossier hashes', () => {
    const keys = deriveLinkKeys(Buffer.from('x'.repeat(32)));
    expect(keys.token.equals(keys.dossier)).toBe(false);
    expect(keys.token.equals(deriveLinkKeys(Buffer.from('x'.repeat(32))).token)).toBe(true);
  });
});
