import { Router } from 'express';
import type { AppContext } from '../context';

/** Public, unauthenticated pages outside /api (counter links, posters, the waiting-room screen). */
export function publicRoutes(_ctx: AppContext): Router {
  return Router();
}
