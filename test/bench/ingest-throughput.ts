/**
 * DESIGN §5: ingest throughput ≥ 0.8 × a bare Express JSON POST endpoint,
 * measured in the same run, every acknowledgement durable. Each side runs in
 * its own child process, one after the other, under the same closed-loop load
 * from this process. Afterwards the stored responses are counted against the
 * 201 replies.
 *
 * BENCH_INGEST_KIOSKS (1): how many enrolled kiosks, at counters of their own,
 * share the load (ingest.child.ts). BENCH_INGEST_GAP=0: no kiosk minimum gap
 * (no gap mark per rating), to compare with runs made before session 18.
 */
import { randomUUID } from 'node:crypto';
import { openStore } from '../../server/store';
import { DEFAULT_ORG_ID } from '../../server/domain/bootstrap';
import type { Store } from '../../server/store/types';
import type { BenchContext } from './context';
import { measureFsync } from './disk';
import { runLoad, type LoadResult, type PreparedRequest } from './load';
import { fmt, type Section } from './report';
import { startBareTarget, startIngestTarget, type IngestInfo } from './targets';
import type { ProbeReading } from './targets/probe';

/** What a kiosk sends: a fresh id and a random overall score (and, for the real server, when it was pressed). */
function kioskBody(surveyVersionId: string, clientTime?: string): string {
  return JSON.stringify({ id: randomUUID(), surveyVersionId, channel: 'kiosk', answers: { O: 1 + Math.floor(Math.random() * 5) }, ...(clientTime ? { clientTime } : {}) });
}

/** Between two presses of one kiosk: the office's 5 s minimum gap (ingest.child.ts), exactly: no rating is a suspect. */
const PRESS_GAP_MS = 5_000;

/**
 * Round-robin over the kiosks; each kiosk's presses are PRESS_GAP_MS apart in
 * client time, starting 6.5 days back (the server believes a kiosk's time up
 * to 7 days back, its outbox after an outage), so the gap check runs on every
 * rating and passes: ~110,000 presses per kiosk before they would reach now.
 */
function kioskRequests(info: IngestInfo): () => PreparedRequest {
  const start = Date.now() - 6.5 * 86_400_000;
  const presses = info.kiosks.map(() => 0);
  const headers = info.kiosks.map((k) => ({ authorization: `Bearer ${k.deviceToken}` }));
  let k = 0;
  return () => {
    k = (k + 1) % headers.length;
    const clientTime = new Date(start + presses[k]++ * PRESS_GAP_MS).toISOString();
    return { body: kioskBody(info.surveyVersionId, clientTime), headers: headers[k] };
  };
}

interface Measured {
  load: LoadResult;
  server: ProbeReading;
}

async function storedIds(store: Store): Promise<{ ids: Set<string>; suspects: number }> {
  const ids = new Set<string>();
  let suspects = 0;
  let before: { serverTime: string; id: string } | undefined;
  for (;;) {
    const page = await store.listResponses({ orgId: DEFAULT_ORG_ID, includeExcluded: true, limit: 10_000, before });
    for (const r of page) {
      ids.add(r.id);
      if (r.suspect) suspects++;
    }
    if (page.length < 10_000) return { ids, suspects };
    const last = page[page.length - 1];
    before = { serverTime: last.serverTime, id: last.id };
  }
}

interface Round {
  bare: Measured;
  ingest: Measured;
  created: number;
  stored: number;
  /** Stored but held for review (a broken minimum gap): the bench's presses are spaced so there should be none. */
  suspects: number;
  missing: number;
  other: Record<number, number>;
}

async function measureBare(ctx: BenchContext, round: number): Promise<Measured> {
  ctx.progress(`round ${round}: bare express, ${ctx.warmupSeconds}s warm-up + ${ctx.seconds}s, ${ctx.connections} clients`);
  const bare = await startBareTarget({ cpuProfDir: ctx.cpuProfDir });
  try {
    const load = await runLoad({
      ...loadOptions(ctx),
      url: bare.info.url,
      next: (): PreparedRequest => ({ body: kioskBody('sipas-v1', new Date().toISOString()) }),
      onMeasureStart: () => bare.mark(),
    });
    return { load, server: await bare.read() };
  } finally {
    await bare.stop();
  }
}

