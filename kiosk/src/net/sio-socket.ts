/**
 * A minimal socket.io client over a plain WebSocket, for the kiosk's 30 KB
 * budget: socket.io-client weighs ~13 KB gzipped, this ~1.5 KB. WebSocket
 * only (no long-polling fallback), so kiosks need no sticky sessions behind a
 * load balancer. It speaks to the stock socket.io server, reconnects with
 * jittered backoff, and follows socket.io's rule that a refused handshake
 * or a server-side disconnect is not retried by itself.
 */
import { backoffDelay } from '../outbox/backoff';
import { EIO, SIO, decodeSio, encodeSio } from './sio-codec';

export type DisconnectReason = 'io server disconnect' | 'transport close' | 'ping timeout' | 'io client disconnect';

export interface SioHandlers {
  connect(): void;
  disconnect(reason: DisconnectReason): void;
  /** The server refused the handshake (its middleware error message). Not retried automatically. */
  connectError(message: string): void;
  event(name: string, args: unknown[]): void;
}

export interface SioOptions {
  url: string;
  namespace: string;
  /** Read at every (re)connection. */
  auth(): unknown;
  handlers: SioHandlers;
  WebSocketImpl?: typeof WebSocket;
  random?: () => number;
}

const RECONNECT = { baseMs: 1000, factor: 2, maxMs: 10_000 };

export class SioSocket {
  connected = false;
  private ws: WebSocket | null = null;
  /** False after close(), a refused handshake or a server disconnect: no automatic reconnection. */
  private active = true;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private pingDeadlineMs = 45_000;
  private nextAckId = 0;
  private readonly acks = new Map<number, (data: unknown[]) => void>();

  constructor(private readonly o: SioOptions) {
    this.open();
  }

  /** Connects again (after a refused handshake or a server disconnect, once the caller decided to). */
  connect(): void {
    this.active = true;
    clearTimeout(this.retryTimer);
    if (!this.ws) this.open();
  }

  /** Reconnects at once if a retry is pending (the network just came back). */
  retryNow(): void {
    if (this.active && !this.ws) this.connect();
  }

  close(): void {
    this.active = false;
    clearTimeout(this.retryTimer);
    this.drop('io client disconnect');
  }

  emit(event: string, ...args: unknown[]): void {
    this.sendSio({ type: SIO.event, nsp: this.o.namespace, data: [event, ...args] });
  }

  /** Resolves with the ack's arguments, or rejects after timeoutMs (or when not connected). */
  emitWithAck(event: string, arg: unknown, timeoutMs: number): Promise<unknown[]> {
    if (!this.connected) return Promise.reject(new Error('not connected'));
    const id = this.nextAckId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        reject(new Error('ack timeout'));
      }, timeoutMs);
      this.acks.set(id, (data) => {
        clearTimeout(timer);
        resolve(data);
      });
      this.sendSio({ type: SIO.event, nsp: this.o.namespace, id, data: [event, arg] });
    });
  }

  private open(): void {
    let ws: WebSocket;
    try {
      ws = new (this.o.WebSocketImpl ?? WebSocket)(this.o.url);
    } catch {
      return this.scheduleRetry();
    }
    this.ws = ws;
    ws.onmessage = (e) => this.onEnginePacket(String(e.data));
    ws.onclose = () => {
      if (this.ws === ws) this.drop('transport close');
    };
  }

  private onEnginePacket(p: string): void {
    switch (p[0]) {
      case EIO.open: {
        const { pingInterval, pingTimeout } = JSON.parse(p.slice(1)) as { pingInterval: number; pingTimeout: number };
        this.pingDeadlineMs = pingInterval + pingTimeout;
        this.watchPing();
        this.sendSio({ type: SIO.connect, nsp: this.o.namespace, data: this.o.auth() });
        break;
      }
      case EIO.ping:
        this.ws?.send(EIO.pong);
        this.watchPing();
        break;
      case EIO.close:
        this.drop('transport close');
        break;
      case EIO.message:
        this.onSioPacket(p.slice(1));
        break;
    }
  }

  private onSioPacket(s: string): void {
    const p = decodeSio(s);
    if (!p || p.nsp !== this.o.namespace) return;
    switch (p.type) {
      case SIO.connect:
        this.connected = true;
        this.attempt = 0;
        this.o.handlers.connect();
        break;
      case SIO.connectError:
        this.active = false;
        this.drop(null);
        this.o.handlers.connectError(String((p.data as { message?: unknown } | undefined)?.message ?? 'refused'));
        break;
      case SIO.disconnect:
        this.active = false;
        this.drop('io server disconnect');
        break;
      case SIO.event:
        if (Array.isArray(p.data) && typeof p.data[0] === 'string') this.o.handlers.event(p.data[0], p.data.slice(1));
        break;
      case SIO.ack:
        if (p.id !== undefined && Array.isArray(p.data)) this.acks.get(p.id)?.(p.data);
        this.acks.delete(p.id ?? -1);
        break;
    }
  }

  /** The server pings every pingInterval; silence beyond pingInterval + pingTimeout means the link is dead. */
  private watchPing(): void {
    clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => this.drop('ping timeout'), this.pingDeadlineMs);
  }

  private sendSio(p: Parameters<typeof encodeSio>[0]): void {
    if (this.ws?.readyState === 1) this.ws.send(EIO.message + encodeSio(p));
  }

  /** Tears the transport down; reports a disconnect if the namespace was connected; retries while active. */
  private drop(reason: DisconnectReason | null): void {
    clearTimeout(this.pingTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      try {
        ws.close();
      } catch {
        // already closed
      }
    }
    this.acks.clear();
    const wasConnected = this.connected;
    this.connected = false;
    if (wasConnected && reason) this.o.handlers.disconnect(reason);
    if (this.active) this.scheduleRetry();
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    const delay = 500 + backoffDelay(this.attempt++, this.o.random ?? Math.random, RECONNECT);
    this.retryTimer = setTimeout(() => {
      if (this.active && !this.ws) this.open();
    }, delay);
  }
}
