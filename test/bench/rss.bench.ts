/**
 * Issue 14 must-have 4: the server's resident memory (RSS) serving the query
 * bench's store under ingest and dashboard load, goal < 200 MB.
 *
 * Starts the REAL server as a child process on the cached data set directory
 * (DATA_DIR; compiled JavaScript when `dist/server/index.js` exists, else the
 * TypeScript through tsx — the section says which), with a handful of
 * enrolled kiosks. For BENCH_RSS_SECONDS (20) it drives kiosk ratings over
 * HTTP (closed loop, BENCH_RSS_CONNECTIONS clients) and, beside them, a few
 * logged-in dashboard clients reading /api/v1/stats/summary, /timeseries and
 * /breakdown over the bench's ranges and filters, while /proc/<pid>/status
 * VmRSS is sampled every 250 ms.
 *
 * The store is the cached file itself (no copy: at 10 M it is tens of GB):
 * the ratings ingested here are added to it, with today's server time, which
 * lies after every range the query bench reads; its checks compare the
 * figures with raw scans of the same file, so extra rows never break them.
 * HOUR_FIGURES_RETENTION_DAYS is set to its maximum for the child so the
 * hour figures of the data set (counted back from the data's "now") stay.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store';
import { sha256 } from '../../server/domain/canonical';
import type { Device, Organisation } from '../../server/domain/entities';
import { DAY_MS, localMidnight, startOfLocalDay } from '../../shared/periods';
import { prng } from '../../server/domain/prng';
import { benchContextFromEnv, type BenchContext } from './context';
import { percentile, runLoad } from './load';
import { fmt, renderSection, type Figure, type Section } from './report';
import { BENCH_ADMIN, DATA_FROM, DATA_NOW, openQueryDataset, type QueryDataset } from './query-data';
import { queryOptionsFromEnv } from './query.bench';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const GOAL_MB = 200;
const KIOSKS = 10;

export interface RssOptions {
  seconds: number;
  connections: number;
  dashboards: number;
  progress: (line: string) => void;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

/** Enrols KIOSKS kiosks (fresh tokens) and lets ratings through as fast as the load sends them. */
async function prepareStore(ds: QueryDataset): Promise<{ tokens: string[]; surveyVersionId: string }> {
  const store = openSqliteStore({ file: ds.file });
  try {
    await store.migrate();
    const org = (await store.getEntity<Organisation>('organisation', ds.meta.orgId))!.data;
    // Closed-loop clients press far faster than the kiosk minimum gap: without this every
    // rating would be held as a suspect (stored, but no figure written), as in the ingest bench.
    await store.putEntity({ kind: 'organisation', id: org.id, orgId: org.id, data: { ...org, kiosk: { ...org.kiosk, minGapSeconds: 0 } }, updatedAt: new Date().toISOString() });
    const tokens: string[] = [];
    for (const c of ds.province.counters.slice(0, KIOSKS)) {
      const dev = (await store.getEntity<Device>('device', `dev-${c.id}`))!.data;
      const token = randomBytes(24).toString('base64url');
      tokens.push(token);
      const data: Device = { ...dev, tokenHash: sha256(token), enrolledAt: new Date().toISOString() };
      await store.putEntity({ kind: 'device', id: dev.id, orgId: dev.orgId, lookup: `token:${data.tokenHash}`, data, updatedAt: new Date().toISOString() });
    }
    return { tokens, surveyVersionId: ds.meta.surveyVersionId };
  } finally {
    await store.close();
  }
}

