/**
 * Composition root: config → store → services (context.ts) → bootstrap →
 * background work → HTTP + socket.io → listen. Graceful shutdown stops
 * accepting, drains in-flight requests and queued commits, stops the
 * background work, then closes the store.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadConfig, describeConfig, type Config } from './config';
import { createLogger } from './logger';
import { openStore, SQLITE_FILE } from './store';
import { assertDataDirWritable, StartupError } from './startup-checks';
import { createContext, type AppContext } from './context';
import { rebuildFigures } from './domain/figures-rebuild';
import { createApp } from './app';
import { createRealtime, type Realtime } from './realtime/io';
import { ensureBootstrap } from './domain/bootstrap';
import { fromRoot } from './project-root';

export const VERSION: string = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')).version;

export interface RunningServer {
  ctx: AppContext;
  http: HttpServer;
  realtime: Realtime;
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: Config = loadConfig()): Promise<RunningServer> {
  const log = createLogger(config.LOG_LEVEL);
  log.info({ config: describeConfig(config) }, 'starting Hài Lòng');
  // Before the store opens: SQLite would otherwise fail with "unable to open database file", or later.
  if (!config.MONGODB_URI) await assertDataDirWritable(config.dataDir, [SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`]);
  const store = await openStore({ mongodbUri: config.MONGODB_URI, dataDir: config.dataDir });
  const ctx = createContext(config, store, log, VERSION);
  // An upgraded store (or a recount) rebuilds its figures before anything else writes them or anyone reads them.
  await rebuildFigures({
    store,
    definitionOf: async (id) => (await ctx.surveys.get(id))?.definition ?? null,
    hourHorizon: ctx.hourRetention.horizon(),
    progress: (line) => log.info(line),
  });
  await ensureBootstrap(ctx);
  // Load (or create and persist) the link secret now, so a broken store fails the start, not the first citizen.
  await ctx.surveyLinks.keys();
  // Alerts stored before the list was ordered by opening time get that order too (a no-op once done).
  const reordered = await ctx.alertEngine.repo.backfillOrder();
  if (reordered) log.info({ alerts: reordered }, 'alert records given their opening time as list order');
  // Listens to commits, runs its sweep timer and delivers webhooks; safe on every node of a cluster.
  ctx.alertEngine.start();
  // Prepares last month's draft reports from the 1st; one node wins each draft (store claim), so safe on every node.
  // Not in test servers: a draft prepared by the clock 30 s into someone's test would add webhook deliveries
  // and entities that test never asked for (the drafts' own tests drive runDue / start with their own clock).
  if (config.NODE_ENV !== 'test') ctx.reportDrafts.start();
  ctx.hourRetention.start();

  const http = createServer(createApp(ctx));
  http.keepAliveTimeout = 65_000;
  const realtime = await createRealtime(ctx, http);
  await new Promise<void>((resolve) => http.listen(config.PORT, config.HOST, resolve));
  const port = (http.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  // Without PUBLIC_URL, links and QR codes use the port really bound (PORT=0 picks a free one).
  if (!config.PUBLIC_URL) config.publicUrl = url;
  log.info({ port, store: store.kind }, 'listening');

  let closing: Promise<void> | null = null;
  // Once closing, every reply ends its keep-alive connection, so busy clients
  // finish their current request and go, instead of holding the server open.
  http.prependListener('request', (_req, res) => {
    if (closing) res.setHeader('connection', 'close');
  });
  const close = () =>
    (closing ??= (async () => {
      log.info('shutting down: draining requests');
      const timer = setTimeout(() => http.closeAllConnections(), config.SHUTDOWN_TIMEOUT_MS);
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      // A connection whose last reply went out just before closing turns idle
      // afterwards; sweep until the server is closed so none lingers to the timeout.
      const sweep = setInterval(() => http.closeIdleConnections(), 100);
      http.closeIdleConnections();
      // Sockets hold no ratings (kiosks post over HTTP), so they go first and let the HTTP server close;
      // live figures stop with them, as nobody is left to receive them.
      await ctx.liveStats.stop();
      await realtime.close();
      await httpClosed;
      clearTimeout(timer);
      clearInterval(sweep);
      // Commit everything acknowledged-to-be before the alert engine stops, so
      // those ratings are still evaluated on this node. Survey links hold no
      // resources: requests still draining need them until here.
      await ctx.queue.drain();
      await ctx.reportDrafts.stop();
      await ctx.hourRetention.stop();
      await ctx.alertEngine.stop();
      await store.close();
      log.info('stopped');
    })());
  return { ctx, http, realtime, url, close };
}

/** Run as a program: start, and stop cleanly on SIGTERM / SIGINT. */
export async function main(): Promise<RunningServer> {
  const server = await startServer().catch((err: unknown) => {
    if (!(err instanceof StartupError)) throw err;
    // A refusal the operator can act on: the message alone, no stack trace.
    console.error(`\n${err.message}\n`);
    process.exit(1);
  });
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => {
      server.close().then(
        () => process.exit(0),
        (err) => {
          server.ctx.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
