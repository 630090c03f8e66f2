import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoalescingScheduler } from '../../server/domain/coalescing-scheduler';

/** A scheduler whose runs are recorded and, when asked, held open until released. */
function recording(gapMs: number) {
  const runs: { at: number; batch: Record<string, string[]> }[] = [];
  const errors: unknown[] = [];
  let hold: Promise<void> | null = null;
  let fail = false;
  const s = new CoalescingScheduler<string, string, string[]>({
    gapMs,
    add: (queued, item) => [...(queued ?? []), item],
    async run(batch) {
      runs.push({ at: Date.now(), batch: Object.fromEntries(batch) });
      if (fail) throw new Error('store says no');
      await hold;
    },
    onError: (err) => errors.push(err),
    now: () => Date.now(),
  });
  return {
    s,
    runs,
    errors,
    holdRuns() {
      let release!: () => void;
      hold = new Promise((r) => (release = r));
      return () => {
        hold = null;
        release();
      };
    },
    failRuns: (on: boolean) => (fail = on),
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CoalescingScheduler', () => {
  it('runs a lone item on the next tick, not after the gap', async () => {
    const { s, runs } = recording(1000);
    s.push('org-1', 'a');
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([{ at: 1_000_000, batch: { 'org-1': ['a'] } }]);
  });

  it('folds the items of one turn into one run, per key', async () => {
    const { s, runs } = recording(1000);
    s.push('org-1', 'a');
    s.push('org-2', 'b');
    s.push('org-1', 'c');
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.map((r) => r.batch)).toEqual([{ 'org-1': ['a', 'c'], 'org-2': ['b'] }]);
  });

  it('starts the next run no sooner than the gap after the last one started', async () => {
    const { s, runs } = recording(1000);
    s.push('org-1', 'a');
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(300);
    s.push('org-1', 'b');
    s.push('org-1', 'c');
    await vi.advanceTimersByTimeAsync(699);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs[1]).toEqual({ at: 1_001_000, batch: { 'org-1': ['b', 'c'] } });
  });

  it('never runs twice at once: items pushed during a run wait for it', async () => {
    const { s, runs, holdRuns } = recording(0);
    const release = holdRuns();
    s.push('org-1', 'a');
    await vi.advanceTimersByTimeAsync(0);
    s.push('org-1', 'b');
    s.push('org-1', 'c');
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.map((r) => r.batch)).toEqual([{ 'org-1': ['a'] }, { 'org-1': ['b', 'c'] }]);
  });

  it('reports a failed run and carries on with the next items', async () => {
    const { s, runs, errors, failRuns } = recording(0);
    failRuns(true);
    s.push('org-1', 'a');
    await vi.advanceTimersByTimeAsync(0);
    failRuns(false);
    s.push('org-1', 'b');
    await vi.advanceTimersByTimeAsync(0);
    expect(errors.map((e) => (e as Error).message)).toEqual(['store says no']);
    expect(runs.map((r) => r.batch)).toEqual([{ 'org-1': ['a'] }, { 'org-1': ['b'] }]);
  });

  it('is idle at once when nothing is queued, and once every queued item has run otherwise', async () => {
    const { s, runs } = recording(1000);
    await s.idle();
    expect(s.busy).toBe(false);
    s.push('org-1', 'a');
    await vi.advanceTimersByTimeAsync(0);
    s.push('org-1', 'b');
    expect(s.busy).toBe(true);
    let done = false;
    void s.idle().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(runs).toHaveLength(2);
  });

  it('drops what is queued on stop, after the run in flight, and refuses new items', async () => {
    const { s, runs, holdRuns } = recording(1000);
    const release = holdRuns();
    s.push('org-1', 'a');
    await vi.advanceTimersByTimeAsync(0);
    s.push('org-1', 'b');
    const stopped = s.stop();
    s.push('org-1', 'c');
    release();
    await stopped;
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs.map((r) => r.batch)).toEqual([{ 'org-1': ['a'] }]);
    expect(s.busy).toBe(false);
  });

  it('with flush, runs what is queued once more on stop without waiting for the gap', async () => {
    const { s, runs } = recording(1000);
    s.push('org-1', 'a');
    await vi.advanceTimersByTimeAsync(0);
    s.push('org-1', 'b');
    await s.stop({ flush: true });
    expect(runs).toEqual([
      { at: 1_000_000, batch: { 'org-1': ['a'] } },
      { at: 1_000_000, batch: { 'org-1': ['b'] } },
    ]);
    s.push('org-1', 'c');
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toHaveLength(2);
  });

  it('lets an idle() waiter go when stop drops the queue', async () => {
    const { s } = recording(1000);
    s.push('org-1', 'a');
    await vi.advanceTimersByTimeAsync(0);
    s.push('org-1', 'b');
    const waiting = s.idle();
    await s.stop();
    await expect(waiting).resolves.toBeUndefined();
  });
});
