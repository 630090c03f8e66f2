/**
 * The live link to the server's `/kiosk` namespace: receives config pushes
 * and revocation, sends a heartbeat (health for the dashboard, clock skew for
 * the server). Reconnects by itself after a network loss or a server restart;
 * a refused handshake is retried here unless it says the token is dead.
 */
import { KIOSK_NAMESPACE, SOCKET_PATH, type HeartbeatAck, type KioskConfig, type KioskHeartbeat, type KioskRatingSession } from '../../../shared/kiosk-protocol';
import { SioSocket } from './sio-socket';
import { socketUrl } from './sio-codec';

export const HEARTBEAT_MS = 30_000;
const ACK_TIMEOUT_MS = 10_000;
/** A handshake refused for another reason (the server was starting): try again this much later. */
const REFUSED_RETRY_MS = 15_000;

export interface LiveLinkHandlers {
  token(): string;
  heartbeat(): Promise<Omit<KioskHeartbeat, 'clientTime'>>;
  onConfig(config: KioskConfig): void;
  /** The service opened a rating session at this counter (after-service mode). */
  onSession?(session: KioskRatingSession): void;
  onConnectionChange(connected: boolean): void;
  /** The server hinted that the token is dead; the caller confirms over HTTP before acting. */
  onMaybeRevoked(): void;
}

export interface LiveLink {
  readonly connected: boolean;
  /** Sends a heartbeat now (after a sync, so the dashboard sees the outbox drain). */
  beat(): void;
  /** Connects again after the caller confirmed the token still works. */
  reconnect(): void;
  close(): void;
}

export function openLiveLink(h: LiveLinkHandlers): LiveLink {
  let retry: ReturnType<typeof setTimeout> | undefined;
  const socket = new SioSocket({
    url: socketUrl(location.origin, SOCKET_PATH),
    namespace: KIOSK_NAMESPACE,
    auth: () => ({ token: h.token() }),
    handlers: {
      connect() {
        h.onConnectionChange(true);
        beat();
      },
      disconnect(reason) {
        h.onConnectionChange(false);
        // The server only drops a kiosk on purpose when its token stopped working.
        if (reason === 'io server disconnect') h.onMaybeRevoked();
      },
      connectError(message) {
        if (message === 'unauthorized') h.onMaybeRevoked();
        else retry = setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
      },
      event(name, args) {
        if (name === 'kiosk:config') h.onConfig(args[0] as KioskConfig);
        else if (name === 'kiosk:revoked') h.onMaybeRevoked();
        else if (name === 'kiosk:session') h.onSession?.(args[0] as KioskRatingSession);
      },
    },
  });

  function beat(): void {
    if (!socket.connected) return;
    void h
      .heartbeat()
      .then((b) => socket.emitWithAck('kiosk:heartbeat', { ...b, clientTime: Date.now() }, ACK_TIMEOUT_MS))
      .then(([ack]) => {
        const a = ack as HeartbeatAck;
        if (!a.ok && a.error === 'revoked') h.onMaybeRevoked();
      })
      .catch(() => undefined); // a lost heartbeat is simply sent again next time
  }

  const timer = setInterval(beat, HEARTBEAT_MS);
  const onOnline = () => socket.retryNow();
  addEventListener('online', onOnline);

  return {
    get connected() {
      return socket.connected;
    },
    beat,
    reconnect() {
      clearTimeout(retry);
      socket.connect();
    },
    close() {
      clearInterval(timer);
      clearTimeout(retry);
      removeEventListener('online', onOnline);
      socket.close();
    },
  };
}
