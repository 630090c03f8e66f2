/**
 * Rating → dashboard push latency (DESIGN §5: p99 < 50 ms at 1,000
 * ratings/s with 100 dashboards).
 *
 * The real server runs in its own process (test/helpers/node-child.ts, SQLite
 * in a temp dir); this process connects `dashboards` socket.io clients to
 * /dashboard and posts kiosk ratings open-loop at `rate` per second from
 * `devices` kiosks. A rating's latency, per dashboard, is the time from just
 * before its POST is written to the arrival of the first `stats:delta` that
 * lists its id — commit, store read, emit, network and parse included. Both
 * ends are timed in this process, so no clocks are compared. With `nodes: 2`
 * two server processes share the data directory and a local redis-server,
 * ratings and dashboards alternate between them, and every push crosses the
 * Redis Streams adapter for half the dashboards.
 *
 * Standalone: `npx tsx test/bench/push.bench.ts` (env: BENCH_PUSH_RATE,
 * BENCH_PUSH_DASHBOARDS, BENCH_PUSH_NODES, BENCH_PUSH_DEVICES, BENCH_SECONDS,
 * BENCH_WARMUP_SECONDS, BENCH_DATA_DIR, BENCH_CPU_PROF_DIR). Figures only: never
 * fails on a goal.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { io as connect, type Socket } from 'socket.io-client';
import { startChild, type Child } from '../helpers/child-process';
import { startRedis, type RedisServer } from '../helpers/redis-server';
import { ADMIN } from '../helpers/test-server';
import { DASHBOARD_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/realtime-events';

export interface PushBenchOptions {
  /** Ratings per second, sent open-loop (default 1000). */
  rate?: number;
  /** Connected dashboards (default 100). */
  dashboards?: number;
  /** Server nodes: 1 (no Redis) or 2 (shared Redis; default 1). */
  nodes?: 1 | 2;
  /** Kiosks the ratings come from (default 20). */
  devices?: number;
  /** Measured window (default 5 s) after a warm-up (default 1 s). */
  seconds?: number;
  warmupSeconds?: number;
  /** Parent of the temporary data directory (default: the OS temp dir). */
  dataParent?: string;
  /** Progress lines (stderr by default). */
  progress?: (line: string) => void;
  /** Print the table on stdout (default true). */
  print?: boolean;
  /** When set, the server nodes write V8 CPU profiles here. */
  cpuProfDir?: string;
}

export interface PushBenchResult {
  /** Over every (rating, dashboard) delivery in the measured window, ms. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Time until the last dashboard had a rating, p99 over ratings, ms. */
  allDashboardsP99: number;
  /** HTTP acknowledgement (durable commit) latency, ms. */
  ackP50: number;
  ackP99: number;
  /** Last dashboard's arrival minus the HTTP acknowledgement: the push path alone (may be < 0), ms. */
  afterAckP50: number;
  afterAckP99: number;
  rate: number;
  achievedRate: number;
  dashboards: number;
  nodes: number;
  ratingsMeasured: number;
  deliveries: number;
  /** Deliveries expected but never seen (should be 0). */
  missing: number;
  errors: number;
  /** stats:delta events per dashboard per second (pushes are coalesced under load). */
  eventsPerDashboardPerSecond: number;
  /** The same figures in the bench report's section shape (title, head, rows, notes). */
  section: { title: string; head: string[]; rows: (string | number)[][]; notes: string[] };
}

interface NodeInfo {
  url: string;
  pid: number;
  deviceToken?: string;
  surveyVersionId?: string;
  deviceTokens?: string[];
}

type Dash = Socket<ServerToClientEvents, ClientToServerEvents>;

