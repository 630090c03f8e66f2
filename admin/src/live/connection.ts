/**
 * The live channel: socket.io namespace `/dashboard` on the same origin, the
 * session cookie (hl_session) riding along with the handshake.
 *
 * Contract (shared/realtime-events.ts): on `connect`, when the connection
 * was not recovered, pushes may have been missed: listeners get `resync` and
 * fetch the state again. A refused handshake (session ended) is reported once
 * through `onUnauthorized`; any other failure is retried.
 */
import { io, type Socket } from 'socket.io-client';
import {
  DASHBOARD_NAMESPACE,
  type ClientToServerEvents,
  type DashboardSnapshot,
  type ServerToClientEvents,
} from '../../../shared/realtime-events';

export type LiveState = 'connecting' | 'live' | 'offline';

export interface LiveEvents {
  'stats:delta': Parameters<ServerToClientEvents['stats:delta']>[0];
  'feed:comment': Parameters<ServerToClientEvents['feed:comment']>[0];
  'alert:changed': Parameters<ServerToClientEvents['alert:changed']>[0];
  /** Connected without recovery: whatever was shown may be stale. */
  resync: undefined;
  state: LiveState;
}

type Handler<K extends keyof LiveEvents> = (payload: LiveEvents[K]) => void;

const RETRY_MS = 3000;
const ACK_TIMEOUT_MS = 10_000;

export class LiveConnection {
  state: LiveState = 'connecting';
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly handlers = new Map<keyof LiveEvents, Set<Handler<never>>>();
  private retry: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly onUnauthorized: () => void) {
    this.socket = io(DASHBOARD_NAMESPACE, { path: '/socket.io', withCredentials: true, autoConnect: false });
    const s = this.socket;
    s.on('connect', () => {
      this.setState('live');
      if (!s.recovered) this.emit('resync', undefined);
    });
    s.on('disconnect', (reason) => {
      if (this.closed) return;
      this.setState('offline');
      // The server closed it (e.g. the session was ended): the client will not retry on its own.
      if (reason === 'io server disconnect') this.reconnectLater();
    });
    s.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      if (this.closed) return;
      this.setState('offline');
      if (s.active) return; // a transport failure: socket.io retries with backoff
      if (err.data?.code === 'unauthorized') this.onUnauthorized();
      this.reconnectLater();
    });
    s.on('stats:delta', (d) => this.emit('stats:delta', d));
    s.on('feed:comment', (f) => this.emit('feed:comment', f));
    s.on('alert:changed', (c) => this.emit('alert:changed', c));
    s.connect();
  }

  on<K extends keyof LiveEvents>(event: K, fn: Handler<K>): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    const h = fn as Handler<never>;
    set.add(h);
    return () => set.delete(h);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Today's figures and the active alerts, as the server sees them now. */
  async snapshot(): Promise<DashboardSnapshot> {
    const res = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('dashboard:snapshot', {});
    if (!res.ok) throw new Error(res.error.message);
    return res.snapshot;
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private reconnectLater(): void {
    if (this.retry || this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closed && !this.socket.connected) {
        this.setState('connecting');
        this.socket.connect();
      }
    }, RETRY_MS);
  }

  private setState(state: LiveState): void {
    if (state === this.state) return;
    this.state = state;
    this.emit('state', state);
  }

  private emit<K extends keyof LiveEvents>(event: K, payload: LiveEvents[K]): void {
    const set = this.handlers.get(event) as Set<Handler<K>> | undefined;
    if (set) for (const fn of [...set]) fn(payload);
  }
}
