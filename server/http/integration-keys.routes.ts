/**
 * Integration API keys for the one-stop software: create (the key is in
 * that one response only), list, revoke. Admins only; every change audited.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { publicKey } from '../domain/integration-keys.service';

const CreateBody = z.object({
  /** What the key is for, e.g. "Hệ thống một cửa tỉnh". */
  name: z.string().trim().min(1).max(80),
});

export function integrationKeysRoutes(ctx: AppContext): Router {
  const r = Router();
  const keys = ctx.integrationKeys;
  const adminOnly = requireUser(ctx, ['admin']);

  r.get(
    '/integration-keys',
    adminOnly,
    handle(async (req, res) => {
      res.json({ items: (await keys.list(req.user!.orgId)).map(publicKey) });
    }),
  );

  r.post(
    '/integration-keys',
    adminOnly,
    handle(async (req, res) => {
      const { name } = parseOr400(CreateBody, req.body);
      const { record, key } = await keys.create(req.user!.orgId, name, req.user!.email);
      await ctx.audit.record({ orgId: record.orgId, actor: req.user!.email, action: 'integrationKey.create', target: record.id, details: { name, prefix: record.prefix } });
      res.setHeader('cache-control', 'no-store');
      res.status(201).json({ ...publicKey(record), key });
    }),
  );

  r.delete(
    '/integration-keys/:id',
    adminOnly,
    handle(async (req, res) => {
      const { record, changed } = await keys.revoke(req.user!.orgId, String(req.params.id), req.user!.email);
      if (changed) {
        await ctx.audit.record({ orgId: record.orgId, actor: req.user!.email, action: 'integrationKey.revoke', target: record.id, details: { name: record.name, prefix: record.prefix } });
      }
      res.json(publicKey(record));
    }),
  );
  return r;
}