const pct = (sorted: Float64Array, p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

class Samples {
  private a = new Float64Array(1 << 16);
  n = 0;
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
  sorted(): Float64Array {
    return this.a.subarray(0, this.n).sort();
  }
}

export async function pushBench(opts: PushBenchOptions = {}): Promise<PushBenchResult> {
  const rate = opts.rate ?? 1000;
  const nDash = opts.dashboards ?? 100;
  const nodes = opts.nodes ?? 1;
  const devices = Math.max(1, opts.devices ?? 20);
  const seconds = opts.seconds ?? 5;
  const warmup = opts.warmupSeconds ?? 1;
  const progress = opts.progress ?? ((l: string) => process.stderr.write(`[push-bench] ${l}\n`));

  const dataDir = mkdtempSync(path.join(opts.dataParent ?? os.tmpdir(), 'hailong-push-bench-'));
  let redis: RedisServer | null = null;
  const children: Child<NodeInfo>[] = [];
  const sockets: Dash[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  try {
    if (nodes === 2) redis = await startRedis();
    const env = { DATA_DIR: dataDir, ...(redis ? { REDIS_URL: redis.url } : {}) };
    progress(`starting ${nodes} node(s)${redis ? ` with Redis at ${redis.url}` : ''}`);
    const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir] : [];
    children.push(
      await startChild<NodeInfo>('test/helpers/node-child.ts', { env: { ...env, HL_FIXTURE: '1', HL_EXTRA_DEVICES: String(devices - 1) }, readyTimeoutMs: 60_000, nodeArgs }),
    );
    if (nodes === 2) children.push(await startChild<NodeInfo>('test/helpers/node-child.ts', { env, readyTimeoutMs: 60_000, nodeArgs }));
    const first = children[0].info;
    const tokens = [first.deviceToken!, ...(first.deviceTokens ?? [])];
    const surveyVersionId = first.surveyVersionId!;

    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    // Bursts are the point here, not an incident: keep that rule from doing list reads on every batch.
    await fetch(`${first.url}/api/v1/alert-rules`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ burst: { enabled: false }, suspiciousTopRatings: { enabled: false } }),
    });

    // ---- dashboards --------------------------------------------------------
    const sentAt = new Map<string, number>();
    const ackedAt = new Map<string, number>();
    const measuredIds = new Set<string>();
    const seenBy = new Map<string, number>();
    const lastArrival = new Map<string, number>();
    const deliveries = new Samples();
    let events = 0;
    let measuring = false;
    progress(`connecting ${nDash} dashboards`);
    await Promise.all(
      Array.from({ length: nDash }, (_, i) => {
        const url = children[i % children.length].info.url;
        const s: Dash = connect(url + DASHBOARD_NAMESPACE, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
        sockets.push(s);
        s.on('stats:delta', (d) => {
          const now = performance.now();
          if (measuring) events++;
          for (const id of d.responseIds) {
            if (!measuredIds.has(id)) continue;
            deliveries.push(now - sentAt.get(id)!);
            seenBy.set(id, (seenBy.get(id) ?? 0) + 1);
            lastArrival.set(id, now);
          }
        });
        return new Promise<void>((resolve, reject) => {
          s.once('connect', () => resolve());
          s.once('connect_error', reject);
        });
      }),
    );

    // ---- open-loop ratings -------------------------------------------------
    const acks = new Samples();
    let errors = 0;
    let firstError: string | null = null;
    let sent = 0;
    const inflight = new Set<Promise<void>>();
    const post = (measured: boolean) => {
      const id = randomUUID();
      const target = new URL(children[sent % children.length].info.url);
      const token = tokens[sent % tokens.length];
      const o = 1 + Math.floor(Math.random() * 5);
      const body = JSON.stringify({ id, surveyVersionId, channel: 'kiosk', answers: o <= 3 ? { O: o, reasons: ['C'] } : { O: o } });
      sent++;
      const t0 = performance.now();
      sentAt.set(id, t0);
      if (measured) measuredIds.add(id);
      const p = new Promise<void>((resolve) => {
        const req = http.request(
          {
            host: target.hostname,
            port: target.port,
            path: '/api/v1/responses',
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode !== 201) {
                errors++;
                firstError ??= `HTTP ${res.statusCode}`;
                measuredIds.delete(id);
              } else if (measured) {
                const now = performance.now();
                acks.push(now - t0);
                ackedAt.set(id, now);
              }
              resolve();
            });
          },
        );
        req.on('error', (err) => {
          errors++;
          firstError ??= String(err);
          measuredIds.delete(id);
          resolve();
        });
        req.end(body);
      });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    };

    progress(`sending ${rate} ratings/s: ${warmup} s warm-up, ${seconds} s measured`);
    const start = performance.now();
    const measureFrom = start + warmup * 1000;
    const measureTo = measureFrom + seconds * 1000;
    let measuredSent = 0;
    let cpuStart: NodeJS.CpuUsage | null = null;
    for (;;) {
      const now = performance.now();
      if (now >= measureTo) break;
      measuring = now >= measureFrom;
      if (measuring && !cpuStart) cpuStart = process.cpuUsage();
      const due = Math.floor(((now - start) / 1000) * rate) - sent;
      for (let i = 0; i < due; i++) {
        post(measuring);
        if (measuring) measuredSent++;
      }
      await sleep(1);
    }
    measuring = false;
    const cpu = process.cpuUsage(cpuStart ?? undefined);
    const benchCpuPct = ((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100;
    const sendSeconds = seconds;
    await Promise.all([...inflight]);
    // Let the last pushes arrive.
    const deadline = performance.now() + 3000;
    while (performance.now() < deadline && [...measuredIds].some((id) => (seenBy.get(id) ?? 0) < nDash)) await sleep(20);

    const sorted = deliveries.sorted();
    const allDash = new Samples();
    const afterAck = new Samples();
    let missing = 0;
    for (const id of measuredIds) {
      const seen = seenBy.get(id) ?? 0;
      missing += nDash - seen;
      if (seen === nDash) {
        allDash.push(lastArrival.get(id)! - sentAt.get(id)!);
        if (ackedAt.has(id)) afterAck.push(lastArrival.get(id)! - ackedAt.get(id)!);
      }
    }
    const afterAckSorted = afterAck.sorted();
    const allSorted = allDash.sorted();
    const ackSorted = acks.sorted();
    const result: Omit<PushBenchResult, 'section'> = {
      p50: pct(sorted, 50),
      p90: pct(sorted, 90),
      p99: pct(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
      allDashboardsP99: pct(allSorted, 99),
      ackP50: pct(ackSorted, 50),
      ackP99: pct(ackSorted, 99),
      afterAckP50: pct(afterAckSorted, 50),
      afterAckP99: pct(afterAckSorted, 99),
      rate,
      achievedRate: measuredSent / sendSeconds,
      dashboards: nDash,
      nodes,
      ratingsMeasured: measuredIds.size,
      deliveries: sorted.length,
      missing,
      errors,
      eventsPerDashboardPerSecond: events / nDash / sendSeconds,
    };
    const section = {
      title: `Rating → dashboard push (${nodes} node${nodes > 1 ? 's + Redis' : ''}, ${nDash} dashboards, ${rate} ratings/s)`,
      head: ['figure', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
      rows: [
        ['push, every dashboard', f1(result.p50), f1(result.p90), f1(result.p99), f1(result.max)],
        ['push, last dashboard', '', '', f1(result.allDashboardsP99), ''],
        ['HTTP ack (commit)', f1(result.ackP50), '', f1(result.ackP99), ''],
        ['last dashboard − ack', f1(result.afterAckP50), '', f1(result.afterAckP99), ''],
      ],
      notes: [
        `goal: p99 < 50 ms (DESIGN §5) — measured p99 ${f1(result.p99)} ms`,
        `sent ${f1(result.achievedRate)} ratings/s for ${sendSeconds} s from ${devices} kiosks; ${result.ratingsMeasured} ratings, ${result.deliveries} deliveries, ${missing} missing, ${errors} errors${firstError ? ` (first: ${firstError})` : ''}`,
        `${f1(result.eventsPerDashboardPerSecond)} stats:delta events per dashboard per second (pushes coalesce under load)`,
        `server, dashboards and load generator share ${os.cpus().length} CPU(s); this process (dashboards + load) used ${f1(benchCpuPct)}% of one core`,
      ],
    };
    if (opts.print ?? true) console.log(render(section));
    return { ...result, section };
  } finally {
    for (const s of sockets) s.close();
    agent.destroy();
    await Promise.all(children.map((c) => c.stop()));
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function render(s: PushBenchResult['section']): string {
  const cells = [s.head, ...s.rows.map((r) => r.map(String))];
  const widths = s.head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [`\n## ${s.title}`, '', line(s.head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line), '', ...s.notes.map((n) => `  ${n}`)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = process.env;
  const num = (name: string, dflt: number) => (env[name] ? Number(env[name]) : dflt);
  pushBench({
    rate: num('BENCH_PUSH_RATE', 1000),
    dashboards: num('BENCH_PUSH_DASHBOARDS', 100),
    nodes: num('BENCH_PUSH_NODES', 1) === 2 ? 2 : 1,
    devices: num('BENCH_PUSH_DEVICES', 20),
    seconds: num('BENCH_SECONDS', 5),
    warmupSeconds: num('BENCH_WARMUP_SECONDS', 1),
    dataParent: env.BENCH_DATA_DIR || undefined,
    cpuProfDir: env.BENCH_CPU_PROF_DIR || undefined,
  }).then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
