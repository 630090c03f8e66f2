/**
 * Counter kiosks for admins (create with a one-time enrolment code, list,
 * rename, re-issue the code, revoke — every change audited) and the public
 * code-for-token exchange the kiosk calls once.
 *
 * Mounted at the root of /api/v1, so guards are per route: a router-wide
 * `use(requireUser)` here would also guard every router mounted after it.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import type { Actor } from '../domain/devices.service';
import type { EnrolResult } from '../../shared/kiosk-protocol';
import type { PublicUser } from '../domain/auth.service';

const CreateBody = z.object({
  servicePointId: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100).optional(),
});
const RenameBody = z.object({ name: z.string().trim().min(1).max(100) });
const EnrolBody = z.object({ code: z.string().trim().min(1).max(32) });

const actorOf = (user: PublicUser): Actor => ({ orgId: user.orgId, name: user.email });

export function devicesRoutes(ctx: AppContext): Router {
  const r = Router();
  const devices = ctx.devices;
  const admins = requireUser(ctx, ['admin', 'manager']);
  /**
   * Where kiosks reach this server: PUBLIC_URL when set, else the address the
   * admin is using (on a LAN that is the address the kiosks can reach too).
   */
  const baseUrl = (req: Request): string => ctx.config.PUBLIC_URL ?? `${req.protocol}://${req.get('host')}`;

  /** Public: the kiosk trades its one-time code for a device token (and its first configuration). */
  r.post(
    '/devices/enrol',
    handle(async (req, res) => {
      await devices.countEnrolAttempt(req.ip ?? 'unknown');
      const { code } = parseOr400(EnrolBody, req.body);
      const { token, device } = await devices.enrol(code);
      const body: EnrolResult = {
        token,
        device: { id: device.id, name: device.name, servicePointId: device.servicePointId },
        config: await devices.kioskConfig(device),
      };
      res.status(200).json(body);
    }),
  );

  r.get(
    '/devices',
    admins,
    handle(async (req, res) => {
      res.json({ items: await devices.list(req.user!.orgId) });
    }),
  );

  /** 201 {device, enrolment: {code, expiresAt, url}}: the code is shown only in this answer. */
  r.post(
    '/devices',
    admins,
    handle(async (req, res) => {
      const body = parseOr400(CreateBody, req.body);
      res.status(201).json(await devices.create(actorOf(req.user!), body, baseUrl(req)));
    }),
  );

  r.get(
    '/devices/:id',
    admins,
    handle(async (req, res) => {
      res.json(await devices.get(req.user!.orgId, String(req.params.id)));
    }),
  );

  r.patch(
    '/devices/:id',
    admins,
    handle(async (req, res) => {
      const { name } = parseOr400(RenameBody, req.body);
      res.json(await devices.rename(actorOf(req.user!), String(req.params.id), name));
    }),
  );

  /** A new one-time code; the previous one stops working. */
  r.post(
    '/devices/:id/enrolment-code',
    admins,
    handle(async (req, res) => {
      res.status(201).json(await devices.issueCode(actorOf(req.user!), String(req.params.id), baseUrl(req)));
    }),
  );

  r.post(
    '/devices/:id/revoke',
    admins,
    handle(async (req, res) => {
      res.json(await devices.revoke(actorOf(req.user!), String(req.params.id)));
    }),
  );
  return r;
}
