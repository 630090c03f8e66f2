/**
 * Issue 9, item 1: the failure counter was checked, then scrypt ran, then the
 * counter was bumped — so 150 parallel wrong passwords were all verified; and
 * ten wrong passwords from anywhere locked the real user out.
 *
 * The service is built here with a counting password verifier on the real
 * store of a running test server, so "verified" is counted, not guessed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { AuthService, LOGIN_LIMITS, verifyPassword } from '../../server/domain/auth.service';
import { DomainError } from '../../server/domain/errors';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

function countingAuth() {
  const seen = { verified: 0, delays: [] as number[] };
  const auth = new AuthService(s.ctx.entities, s.ctx.store, 3600_000, undefined, {
    verifyPassword: (password, hash) => {
      seen.verified++;
      return verifyPassword(password, hash);
    },
    // A real timer, only shorter than in production; the requested delay is recorded.
    sleep: (ms) => {
      seen.delays.push(ms);
      return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)));
    },
  });
  return { auth, seen };
}

const outcome = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (err: unknown) => (err instanceof DomainError ? err.code : 'error'),
  );

describe('login lockout', () => {
  it('200 parallel wrong passwords from one address: at most the allowed number are verified', async () => {
    const { auth, seen } = countingAuth();
    await auth.createUser({ orgId: 'org-main', email: 'parallel@test.local', name: 'P', role: 'manager', password: 'parallel-pass-1' });
    const results = await Promise.all(Array.from({ length: 200 }, () => outcome(auth.login('parallel@test.local', 'wrong-password', '192.0.2.1'))));
    expect(seen.verified).toBeLessThanOrEqual(LOGIN_LIMITS.perAddress);
    expect(results.filter((r) => r === 'unauthorized').length).toBe(seen.verified);
    expect(results.filter((r) => r === 'rate-limited').length).toBe(200 - seen.verified);
    // The same address stays locked even with the right password.
    expect(await outcome(auth.login('parallel@test.local', 'parallel-pass-1', '192.0.2.1'))).toBe('rate-limited');
  });

  it('an attack from many addresses cannot lock the real user out; it only slows the account down', async () => {
    const { auth, seen } = countingAuth();
    await auth.createUser({ orgId: 'org-main', email: 'victim@test.local', name: 'V', role: 'manager', password: 'victim-pass-1' });
    const attackers = Array.from({ length: 5 }, (_, i) => `198.51.100.${i + 1}`);
    const attack = attackers.flatMap((addr) => Array.from({ length: 40 }, () => outcome(auth.login('victim@test.local', 'wrong-password', addr))));
    const results = await Promise.all(attack);
    expect(seen.verified).toBeLessThanOrEqual(attackers.length * LOGIN_LIMITS.perAddress);
    expect(results.filter((r) => r === 'rate-limited').length).toBeGreaterThanOrEqual(200 - attackers.length * LOGIN_LIMITS.perAddress);
    // The per-account throttle made the attempts wait longer and longer, up to its cap.
    expect(seen.delays.length).toBeGreaterThan(0);
    expect(Math.max(...seen.delays)).toBe(LOGIN_LIMITS.maxDelayMs);

    const before = seen.delays.length;
    const real = await auth.login('victim@test.local', 'victim-pass-1', '203.0.113.50');
    expect(real.user.email).toBe('victim@test.local');
    expect(seen.delays.length).toBe(before + 1); // slowed down, not locked out
  });

  it('an address that failed a few times is not delayed by the account throttle', async () => {
    const { auth, seen } = countingAuth();
    await auth.createUser({ orgId: 'org-main', email: 'typo@test.local', name: 'T', role: 'manager', password: 'typo-pass-12' });
    for (let i = 0; i < 3; i++) expect(await outcome(auth.login('typo@test.local', 'typo-pass-13', '192.0.2.9'))).toBe('unauthorized');
    await auth.login('typo@test.local', 'typo-pass-12', '192.0.2.9');
    expect(seen.delays).toEqual([]);
  });
});
