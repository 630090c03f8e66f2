import { describe, expect, it } from 'vitest';
import { CommitQueue } from '../../server/domain/commit-queue';
import type { CommitItem, CommitOutcome, Store } from '../../server/store/types';

/** A store double recording transactions; only commitResponses is used by the queue. */
function recordingStore(failOn?: string) {
  const calls: string[][] = [];
  const store = {
    async commitResponses(items: CommitItem[]): Promise<CommitOutcome[]> {
      calls.push(items.map((i) => i.response.id));
      if (failOn && items.some((i) => i.response.id === failOn)) throw new Error('disk says no');
      return items.map(() => ({ status: 'stored' as const }));
    },
  } as unknown as Store;
  return { store, calls };
}
const item = (id: string) => ({ response: { id }, deltas: [] }) as unknown as CommitItem;

describe('CommitQueue', () => {
  it('commits requests from the same event-loop turn in one transaction', async () => {
    const { store, calls } = recordingStore();
    const q = new CommitQueue(store);
    const outcomes = await Promise.all(['a', 'b', 'c'].map((id) => q.submit(item(id))));
    expect(calls).toEqual([['a', 'b', 'c']]);
    expect(outcomes.every((o) => o.status === 'stored')).toBe(true);
  });

  it('splits batches at the maximum size, in arrival order', async () => {
    const { store, calls } = recordingStore();
    const q = new CommitQueue(store, 2);
    await Promise.all(['a', 'b', 'c'].map((id) => q.submit(item(id))));
    expect(calls).toEqual([['a', 'b'], ['c']]);
  });

  it('fails only the poisoned item when a shared transaction fails', async () => {
    const { store } = recordingStore('b');
    const q = new CommitQueue(store);
    const results = await Promise.allSettled(['a', 'b', 'c'].map((id) => q.submit(item(id))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('drain() resolves after everything submitted is committed', async () => {
    const { store, calls } = recordingStore();
    const q = new CommitQueue(store);
    void q.submit(item('x'));
    await q.drain();
    expect(calls).toEqual([['x']]);
  });
});
