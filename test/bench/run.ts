/**
 * `npm run bench` — the issue 14 / DESIGN §5 figures, measured in one run,
 * printed side by side and written to docs/benchmarks/latest.md and .json
 * (test/bench/record.ts). Exits non-zero on errors and on a failed
 * correctness check (the query bench's raw-scan comparison, its rollup
 * paths), never on a missed speed goal. Settings (environment):
 *   BENCH_SECONDS (8)  BENCH_WARMUP_SECONDS (2)  BENCH_CONNECTIONS (50)
 *   BENCH_ROUNDS (1)      alternate the ingest targets this many times, report the median ratio
 *   BENCH_ONLY=ingest,push,query,rss   run some sections only
 *   BENCH_QUERY_RESPONSES (1000000)    size of the query / RSS data set (built once, cached; the issue's size is 10000000)
 *   BENCH_QUERY_ITERATIONS (5)         measured calls per query case shape
 *   BENCH_RSS_SECONDS (20)  BENCH_RSS_CONNECTIONS (20)  BENCH_RSS_DASHBOARDS (4)
 *   BENCH_CPU_PROF_DIR=dir  write V8 CPU profiles of the targets
 *   BENCH_DATA_DIR=dir      where the SQLite files go (query data set: default /work/bench-cache if it exists)
 *   BENCH_RECORD_DIR (docs/benchmarks)  where latest.md / latest.json go; BENCH_RECORD=0 writes none
 * Add a figure by adding a section below: a function from BenchContext to Section.
 */
import os from 'node:os';
import path from 'node:path';
import { benchContextFromEnv, type BenchContext } from './context';
import { ingestThroughput } from './ingest-throughput';
import { renderSection, type Section } from './report';
import { pushBench } from './push.bench';
import { queryBench } from './query.bench';
import { rssBench } from './rss.bench';
import { runInfo, writeRecord } from './record';
import { hundredMillionNote } from './scale-note';

const SECTIONS: { name: string; run: (ctx: BenchContext) => Promise<Section> }[] = [
  { name: 'ingest', run: ingestThroughput },
  {
    name: 'push',
    run: async (c) =>
      (await pushBench({ seconds: c.seconds, warmupSeconds: c.warmupSeconds, dataParent: c.dataParent, cpuProfDir: c.cpuProfDir, progress: c.progress, print: false }))
        .section,
  },
  // Summary / time-series / breakdown latency over N stored responses (BENCH_QUERY_RESPONSES), checked against raw scans.
  { name: 'query', run: queryBench },
  // The real server's RSS on the same store under ingest and dashboard load.
  { name: 'rss', run: rssBench },
];

async function main(): Promise<void> {
  const ctx = benchContextFromEnv();
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const started = new Date();
  const loadBefore = os.loadavg();
  const cpus = os.cpus();
  console.log(`# Hài Lòng bench — ${started.toISOString()}`);
  console.log(`node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')}`);
  const done: Section[] = [];
  const names: string[] = [];
  for (const s of SECTIONS) {
    if (only && !only.includes(s.name)) continue;
    const section = await s.run(ctx);
    done.push(section);
    names.push(s.name);
    console.log(renderSection(section));
  }
  if (process.env.BENCH_RECORD !== '0') {
    const dir = process.env.BENCH_RECORD_DIR ?? path.resolve(import.meta.dirname, '..', '..', 'docs', 'benchmarks');
    const command = `${Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_')).map(([k, v]) => `${k}=${v}`).join(' ')} npm run bench`.trim();
    const { md, json } = writeRecord(dir, runInfo(command, started, loadBefore, names), done, hundredMillionNote());
    console.log(`\nrecord: ${md}, ${json}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
