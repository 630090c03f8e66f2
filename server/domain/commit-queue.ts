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
  private committing = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly maxBatch = 256,
  ) {}

  submit(item: CommitItem): Promise<CommitOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything submitted so far is committed (graceful shutdown). */
  drain(): Promise<void> {
    if (!this.committing && !this.pending.length && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.committing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.commitNext();
    });
  }

  /**
   * One commit at a time. While it runs, new requests keep collecting, and
   * the next batch takes all of them: with an asynchronous store (MongoDB)
   * batches grow with load instead of shrinking to one item each.
   */
  private async commitNext(): Promise<void> {
    const batch = this.pending.splice(0, this.maxBatch);
    if (!batch.length) {
      for (const done of this.idle.splice(0)) done();
      return;
    }
    this.committing = true;
    try {
      await this.commit(batch);
    } finally {
      this.committing = false;
    }
    if (this.pending.length) this.schedule();
    else for (const done of this.idle.splice(0)) done();
  }

  private async commit(batch: Pending[]): Promise<void> {
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
  }
}
