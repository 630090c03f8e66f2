/**
 * Runs a TypeScript entry point in its own Node process (via tsx) and waits
 * for the one JSON line it prints on stdout when it is ready. Used by the
 * crash test (SIGKILL for real) and by the bench (one process per target).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Child<T> {
  proc: ChildProcess;
  /** The parsed ready line. */
  info: T;
  /** Settles once the process has exited (never rejects). */
  exited: Promise<ChildExit>;
  /** Everything the child wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** Sends the signal and waits for the exit; SIGKILL follows after timeoutMs. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ChildExit>;
}

export interface StartChildOptions {
  env?: Record<string, string>;
  /** Opens an IPC channel (process.send in the child). */
  ipc?: boolean;
  readyTimeoutMs?: number;
  /** Extra node flags, e.g. ['--cpu-prof']. */
  nodeArgs?: string[];
}

/** `script` is relative to the repository root. */
export function startChild<T>(script: string, opts: StartChildOptions = {}): Promise<Child<T>> {
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(REPO_ROOT, script)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe', ...(opts.ipc ? (['ipc'] as const) : [])],
  });
  let err = '';
  let out = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err = (err + d).slice(-20_000);
  });
  const exited = new Promise<ChildExit>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<ChildExit> => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    const exit = await exited;
    clearTimeout(timer);
    return exit;
  };

  return new Promise<Child<T>>((resolve, reject) => {
    let ready = false;
    const fail = (why: string) => {
      if (ready) return;
      ready = true;
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(new Error(`${script}: ${why}\n--- stderr ---\n${err}\n--- stdout ---\n${out.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail('not ready in time'), opts.readyTimeoutMs ?? 30_000);
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      if (ready) return; // keep draining so the pipe never blocks the child
      out += d;
      for (const line of out.split('\n').slice(0, -1)) {
        if (!line.startsWith('{')) continue;
        let info: T;
        try {
          info = JSON.parse(line) as T;
        } catch {
          continue;
        }
        ready = true;
        clearTimeout(timer);
        resolve({ proc, info, exited, stderr: () => err, stop });
        return;
      }
    });
    exited.then(({ code, signal }) => fail(`exited before ready (code ${code}, signal ${signal})`));
  });
}
