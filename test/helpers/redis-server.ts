/**
 * A throw-away `redis-server` on 127.0.0.1 for multi-node tests and the
 * bench: a free port (found by binding port 0 first — Redis itself refuses
 * port 0), no persistence, killed on stop. When `redis-server` is not
 * installed this fails loudly with what to do (CI installs it: .ci/run).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

export interface RedisServer {
  url: string;
  port: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export const REDIS_MISSING =
  'redis-server is not installed, and the multi-node tests need it. ' +
  'Install it (Debian/Ubuntu: `apt-get install -y redis-server`; macOS: `brew install redis`) ' +
  'or point REDIS_SERVER_BIN at the binary. CI installs it in .ci/run.';

export function redisBinary(): string | null {
  const bin = process.env.REDIS_SERVER_BIN || 'redis-server';
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? bin : null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once the server answers PING. */
async function waitForPing(port: number, timeoutMs: number, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = exited();
    if (why) throw new Error(why);
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.setTimeout(500);
      sock.once('connect', () => sock.write('PING\r\n'));
      sock.once('data', (d) => {
        sock.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      sock.once('error', () => resolve(false));
      sock.once('timeout', () => {
        sock.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startRedis(): Promise<RedisServer> {
  const bin = redisBinary();
  if (!bin) {
    console.error(`\n*** ${REDIS_MISSING}\n`);
    throw new Error(REDIS_MISSING);
  }
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const proc = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => (log = (log + d).slice(-4000)));
    proc.stderr!.setEncoding('utf8').on('data', (d: string) => (log = (log + d).slice(-4000)));
    let exit: string | null = null;
    proc.once('exit', (code, signal) => (exit = `redis-server exited (code ${code}, signal ${signal}):\n${log}`));
    try {
      await waitForPing(port, 10_000, () => exit);
    } catch (err) {
      proc.kill('SIGKILL');
      // Another process may have taken the port between the probe and the start.
      if (attempt < 3 && /Address already in use/.test(log)) continue;
      throw err;
    }
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      proc,
      stop: () =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          proc.once('exit', () => resolve());
          proc.kill('SIGTERM');
          setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
        }),
    };
  }
}
