/**
 * Gap claims of ratings that arrive in the same turn of the event loop go to
 * the store in one transaction (claimGaps), in arrival order: the answers are
 * those of claiming one after the other.
 */
import type { GapClaim, Store } from '../store/types';

interface Pending {
  claim: GapClaim;
  resolve: (clear: boolean) => void;
  reject: (e: unknown) => void;
}

export class GapQueue {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly store: Pick<Store, 'claimGaps'>) {}

  claim(c: GapClaim): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.pending.push({ claim: c, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending.splice(0);
    try {
      const out = await this.store.claimGaps(batch.map((p) => p.claim));
      batch.forEach((p, i) => p.resolve(out[i]));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}
