/**
 * Admin accounts and sessions. Passwords are hashed with scrypt (memory-hard,
 * in Node's crypto, no native add-on); sessions are random tokens whose hash
 * is stored, so a leaked database cannot be replayed as cookies, and several
 * nodes share them through the store.
 */
import { randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { sha256 } from './canonical';
import { DomainError } from './errors';
import { userEmailLookup, type Entities, type Role, type User } from './entities';
import type { Store } from '../store/types';
import type { AuditService } from './audit.service';
import type { EventBus } from './events';

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

const LOGIN_WINDOW_MS = 15 * 60_000;
const MAX_LOGIN_FAILURES = 10;

/** A dummy hash so an unknown e-mail costs the same time as a wrong password. */
let dummyHash: Promise<string> | null = null;

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
  ) {}

  async createUser(u: { orgId: string; email: string; name: string; role: Role; unitId?: string | null; password: string }): Promise<User> {
    if (u.role === 'unit-head' && !u.unitId) throw new DomainError('invalid-input', 'A unit head needs a unit', [{ path: 'unitId', message: 'required for unit-head' }]);
    const user: User = {
      id: randomUUID(),
      orgId: u.orgId,
      email: u.email.toLowerCase(),
      name: u.name,
      role: u.role,
      unitId: u.role === 'unit-head' ? (u.unitId ?? null) : null,
      passwordHash: await hashPassword(u.password),
      disabled: false,
    };
    if ((await this.entities.insert('user', user)) === 'duplicate') {
      throw new DomainError('conflict', 'A user with this e-mail exists', [{ path: 'email', message: 'already used' }]);
    }
    return user;
  }

  /** Returns the session token (for the cookie) and the user. */
  async login(email: string, password: string): Promise<{ token: string; user: PublicUser; expiresAt: string }> {
    // Only failures count, so an officer who logs in often is never locked out;
    // ten wrong passwords for one address in a window lock it until the window ends.
    const window = Math.floor(Date.now() / LOGIN_WINDOW_MS) * LOGIN_WINDOW_MS;
    const failKey = `login-fail:${email.toLowerCase()}`;
    if ((await this.store.readCounter(failKey, window)) >= MAX_LOGIN_FAILURES) {
      throw new DomainError('rate-limited', 'Too many failed logins; try again in 15 minutes');
    }
    const user = await this.entities.find('user', userEmailLookup(email));
    const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : await verifyPassword(password, await (dummyHash ??= hashPassword('x')));
    if (!user || user.disabled || !ok) {
      await this.store.bumpCounter(failKey, window, window + LOGIN_WINDOW_MS);
      throw new DomainError('unauthorized', 'Wrong e-mail or password');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.sessionTtlMs).toISOString();
    await this.entities.insert('session', { id: sha256(token), userId: user.id, expiresAt });
    await this.effects?.audit.record({ orgId: user.orgId, actor: user.email, action: 'auth.login', target: user.id });
    return { token, user: publicUser(user), expiresAt };
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

