/**
 * Crash safety of ingestion: the real server runs in a child process, kiosk
 * ratings stream in from several concurrent clients, and the child is killed
 * with SIGKILL mid-stream (no graceful close, no drain). After a restart on
 * the same data directory every acknowledged rating must be there exactly
 * once, replays must be recognised, and the pre-aggregated buckets must equal
 * a recount from the raw responses.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store';
import type { AggregateDelta, Grain, Store, StoredResponse } from '../../server/store/types';
import { deltasFor } from '../../server/domain/aggregation';
import { DEFAULT_ORG_ID } from '../../server/domain/bootstrap';
import type { SurveyVersion } from '../../shared/survey';
import { startChild, type Child, type ChildExit } from '../helpers/child-process';

interface ChildInfo {
  url: string;
  deviceToken: string;
  surveyVersionId: string;
  pid: number;
}

const CLIENTS = 8;
/** Stream at least this long, and until MIN_ACKED ratings were acknowledged (a loaded CI machine is slower). */
const STREAM_MS = 1500;
const MIN_ACKED = 100;
const MAX_STREAM_MS = 20_000;
const CHILD = 'test/helpers/crash-child.ts';

type Body = { id: string; surveyVersionId: string; channel: 'kiosk'; answers: Record<string, unknown>; comment?: string };

function kioskBody(surveyVersionId: string): Body {
  const o = 1 + Math.floor(Math.random() * 5);
  const body: Body = { id: randomUUID(), surveyVersionId, channel: 'kiosk', answers: { O: o } };
  if (o <= 3 && Math.random() < 0.5) body.answers.reasons = Math.random() < 0.5 ? ['C'] : ['C', 'other'];
  if (Math.random() < 0.2) body.comment = 'Chờ lâu quá';
  return body;
}

const post = (info: ChildInfo, body: Body) =>
  fetch(`${info.url}/api/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${info.deviceToken}` },
    body: JSON.stringify(body),
  });

/** Runs `fn` over the items with at most `n` in flight. */
async function pool<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

interface Snapshot {
  responses: StoredResponse[];
  /** metric → summed row, per grain, as the store reports and as recounted from the raw responses. */
  sums: Record<Grain, { stored: Record<string, number[]>; recount: Record<string, number[]> }>;
  /** `bucket|metric` → counts, per grain. */
  series: Record<Grain, { stored: Record<string, number[]>; recount: Record<string, number[]> }>;
  /** metric → summed row of the organisation's rollup, per grain. */
  rollups: Record<Grain, Record<string, number[]>>;
}

const counts = (d: { c: number[]; na: number; n: number }) => [...d.c, d.na, d.n];
const add = (into: Record<string, number[]>, key: string, v: number[]) => {
  const cur = (into[key] ??= [0, 0, 0, 0, 0, 0, 0]);
  v.forEach((x, i) => (cur[i] += x));
};

/** Opens the data directory in this process (the child must be stopped) and reads everything back. */
async function snapshot(dataDir: string): Promise<Snapshot> {
  const store: Store = await openStore({ dataDir });
  try {
    const responses = await store.listResponses({ orgId: DEFAULT_ORG_ID, includeExcluded: true, limit: 1_000_000 });
    const defs = new Map<string, SurveyVersion['definition']>();
    const deltas: AggregateDelta[] = [];
    for (const r of responses) {
      if (!defs.has(r.surveyVersionId)) {
        const sv = await store.getEntity<SurveyVersion>('surveyVersion', r.surveyVersionId);
        defs.set(r.surveyVersionId, sv!.data.definition);
      }
      if (!r.excluded) deltas.push(...deltasFor(r, defs.get(r.surveyVersionId)!));
    }
    const snap = { responses, sums: {}, series: {}, rollups: {} } as Snapshot;
    for (const grain of ['hour', 'day', 'month'] as const) {
      const q = { grain, from: 0, to: Date.now() + 400 * 86_400_000, filter: { orgId: DEFAULT_ORG_ID } };
      const sums = { stored: {} as Record<string, number[]>, recount: {} as Record<string, number[]> };
      for (const row of await store.sumAggregates(q)) add(sums.stored, row.metric, counts(row));
      const series = { stored: {} as Record<string, number[]>, recount: {} as Record<string, number[]> };
      for (const row of await store.aggregateSeries(q)) add(series.stored, `${row.bucket}|${row.metric}`, counts(row));
      for (const d of deltas.filter((x) => x.grain === grain)) {
        add(sums.recount, d.metric, counts(d));
        add(series.recount, `${d.bucket}|${d.metric}`, counts(d));
      }
      const rollups: Record<string, number[]> = {};
      for (const row of await store.sumRollups({ grain, from: q.from, to: q.to, orgId: DEFAULT_ORG_ID, dim: 'org' })) add(rollups, row.metric, counts(row));
      snap.rollups[grain] = rollups;
      snap.sums[grain] = sums;
      snap.series[grain] = series;
    }
    return snap;
  } finally {
    await store.close();
  }
}

const idCounts = (rs: StoredResponse[]) => {
  const m = new Map<string, number>();
  for (const r of rs) m.set(r.id, (m.get(r.id) ?? 0) + 1);
  return m;
};