/** The dashboard's requests: the query bench's ranges and filters, over HTTP. */
function dashboardRequests(ds: QueryDataset): string[] {
  const p = ds.province;
  const rand = prng(99);
  const any = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const today = startOfLocalDay(DATA_NOW);
  const ranges = [
    () => [today - 7 * DAY_MS, today - 6 * DAY_MS],
    () => [localMidnight(2026, 10, 1), localMidnight(2026, 11, 1)],
    () => [localMidnight(2026, 7, 1), localMidnight(2026, 10, 1)],
    () => [DATA_FROM, DATA_NOW],
    () => [today - 12 * DAY_MS + 37 * 60_000, today - 3 * DAY_MS + 611 * 60_000],
  ];
  const filters = [
    () => ({}),
    () => ({ unitId: any(p.units) }),
    () => ({ servicePointId: any(p.counters).id }),
    () => ({ officerId: any(p.officers) }),
    () => ({ procedureId: any(p.procedures) }),
    () => ({ channel: 'qr' }),
    () => {
      const c = any(p.counters);
      return { servicePointId: c.id, officerId: any(c.officers) };
    },
  ];
  const kinds = [
    (q: URLSearchParams) => `summary?${q}`,
    (q: URLSearchParams) => (q.set('bucket', any(['day', 'week', 'month'])), `timeseries?${q}`),
    (q: URLSearchParams) => (q.set('groupBy', any(['servicePointId', 'officerId', 'procedureId'])), `breakdown?${q}`),
  ];
  const out: string[] = [];
  for (let i = 0; i < 500; i++) {
    const [from, to] = any(ranges)();
    const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), verified: 'all', ...any(filters)() });
    out.push(`/api/v1/stats/${any(kinds)(q)}`);
  }
  return out;
}

