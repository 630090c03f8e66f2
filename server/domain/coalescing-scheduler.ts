/**
 * Work triggered by events that come in bursts — ratings committed, one after
 * another or a thousand a second — coalesced into batches, so the cost is per
 * batch, not per event. Live figures and alert evaluation both use it.
 *
 * Items are folded per key (an organisation, say) into what is already queued
 * under it. A run takes everything queued at that moment; at most one run is
 * in flight, and a run starts no sooner than `gapMs` after the previous one
 * started. So a lone item runs on the next tick, a burst costs one run per
 * gap, and no item waits longer than `gapMs` plus the run in flight.
 *
 * Nothing here is authoritative: what is queued is lost with the process, and
 * is only ever a hint to re-read figures kept in the store.
 */

export interface CoalescingSchedulerOptions<K, I, B> {
  /** Least time between the starts of two runs, in ms (0: as soon as the last one is done). */
  gapMs: number;
  /** Folds one item into what is queued under its key (`undefined` when nothing is yet). */
  add(queued: B | undefined, item: I): B;
  /** Does the work for one batch. Never called while another run is in flight. */
  run(batch: Map<K, B>): Promise<void>;
  /** A failed run is reported here; later items still run. */
  onError(err: unknown): void;
  /** The clock the gap is measured on (default `performance.now`). */
  now?: () => number;
  /** Lets the process exit while a run waits for its gap to pass. */
  unref?: boolean;
}

export class CoalescingScheduler<K, I, B> {
  private pending = new Map<K, B>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private lastStart = Number.NEGATIVE_INFINITY;
  private stopped = false;
  private waiters: (() => void)[] = [];
  private readonly now: () => number;

  constructor(private readonly opts: CoalescingSchedulerOptions<K, I, B>) {
    this.now = opts.now ?? (() => performance.now());
  }

  /** Queues an item under its key; refused once stopped. */
  push(key: K, item: I): void {
    if (this.stopped) return;
    this.pending.set(key, this.opts.add(this.pending.get(key), item));
    this.schedule();
  }

  /** True while anything is queued, waiting for its gap or running. */
  get busy(): boolean {
    return this.running !== null || this.timer !== null || this.pending.size > 0;
  }

  /** Resolves once every item pushed so far has run (or was dropped by `stop`). */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Refuses new items and waits for the run in flight. What is still queued
   * is dropped, or with `flush` run once more straight away (no gap).
   */
  async stop(opts: { flush?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!opts.flush) this.pending.clear();
    await this.running;
    if (this.pending.size) {
      this.start();
      await this.running;
    }
    this.settle();
  }

  private schedule(): void {
    if (this.timer || this.running) return;
    if (this.stopped || this.pending.size === 0) return this.settle();
    const wait = Math.max(0, this.lastStart + this.opts.gapMs - this.now());
    this.timer = setTimeout(() => this.start(), wait);
    if (this.opts.unref) this.timer.unref();
  }

  private start(): void {
    this.timer = null;
    this.lastStart = this.now();
    const batch = this.pending;
    this.pending = new Map();
    let run: Promise<void>;
    try {
      run = this.opts.run(batch);
    } catch (err) {
      run = Promise.reject(err);
    }
    this.running = run
      .catch((err: unknown) => this.opts.onError(err))
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }

  private settle(): void {
    if (this.busy) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
