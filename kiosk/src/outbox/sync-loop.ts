/**
 * Sends the outbox until the server has acknowledged every rating. One sync
 * at a time; each round takes a batch of the oldest queued ratings (marking
 * them "sending", so they are frozen), posts them in the batch form and then:
 *  - acknowledged (stored, duplicate) → deleted;
 *  - terminal (invalid, conflict, unprocessable…) → deleted and counted, so one
 *    bad item never blocks the queue;
 *  - unauthorized → kept, and the kiosk checks whether it was revoked;
 *  - anything else, a network error or a 5xx → kept, retried with backoff.
 * Every send repeats the same ids and bodies, so a retry after a lost answer
 * is a harmless "duplicate".
 */
import { ACKNOWLEDGED_STATUSES, TERMINAL_STATUSES, type KioskResponseBody } from '../../../shared/kiosk-protocol';
import { backoffDelay } from './backoff';
import type { OutboxStore } from './types';

export const BATCH_SIZE = 50;

/** What one POST of a batch came to: per-item statuses in body order, or "try again later". */
export type SendOutcome = { kind: 'answered'; statuses: string[] } | { kind: 'failed' };

export interface SyncDeps {
  store: OutboxStore;
  send(bodies: KioskResponseBody[]): Promise<SendOutcome>;
  now(): number;
  random(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Outbox length or sync state changed (for the staff indicator and heartbeat). */
  onChange(): void;
  /** The server refused the device token for an item. */
  onUnauthorized(): void;
}

const acknowledged = new Set<string>(ACKNOWLEDGED_STATUSES);
const terminal = new Set<string>(TERMINAL_STATUSES);

export class SyncLoop {
  lastSyncAt: number | null = null;
  /** Items the server rejected for good since start (shown to staff). */
  dropped = 0;
  private running: Promise<void> | null = null;
  private rerun = false;
  private paused = false;
  private attempt = 0;
  private timer: unknown = null;

  constructor(private readonly deps: SyncDeps) {}

  get waitingToRetry(): boolean {
    return this.timer !== null;
  }

  /**
   * A new rating was queued. While a backoff wait is running it waits its
   * turn: the server is known to be unreachable and must not be hammered.
   */
  kick(): void {
    if (this.paused) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    if (this.timer !== null) return;
    this.running = this.run();
  }

  /** Resolves when no sync is running (tests; a clean stop). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** The link came back (socket connected, browser online): retry now, from a fresh backoff. */
  retryNow(): void {
    this.attempt = 0;
    this.cancelTimer();
    this.kick();
  }

  /** Stops sending (revoked device) until resumed. */
  pause(): void {
    this.paused = true;
    this.cancelTimer();
  }

  resume(): void {
    this.paused = false;
    this.retryNow();
  }

  private async run(): Promise<void> {
    try {
      while (!this.paused && (await this.round()) === 'more');
    } catch {
      // IndexedDB failed under us: try again later rather than spin.
      this.backoff();
    } finally {
      this.running = null;
      this.deps.onChange();
      if (this.rerun) {
        this.rerun = false;
        this.kick();
      }
    }
  }

  /** One batch. 'more' when it fully succeeded (there may be more queued). */
  private async round(): Promise<'more' | 'stop'> {
    const { store } = this.deps;
    const batch = await store.takeBatch(BATCH_SIZE);
    if (!batch.length) {
      this.attempt = 0;
      return 'stop';
    }
    this.deps.onChange();
    const ids = batch.map((i) => i.id);
    let outcome: SendOutcome;
    try {
      outcome = await this.deps.send(batch.map((i) => i.body));
    } catch {
      outcome = { kind: 'failed' };
    }
    if (outcome.kind === 'failed') {
      await store.release(ids);
      this.backoff();
      return 'stop';
    }

    const done: string[] = [];
    const keep: string[] = [];
    let unauthorized = false;
    ids.forEach((id, i) => {
      const status = outcome.statuses[i];
      if (acknowledged.has(status)) done.push(id);
      else if (terminal.has(status)) {
        done.push(id);
        this.dropped++;
      } else {
        if (status === 'unauthorized') unauthorized = true;
        keep.push(id);
      }
    });
    await store.remove(done);
    await store.release(keep);
    this.lastSyncAt = this.deps.now();
    if (unauthorized) {
      this.pause();
      this.deps.onUnauthorized();
      return 'stop';
    }
    if (keep.length) {
      this.backoff();
      return 'stop';
    }
    this.attempt = 0;
    return 'more';
  }

  private backoff(): void {
    if (this.paused) return;
    this.cancelTimer();
    const delay = backoffDelay(this.attempt++, this.deps.random);
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      this.kick();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }
}
