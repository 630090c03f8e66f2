/**
 * The `/dashboard` namespace: live figures, the comment feed and alert
 * changes for the admin dashboard (event types in shared/realtime-events.ts).
 *
 * - Authenticated by the admin session: the `hl_session` cookie of the
 *   handshake (same origin only) or `auth.token` for non-browser clients.
 * - Admins and managers join `org:<id>`, a unit head `unit:<id>`; counter
 *   rooms `sp:<id>` are joined with `dashboard:subscribe`, authorised here.
 * - Pushes are emitted by the node that committed or changed something; with
 *   REDIS_URL the adapter carries them to dashboards on every other node.
 *   Each audience gets one event per push, cut to what it may see.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { AppContext } from '../context';
import { readCookie, SESSION_COOKIE } from '../cookies';
import { sha256 } from '../domain/canonical';
import type { PublicUser } from '../domain/auth.service';
import { DomainError } from '../domain/errors';
import { visibleUnitIds } from '../domain/permissions';
import type { LiveBatch } from '../domain/live-stats';
import {
  DASHBOARD_NAMESPACE,
  orgRoom,
  spRoom,
  unitRoom,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type StatsDelta,
  type SubscribeRequest,
} from '../../shared/realtime-events';

interface SocketData {
  user: Pick<PublicUser, 'id' | 'orgId' | 'email' | 'role' | 'unitId'>;
  /** The session record's id (a hash of the token, not the token) for re-checks after recovery. */
  sessionId: string;
}

type DashboardNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type DashboardSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const SubscribeSchema = z
  .object({ servicePointId: z.string().min(1).max(64).optional(), unitId: z.string().min(1).max(64).optional() })
  .refine((v) => !!v.servicePointId !== !!v.unitId, { message: 'name one servicePointId or one unitId' });

export function registerDashboardHandlers(ctx: AppContext, io: Server): () => Promise<void> {
  const nsp = io.of(DASHBOARD_NAMESPACE) as DashboardNamespace;
  const live = ctx.liveStats;
  const engine = ctx.alertEngine;

  nsp.use(async (socket, next) => {
    try {
      const authToken = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      let token: string | undefined;
      if (typeof authToken === 'string' && authToken.length <= 256) token = authToken;
      else {
        token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
        // A cookie rides along with any page's request: only our own pages may use it.
        if (token && !sameOrigin(socket.handshake.headers, ctx.config.publicUrl)) return next(refusal('forbidden', 'Cross-origin dashboard connection refused'));
      }
      const user = await ctx.auth.userForToken(token);
      if (!user) return next(refusal('unauthorized', 'Log in first'));
      if (user.mustChangePassword) return next(refusal('forbidden', 'Change your temporary password first'));
      socket.data.user = { id: user.id, orgId: user.orgId, email: user.email, role: user.role, unitId: user.unitId };
      socket.data.sessionId = sha256(token!);
      next();
    } catch (err) {
      ctx.log.error({ err }, 'dashboard handshake failed');
      next(refusal('internal', 'Internal error'));
    }
  });

  nsp.on('connection', (socket: DashboardSocket) => {
    const user = socket.data.user;
    registerClientEvents(ctx, socket);
    if (!socket.recovered) {
      // The session room lets a logout on any node close this connection.
      void socket.join([baseRoom(user), sessionRoom(socket.data.sessionId)]);
      return;
    }
    // Recovery skips the middleware: make sure the session still stands.
    void stillValid(ctx, socket.data).then(
      (ok) => {
        if (!ok) socket.disconnect(true);
      },
      () => socket.disconnect(true),
    );
  });

  const onSessionEnded = ({ sessionId }: { sessionId: string }) => nsp.in(sessionRoom(sessionId)).disconnectSockets(true);
  ctx.events.on('session:ended', onSessionEnded);
  const offBatch = live.onBatch((b) => pushBatch(nsp, b));
  const offFeed = live.onFeed((item) => {
    nsp.to([orgRoom(item.orgId), unitRoom(item.unitId), spRoom(item.servicePointId)]).emit('feed:comment', item);
  });
  const offAlerts = engine.onChange((c) => {
    const rooms = [orgRoom(c.alert.orgId)];
    if (c.alert.unitId) rooms.push(unitRoom(c.alert.unitId));
    nsp.to(rooms).emit('alert:changed', c);
  });

  return async () => {
    ctx.events.off('session:ended', onSessionEnded);
    offBatch();
    offFeed();
    offAlerts();
  };
}

