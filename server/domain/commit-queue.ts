/**
 * Group commit: requests that arrive in the same turn of the event loop are
 * written in one transaction, so one fsync covers them all. Every caller
 * still gets its own outcome only after that commit, which keeps "reply
 * after durable commit" while the disk's sync cost is shared.
 */
import type { CommitItem, CommitOutcome, Store } from '../store/types';

interface Pending {
  item: CommitItem;
  resolve: (o: CommitOutcome) => void;
  reject: (e: unknown) => void;
}

export class CommitQueue {
  private pending: Pending[] = [];
  private scheduled = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly maxBatch = 256,
  ) {}

  submit(item: CommitItem): Promise<CommitOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves when everything submitted so far is committed (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.pending.length || this.scheduled) {
      await new Promise((r) => setImmediate(r));
      await this.running;
    }
    await this.running;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.maxBatch);
    if (this.pending.length) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    // Batches commit one after another so outcomes follow arrival order.
    this.running = this.running.then(async () => {
      try {
        const outcomes = await this.store.commitResponses(batch.map((p) => p.item));
        batch.forEach((p, i) => p.resolve(outcomes[i]));
      } catch (err) {
        if (batch.length === 1) {
          batch[0].reject(err);
          return;
        }
        // One poisoned item must not fail everyone who shared its transaction:
        // the batch rolled back whole, so commit each item on its own.
        for (const p of batch) {
          try {
            p.resolve((await this.store.commitResponses([p.item]))[0]);
          } catch (e) {
            p.reject(e);
          }
        }
      }
    });
  }
}
