/** Admin login and logout (a session cookie) and who is logged in. */
import { Router } from 'express';
import type { AppContext } from '../context';
import { handle, requireUser, sessionToken } from './auth.middleware';
import { parseOr400 } from './validate';
import { SESSION_COOKIE } from '../cookies';
import { LoginBodySchema, PasswordChangeBodySchema } from '../../shared/api';
import { toLoginResultDto, toMeDto } from './dto';

export function authRoutes(ctx: AppContext): Router {
  const r = Router();
  const cookieOpts = { httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.secure, path: '/' };

  r.post(
    '/auth/login',
    handle(async (req, res) => {
      const { email, password } = parseOr400(LoginBodySchema, req.body);
      const { token, user, expiresAt } = await ctx.auth.login(email, password, req.ip ?? 'unknown');
      res.cookie(SESSION_COOKIE, token, { ...cookieOpts, expires: new Date(expiresAt) });
      res.json(toLoginResultDto({ user, expiresAt }));
    }),
  );
  r.post(
    '/auth/logout',
    handle(async (req, res) => {
      await ctx.auth.logout(sessionToken(req));
      res.clearCookie(SESSION_COOKIE, cookieOpts);
      res.status(204).end();
    }),
  );
  r.get(
    '/me',
    requireUser(ctx, undefined, { duringPasswordChange: true }),
    handle(async (req, res) => {
      res.json(toMeDto(req.user!));
    }),
  );
  /** Change one's own password; every other session of the user ends. */
  r.post(
    '/me/password',
    requireUser(ctx, undefined, { duringPasswordChange: true }),
    handle(async (req, res) => {
      const { currentPassword, newPassword } = parseOr400(PasswordChangeBodySchema, req.body);
      await ctx.auth.changePassword(req.user!, sessionToken(req), currentPassword, newPassword, req.ip ?? 'unknown');
      res.status(204).end();
    }),
  );
  return r;
}
