/**
 * The socket.io server. Each feature registers its own namespace handlers in
 * its own file; with REDIS_URL set the Redis Streams adapter shares pushes
 * between nodes and keeps connection-state recovery.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AppContext } from '../context';
import { registerKioskHandlers } from './kiosk.handlers';
import { registerDashboardHandlers } from './dashboard.handlers';
import { registerScreenHandlers } from './screen.handlers';

export interface Realtime {
  io: Server;
  close(): Promise<void>;
}

export async function createRealtime(ctx: AppContext, http: HttpServer): Promise<Realtime> {
  const io = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
  });
  // The adapter must be in place before the feature namespaces are created.
  const closeRedis = ctx.config.REDIS_URL ? await attachRedis(ctx, io) : null;
  const cleanups: (() => Promise<void> | void)[] = [registerKioskHandlers(ctx, io), registerDashboardHandlers(ctx, io), registerScreenHandlers(ctx, io)];
  return {
    io,
    async close() {
      for (const c of cleanups.reverse()) await c();
      // Sockets and adapters first (they may still publish), the Redis connection last.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await closeRedis?.();
    },
  };
}

async function attachRedis(ctx: AppContext, io: Server): Promise<() => Promise<void>> {
  const [{ createClient }, { createAdapter }] = await Promise.all([import('redis'), import('@socket.io/redis-streams-adapter')]);
  const client = createClient({ url: ctx.config.REDIS_URL });
  client.on('error', (err) => ctx.log.error({ err }, 'redis error'));
  await client.connect();
  io.adapter(createAdapter(client));
  ctx.log.info('socket.io uses the Redis Streams adapter');
  return async () => {
    await client.close().catch(() => undefined);
  };
}
