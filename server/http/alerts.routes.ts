import { Router } from 'express';
import type { AppContext } from '../context';

/** Placeholder until its feature issue lands: mounts nothing yet. */
export function alertsRoutes(_ctx: AppContext): Router {
  return Router();
}
