/**
 * What an enrolled kiosk reads over HTTP (it gets the same pushed over the
 * `/kiosk` socket). 401 means the token is unknown or revoked: the kiosk
 * returns to its enrolment screen only on that answer, never on a network error.
 */
import { Router } from 'express';
import type { AppContext } from '../context';
import { deviceFromRequest, handle } from './auth.middleware';
import { DomainError } from '../domain/errors';
import { toKioskConfigDto } from './dto';
import { parseOr400 } from './validate';
import { StaffPinBodySchema, StaffPinResultSchema } from '../../shared/api';

export function kioskRoutes(ctx: AppContext): Router {
  const r = Router();
  const devices = ctx.devices;

  r.get(
    '/kiosk/config',
    handle(async (req, res) => {
      const device = await deviceFromRequest(ctx, req);
      if (!device) throw new DomainError('unauthorized', 'Unknown or revoked device token');
      res.setHeader('cache-control', 'no-store');
      res.json(toKioskConfigDto(await devices.kioskConfig(device)));
    }),
  );

  /** The staff corner: is this the office's kiosk PIN? Yes/no and the tries left; 429 when spent. */
  r.post(
    '/kiosk/staff-pin',
    handle(async (req, res) => {
      const device = await deviceFromRequest(ctx, req);
      if (!device) throw new DomainError('unauthorized', 'Unknown or revoked device token');
      const { pin } = parseOr400(StaffPinBodySchema, req.body);
      res.setHeader('cache-control', 'no-store');
      res.json(StaffPinResultSchema.parse(await ctx.kioskStaff.checkPin(device, pin)));
    }),
  );
  return r;
}
