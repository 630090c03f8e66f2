/**
 * The `/kiosk` namespace: enrolled kiosks connect with their device token,
 * report health (`kiosk:heartbeat`, acknowledged with the server time) and
 * receive their configuration whenever something they show changes. Rooms:
 * `device:<id>`, `sp:<id>` and `org:<id>` (namespaced apart from dashboards).
 *
 * Pushes go through rooms and fetchSockets, so with the Redis adapter a change
 * handled on one node reaches kiosks connected to any node.
 */
import type { Namespace, Server } from 'socket.io';
import { z } from 'zod';
import type { AppContext } from '../context';
import type { DomainEvents } from '../domain/events';
import { sha256 } from '../domain/canonical';
import {
  KIOSK_NAMESPACE,
  type HeartbeatAck,
  type KioskClientToServer,
  type KioskHeartbeat,
  type KioskServerToClient,
} from '../../shared/kiosk-protocol';

interface KioskSocketData {
  deviceId: string;
  orgId: string;
  servicePointId: string;
  /** The hash of the token this socket authenticated with: a re-enrolment elsewhere makes it stale. */
  tokenHash: string;
}
type KioskNamespace = Namespace<KioskClientToServer, KioskServerToClient, Record<string, never>, KioskSocketData>;

const HeartbeatSchema = z.object({
  online: z.boolean(),
  outbox: z.number().int().min(0).max(1_000_000),
  oldestQueuedMs: z.number().min(0).max(366 * 24 * 3600_000),
  appVersion: z.string().trim().max(64),
  clientTime: z.number().finite(),
}) satisfies z.ZodType<KioskHeartbeat>;

const deviceRoom = (id: string) => `device:${id}`;

export function registerKioskHandlers(ctx: AppContext, io: Server): () => void {
  const ns = io.of(KIOSK_NAMESPACE) as KioskNamespace;
  const devices = ctx.devices;
  const log = ctx.log.child({ realtime: 'kiosk' });

  ns.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    devices.authenticate(typeof token === 'string' ? token : null).then(
      (device) => {
        if (!device) return next(new Error('unauthorized'));
        socket.data = { deviceId: device.id, orgId: device.orgId, servicePointId: device.servicePointId, tokenHash: sha256(token as string) };
        next();
      },
      (err) => {
        log.error({ err }, 'kiosk socket authentication failed');
        next(new Error('unavailable'));
      },
    );
  });

  ns.on('connection', (socket) => {
    const { deviceId, orgId, servicePointId, tokenHash } = socket.data;
    socket.join([deviceRoom(deviceId), `sp:${servicePointId}`, `org:${orgId}`]);

    socket.on('kiosk:heartbeat', (raw, ack) => {
      const reply = (r: HeartbeatAck) => (typeof ack === 'function' ? ack(r) : undefined);
      const beat = HeartbeatSchema.safeParse(raw);
      if (!beat.success) return reply({ ok: false, error: 'invalid-input' });
      devices.recordHeartbeat(deviceId, tokenHash, beat.data).then(
        (outcome) => {
          if (outcome === 'ok') return reply({ ok: true, serverTime: Date.now() });
          reply({ ok: false, error: 'revoked' });
          socket.emit('kiosk:revoked');
          socket.disconnect();
        },
        (err) => {
          log.error({ err, deviceId }, 'heartbeat not stored');
          reply({ ok: false, error: 'internal' });
        },
      );
    });

    socket.on('disconnect', (reason) => {
      // A restarting server is not an offline kiosk: it reconnects in seconds.
      if (reason === 'server shutting down') return;
      ns.in(deviceRoom(deviceId))
        .fetchSockets()
        .then((left) => (left.length ? undefined : devices.markOffline(deviceId)))
        .catch((err) => log.warn({ err, deviceId }, 'could not mark kiosk offline'));
    });

    // Every (re)connection gets the current config, so changes made while the
    // kiosk was away are never missed. A recovered connection skipped the
    // handshake middleware, so the token is checked again here.
    void (async () => {
      const device = await devices.enrolledWith(deviceId, tokenHash);
      if (!device) {
        socket.emit('kiosk:revoked');
        socket.disconnect();
        return;
      }
      socket.emit('kiosk:config', await devices.kioskConfig(device));
      // A rating session opened while this kiosk was away (issue 15).
      const open = await ctx.ratingSessions.stillOpen(orgId, servicePointId);
      if (open) socket.emit('kiosk:session', open);
    })().catch((err) => log.error({ err, deviceId }, 'could not send kiosk config'));
  });

  /** Re-sends the config to every kiosk in these rooms, built once per device. */
  async function pushConfig(rooms: string[]): Promise<void> {
    const sockets = await ns.in(rooms).fetchSockets();
    for (const id of new Set(sockets.map((s) => s.data.deviceId))) {
      const device = await devices.enrolledWith(id);
      if (!device) continue;
      ns.to(deviceRoom(id)).emit('kiosk:config', await devices.kioskConfig(device));
    }
  }

  const onConfigChanged = ({ orgId, kind, id, servicePointIds }: DomainEvents['config:changed'][0]) => {
    const rooms =
      kind === 'device' ? [deviceRoom(id)] : servicePointIds?.length ? servicePointIds.map((sp) => `sp:${sp}`) : [`org:${orgId}`];
    pushConfig(rooms).catch((err) => log.error({ err, kind, id }, 'kiosk config push failed'));
  };

  const onDeviceChanged = ({ deviceId, revoked, moved }: DomainEvents['device:changed'][0]) => {
    const room = deviceRoom(deviceId);
    if (revoked) {
      ns.to(room).emit('kiosk:revoked');
      ns.in(room).disconnectSockets();
      return;
    }
    // Moved to another counter: the kiosk reconnects (same token) and joins the new counter's rooms.
    if (moved) {
      ns.in(room).disconnectSockets();
      return;
    }
    // Enrolled again (perhaps on another tablet) or renamed: sockets holding an old token go, the rest get the new config.
    (async () => {
      const device = await devices.enrolledWith(deviceId);
      for (const s of await ns.in(room).fetchSockets()) {
        if (!device || s.data.tokenHash !== device.tokenHash) {
          s.emit('kiosk:revoked');
          s.disconnect();
        }
      }
      await pushConfig([room]);
    })().catch((err) => log.error({ err, deviceId }, 'kiosk device change not applied'));
  };

  /** A rating session opened by the service (issue 15): the counter's kiosks show the faces for it. */
  const onSessionOpened = ({ servicePointId, session }: DomainEvents['rating-session:opened'][0]) => {
    ns.to(`sp:${servicePointId}`).emit('kiosk:session', session);
  };

  ctx.events.on('config:changed', onConfigChanged);
  ctx.events.on('device:changed', onDeviceChanged);
  ctx.events.on('rating-session:opened', onSessionOpened);
  return () => {
    ctx.events.off('config:changed', onConfigChanged);
    ctx.events.off('device:changed', onDeviceChanged);
    ctx.events.off('rating-session:opened', onSessionOpened);
  };
}
