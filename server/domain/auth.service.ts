/**
 * Admin accounts and sessions. Passwords are hashed with scrypt (memory-hard,
 * in Node's crypto, no native add-on); sessions are random tokens whose hash
 * is stored, so a leaked database cannot be replayed as cookies, and several
 * nodes share them through the store.
 */
import { randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { sha256 } from './canonical';
import { DomainError, invalid } from './errors';
import { passwordProblem } from './password-policy';
import { userEmailLookup, type Entities, type Role, type User } from './entities';
import type { Store } from '../store/types';
import type { AuditService } from './audit.service';
import type { EventBus } from './events';
import { setTimeout as delay } from 'node:timers/promises';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, { ...opts, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: +N, r: +r, p: +p });
  return timingSafeEqual(key, expected);
}

export type PublicUser = Omit<User, 'passwordHash'>;
export const publicUser = ({ passwordHash: _h, ...u }: User): PublicUser => u;

/**
 * Login limits. The hard limit keys on (account, client address), so an
 * attacker elsewhere cannot lock the real user out; the per-account throttle
 * makes every attempt beyond `accountFree` in an hour wait longer (doubling up
 * to `maxDelayMs`) before its password is checked, whichever address it comes
 * from, so spreading a guessing attack over many addresses buys little.
 */
export interface LoginLimits {
  perAddress: number;
  windowMs: number;
  accountFree: number;
  accountWindowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const LOGIN_LIMITS: Readonly<LoginLimits> = {
  /** Failed attempts per account and address in `windowMs`; the next is refused with 429 unchecked. */
  perAddress: 10,
  windowMs: 15 * 60_000,
  /** Failed attempts per account (any address) in `accountWindowMs` before the delay starts. */
  accountFree: 10,
  accountWindowMs: 60 * 60_000,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
};

/** The delay before checking a password when the account has `failures` recent failed attempts (this one included). */
export function throttleDelayMs(failures: number, limits: Pick<LoginLimits, 'accountFree' | 'baseDelayMs' | 'maxDelayMs'> = LOGIN_LIMITS): number {
  const excess = failures - limits.accountFree;
  if (excess <= 0) return 0;
  return Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** Math.min(excess - 1, 30));
}

export interface AuthOptions {
  /** The password check; a test counts calls through it. */
  verifyPassword?: (password: string, stored: string) => Promise<boolean>;
  /** Waits without holding a worker (a timer); a test shortens it. */
  sleep?: (ms: number) => Promise<void>;
  limits?: LoginLimits;
}

/** A dummy hash so an unknown e-mail costs the same time as a wrong password. */
let dummyHash: Promise<string> | null = null;

const windowOf = (now: number, size: number): number => Math.floor(now / size) * size;

export class AuthService {
  /**
   * `effects` records logins in the audit log and announces logouts (so live
   * connections of the session close); the composition root always passes
   * them, a test that only needs users may leave them out.
   */
  constructor(
    private readonly entities: Entities,
    private readonly store: Store,
    private readonly sessionTtlMs: number,
    private readonly effects?: { audit: AuditService; events: EventBus },
    opts: AuthOptions = {},
  ) {
    this.verify = opts.verifyPassword ?? verifyPassword;
    this.sleep = opts.sleep ?? ((ms) => delay(ms));
    this.limits = opts.limits ?? LOGIN_LIMITS;
  }

  private readonly verify: (password: string, stored: string) => Promise<boolean>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly limits: LoginLimits;

  /** `temporary`: the password was made for the person (shown once), who must change it at first login. */
  async createUser(u: { orgId: string; email: string; name: string; role: Role; unitId?: string | null; password: string; temporary?: boolean }): Promise<User> {
    if (u.role === 'unit-head' && !u.unitId) throw new DomainError('invalid-input', 'A unit head needs a unit', [{ path: 'unitId', message: 'required for unit-head' }]);
    const weak = passwordProblem(u.password, { email: u.email });
    if (weak) throw invalid([{ path: 'password', message: weak }], 'The password is too weak');
    const user: User = {
      id: randomUUID(),
      orgId: u.orgId,
      email: u.email.toLowerCase(),
      name: u.name,
      role: u.role,
      unitId: u.role === 'unit-head' ? (u.unitId ?? null) : null,
      passwordHash: await hashPassword(u.password),
      disabled: false,
      ...(u.temporary ? { mustChangePassword: true } : {}),
    };
    if ((await this.entities.insert('user', user)) === 'duplicate') {
      throw new DomainError('conflict', 'A user with this e-mail exists', [{ path: 'email', message: 'already used' }]);
    }
    return user;
  }

