import { describe, expect, it } from 'vitest';
import { MemoryOutbox } from '../../kiosk/src/outbox/memory-outbox';
import { BATCH_SIZE, SyncLoop, type SendOutcome, type SyncDeps } from '../../kiosk/src/outbox/sync-loop';
import type { OutboxItem } from '../../kiosk/src/outbox/types';
import type { KioskResponseBody } from '../../shared/kiosk-protocol';

let seq = 0;
const body = (over: Partial<KioskResponseBody> = {}): KioskResponseBody => ({
  id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  surveyVersionId: 'sv-1',
  channel: 'kiosk',
  servicePointId: 'sp-1',
  answers: { O: 5 },
  locale: 'vi',
  clientTime: new Date(0).toISOString(),
  ...over,
});
const item = (state: OutboxItem['state'] = 'queued', createdAt = ++seq): OutboxItem => {
  const b = body();
  return { id: b.id, createdAt, state, body: b };
};

/** A sync loop over a memory outbox, a scripted server and hand-driven timers. */
function harness(answers: ((bodies: KioskResponseBody[]) => SendOutcome | Promise<SendOutcome>)[]) {
  const store = new MemoryOutbox();
  const sent: KioskResponseBody[][] = [];
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  let unauthorized = 0;
  const deps: SyncDeps = {
    store,
    send: async (bodies) => {
      sent.push(bodies);
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected send');
      return answer(bodies);
    },
    now: () => 1000,
    random: () => 0.5,
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => ((t as { cleared: boolean }).cleared = true),
    onChange: () => undefined,
    onUnauthorized: () => unauthorized++,
  };
  const loop = new SyncLoop(deps);
  const pendingTimer = () => timers.filter((t) => !t.cleared).at(-1);
  /** Fires the pending backoff timer and waits for the round it starts. */
  const fireTimer = async () => {
    const t = pendingTimer()!;
    t.cleared = true;
    t.fn();
    await loop.settled();
  };
  return { store, sent, timers, loop, pendingTimer, fireTimer, unauthorized: () => unauthorized };
}

const all = (status: string) => (bodies: KioskResponseBody[]): SendOutcome => ({ kind: 'answered', statuses: bodies.map(() => status) });
const failed = (): SendOutcome => ({ kind: 'failed' });

