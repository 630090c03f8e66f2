/**
 * The `/screen` namespace: live figures for the public waiting-room screen
 * (issue 12 item 8). Public — no session, no token: the handshake names a
 * screen code (`auth: { code }`), which must be a screen the organisation has
 * switched on; the socket joins `org:<id>` or `unit:<id>` of this namespace
 * (rooms of a namespace are its own: these are not the dashboard's rooms).
 *
 * The only events are `screen:update` with the PublicScreen DTO (the
 * service parses it through its strict whitelist schema, as for the HTTP
 * answer) and `screen:off`. The
 * dashboard's deltas, comment feed and alerts never reach this namespace.
 *
 * After a commit (the live-stats batch) or a settings change, the screens of
 * that organisation are re-read from the store and pushed; pushes are
 * coalesced per organisation so a burst of ratings costs one read per gap.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import type { AppContext } from '../context';
import { DomainError } from '../domain/errors';
import { CoalescingScheduler } from '../domain/coalescing-scheduler';
import type { ScreenTarget } from '../domain/public-screen.service';
import { orgRoom, unitRoom } from '../../shared/realtime-events';
import { SCREEN_NAMESPACE, type ScreenServerToClientEvents } from '../../shared/api/public-screen';

interface SocketData {
  code: string;
  room: string;
}
type ScreenNamespace = Namespace<Record<string, never>, ScreenServerToClientEvents, Record<string, never>, SocketData>;
type ScreenSocket = Socket<Record<string, never>, ScreenServerToClientEvents, Record<string, never>, SocketData>;

/** What changed in one organisation since its last push: every screen (settings) or some units' (ratings). */
interface Touched {
  all: boolean;
  units: Set<string>;
}

const roomOf = (t: ScreenTarget): string => (t.unit ? unitRoom(t.unit.id) : orgRoom(t.org.id));

export function registerScreenHandlers(ctx: AppContext, io: Server): () => Promise<void> {
  const nsp = io.of(SCREEN_NAMESPACE) as ScreenNamespace;

  nsp.use(async (socket, next) => {
    const code = (socket.handshake.auth as { code?: unknown } | undefined)?.code;
    if (typeof code !== 'string' || code.length === 0 || code.length > 64) return next(refusal('invalid-input', 'Name a screen code'));
    try {
      const target = await ctx.publicScreen.resolve(code);
      socket.data.code = code;
      socket.data.room = roomOf(target);
      next();
    } catch (err) {
      if (err instanceof DomainError) return next(refusal(err.code === 'forbidden' ? 'screen-off' : 'not-found', err.message));
      ctx.log.error({ err }, 'screen handshake failed');
      next(refusal('internal', 'Internal error'));
    }
  });

  nsp.on('connection', (socket: ScreenSocket) => {
    void socket.join(socket.data.room);
    // The figures at once: a screen that (re)connects has missed whatever was pushed meanwhile.
    ctx.publicScreen.screen(socket.data.code).then(
      (s) => socket.emit('screen:update', s),
      () => {
        socket.emit('screen:off');
        socket.disconnect(true);
      },
    );
  });

  const pushes = new CoalescingScheduler<string, { unitId?: string }, Touched>({
    gapMs: 250,
    add: (t, item) => {
      t ??= { all: false, units: new Set() };
      if (item.unitId) t.units.add(item.unitId);
      else t.all = true;
      return t;
    },
    run: async (batch) => {
      for (const [orgId, touched] of batch) await push(orgId, touched);
    },
    onError: (err) => ctx.log.error({ err }, 'screen push failed'),
  });

  async function push(orgId: string, touched: Touched): Promise<void> {
    const targets = await ctx.publicScreen.targetsOf(orgId);
    for (const t of targets) {
      // The organisation's screen counts every unit; a unit's screen only its own ratings.
      if (t.unit && !touched.all && !touched.units.has(t.unit.id)) continue;
      nsp.to(roomOf(t)).emit('screen:update', await ctx.publicScreen.build(t));
    }
    if (!touched.all) return;
    // Settings changed: screens switched off (or units left out) are told so and let go.
    const on = new Set(targets.map(roomOf));
    const units = await ctx.entities.list('unit', { orgId });
    const off = [orgRoom(orgId), ...units.map((u) => unitRoom(u.id))].filter((r) => !on.has(r));
    if (off.length) {
      nsp.to(off).emit('screen:off');
      nsp.in(off).disconnectSockets(true);
    }
  }

  const offBatch = ctx.liveStats.onBatch((b) => {
    for (const r of b.responses) pushes.push(b.orgId, { unitId: r.unitId });
  });
  const onConfig = ({ orgId }: { orgId: string }) => pushes.push(orgId, {});
  ctx.events.on('config:changed', onConfig);

  return async () => {
    offBatch();
    ctx.events.off('config:changed', onConfig);
    await pushes.stop();
  };
}

function refusal(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}