  /**
   * Returns the session token (for the cookie) and the user. `address` is the
   * client's address as the trusted proxy saw it (see TRUST_PROXY).
   *
   * Every attempt is counted in the store *before* its password is checked:
   * the count comes back from one atomic bump, so of any number of parallel
   * attempts at most `perAddress` get past, whatever their timing, on one node
   * or many. A success is counted too and taken off, so only failures (and
   * attempts still in flight) use up the allowance: an officer who simply logs
   * in often is never locked out.
   */
  async login(email: string, password: string, address = 'unknown'): Promise<{ token: string; user: PublicUser; expiresAt: string }> {
    const user = await this.checkPassword(email, password, address);
    if (!user) throw new DomainError('unauthorized', 'Wrong e-mail or password');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.sessionTtlMs).toISOString();
    await this.entities.insert('session', { id: sha256(token), userId: user.id, expiresAt });
    await this.effects?.audit.record({ orgId: user.orgId, actor: user.email, action: 'auth.login', target: user.id });
    return { token, user: publicUser(user), expiresAt };
  }

  /**
   * The limited password check behind login and password change: counted
   * first (see login), then throttled per account, then verified. Answers the
   * user when the password is right, null when it is wrong or the account
   * unknown or disabled (the same work either way); throws `rate-limited`.
   */
  private async checkPassword(email: string, password: string, address: string): Promise<User | null> {
    const L = this.limits;
    const now = Date.now();
    const account = email.toLowerCase();
    const pair = { key: `login:${account}@${address}`, window: windowOf(now, L.windowMs) };
    const acct = { key: `login:${account}`, window: windowOf(now, L.accountWindowMs) };

    const tries = await this.store.bumpCounter(`${pair.key}:try`, pair.window, pair.window + L.windowMs);
    const oks = await this.store.readCounter(`${pair.key}:ok`, pair.window);
    if (tries - oks > L.perAddress) {
      throw new DomainError('rate-limited', 'Too many failed logins from this address; try again in 15 minutes');
    }
    // The per-account throttle: a growing wait on a timer (no worker is held), never a refusal.
    const acctTries = await this.store.bumpCounter(`${acct.key}:try`, acct.window, acct.window + L.accountWindowMs);
    const acctOks = await this.store.readCounter(`${acct.key}:ok`, acct.window);
    const wait = throttleDelayMs(acctTries - acctOks, L);
    if (wait > 0) await this.sleep(wait);

    const user = await this.entities.find('user', userEmailLookup(email));
    const ok = user && !user.disabled ? await this.verify(password, user.passwordHash) : await this.verify(password, await (dummyHash ??= hashPassword('x')));
    if (!user || user.disabled || !ok) return null;
    await this.store.bumpCounter(`${pair.key}:ok`, pair.window, pair.window + L.windowMs);
    await this.store.bumpCounter(`${acct.key}:ok`, acct.window, acct.window + L.accountWindowMs);
    return user;
  }

  /**
   * Changes the caller's own password: the current one checked (limited like
   * a login), the new one against the policy; audited. Every other session of
   * the user ends (on every node: they are deleted from the store, and live
   * connections are told), the caller's stays.
   */
  async changePassword(me: PublicUser, currentSessionToken: string | undefined, currentPassword: string, newPassword: string, address = 'unknown'): Promise<void> {
    const weak = passwordProblem(newPassword, { email: me.email });
    if (weak) throw invalid([{ path: 'newPassword', message: weak }], 'The new password is too weak');
    if (newPassword === currentPassword) throw invalid([{ path: 'newPassword', message: 'Mật khẩu mới phải khác mật khẩu hiện tại / must differ from the current password' }]);
    const user = await this.checkPassword(me.email, currentPassword, address);
    if (!user || user.id !== me.id) throw invalid([{ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng / wrong password' }], 'Wrong current password');
    // A password of one's own: the temporary-password gate opens.
    const { mustChangePassword: wasTemporary, ...rest } = user;
    await this.entities.put('user', { ...rest, passwordHash: await hashPassword(newPassword) });

    const keep = currentSessionToken ? sha256(currentSessionToken) : null;
    const ended: string[] = [];
    // Sessions have no index by user; a password change is rare, so one pass over them is fine.
    for (let offset = 0; ; offset += 500) {
      const page = await this.entities.list('session', { limit: 500, offset });
      for (const sess of page) if (sess.userId === user.id && sess.id !== keep) ended.push(sess.id);
      if (page.length < 500) break;
    }
    for (const id of ended) {
      await this.entities.delete('session', id);
      this.effects?.events.emit('session:ended', { sessionId: id });
    }
    await this.effects?.audit.record({ orgId: user.orgId, actor: user.email, action: 'auth.password-change', target: user.id, details: { sessionsEnded: ended.length, ...(wasTemporary ? { temporaryReplaced: true } : {}) } });
  }

  async userForToken(token: string | undefined): Promise<PublicUser | null> {
    if (!token) return null;
    const session = await this.entities.get('session', sha256(token));
    if (!session) return null;
    if (Date.parse(session.expiresAt) < Date.now()) {
      await this.entities.delete('session', session.id);
      return null;
    }
    const user = await this.entities.get('user', session.userId);
    return user && !user.disabled ? publicUser(user) : null;
  }

  /**
   * Whether a session still stands for the user it was opened for, with the
   * same role and unit (a live connection that skipped the login check, such
   * as a recovered socket, asks this).
   */
  async sessionStillValid(sessionId: string, opened: Pick<User, 'id' | 'role' | 'unitId'>): Promise<boolean> {
    const session = await this.entities.get('session', sessionId);
    if (!session || Date.parse(session.expiresAt) < Date.now()) return false;
    const user = await this.entities.get('user', opened.id);
    return !!user && !user.disabled && user.role === opened.role && user.unitId === opened.unitId;
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    const sessionId = sha256(token);
    await this.entities.delete('session', sessionId);
    this.effects?.events.emit('session:ended', { sessionId });
  }
}

