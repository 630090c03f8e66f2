/**
 * Integration API keys for the one-stop software: create (the key is in
 * that one response only), list, revoke. Admins only; the service audits.
 */
import { Router } from 'express';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { rolesFor } from '../domain/permissions';
import { IntegrationKeyCreateBodySchema } from '../../shared/api';
import { toCreatedIntegrationKeyDto, toIntegrationKeyDto, toIntegrationKeyList } from './dto';

export function integrationKeysRoutes(ctx: AppContext): Router {
  const r = Router();
  const adminOnly = requireUser(ctx, rolesFor('integration-keys.manage'));

  r.get(
    '/integration-keys',
    adminOnly,
    handle(async (req, res) => {
      res.json(toIntegrationKeyList(await ctx.integrationKeys.list(req.user!.orgId)));
    }),
  );

  r.post(
    '/integration-keys',
    adminOnly,
    handle(async (req, res) => {
      const { name } = parseOr400(IntegrationKeyCreateBodySchema, req.body);
      const { record, key } = await ctx.integrationKeys.create(req.user!, name);
      res.setHeader('cache-control', 'no-store');
      res.status(201).json(toCreatedIntegrationKeyDto(record, key));
    }),
  );

  r.delete(
    '/integration-keys/:id',
    adminOnly,
    handle(async (req, res) => {
      res.json(toIntegrationKeyDto(await ctx.integrationKeys.revoke(req.user!, String(req.params.id))));
    }),
  );
  return r;
}
