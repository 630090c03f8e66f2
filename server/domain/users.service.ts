/**
 * User management (admins only, checked by the HTTP guard and again here):
 * list, create with a temporary password, change name / role / unit,
 * deactivate (never delete: the audit log keeps naming them), reset a
 * password. And every user's own sessions: list them, sign one out.
 *
 * Ending sessions is done here, on the stored session records, so the
 * account rules stay out of auth.service.ts (login, tokens).
 */
import { randomInt } from 'node:crypto';
import { sha256 } from './canonical';
import { DomainError } from './errors';
import type { AuditService } from './audit.service';
import type { EventBus } from './events';
import { hashPassword, publicUser, type AuthService, type PublicUser } from './auth.service';
import type { Entities, Role, User } from './entities';
import { belongsTo, type Caller } from './permissions';

/** A signed-in caller, with their own id (to tell "yourself" apart). */
export type UserCaller = Caller & { id: string };

export interface UsersDeps {
  entities: Entities;
  auth: AuthService;
  audit: AuditService;
  events: EventBus;
}

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  unitId?: string | null;
}

export interface UserPatch {
  name?: string;
  role?: Role;
  unitId?: string | null;
  disabled?: boolean;
}

/** Letters and digits that cannot be misread when copied by hand (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A strong temporary password: 16 characters from a 55-character alphabet
 * (~92 bits), grouped by four so it can be read out; long enough for any
 * password policy and never a common password.
 */
