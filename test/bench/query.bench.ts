/**
 * DESIGN §5: summary and time-series queries over 10 million stored
 * responses, p95 < 50 ms.
 *
 * Runs StatsService.summary, .timeseries (day and month buckets) and
 * .breakdown (by counter) against an SQLite store holding the aggregates of
 * ~N responses in the "province" shape (test/bench/query-data.ts: 20 units,
 * 100 counters, 300 officers, 150 procedures, kiosk / QR / link, two years).
 * Each kind runs `iterations` times in this process, in-process calls timed
 * end to end (SQL + merging + rates), cycling through filters (whole
 * organisation, a unit, a counter, an officer, a channel, verified only) and
 * ranges (this month, last 30 days, a quarter, a year, the full two years,
 * and arbitrary ranges with partial edge days, which read hourly buckets).
 *
 * The data set is cached between runs (see query-data.ts); the first run
 * builds it and prints the build time. Before measuring, one whole-range
 * summary must count exactly the responses that were generated.
 *
 * Standalone: `npx tsx test/bench/query.bench.ts`. Environment:
 *   BENCH_QUERY_RESPONSES (1000000)   responses the aggregates stand for; the DESIGN §5
 *                                     figure is at 10000000 (builds ~10 min once, then cached)
 *   BENCH_QUERY_ITERATIONS (200)      measured calls per query kind
 *   BENCH_QUERY_BUDGET_SECONDS (30)   stop a kind early after this long (reported)
 *   BENCH_QUERY_REBUILD=1             rebuild the cached data set
 *   BENCH_DATA_DIR                    where the cached file lives (default: OS temp dir)
 * Figures only: never fails on a goal.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { StatsService, type StatsScope } from '../../server/domain/stats.service';
import type { AggregateFilter } from '../../server/store/types';
import { CHANNELS } from '../../shared/dimensions';
import { DAY_MS, HOUR_MS, localMidnight, startOfLocalDay, startOfLocalMonth, localDateOf } from '../../shared/periods';
import { benchContextFromEnv, type BenchContext } from './context';
import { fmt, renderSection, type Section } from './report';
import { DATA_FROM, DATA_NOW, fileSize, openQueryDataset, rng, tableRows, type Province, type QueryDataset } from './query-data';

export interface QueryBenchOptions {
  responses: number;
  iterations: number;
  budgetSeconds: number;
  rebuild: boolean;
  dataParent?: string;
  progress: (line: string) => void;
}

type Kind = 'summary' | 'timeseries day' | 'timeseries month' | 'breakdown servicePointId';
const KINDS: Kind[] = ['summary', 'timeseries day', 'timeseries month', 'breakdown servicePointId'];

export const FILTERS = ['whole org', 'one unit', 'one counter', 'one officer', 'one channel', 'verified only'] as const;
export type FilterName = (typeof FILTERS)[number];
export const RANGES = ['this month', 'last 30 days', 'a quarter', 'a year', 'full 2 years', 'partial edges'] as const;
export type RangeName = (typeof RANGES)[number];
const WARMUP_ORDER: RangeName[] = ['this month', 'last 30 days', 'partial edges', 'a quarter', 'a year', 'full 2 years'];
const WARMUP_SECONDS_PER_KIND = 10;

export interface Case {
  filterName: FilterName;
  rangeName: RangeName;
  filter: AggregateFilter;
  from: number;
  to: number;
}

interface Sample {
  ms: number;
  c: Case;
}

export function queryOptionsFromEnv(ctx: Pick<BenchContext, 'dataParent' | 'progress'>, env: NodeJS.ProcessEnv = process.env): QueryBenchOptions {
  const num = (name: string, dflt: number) => {
    const v = env[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${v}`);
    return n;
  };
  return {
    responses: Math.round(num('BENCH_QUERY_RESPONSES', 1_000_000)),
    iterations: Math.round(num('BENCH_QUERY_ITERATIONS', 200)),
    budgetSeconds: num('BENCH_QUERY_BUDGET_SECONDS', 30),
    rebuild: env.BENCH_QUERY_REBUILD === '1',
    dataParent: ctx.dataParent,
    progress: ctx.progress,
  };
}

/** The section for `npm run bench`. */
export async function queryBench(ctx: BenchContext): Promise<Section> {
  return (await runQueryBench(queryOptionsFromEnv(ctx))).section;
}

// ---- cases ------------------------------------------------------------------------

