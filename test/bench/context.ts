/** What every bench section receives: the run's settings, read once from the environment. */
export interface BenchContext {
  /** Measured window per figure. */
  seconds: number;
  warmupSeconds: number;
  /** Measurements per target; several alternate the targets and report the median ratio. */
  rounds: number;
  /** Concurrent keep-alive clients. */
  connections: number;
  /** When set, targets write V8 CPU profiles here. */
  cpuProfDir?: string;
  /** Parent directory for the targets' data directories (default: the OS temp dir). */
  dataParent?: string;
  /** Progress lines (stderr), so stdout holds only the figures. */
  progress(line: string): void;
}

export function benchContextFromEnv(env: NodeJS.ProcessEnv = process.env): BenchContext {
  const num = (name: string, dflt: number) => {
    const v = env[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${v}`);
    return n;
  };
  return {
    seconds: num('BENCH_SECONDS', 8),
    warmupSeconds: num('BENCH_WARMUP_SECONDS', 2),
    connections: Math.round(num('BENCH_CONNECTIONS', 50)),
    rounds: Math.round(num('BENCH_ROUNDS', 1)),
    cpuProfDir: env.BENCH_CPU_PROF_DIR || undefined,
    dataParent: env.BENCH_DATA_DIR || undefined,
    progress: (line) => process.stderr.write(`[bench] ${line}\n`),
  };
}
