/**
 * Hour buckets are kept for a retention period (HOUR_FIGURES_RETENTION_DAYS,
 * default 90): they serve today's figures, hour series and the partial-day
 * edges of recent ranges. Older ranges are read in whole days (the stats
 * service widens them and says so), so older hour rows are only weight. This
 * job drops them hourly in small batches, each its own short transaction with
 * a pause after it, so ingestion and dashboards never wait behind a long delete. Safe on every node: deleting
 * what another node already deleted deletes nothing.
 */
import type { Store } from '../store/types';
import { DAY_MS, HOUR_MS, startOfLocalDay } from '../../shared/periods';

export interface HourRetentionOptions {
  store: Pick<Store, 'purgeHourFigures'>;
  retentionDays: number;
  now?: () => number;
  /** Rows per transaction. */
  batch?: number;
  /** Pause between transactions, ms. */
  pauseMs?: number;
  onPurged?(rows: number): void;
}

/** Hour buckets before this instant may be gone: the start of the Vietnam day `retentionDays` ago. */
export function hourHorizon(now: number, retentionDays: number): number {
  return startOfLocalDay(now) - retentionDays * DAY_MS;
}

export class HourRetention {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(private readonly opts: HourRetentionOptions) {}

  horizon(): number {
    return hourHorizon((this.opts.now ?? Date.now)(), this.opts.retentionDays);
  }

  /** Deletes every hour row before the horizon; answers how many went. */
  async runOnce(): Promise<number> {
    this.running ??= (async () => {
      // Small batches with a pause between them: each delete also updates the covering indexes, and a
      // 5,000-row batch held the event loop ~350 ms on a 1 M-rating store (a dashboard waited that long).
      const batch = this.opts.batch ?? 500;
      const before = this.horizon();
      let total = 0;
      for (;;) {
        const n = await this.opts.store.purgeHourFigures(before, batch);
        total += n;
        if (n < batch) break;
        // Let requests in between batches, well beyond one turn of the loop: a backlog is drained over minutes, not in one burst.
        await new Promise((r) => setTimeout(r, this.opts.pauseMs ?? 25));
      }
      if (total) this.opts.onPurged?.(total);
      return total;
    })().finally(() => (this.running = null));
    return this.running;
  }

  start(): void {
    if (this.timer) return;
    const tick = () => void this.runOnce().catch(() => undefined);
    this.timer = setInterval(tick, HOUR_MS);
    this.timer.unref();
    setImmediate(tick);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