describe('SyncLoop', () => {
  it('sends queued ratings oldest first in one batch and deletes them once acknowledged', async () => {
    const h = harness([all('stored')]);
    const [a, b] = [item('queued', 2), item('queued', 1)];
    await h.store.add(a);
    await h.store.add(b);
    h.loop.kick();
    await h.loop.settled();
    expect(h.sent).toEqual([[b.body, a.body]]);
    expect(h.store.items.size).toBe(0);
    expect(h.loop.lastSyncAt).toBe(1000);
  });

  it('treats "duplicate" as acknowledged (a retry after a lost answer)', async () => {
    const h = harness([all('duplicate')]);
    await h.store.add(item());
    h.loop.kick();
    await h.loop.settled();
    expect(h.store.items.size).toBe(0);
  });

  it('drops and counts items the server rejects for good, so they never block the queue', async () => {
    const h = harness([(bodies) => ({ kind: 'answered', statuses: bodies.map((_, i) => (i === 0 ? 'invalid' : i === 1 ? 'conflict' : 'stored')) })]);
    for (let i = 0; i < 3; i++) await h.store.add(item());
    h.loop.kick();
    await h.loop.settled();
    expect(h.store.items.size).toBe(0);
    expect(h.loop.dropped).toBe(2);
  });

  it('keeps everything and backs off when the server cannot be reached, then sends the same ids again', async () => {
    const h = harness([failed, all('stored')]);
    const it1 = item();
    await h.store.add(it1);
    h.loop.kick();
    await h.loop.settled();
    expect([...h.store.items.values()].map((i) => i.state)).toEqual(['queued']);
    expect(h.pendingTimer()!.ms).toBe(500); // attempt 0: random 0.5 × 1 s
    await h.fireTimer();
    expect(h.sent[1]).toEqual([it1.body]);
    expect(h.store.items.size).toBe(0);
  });

  it('grows the backoff exponentially up to a minute', async () => {
    const h = harness(Array.from({ length: 9 }, () => failed));
    await h.store.add(item());
    h.loop.kick();
    await h.loop.settled();
    for (let i = 0; i < 8; i++) await h.fireTimer();
    expect(h.timers.map((t) => t.ms)).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('keeps unanswered and rate-limited items for a retry, deleting the acknowledged ones', async () => {
    const h = harness([(bodies) => ({ kind: 'answered', statuses: ['stored', 'rate-limited'].slice(0, bodies.length) })]);
    const [a, b] = [item(), item()];
    await h.store.add(a);
    await h.store.add(b);
    h.loop.kick();
    await h.loop.settled();
    expect([...h.store.items.keys()]).toEqual([b.id]);
    expect(h.store.items.get(b.id)!.state).toBe('queued');
    expect(h.pendingTimer()).toBeDefined();
  });

  it('runs one sync at a time: a kick during a send waits and the new rating goes in the next batch', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = harness([async (b) => (await gate, all('stored')(b)), all('stored')]);
    const first = item();
    await h.store.add(first);
    h.loop.kick();
    await new Promise((r) => setTimeout(r, 0));
    const second = item();
    await h.store.add(second);
    h.loop.kick();
    h.loop.kick();
    expect(h.sent).toHaveLength(1);
    release();
    await h.loop.settled();
    expect(h.sent).toEqual([[first.body], [second.body]]);
  });

  it('never sends a draft (its follow-up is still on screen) until it is finalised', async () => {
    const h = harness([all('stored')]);
    const draft = item('draft');
    await h.store.add(draft);
    h.loop.kick();
    await h.loop.settled();
    expect(h.sent).toEqual([]);
    const final = { ...draft.body, answers: { O: 2, reasons: ['C'] }, comment: 'Chờ lâu' };
    expect(await h.store.finalize(draft.id, final)).toBe(true);
    h.loop.kick();
    await h.loop.settled();
    expect(h.sent).toEqual([[final]]);
  });

  it('freezes an item once sending starts: finalising it then changes nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = harness([async (b) => (await gate, failed())]);
    const it1 = item();
    await h.store.add(it1);
    h.loop.kick();
    await new Promise((r) => setTimeout(r, 0));
    expect(h.store.items.get(it1.id)!.state).toBe('sending');
    expect(await h.store.finalize(it1.id, { ...it1.body, comment: 'late edit' })).toBe(false);
    release();
    await h.loop.settled();
    expect(h.store.items.get(it1.id)!.body).toEqual(it1.body);
  });

  it('lets a new rating wait out a running backoff instead of hammering a server that is down', async () => {
    const h = harness([failed, all('stored')]);
    await h.store.add(item());
    h.loop.kick();
    await h.loop.settled();
    await h.store.add(item());
    h.loop.kick();
    await h.loop.settled();
    expect(h.sent).toHaveLength(1);
    await h.fireTimer();
    expect(h.sent[1]).toHaveLength(2);
  });

  it('retries at once when the link comes back, from a fresh backoff', async () => {
    const h = harness([failed, failed, all('stored')]);
    await h.store.add(item());
    h.loop.kick();
    await h.loop.settled();
    await h.fireTimer();
    h.loop.retryNow();
    await h.loop.settled();
    expect(h.sent).toHaveLength(3);
    expect(h.store.items.size).toBe(0);
    expect(h.timers.filter((t) => !t.cleared)).toEqual([]);
  });

  it('stops and reports when the device token is refused, keeping the ratings', async () => {
    const h = harness([all('unauthorized')]);
    await h.store.add(item());
    h.loop.kick();
    await h.loop.settled();
    expect(h.unauthorized()).toBe(1);
    expect(h.store.items.size).toBe(1);
    h.loop.kick();
    await h.loop.settled();
    expect(h.sent).toHaveLength(1);
  });

  it(`sends a long queue in batches of ${BATCH_SIZE}`, async () => {
    const h = harness([all('stored'), all('stored'), all('stored')]);
    for (let i = 0; i < BATCH_SIZE * 2 + 1; i++) await h.store.add(item());
    h.loop.kick();
    await h.loop.settled();
    expect(h.sent.map((b) => b.length)).toEqual([BATCH_SIZE, BATCH_SIZE, 1]);
  });
});

describe('MemoryOutbox.recover', () => {
  it('puts drafts and unanswered sends back in the queue after a reload', async () => {
    const store = new MemoryOutbox();
    await store.add(item('draft'));
    await store.add(item('sending'));
    await store.recover();
    expect([...store.items.values()].map((i) => i.state)).toEqual(['queued', 'queued']);
  });
});
