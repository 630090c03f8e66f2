/**
 * `npm run bench` — the DESIGN §5 figures, measured in one run and printed
 * side by side. Figures only: it exits non-zero on errors, never on a missed
 * goal. Settings (environment):
 *   BENCH_SECONDS (8)  BENCH_WARMUP_SECONDS (2)  BENCH_CONNECTIONS (50)
 *   BENCH_ROUNDS (1)      alternate the targets this many times, report the median ratio
 *   BENCH_ONLY=ingest,push,query   run some sections only
 *   BENCH_QUERY_RESPONSES (1000000)  size of the query data set (10000000 for the DESIGN figure)
 *   BENCH_CPU_PROF_DIR=dir  write V8 CPU profiles of the targets
 *   BENCH_DATA_DIR=dir      where the SQLite files go (default: OS temp dir)
 * Add a figure by adding a section below: a function from BenchContext to Section.
 */
import os from 'node:os';
import { benchContextFromEnv, type BenchContext } from './context';
import { ingestThroughput } from './ingest-throughput';
import { renderSection, type Section } from './report';
import { pushBench } from './push.bench';
import { queryBench } from './query.bench';

const SECTIONS: { name: string; run: (ctx: BenchContext) => Promise<Section> }[] = [
  { name: 'ingest', run: ingestThroughput },
  {
    name: 'push',
    run: async (c) =>
      (await pushBench({ seconds: c.seconds, warmupSeconds: c.warmupSeconds, dataParent: c.dataParent, cpuProfDir: c.cpuProfDir, progress: c.progress, print: false }))
        .section,
  },
  // Summary / time-series / breakdown latency over the aggregates of N responses (BENCH_QUERY_RESPONSES).
  { name: 'query', run: queryBench },
];

async function main(): Promise<void> {
  const ctx = benchContextFromEnv();
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const cpus = os.cpus();
  console.log(`# Hài Lòng bench — ${new Date().toISOString()}`);
  console.log(
    `node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ` +
      `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  );
  for (const s of SECTIONS) {
    if (only && !only.includes(s.name)) continue;
    console.log(renderSection(await s.run(ctx)));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
