import type { Request, RequestHandler } from 'express';
import type { AppContext } from '../context';
import { DomainError } from '../domain/errors';
import type { PublicUser } from '../domain/auth.service';
import type { Role, Device } from '../domain/entities';
import { readCookie, SESSION_COOKIE } from '../cookies';
import { EVERYONE } from '../domain/permissions';

declare module 'express-serve-static-core' {
  interface Request {
    user?: PublicUser;
    device?: Device | null;
  }
}

export const sessionToken = (req: Request): string | undefined => readCookie(req.headers.cookie, SESSION_COOKIE);

/** The refusal of every call but /me, /me/password and logout while the password is a temporary one. */
export const passwordChangeRequired = (): DomainError =>
  new DomainError('password-change-required', 'Change your temporary password first (POST /api/v1/me/password)');

/**
 * Admin endpoints: a valid session and one of the roles. Checked on the
 * server for every call. A user with a temporary password gets 403
 * `password-change-required` unless the route lets them through
 * (`duringPasswordChange`: who am I, change my password).
 */
export function requireUser(ctx: AppContext, roles: readonly Role[] = EVERYONE, opts: { duringPasswordChange?: boolean } = {}): RequestHandler {
  return async (req, _res, next) => {
    const user = await ctx.auth.userForToken(sessionToken(req));
    if (!user) return next(new DomainError('unauthorized', 'Log in first'));
    if (user.mustChangePassword && !opts.duringPasswordChange) return next(passwordChangeRequired());
    if (!roles.includes(user.role)) return next(new DomainError('forbidden', 'Your role may not do this'));
    req.user = user;
    next();
  };
}

/** Kiosks send `Authorization: Bearer <device token>`; the token's hash finds the device. */
export function deviceFromRequest(ctx: AppContext, req: Request): Promise<Device | null> {
  return ctx.devices.forBearer(req.headers.authorization);
}

/** Wraps async handlers so a rejection reaches the error middleware (express 5 does this, kept explicit for clarity). */
export const handle =
  (fn: (req: Request, res: Parameters<RequestHandler>[1]) => Promise<unknown>): RequestHandler =>
  (req, res, next) => {
    fn(req, res).catch(next);
  };
