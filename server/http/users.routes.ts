/**
 * User management (admin) and the signed-in user's own sessions:
 *   GET /users · POST /users · PATCH /users/:id · POST /users/:id/password-reset
 *   GET /me/sessions · DELETE /me/sessions/:id
 */
import { Router } from 'express';
import type { AppContext } from '../context';
import { handle, requireUser, sessionToken } from './auth.middleware';
import { parseOr400 } from './validate';
import { rolesFor } from '../domain/permissions';
import { sha256 } from '../domain/canonical';
import { IdParamsSchema, UserCreateBodySchema, UserPatchBodySchema } from '../../shared/api';
import { toOwnSessionList, toUserCreatedDto, toUserDto, toUserList } from './dto';

export function usersRoutes(ctx: AppContext): Router {
  const r = Router();
  const admins = requireUser(ctx, rolesFor('users.manage'));

  r.get(
    '/users',
    admins,
    handle(async (req, res) => {
      res.json(toUserList(await ctx.users.list(req.user!)));
    }),
  );
  r.post(
    '/users',
    admins,
    handle(async (req, res) => {
      const body = parseOr400(UserCreateBodySchema, req.body);
      res.status(201).json(toUserCreatedDto(await ctx.users.create(req.user!, body)));
    }),
  );
  r.patch(
    '/users/:id',
    admins,
    handle(async (req, res) => {
      const { id } = parseOr400(IdParamsSchema, req.params);
      const patch = parseOr400(UserPatchBodySchema, req.body);
      res.json(toUserDto(await ctx.users.update(req.user!, id, patch)));
    }),
  );
  r.post(
    '/users/:id/password-reset',
    admins,
    handle(async (req, res) => {
      const { id } = parseOr400(IdParamsSchema, req.params);
      res.json(toUserCreatedDto(await ctx.users.resetPassword(req.user!, id)));
    }),
  );

  r.get(
    '/me/sessions',
    requireUser(ctx, rolesFor('sessions.own')),
    handle(async (req, res) => {
      const token = sessionToken(req);
      res.json(toOwnSessionList(await ctx.users.ownSessions(req.user!.id, token ? sha256(token) : null)));
    }),
  );
  r.delete(
    '/me/sessions/:id',
    requireUser(ctx, rolesFor('sessions.own')),
    handle(async (req, res) => {
      const { id } = parseOr400(IdParamsSchema, req.params);
      await ctx.users.endOwnSession(req.user!, id);
      res.status(204).end();
    }),
  );
  return r;
}