/** One event per audience: the org room sees every scope, a unit room its unit, a counter room its counter. */
function pushBatch(nsp: DashboardNamespace, b: LiveBatch): void {
  const base = { orgId: b.orgId, day: b.day, at: b.at, target: b.target, verifiedOnly: b.verifiedOnly };
  const org = orgRoom(b.orgId);
  nsp.to(org).emit('stats:delta', { ...base, responseIds: b.responses.map((r) => r.id), scopes: b.scopes } satisfies StatsDelta);
  const units = new Set(b.responses.map((r) => r.unitId));
  for (const unitId of units) {
    nsp
      .to(unitRoom(unitId))
      .except(org)
      .emit('stats:delta', {
        ...base,
        responseIds: b.responses.filter((r) => r.unitId === unitId).map((r) => r.id),
        scopes: b.scopes.filter((s) => s.scope !== 'org' && s.unitId === unitId),
      });
  }
  for (const s of b.scopes) {
    if (s.scope !== 'sp') continue;
    nsp
      .to(spRoom(s.id))
      .except([org, unitRoom(s.unitId!)])
      .emit('stats:delta', { ...base, responseIds: b.responses.filter((r) => r.servicePointId === s.id).map((r) => r.id), scopes: [s] });
  }
}

function registerClientEvents(ctx: AppContext, socket: DashboardSocket): void {
  const user = socket.data.user;

  socket.on('dashboard:subscribe', (req, ack) =>
    answer(ack, async () => {
      const room = await roomFor(ctx, user, req);
      await socket.join(room);
      return { room };
    }),
  );

  socket.on('dashboard:unsubscribe', (req, ack) =>
    answer(ack, async () => {
      const room = await roomFor(ctx, user, req);
      if (room !== baseRoom(user)) await socket.leave(room);
      return { room };
    }),
  );

  socket.on('dashboard:snapshot', (_req, ack) => answer(ack, async () => ({ snapshot: await ctx.dashboard.snapshot(user) })));
}

/** The room a subscribe request names, if the user may see it. */
async function roomFor(ctx: AppContext, user: SocketData['user'], raw: unknown): Promise<string> {
  const parsed = SubscribeSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new DomainError('invalid-input', parsed.error.issues.map((i) => i.message).join('; '));
  const req: SubscribeRequest = parsed.data;
  const scope = await ctx.dashboard.watchable(user, req);
  return scope.kind === 'unit' ? unitRoom(scope.id) : spRoom(scope.id);
}

/** The room every dashboard of this user is in: their unit's for a unit head, else the organisation's. */
const baseRoom = (user: SocketData['user']): string => {
  const units = visibleUnitIds(user);
  return units ? unitRoom(units[0]) : orgRoom(user.orgId);
};

/** Runs a client request and answers its ack with `{ ok, … }` or `{ ok: false, error }`. */
function answer<T extends object>(ack: unknown, fn: () => Promise<T>): void {
  if (typeof ack !== 'function') return;
  const reply = ack as (res: Ack<T>) => void;
  fn().then(
    (v) => reply({ ok: true, ...v }),
    (err: unknown) => {
      const e = err instanceof DomainError ? { code: err.code, message: err.message } : { code: 'internal', message: 'Internal error' };
      reply({ ok: false, error: e });
    },
  );
}

function stillValid(ctx: AppContext, data: SocketData): Promise<boolean> {
  return ctx.auth.sessionStillValid(data.sessionId, data.user);
}

function refusal(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

/** No Origin (not a browser) or the same host as the request / PUBLIC_URL. */
function sameOrigin(headers: Record<string, string | string[] | undefined>, publicUrl: string): boolean {
  const origin = headers.origin;
  if (typeof origin !== 'string' || origin === '') return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = typeof headers['x-forwarded-host'] === 'string' ? headers['x-forwarded-host'].split(',')[0].trim() : null;
  return host === headers.host || host === forwarded || host === new URL(publicUrl).host;
}

const sessionRoom = (sessionId: string): string => `session:${sessionId}`;
