/**
 * Counter kiosks for admins (create with a one-time enrolment code, list,
 * rename, re-issue the code, revoke — every change audited by the service)
 * and the public code-for-token exchange the kiosk calls once.
 *
 * Mounted at the root of /api/v1, so guards are per route: a router-wide
 * `use(requireUser)` here would also guard every router mounted after it.
 */
import { Router, type Request } from 'express';
import { qrSvg } from '../domain/posters';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import type { Actor } from '../domain/devices.service';
import type { PublicUser } from '../domain/auth.service';
import { rolesFor } from '../domain/permissions';
import { DeviceCreateBodySchema, DeviceRenameBodySchema, EnrolBodySchema } from '../../shared/api';
import { toDeviceCreatedDto, toDeviceDto, toDeviceList, toEnrolResultDto, toIssuedCodeDto } from './dto';

const actorOf = (user: PublicUser): Actor => ({ orgId: user.orgId, name: user.email });

export function devicesRoutes(ctx: AppContext): Router {
  const r = Router();
  const devices = ctx.devices;
  const admins = requireUser(ctx, rolesFor('devices.manage'));
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
      const { code } = parseOr400(EnrolBodySchema, req.body);
      const { token, device } = await devices.enrol(code);
      res.status(200).json(toEnrolResultDto(token, device, await devices.kioskConfig(device)));
    }),
  );

  r.get(
    '/devices',
    admins,
    handle(async (req, res) => {
      res.json(toDeviceList(await devices.list(req.user!.orgId)));
    }),
  );

  /** 201 {device, enrolment: {code, expiresAt, url}}: the code is shown only in this answer. */
  r.post(
    '/devices',
    admins,
    handle(async (req, res) => {
      const body = parseOr400(DeviceCreateBodySchema, req.body);
      const created = toDeviceCreatedDto(await devices.create(actorOf(req.user!), body, baseUrl(req)));
      // The setup wizard shows the enrolment link as a QR code to scan with the tablet.
      res.status(201).json({ ...created, enrolment: { ...created.enrolment, qrSvg: await qrSvg(created.enrolment.url) } });
    }),
  );

  r.get(
    '/devices/:id',
    admins,
    handle(async (req, res) => {
      res.json(toDeviceDto(await devices.get(req.user!.orgId, String(req.params.id))));
    }),
  );

  r.patch(
    '/devices/:id',
    admins,
    handle(async (req, res) => {
      const { name, servicePointId } = parseOr400(DeviceRenameBodySchema, req.body);
      const id = String(req.params.id);
      let device = servicePointId !== undefined ? await devices.move(actorOf(req.user!), id, servicePointId) : undefined;
      if (name !== undefined) device = await devices.rename(actorOf(req.user!), id, name);
      res.json(toDeviceDto(device!));
    }),
  );

  /** A new one-time code; the previous one stops working. */
  r.post(
    '/devices/:id/enrolment-code',
    admins,
    handle(async (req, res) => {
      const issued = toIssuedCodeDto(await devices.issueCode(actorOf(req.user!), String(req.params.id), baseUrl(req)));
      // Shown as a QR code to scan with the tablet, as on creation.
      res.status(201).json({ ...issued, qrSvg: await qrSvg(issued.url) });
    }),
  );

  r.post(
    '/devices/:id/revoke',
    admins,
    handle(async (req, res) => {
      res.json(toDeviceDto(await devices.revoke(actorOf(req.user!), String(req.params.id))));
    }),
  );
  return r;
}