async function measureIngest(ctx: BenchContext, round: number): Promise<Omit<Round, 'bare'>> {
  ctx.progress(`round ${round}: hai-long ingest, ${ctx.warmupSeconds}s warm-up + ${ctx.seconds}s, ${ctx.connections} clients`);
  const ingest = await startIngestTarget({ cpuProfDir: ctx.cpuProfDir, parentDir: ctx.dataParent });
  const created = new Set<string>();
  const other: Record<number, number> = {};
  try {
    let measured: Measured;
    try {
      const load = await runLoad({
        ...loadOptions(ctx),
        url: `${ingest.info.url}/api/v1/responses`,
        next: kioskRequests(ingest.info),
        onReply: (r) => {
          if (r.status === 201) created.add((JSON.parse(r.request.body) as { id: string }).id);
          else other[r.status] = (other[r.status] ?? 0) + 1;
        },
        onMeasureStart: () => ingest.mark(),
      });
      measured = { load, server: await ingest.read() };
    } finally {
      await ingest.stop();
    }
    // The child has stopped: open its SQLite file here and count what it stored.
    const store = await openStore({ dataDir: ingest.dataDir });
    let stored: Awaited<ReturnType<typeof storedIds>>;
    try {
      stored = await storedIds(store);
    } finally {
      await store.close();
    }
    const missing = [...created].filter((id) => !stored.ids.has(id)).length;
    return { ingest: measured, created: created.size, stored: stored.ids.size, suspects: stored.suspects, missing, other };
  } finally {
    ingest.cleanup();
  }
}

const loadOptions = (ctx: BenchContext) => ({
  connections: ctx.connections,
  warmupMs: ctx.warmupSeconds * 1000,
  durationMs: ctx.seconds * 1000,
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const statusList = (s: Record<number, number>) =>
  Object.entries(s)
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');

interface GroupCommit {
  batches: number;
  meanBatch: number;
  p50Batch: number;
  maxBatch: number;
  commitMs: number;
  meanCommitMs: number;
  rssMb: number;
}

export async function ingestThroughput(ctx: BenchContext): Promise<Section> {
  // Rounds alternate the two targets so drift on a shared machine hits both alike.
  const rounds: Round[] = [];
  for (let i = 1; i <= ctx.rounds; i++) {
    const bare = await measureBare(ctx, i);
    rounds.push({ bare, ...(await measureIngest(ctx, i)) });
  }
  const disk = measureFsync(ctx.dataParent);

  const row = (name: string, m: Measured) => [
    name,
    fmt(m.load.rps, 0),
    fmt(m.load.latencyMs.p50, 2),
    fmt(m.load.latencyMs.p99, 2),
    fmt(m.server.cpuPct, 0),
    fmt(m.server.elu * 100, 0),
    fmt(m.load.generatorCpuPct, 0),
    String(m.load.errors),
  ];
  const tag = (i: number) => (ctx.rounds > 1 ? ` #${i + 1}` : '');
  const ratios = rounds.map((r) => r.ingest.load.rps / r.bare.load.rps);
  const notes: string[] = [
    ctx.rounds > 1
      ? `ratio ingest/bare: median ${fmt(median(ratios), 3)} (rounds: ${ratios.map((r) => fmt(r, 3)).join(', ')})   (goal ≥ 0.8)`
      : `ratio ingest/bare: ${fmt(ratios[0], 3)}   (goal ≥ 0.8)`,
    `ingest p99: ${rounds.map((r) => `${fmt(r.ingest.load.latencyMs.p99, 2)} ms`).join(', ')}   (goal < 25 ms)`,
  ];
  rounds.forEach((r, i) => {
    const g = r.ingest.server.extra as unknown as GroupCommit;
    notes.push(
      `durability${tag(i)}: ${r.stored} responses stored (${r.suspects} held as suspect), ${r.created} replies 201` +
        (r.missing ? `, ${r.missing} acknowledged ids MISSING` : ', every acknowledged id present') +
        (Object.keys(r.other).length ? `; other replies: ${statusList(r.other)}` : ''),
      `group commit${tag(i)} (window): ${g.batches} batches, mean ${fmt(g.meanBatch)} / p50 ${g.p50Batch} / max ${g.maxBatch} responses per batch; ` +
        `${fmt(g.meanCommitMs, 2)} ms per commit, loop blocked in commits ${fmt((g.commitMs / r.ingest.server.wallMs) * 100, 0)}% of the time; ` +
        `server RSS ${fmt(g.rssMb, 0)} MB at the window's end`,
    );
  });
  notes.push(
    `disk (${ctx.dataParent ?? 'os temp dir'}): fdatasync p50 ${fmt(disk.p50Ms, 2)} ms, p99 ${fmt(disk.p99Ms, 2)} ms (≈ ${fmt(disk.perSecond, 0)} syncs/s)`,
    'server CPU % and loop busy % are the target process in the window; client CPU % is this load generator',
  );
  if (ctx.cpuProfDir) notes.push(`CPU profiles written under ${ctx.cpuProfDir}`);
  return {
    title: `Ingest throughput vs bare Express (${ctx.connections} keep-alive clients, ${ctx.seconds}s each)`,
    head: ['target', 'req/s', 'p50 ms', 'p99 ms', 'server CPU %', 'loop busy %', 'client CPU %', 'errors'],
    rows: rounds.flatMap((r, i) => [row(`bare express.json${tag(i)}`, r.bare), row(`POST /api/v1/responses${tag(i)}`, r.ingest)]),
    notes,
  };
}
