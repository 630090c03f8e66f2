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
  return r;
}