export function temporaryPassword(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** The public id of a session: derived from the stored hash, so the list never hands out what the store keys by. */
export const publicSessionId = (storedId: string): string => sha256(`session-id:${storedId}`).slice(0, 24);

/** The fields an audit entry shows before and after a change. */
const auditView = (u: User) => ({ email: u.email, name: u.name, role: u.role, unitId: u.unitId, disabled: u.disabled });

export class UsersService {
  constructor(private readonly deps: UsersDeps) {}

  async list(caller: Caller): Promise<PublicUser[]> {
    this.mustManage(caller);
    const users = await this.deps.entities.list('user', { orgId: caller.orgId });
    return users.map(publicUser).sort((a, b) => a.email.localeCompare(b.email));
  }

  async create(caller: Caller, input: UserInput): Promise<{ user: PublicUser; temporaryPassword: string }> {
    this.mustManage(caller);
    this.mayGrant(caller, input.role);
    const unitId = await this.unitFor(caller, input.role, input.unitId ?? null);
    const password = temporaryPassword();
    const user = await this.deps.auth.createUser({ orgId: caller.orgId, email: input.email, name: input.name, role: input.role, unitId, password, temporary: true });
    await this.deps.audit.record({ orgId: caller.orgId, actor: caller.email, action: 'user.create', target: user.id, details: { after: auditView(user) } });
    return { user: publicUser(user), temporaryPassword: password };
  }

  async update(caller: UserCaller, id: string, patch: UserPatch): Promise<PublicUser> {
    this.mustManage(caller);
    const before = await this.get(caller, id);
    const self = before.id === caller.id;
    if (patch.role !== undefined) this.mayGrant(caller, patch.role);
    // An admin cannot lock themselves out: their own role and state stay.
    if (self && patch.disabled === true) throw new DomainError('unprocessable', 'You cannot deactivate yourself', [{ path: 'disabled', message: 'cannot deactivate your own account' }]);
    if (self && patch.role !== undefined && patch.role !== before.role) {
      throw new DomainError('unprocessable', 'You cannot change your own role', [{ path: 'role', message: 'cannot change your own role' }]);
    }
    const role = patch.role ?? before.role;
    const unitId = await this.unitFor(caller, role, patch.unitId !== undefined ? patch.unitId : before.unitId);
    const after: User = { ...before, name: patch.name ?? before.name, role, unitId, disabled: patch.disabled ?? before.disabled };
    await this.deps.entities.put('user', after);
    // A deactivated user's sessions end now; a new role or unit is read on the next request,
    // but live connections opened under the old one are closed too (they were scoped by it).
    const rescoped = after.role !== before.role || after.unitId !== before.unitId;
    if ((after.disabled && !before.disabled) || rescoped) await this.endSessions(before.id);
    const action = after.disabled && !before.disabled ? 'user.deactivate' : !after.disabled && before.disabled ? 'user.reactivate' : 'user.update';
    await this.deps.audit.record({ orgId: caller.orgId, actor: caller.email, action, target: before.id, details: { before: auditView(before), after: auditView(after) } });
    return publicUser(after);
  }

  /** A new temporary password (shown once); the user's sessions end. */
  async resetPassword(caller: Caller, id: string): Promise<{ user: PublicUser; temporaryPassword: string }> {
    this.mustManage(caller);
    const user = await this.get(caller, id);
    if (user.disabled) throw new DomainError('unprocessable', 'The user is deactivated', [{ path: '', message: 'reactivate the user first' }]);
    const password = temporaryPassword();
    // Temporary: the person must choose their own at the next login (auth.middleware refuses the rest).
    await this.deps.entities.put('user', { ...user, passwordHash: await hashPassword(password), mustChangePassword: true });
    await this.endSessions(user.id);
    await this.deps.audit.record({ orgId: caller.orgId, actor: caller.email, action: 'user.password-reset', target: user.id, details: { email: user.email } });
    return { user: publicUser(user), temporaryPassword: password };
  }

  /** The caller's own open sessions; `currentId` is the stored id of the one making the request. */
  async ownSessions(userId: string, currentId: string | null): Promise<{ id: string; expiresAt: string; current: boolean }[]> {
    const now = Date.now();
    return (await this.sessionsOf(userId))
      .filter((s) => Date.parse(s.expiresAt) >= now)
      .map((s) => ({ id: publicSessionId(s.id), expiresAt: s.expiresAt, current: s.id === currentId }))
      .sort((a, b) => Number(b.current) - Number(a.current) || b.expiresAt.localeCompare(a.expiresAt));
  }

  /** Signs out one of the caller's own sessions (another user's is "not found"). */
  async endOwnSession(caller: UserCaller, publicId: string): Promise<void> {
    const session = (await this.sessionsOf(caller.id)).find((s) => publicSessionId(s.id) === publicId);
    if (!session) throw new DomainError('not-found', 'No such session');
    await this.deps.entities.delete('session', session.id);
    this.deps.events.emit('session:ended', { sessionId: session.id });
    await this.deps.audit.record({ orgId: caller.orgId, actor: caller.email, action: 'session.end', target: caller.id });
  }

  private async sessionsOf(userId: string) {
    // Sessions carry no organisation; there are few of them (one per signed-in browser).
    return (await this.deps.entities.list('session')).filter((s) => s.userId === userId);
  }

  private async endSessions(userId: string): Promise<void> {
    for (const s of await this.sessionsOf(userId)) {
      await this.deps.entities.delete('session', s.id);
      this.deps.events.emit('session:ended', { sessionId: s.id });
    }
  }

  private async get(caller: Caller, id: string): Promise<User> {
    const user = await this.deps.entities.get('user', id);
    if (!user || !belongsTo(caller.orgId, user)) throw new DomainError('not-found', 'No such user');
    return user;
  }

  /** The HTTP guard already allows only admins; checked again so no other caller of this service can skip it. */
  private mustManage(caller: Caller): void {
    if (caller.role !== 'admin') throw new DomainError('forbidden', 'Only admins manage users');
  }

  /** Nobody but an admin makes an admin (a manager cannot raise anyone, themselves included). */
  private mayGrant(caller: Caller, role: Role): void {
    if (role === 'admin' && caller.role !== 'admin') throw new DomainError('forbidden', 'Only an admin can make an admin');
  }

  /** A unit head needs one of this organisation's units; the other roles see the whole organisation and carry none. */
  private async unitFor(caller: Caller, role: Role, unitId: string | null): Promise<string | null> {
    if (role !== 'unit-head') return null;
    if (!unitId) throw new DomainError('invalid-input', 'A unit head needs a unit', [{ path: 'unitId', message: 'required for unit-head' }]);
    const unit = await this.deps.entities.get('unit', unitId);
    if (!unit || !belongsTo(caller.orgId, unit)) throw new DomainError('unprocessable', 'Unknown unit', [{ path: 'unitId', message: 'no such unit' }]);
    return unitId;
  }
}
