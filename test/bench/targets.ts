/**
 * Parent side of the bench targets: each server under test runs in a child
 * process of its own (so it never shares an event loop with the load
 * generator or another target) and answers `mark` / `read` over IPC.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startChild, type Child } from '../helpers/child-process';
import type { ProbeReading } from './targets/probe';

export interface Target<I> {
  name: string;
  info: I;
  /** Starts the measured window on the child's side. */
  mark(): Promise<void>;
  /** What the child saw since mark(). */
  read(): Promise<ProbeReading>;
  stop(): Promise<void>;
}

export interface TargetOptions {
  /** Writes a V8 CPU profile of the child into this directory on stop. */
  cpuProfDir?: string;
}

async function startTarget<I>(name: string, script: string, env: Record<string, string>, opts: TargetOptions): Promise<Target<I>> {
  const child: Child<I> = await startChild<I>(script, {
    ipc: true,
    env: { NODE_ENV: 'production', ...env },
    // One directory per target: every thread (tsx runs a loader thread too) writes its own profile.
    nodeArgs: opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(opts.cpuProfDir, name)}`] : [],
  });
  let seq = 0;
  const ask = <R>(type: 'mark' | 'read') =>
    new Promise<R>((resolve, reject) => {
      const id = ++seq;
      const onMessage = (m: { seq: number } & R) => {
        if (m.seq !== id) return;
        child.proc.off('message', onMessage);
        resolve(m);
      };
      child.proc.on('message', onMessage);
      child.proc.send({ type, seq: id }, (err) => err && reject(err));
    });
  return {
    name,
    info: child.info,
    async mark() {
      await ask('mark');
    },
    async read() {
      return (await ask<{ reading: ProbeReading }>('read')).reading;
    },
    async stop() {
      const exit = await child.stop('SIGTERM', 15_000);
      if (exit.code !== 0) throw new Error(`${name} stopped badly (${JSON.stringify(exit)}):\n${child.stderr()}`);
    },
  };
}

export function startBareTarget(opts: TargetOptions = {}): Promise<Target<{ url: string }>> {
  return startTarget('bare-express', 'test/bench/targets/bare.child.ts', {}, opts);
}

export interface IngestInfo {
  url: string;
  surveyVersionId: string;
  deviceToken: string;
  /** One kiosk per simulated counter, each with its own token (ingest.child.ts). */
  kiosks: { deviceToken: string }[];
}

export interface IngestTarget extends Target<IngestInfo> {
  dataDir: string;
  /** Removes the data directory (after stop and any checks). */
  cleanup(): void;
}

export async function startIngestTarget(opts: TargetOptions & { parentDir?: string } = {}): Promise<IngestTarget> {
  const dataDir = mkdtempSync(path.join(opts.parentDir ?? tmpdir(), 'hailong-bench-'));
  try {
    const t = await startTarget<IngestInfo>('hai-long-ingest', 'test/bench/targets/ingest.child.ts', { DATA_DIR: dataDir }, opts);
    return { ...t, dataDir, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
