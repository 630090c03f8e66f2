/**
 * The enrolled kiosk's machinery, apart from the screens: the outbox and its
 * sync loop, the live link, and the one place that decides the device was
 * revoked (only on the server's explicit 401, confirmed over HTTP).
 */
import type { KioskConfig, KioskRatingSession, KioskResponseBody } from '../../shared/kiosk-protocol';
import { checkStaffPin, type StaffPinOutcome } from './net/api';
import { fetchConfig, sendBatch } from './net/api';
import { openLiveLink, type LiveLink } from './net/live-link';
import { IdbOutbox, openOutboxDb } from './outbox/idb-outbox';
import { MemoryOutbox } from './outbox/memory-outbox';
import { SyncLoop } from './outbox/sync-loop';
import type { OutboxStore } from './outbox/types';

declare const __APP_VERSION__: string;
export const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

/** A safety net: retries anything left queued even if no event fired. */
const SWEEP_MS = 60_000;
const RECHECK_MS = 15_000;

export interface KioskStatus {
  connected: boolean;
  outbox: number;
  oldestCreatedAt: number | null;
  lastSyncAt: number | null;
  dropped: number;
}

export interface RuntimeHandlers {
  onConfig(config: KioskConfig): void;
  onRevoked(): void;
  onStatus(status: KioskStatus): void;
  onSession?(session: KioskRatingSession): void;
}

let outboxOnce: Promise<OutboxStore> | null = null;
/** One outbox per page, recovered once: it outlives enrolments (a revoked kiosk keeps its unsent ratings). */
export function openOutbox(): Promise<OutboxStore> {
  return (outboxOnce ??= (async () => {
    let store: OutboxStore;
    try {
      store = new IdbOutbox(await openOutboxDb());
    } catch {
      store = new MemoryOutbox();
    }
    await store.recover();
    return store;
  })());
}

export class KioskRuntime {
  private readonly sync: SyncLoop;
  private readonly link: LiveLink;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly stopHooks: (() => void)[] = [];
  private connected = false;
  private checking = false;
  private stopped = false;

  private constructor(
    private readonly token: string,
    private readonly outbox: OutboxStore,
    private readonly h: RuntimeHandlers,
  ) {
    this.sync = new SyncLoop({
      store: outbox,
      send: (bodies) => sendBatch(token, bodies),
      now: Date.now,
      random: Math.random,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
      onChange: () => {
        void this.publishStatus();
        this.link?.beat();
      },
      onUnauthorized: () => void this.confirmRevoked(),
    });
    this.link = openLiveLink({
      token: () => token,
      heartbeat: async () => {
        const s = await outbox.stats();
        return {
          online: navigator.onLine,
          outbox: s.count,
          oldestQueuedMs: s.oldestCreatedAt === null ? 0 : Math.max(0, Date.now() - s.oldestCreatedAt),
          appVersion: APP_VERSION,
        };
      },
      onConfig: (c) => h.onConfig(c),
      onSession: (s) => h.onSession?.(s),
      onConnectionChange: (connected) => {
        this.connected = connected;
        if (connected) this.sync.retryNow();
        void this.publishStatus();
      },
      onMaybeRevoked: () => void this.confirmRevoked(),
    });
    const onOnline = () => this.sync.retryNow();
    addEventListener('online', onOnline);
    this.timers.push(setInterval(() => this.sync.kick(), SWEEP_MS));
    this.stopHooks.push(() => removeEventListener('online', onOnline));
  }

  static async start(token: string, h: RuntimeHandlers): Promise<KioskRuntime> {
    const rt = new KioskRuntime(token, await openOutbox(), h);
    rt.sync.kick();
    void rt.publishStatus();
    void rt.refreshConfig();
    return rt;
  }

  /** A final rating: on disk before this resolves, then sent in the background. */
  async record(body: KioskResponseBody): Promise<void> {
    await this.outbox.add({ id: body.id, createdAt: Date.now(), state: 'queued', body });
    this.afterWrite();
  }

  /** A low rating whose follow-up is on screen: kept (and sent after a crash) but not sent while it may still gain reasons. */
  async draft(body: KioskResponseBody): Promise<void> {
    await this.outbox.add({ id: body.id, createdAt: Date.now(), state: 'draft', body });
    void this.publishStatus();
  }

  async finalize(body: KioskResponseBody): Promise<void> {
    if (!(await this.outbox.finalize(body.id, body))) await this.record(body).catch(() => undefined);
    this.afterWrite();
  }

  /** The staff panel's "sync now": send the outbox and a heartbeat at once. */
  syncNow(): void {
    this.sync.retryNow();
    this.link.beat();
    void this.publishStatus();
  }

  checkStaffPin(pin: string): Promise<StaffPinOutcome> {
    return checkStaffPin(this.token, pin);
  }

  stop(): void {
    this.stopped = true;
    this.sync.pause();
    this.link.close();
    for (const t of this.timers) clearInterval(t);
    for (const f of this.stopHooks) f();
  }

  private afterWrite(): void {
    this.sync.kick();
    void this.publishStatus();
  }

  private async refreshConfig(): Promise<void> {
    const r = await fetchConfig(this.token);
    if (this.stopped) return;
    if (r.kind === 'ok') this.h.onConfig(r.config);
    else if (r.kind === 'revoked') this.revoked();
  }

  /** Socket hints and refused items only lead to the enrolment screen once GET /kiosk/config says 401. */
  private async confirmRevoked(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    const r = await fetchConfig(this.token);
    this.checking = false;
    if (this.stopped) return;
    if (r.kind === 'revoked') return this.revoked();
    if (r.kind === 'ok') {
      this.h.onConfig(r.config);
      this.link.reconnect();
      this.sync.resume();
      return;
    }
    setTimeout(() => void this.confirmRevoked(), RECHECK_MS);
  }

  private revoked(): void {
    this.stop();
    this.h.onRevoked();
  }

  private async publishStatus(): Promise<void> {
    const s = await this.outbox.stats().catch(() => ({ count: 0, oldestCreatedAt: null }));
    if (this.stopped) return;
    this.h.onStatus({ connected: this.connected, outbox: s.count, oldestCreatedAt: s.oldestCreatedAt, lastSyncAt: this.sync.lastSyncAt, dropped: this.sync.dropped });
  }
}
