import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { handle, requireUser, sessionToken } from './auth.middleware';
import { parseOr400 } from './validate';
import { SESSION_COOKIE } from '../cookies';
import { sha256 } from '../domain/canonical';

const LoginBody = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

export function authRoutes(ctx: AppContext): Router {
  const r = Router();
  const cookieOpts = { httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.secure, path: '/' };

  r.post(
    '/auth/login',
    handle(async (req, res) => {
      const { email, password } = parseOr400(LoginBody, req.body);
      const { token, user, expiresAt } = await ctx.auth.login(email, password);
      res.cookie(SESSION_COOKIE, token, { ...cookieOpts, expires: new Date(expiresAt) });
      await ctx.audit.record({ orgId: user.orgId, actor: user.email, action: 'auth.login', target: user.id });
      res.json({ user, expiresAt });
    }),
  );
  r.post(
    '/auth/logout',
    handle(async (req, res) => {
      const token = sessionToken(req);
      await ctx.auth.logout(token);
      if (token) ctx.events.emit('session:ended', { sessionId: sha256(token) });
      res.clearCookie(SESSION_COOKIE, cookieOpts);
      res.status(204).end();
    }),
  );
  r.get(
    '/me',
    requireUser(ctx),
    handle(async (req, res) => {
      res.json({ user: req.user });
    }),
  );
  return r;
}