export function makeCase(p: Province, rand: () => number, filterName: FilterName, rangeName: RangeName): Case {
  const any = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const filter: AggregateFilter = { orgId: p.orgId };
  switch (filterName) {
    case 'whole org':
      break;
    case 'one unit':
      filter.unitIds = [any(p.units)];
      break;
    case 'one counter':
      filter.servicePointId = any(p.counters).id;
      break;
    case 'one officer':
      filter.officerId = any(p.officers);
      break;
    case 'one channel':
      filter.channel = any(CHANNELS);
      break;
    case 'verified only':
      filter.verified = true;
      break;
  }
  const now = DATA_NOW;
  let from: number;
  let to = now;
  switch (rangeName) {
    case 'this month':
      from = startOfLocalMonth(now);
      break;
    case 'last 30 days':
      // The dashboard's default range: today and the 29 days before, up to now.
      from = startOfLocalDay(now) - 29 * DAY_MS;
      break;
    case 'a quarter': {
      // A whole past quarter, Q1 2025 … Q3 2026.
      const q = Math.floor(rand() * 7);
      from = localMidnight(2025, 1 + q * 3, 1);
      to = localMidnight(2025, 4 + q * 3, 1);
      break;
    }
    case 'a year':
      if (rand() < 0.5) {
        from = localMidnight(2025, 1, 1);
        to = localMidnight(2026, 1, 1);
      } else {
        const d = localDateOf(now);
        from = localMidnight(d.year - 1, d.month, d.day + 1);
      }
      break;
    case 'full 2 years':
      from = DATA_FROM;
      break;
    case 'partial edges': {
      // Arbitrary instants (minute precision), 3 hours to 200 days apart: hourly buckets at both ends.
      const span = 3 * HOUR_MS + Math.floor(rand() * 200 * DAY_MS);
      from = DATA_FROM + Math.floor((rand() * (now - DATA_FROM - span)) / 60_000) * 60_000;
      to = from + Math.floor(span / 60_000) * 60_000;
      break;
    }
  }
  return { filterName, rangeName, filter, from, to };
}

const pct = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;

// ---- the SQL the store runs (diagnosis only) ----------------------------------------

/** Records the aggregate SQL texts the store prepares, by wrapping better-sqlite3's prepare for the run. */
function recordAggregateSql(): { shapes: Set<string>; restore: () => void } {
  const shapes = new Set<string>();
  const proto = Database.prototype as unknown as { prepare: (this: unknown, sql: string) => unknown };
  const original = proto.prepare;
  proto.prepare = function (this: unknown, sql: string) {
    if (/FROM aggregates\s+WHERE/.test(sql) && /^\s*SELECT/i.test(sql)) shapes.add(sql.replace(/\s+/g, ' ').trim());
    return original.call(this, sql);
  };
  return { shapes, restore: () => (proto.prepare = original) };
}

function explain(db: Database.Database, sql: string): string {
  const holes = (sql.match(/\?/g) ?? []).length;
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from({ length: holes }, () => null)) as { detail: string }[];
  return rows.map((r) => r.detail).join('; ');
}

// ---- run ------------------------------------------------------------------------------