let dataDir: string;
let child: Child<ChildInfo> | undefined;
/** Acknowledged (201/200) before the kill. */
const acked = new Map<string, Body>();
/** Sent before the kill but never acknowledged (in flight, or refused by the dying server). */
const unacked = new Map<string, Body>();
let inFlightAtKill = 0;
let killExit: ChildExit;
let afterCrash: Snapshot;
let replayStatuses: { id: string; status: number; body: { status?: string } }[];
let retryStatuses: { id: string; status: number }[];
let afterRetry: Snapshot;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hailong-crash-'));

  // 1. Stream ratings into a server in a child process, then SIGKILL it mid-stream.
  child = await startChild<ChildInfo>(CHILD, { env: { DATA_DIR: dataDir } });
  const first = child.info;
  let killed = false;
  let inFlight = 0;
  const streamer = async () => {
    while (!killed) {
      const body = kioskBody(first.surveyVersionId);
      unacked.set(body.id, body);
      inFlight++;
      try {
        const res = await post(first, body);
        await res.arrayBuffer();
        if (res.status === 201 || res.status === 200) {
          acked.set(body.id, body);
          unacked.delete(body.id);
        } else if (!killed) {
          throw new Error(`unexpected ${res.status} before the kill`);
        }
      } catch (err) {
        if (!killed) throw err;
        return; // the connection died with the server
      } finally {
        inFlight--;
      }
    }
  };
  const streams = Array.from({ length: CLIENTS }, streamer);
  const started = Date.now();
  await new Promise((r) => setTimeout(r, STREAM_MS));
  while (acked.size < MIN_ACKED && Date.now() - started < MAX_STREAM_MS) await new Promise((r) => setTimeout(r, 50));
  inFlightAtKill = inFlight;
  killed = true;
  child.proc.kill('SIGKILL');
  killExit = await child.exited;
  child = undefined;
  await Promise.all(streams);

  // 2. Read the data directory as the crash left it.
  afterCrash = await snapshot(dataDir);

  // 3. Restart on the same directory; replay every acknowledged rating, retry every unacknowledged one.
  child = await startChild<ChildInfo>(CHILD, { env: { DATA_DIR: dataDir } });
  const second = child.info;
  replayStatuses = await pool([...acked.values()], CLIENTS, async (body) => {
    const res = await post(second, body);
    return { id: body.id, status: res.status, body: (await res.json()) as { status?: string } };
  });
  retryStatuses = await pool([...unacked.values()], CLIENTS, async (body) => {
    const res = await post(second, body);
    await res.arrayBuffer();
    return { id: body.id, status: res.status };
  });
  await child.stop('SIGTERM');
  child = undefined;
  afterRetry = await snapshot(dataDir);
}, 60_000);

afterAll(async () => {
  await child?.stop('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('ingestion survives a SIGKILL mid-stream', () => {
  it('was really killed while ratings were in flight', () => {
    expect(killExit.signal).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(MIN_ACKED);
    expect(inFlightAtKill).toBeGreaterThan(0);
    console.info(
      `crash test: ${acked.size} acknowledged, ${unacked.size} unacknowledged at the kill, ` +
        `${afterCrash.responses.length} stored after the crash, ${afterRetry.responses.length} after the retries`,
    );
  });

  it('keeps every acknowledged rating, each stored exactly once', () => {
    const seen = idCounts(afterCrash.responses);
    const missing = [...acked.keys()].filter((id) => !seen.has(id));
    expect(missing).toEqual([]);
    expect([...seen.values()].filter((n) => n !== 1)).toEqual([]);
    for (const r of afterCrash.responses) {
      const body = acked.get(r.id) ?? unacked.get(r.id);
      expect(body, `stored ${r.id} was never sent`).toBeDefined();
      expect(r.answers).toEqual(body!.answers);
    }
  });

  it('answers 200 "duplicate" to every acknowledged rating replayed after the restart', () => {
    expect(replayStatuses).toHaveLength(acked.size);
    const wrong = replayStatuses.filter((r) => r.status !== 200 || r.body.status !== 'duplicate');
    expect(wrong).toEqual([]);
  });

  it('stores each retried unacknowledged rating once: 201 if the crash lost it, 200 if it had committed', () => {
    const before = new Set(afterCrash.responses.map((r) => r.id));
    for (const r of retryStatuses) expect(r.status).toBe(before.has(r.id) ? 200 : 201);
    const seen = idCounts(afterRetry.responses);
    expect([...seen.values()].filter((n) => n !== 1)).toEqual([]);
    expect(new Set(seen.keys())).toEqual(new Set([...acked.keys(), ...unacked.keys()]));
  });

  it('keeps the hourly, daily and monthly aggregates and rollups equal to a recount of the stored responses', () => {
    for (const snap of [afterCrash, afterRetry]) {
      for (const grain of ['hour', 'day', 'month'] as const) {
        expect(snap.sums[grain].stored, `${grain} sums`).toEqual(snap.sums[grain].recount);
        expect(snap.series[grain].stored, `${grain} series`).toEqual(snap.series[grain].recount);
        expect(snap.sums[grain].stored.resp?.[6]).toBe(snap.responses.length);
        expect(snap.rollups[grain], `${grain} rollups`).toEqual(snap.sums[grain].recount);
      }
    }
  });
});
