import type { Server } from 'socket.io';
import type { AppContext } from '../context';

/** Placeholder until its feature issue lands: registers nothing yet. Returns a cleanup. */
export function registerKioskHandlers(_ctx: AppContext, _io: Server): () => void {
  return () => undefined;
}