export async function runQueryBench(opts: QueryBenchOptions): Promise<{ section: Section; samples: Record<Kind, Sample[]> }> {
  const { progress } = opts;
  const recorder = recordAggregateSql();
  let ds: QueryDataset | undefined;
  try {
    ds = await openQueryDataset({ responses: opts.responses, dataParent: opts.dataParent, progress, rebuild: opts.rebuild });
    const rows = await tableRows(ds);
    const stats = new StatsService(ds.store);
    const p = ds.province;
    const scopeOf = (c: Case): StatsScope => ({ filter: c.filter, from: c.from, to: c.to, target: 0.85, minSample: 30, indexMethod: 'mean-of-criteria' });
    const call = (kind: Kind, s: StatsScope): Promise<unknown> => {
      switch (kind) {
        case 'summary':
          return stats.summary(s);
        case 'timeseries day':
          return stats.timeseries(s, 'day');
        case 'timeseries month':
          return stats.timeseries(s, 'month');
        case 'breakdown servicePointId':
          return stats.breakdown(s, 'servicePointId');
      }
    };

    // ---- the figures are real: the whole range counts every generated response.
    progress('checking: whole-range summary, day series and breakdown against the generated count');
    const whole: Case = { filterName: 'whole org', rangeName: 'full 2 years', filter: { orgId: p.orgId }, from: DATA_FROM, to: DATA_NOW };
    let t = performance.now();
    const sum = await stats.summary(scopeOf(whole));
    const firstSummaryMs = performance.now() - t;
    const series = await stats.timeseries(scopeOf(whole), 'month');
    const byCounter = await stats.breakdown(scopeOf(whole), 'servicePointId');
    const seriesTotal = series.reduce((a, x) => a + x.responses, 0);
    const breakdownTotal = byCounter.reduce((a, x) => a + x.responses, 0);
    const overallN = sum.overall.distribution.reduce((a, x) => a + x, 0);
    const checks = {
      summary: sum.responses === ds.responses && overallN === ds.responses,
      series: seriesTotal === ds.responses,
      breakdown: breakdownTotal === ds.responses && byCounter.length === p.counters.length,
    };
    if (!checks.summary || !checks.series || !checks.breakdown) {
      throw new Error(
        `aggregates disagree with the generator: generated ${ds.responses}, summary ${sum.responses} (O answered ${overallN}), ` +
          `month series ${seriesTotal}, breakdown ${breakdownTotal} over ${byCounter.length} counters`,
      );
    }

    // ---- cases: every filter × range, specific unit / counter / officer / quarter drawn at random.
    const rand = rng(42);
    const cases: Case[] = [];
    for (let i = 0; i < opts.iterations; i++) {
      const combo = i % (FILTERS.length * RANGES.length);
      cases.push(makeCase(p, rand, FILTERS[combo % FILTERS.length], RANGES[Math.floor(combo / FILTERS.length)]));
    }
    // Shuffle so a time budget cut does not leave whole ranges out.
    for (let i = cases.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [cases[i], cases[j]] = [cases[j], cases[i]];
    }

    // Warm-up: every filter × range once per kind, short ranges first (statement preparation,
    // page cache), at most WARMUP_SECONDS_PER_KIND per kind: a long range may take seconds.
    progress(`warm-up: up to ${FILTERS.length * RANGES.length} cases per kind, ≤ ${WARMUP_SECONDS_PER_KIND} s each`);
    t = performance.now();
    const warmRand = rng(1);
    let warmCalls = 0;
    for (const kind of KINDS) {
      const started = performance.now();
      warm: for (const r of WARMUP_ORDER) {
        for (const f of FILTERS) {
          await call(kind, scopeOf(makeCase(p, warmRand, f, r)));
          warmCalls++;
          if (performance.now() - started > WARMUP_SECONDS_PER_KIND * 1000) break warm;
        }
      }
    }
    const warmupMs = performance.now() - t;

    const loadBefore = os.loadavg()[0];
    const samples = {} as Record<Kind, Sample[]>;
    for (const kind of KINDS) {
      progress(`measuring ${kind}: ${opts.iterations} calls (budget ${opts.budgetSeconds} s)`);
      const out: Sample[] = [];
      const started = performance.now();
      for (const c of cases) {
        const s = scopeOf(c);
        const t0 = performance.now();
        await call(kind, s);
        out.push({ ms: performance.now() - t0, c });
        if (performance.now() - started > opts.budgetSeconds * 1000) break;
      }
      samples[kind] = out;
    }

    // ---- figures
    const rowsOut: (string | number)[][] = [];
    const notes: string[] = [];
    const p95By = <K extends string>(xs: Sample[], key: (s: Sample) => K, order: readonly K[]) =>
      order
        .map((k) => {
          const v = xs.filter((s) => key(s) === k).map((s) => s.ms).sort((a, b) => a - b);
          return v.length ? `${k} ${fmt(pct(v, 95))}` : null;
        })
        .filter(Boolean)
        .join(', ');
    for (const kind of KINDS) {
      const xs = samples[kind];
      const ms = xs.map((s) => s.ms).sort((a, b) => a - b);
      const worst = xs.reduce((a, b) => (b.ms > a.ms ? b : a));
      rowsOut.push([
        kind,
        ms.length,
        fmt(pct(ms, 50)),
        fmt(pct(ms, 95)),
        fmt(pct(ms, 99)),
        fmt(ms[ms.length - 1]),
        pct(ms, 95) < 50 ? 'yes' : 'no',
        `${worst.c.filterName}, ${worst.c.rangeName}`,
      ]);
    }
    notes.push(`goal: p95 < 50 ms per query kind (DESIGN §5)`);
    for (const kind of KINDS) {
      const xs = samples[kind];
      notes.push(`${kind} p95 ms by range: ${p95By(xs, (s) => s.c.rangeName, RANGES)}`);
      notes.push(`${kind} p95 ms by filter: ${p95By(xs, (s) => s.c.filterName, FILTERS)}`);
      if (xs.length < opts.iterations) notes.push(`${kind}: stopped after ${xs.length} of ${opts.iterations} calls (BENCH_QUERY_BUDGET_SECONDS=${opts.budgetSeconds})`);
    }
    const mix = ds.byChannel;
    notes.push(
      `data: aggregates equivalent to ${ds.responses.toLocaleString('en')} responses (kiosk ${mix.kiosk.toLocaleString('en')}, qr ${mix.qr.toLocaleString('en')}, link ${mix.link.toLocaleString('en')}) ` +
        `over ${fmt((DATA_NOW - DATA_FROM) / DAY_MS / 365, 2)} years; raw response rows are not read by these queries ` +
        `(the store holds one synthetic carrier response per day, whose commit wrote that day's merged deltas)`,
      `check: whole-range summary counts ${sum.responses.toLocaleString('en')} responses (= generated; overall answered ${overallN.toLocaleString('en')}, ` +
        `rate ${fmt((sum.overall.rate ?? NaN) * 100)} %); month series and counter breakdown add up to the same; first call ${fmt(firstSummaryMs)} ms`,
      `aggregates table: ${rows.total.toLocaleString('en')} rows (hour ${rows.hour.toLocaleString('en')}, day ${rows.day.toLocaleString('en')}); ` +
        `db ${fmt(fileSize(ds.file) / 1e6, 0)} MB at ${ds.file}`,
      ds.built
        ? `built this run in ${fmt(ds.buildMs / 1000, 0)} s (cached for later runs; BENCH_QUERY_REBUILD=1 rebuilds)`
        : `cached data set reused (built earlier in ${fmt(ds.buildMs / 1000, 0)} s)`,
      `warm-up ${warmCalls} calls in ${fmt(warmupMs / 1000)} s; ${opts.iterations} calls per kind over ${FILTERS.length} filters × ${RANGES.length} ranges, in-process, sequential; ` +
        `load average ${fmt(loadBefore, 2)} before / ${fmt(os.loadavg()[0], 2)} after measuring (${os.cpus().length} CPUs)`,
    );

    // ---- diagnosis: plans of the aggregate SQL the store generated, for kinds that missed.
    if (rowsOut.some((r) => r[6] === 'no')) {
      const db = new Database(ds.file, { readonly: true, fileMustExist: true });
      try {
        const plans = new Map<string, string[]>();
        for (const sql of recorder.shapes) {
          const plan = explain(db, sql);
          const key = plan;
          plans.set(key, [...(plans.get(key) ?? []), sql]);
        }
        notes.push(`query plans of the ${recorder.shapes.size} aggregate SQL shapes the store prepared:`);
        for (const [plan, sqls] of plans) notes.push(`  ${sqls.length} shape(s): ${plan}`);
        const visited = db
          .prepare<[string, string, number, number], number>('SELECT count(*) FROM aggregates WHERE grain = ? AND org_id = ? AND bucket >= ? AND bucket < ?')
          .pluck();
        const dayFrom = startOfLocalDay(DATA_FROM);
        const dayTo = startOfLocalDay(DATA_NOW);
        const all2y = visited.get('day', p.orgId, dayFrom, dayTo) ?? 0;
        notes.push(
          `  the full-2-year range walks ${all2y.toLocaleString('en')} day rows whatever the filter ` +
            `(the primary key is (grain, org_id, bucket, …): unit, counter, officer, channel and metric are tested row by row)`,
        );
      } finally {
        db.close();
      }
    }

    const section: Section = {
      title: `Stats queries over the aggregates of ${ds.responses.toLocaleString('en')} responses (SQLite, province shape)`,
      head: ['query', 'calls', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p95 < 50', 'slowest case'],
      rows: rowsOut,
      notes,
    };
    return { section, samples };
  } finally {
    recorder.restore();
    await ds?.store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ctx = benchContextFromEnv();
  runQueryBench(queryOptionsFromEnv(ctx)).then(
    ({ section }) => {
      console.log(renderSection(section));
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