export async function rssBench(ctx: BenchContext, opts: RssOptions = rssOptionsFromEnv(ctx)): Promise<Section> {
  const qopts = queryOptionsFromEnv(ctx);
  const ds = await openQueryDataset({ responses: qopts.responses, dataParent: qopts.dataParent, progress: ctx.progress });
  await ds.store.close();
  const { tokens, surveyVersionId } = await prepareStore(ds);
  const paths = dashboardRequests(ds);

  // The production entry (what npm start runs): index.js's own run-as-a-program check sits in a shared chunk once bundled.
  const compiled = path.join(ROOT, 'dist', 'server', 'start.js');
  const useCompiled = existsSync(compiled);
  const entry = useCompiled ? compiled : path.join(ROOT, 'server', 'index.ts');
  const port = await freePort();
  const profile = ctx.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ctx.cpuProfDir, 'rss-server')}`] : [];
  const args = useCompiled ? [...profile, entry] : [...profile, '--import', 'tsx', entry];
  ctx.progress(`rss: starting the server (${useCompiled ? 'compiled dist/server' : 'tsx server/index.ts'}) on ${ds.dir}`);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: ds.dir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      HOUR_FIGURES_RETENTION_DAYS: '3660',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  child.stdout.on('data', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  try {
    const t0 = performance.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${stderr}`);
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (performance.now() - t0 > 120_000) throw new Error(`server not healthy after 120 s:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const startMs = performance.now() - t0;
    const pid = child.pid!;
    const idle = rssMb(pid);

    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_ADMIN) });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];

    const samples: number[] = [];
    const sampler = setInterval(() => {
      try {
        samples.push(rssMb(pid));
      } catch {
        // the child is gone; the load's errors say why
      }
    }, 250);

    const sources = new Map<string, number>();
    const queryMs: Record<string, number[]> = { summary: [], timeseries: [], breakdown: [] };
    const queryStatus: Record<number, number> = {};
    let stop = false;
    let next = 0;
    const dashboard = async () => {
      while (!stop) {
        const url = paths[next++ % paths.length];
        const t = performance.now();
        const res = await fetch(base + url, { headers: { cookie } });
        const body = (await res.json()) as { source?: string };
        const kind = url.split('/')[4].split('?')[0];
        if (!stop) queryMs[kind].push(performance.now() - t);
        queryStatus[res.status] = (queryStatus[res.status] ?? 0) + 1;
        if (body.source) sources.set(body.source, (sources.get(body.source) ?? 0) + 1);
      }
    };
    const loadBefore = os.loadavg();
    const dashboards = Array.from({ length: opts.dashboards }, dashboard);
    let i = 0;
    const ingest = await runLoad({
      url: `${base}/api/v1/responses`,
      connections: opts.connections,
      warmupMs: 2000,
      durationMs: opts.seconds * 1000,
      next: () => ({
        body: JSON.stringify({ id: randomUUID(), surveyVersionId, channel: 'kiosk', answers: { O: 1 + Math.floor(Math.random() * 5) } }),
        headers: { authorization: `Bearer ${tokens[i++ % tokens.length]}` },
      }),
    });
    stop = true;
    await Promise.all(dashboards);
    clearInterval(sampler);
    const loadAfter = os.loadavg();
    const sorted = [...samples].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const max = sorted[sorted.length - 1] ?? NaN;

    const figures: Figure[] = [
      { name: 'server RSS at start (idle)', value: idle, unit: 'MB', goal: { op: '<', value: GOAL_MB } },
      { name: 'server RSS p50 under ingest + query load', value: p50, unit: 'MB', goal: { op: '<', value: GOAL_MB } },
      { name: 'server RSS max under ingest + query load', value: max, unit: 'MB', goal: { op: '<', value: GOAL_MB } },
    ];
    const rows = figures.map((f) => [f.name, fmt(f.value), `< ${GOAL_MB}`, fmt(f.value / GOAL_MB, 2), f.value < GOAL_MB ? 'yes' : 'NO']);
    const q = (k: string) => {
      const xs = [...queryMs[k]].sort((a, b) => a - b);
      return `${k} ${xs.length} calls, p50 ${fmt(percentile(xs, 50))} / p95 ${fmt(percentile(xs, 95))} ms`;
    };
    const notes = [
      `server: ${useCompiled ? 'compiled JavaScript (dist/server/index.js)' : 'TypeScript through tsx (no dist/server/index.js: `npm run build:server` builds what production runs): the loader adds to the RSS'}, SQLite store ${ds.file} (${ds.meta.responses.toLocaleString('en')} responses built), healthy ${fmt(startMs / 1000)} s after spawn`,
      `load for ${opts.seconds} s (+2 s warm-up): kiosk ratings over HTTP from ${opts.connections} keep-alive clients (${KIOSKS} kiosks, minimum gap off) — ${fmt(ingest.rps, 0)} ratings/s, p50 ${fmt(ingest.latencyMs.p50, 2)} / p99 ${fmt(ingest.latencyMs.p99, 2)} ms, ${ingest.errors} errors, statuses ${JSON.stringify(ingest.statuses)}`,
      `beside it ${opts.dashboards} logged-in dashboard clients (admin): ${q('summary')}; ${q('timeseries')}; ${q('breakdown')}; statuses ${JSON.stringify(queryStatus)}`,
      `source in the HTTP replies: ${[...sources].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `RSS sampled every 250 ms from /proc/<pid>/status VmRSS: ${samples.length} samples, min ${fmt(sorted[0] ?? NaN)} MB`,
      `load average ${loadBefore.map((x) => fmt(x, 2)).join(' ')} before / ${loadAfter.map((x) => fmt(x, 2)).join(' ')} after (${os.cpus().length} CPUs, shared machine); the ingested ratings stay in the cached store (server time today, outside every bench range)`,
    ];
    figures.push({ name: 'ingest during the RSS run (ratings/s, informational)', value: ingest.rps, unit: 'req/s' });
    return {
      title: `Server memory on the ${ds.meta.responses.toLocaleString('en')}-response store under ingest and dashboard load`,
      head: ['RSS', 'MB', 'goal', 'ratio', 'met'],
      rows,
      notes,
      figures,
    };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    if (code === 'timeout') child.kill('SIGKILL');
  }
}

export function rssOptionsFromEnv(ctx: Pick<BenchContext, 'progress'>, env: NodeJS.ProcessEnv = process.env): RssOptions {
  const num = (name: string, dflt: number) => {
    const v = env[name];
    const n = v === undefined || v === '' ? dflt : Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${v}`);
    return n;
  };
  return { seconds: num('BENCH_RSS_SECONDS', 20), connections: Math.round(num('BENCH_RSS_CONNECTIONS', 20)), dashboards: Math.round(num('BENCH_RSS_DASHBOARDS', 4)), progress: ctx.progress };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ctx = benchContextFromEnv();
  rssBench(ctx).then(
    (s) => {
      console.log(renderSection(s));
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
