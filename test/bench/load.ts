/**
 * A closed-loop HTTP load generator: `connections` clients, each on its own
 * keep-alive socket, send one request, wait for the whole reply, send the
 * next. A warm-up phase runs first and is not measured; then requests that
 * complete inside the measured window count towards rate and latency.
 *
 * Built on node:http with a keep-alive Agent: lighter per request than
 * fetch, so on a small machine the generator is less likely to be the
 * bottleneck (its own CPU use is reported so a reader can tell).
 */
import http from 'node:http';

export interface PreparedRequest {
  body: string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  body: string;
  /** The request that produced it. */
  request: PreparedRequest;
  /** True when the reply completed inside the measured window. */
  measured: boolean;
}

export interface LoadOptions {
  /** Full URL, e.g. http://127.0.0.1:1234/api/v1/responses */
  url: string;
  method?: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Builds each request (fresh ids, random scores…). */
  next: () => PreparedRequest;
  /** Sees every reply, warm-up included (e.g. to collect acknowledged ids). */
  onReply?: (reply: Reply) => void;
  /** Called when the measured window opens / closes (e.g. to sample a child's CPU). */
  onMeasureStart?: () => void | Promise<void>;
  onMeasureEnd?: () => void | Promise<void>;
}

export interface LoadResult {
  /** Replies completed in the measured window. */
  requests: number;
  seconds: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Status → count, measured window only. */
  statuses: Record<number, number>;
  /** Replies over the whole run (warm-up included). */
  total: number;
  errors: number;
  firstError?: string;
  /** CPU used by this (generator) process during the measured window, % of one core. */
  generatorCpuPct: number;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const url = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections });
  const method = opts.method ?? 'POST';

  let latencies = new Float64Array(1 << 16);
  let measured = 0;
  let total = 0;
  let errors = 0;
  let firstError: string | undefined;
  const statuses: Record<number, number> = {};

  const t0 = performance.now();
  const measureStart = t0 + opts.warmupMs;
  const measureEnd = measureStart + opts.durationMs;
  let cpuStart: NodeJS.CpuUsage | undefined;
  let cpuPct = NaN;

  const send = (req: PreparedRequest) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const r = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(req.body), ...req.headers },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end(req.body);
    });

  const client = async () => {
    while (performance.now() < measureEnd) {
      const req = opts.next();
      const started = performance.now();
      try {
        const { status, body } = await send(req);
        const done = performance.now();
        total++;
        const inWindow = done >= measureStart && done < measureEnd;
        if (inWindow) {
          if (measured === latencies.length) {
            const grown = new Float64Array(latencies.length * 2);
            grown.set(latencies);
            latencies = grown;
          }
          latencies[measured++] = done - started;
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
        opts.onReply?.({ status, body, request: req, measured: inWindow });
      } catch (err) {
        errors++;
        firstError ??= String(err);
        if (errors > 100) throw new Error(`load: too many errors, first: ${firstError}`);
      }
    }
  };

  const windowTimer = (async () => {
    await sleep(measureStart - performance.now());
    await opts.onMeasureStart?.();
    cpuStart = process.cpuUsage();
    await sleep(measureEnd - performance.now());
    const cpu = process.cpuUsage(cpuStart);
    cpuPct = ((cpu.user + cpu.system) / 1000 / opts.durationMs) * 100;
    await opts.onMeasureEnd?.();
  })();

  await Promise.all([...Array.from({ length: opts.connections }, client), windowTimer]);
  agent.destroy();

  // Replies are counted by completion time: those completing inside the
  // window give the rate and the latency distribution.
  const sorted = latencies.subarray(0, measured).sort();
  let sum = 0;
  for (const x of sorted) sum += x;
  const seconds = opts.durationMs / 1000;
  return {
    requests: measured,
    seconds,
    rps: measured / seconds,
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
      mean: measured ? sum / measured : NaN,
    },
    statuses,
    total,
    errors,
    firstError,
    generatorCpuPct: cpuPct,
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
