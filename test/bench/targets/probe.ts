/**
 * Child side of the bench's measuring channel (IPC): on `mark` the child
 * remembers its CPU time, event-loop utilisation and any extra counters; on
 * `read` it answers what changed since the mark. The parent brackets the
 * measured window with the two, so warm-up and start-up are left out.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface ProbeReading {
  /** CPU used by the child, % of one core. */
  cpuPct: number;
  /** Share of wall time the event loop was busy, 0..1. */
  elu: number;
  wallMs: number;
  /** Target-specific figures (e.g. group-commit batch sizes). */
  extra: Record<string, unknown>;
}

interface Msg {
  type: 'mark' | 'read';
  seq: number;
}

export function installProbe(extra: { mark?: () => void; read?: () => Record<string, unknown> } = {}): void {
  if (!process.send) return;
  let cpu = process.cpuUsage();
  let elu: EventLoopUtilization = performance.eventLoopUtilization();
  let t = performance.now();
  process.on('message', (m: Msg) => {
    if (m.type === 'mark') {
      cpu = process.cpuUsage();
      elu = performance.eventLoopUtilization();
      t = performance.now();
      extra.mark?.();
      process.send!({ seq: m.seq });
    } else if (m.type === 'read') {
      const wallMs = performance.now() - t;
      const c = process.cpuUsage(cpu);
      const reading: ProbeReading = {
        cpuPct: ((c.user + c.system) / 1000 / wallMs) * 100,
        elu: performance.eventLoopUtilization(elu).utilization,
        wallMs,
        extra: extra.read?.() ?? {},
      };
      process.send!({ seq: m.seq, reading });
    }
  });
  // The IPC channel must not keep a finished child alive.
  process.channel?.unref();
}

/** Prints the ready line and stops cleanly on SIGTERM (so --cpu-prof can write its file). */
export function announce(info: Record<string, unknown>, close: () => Promise<void>): void {
  process.once('SIGTERM', () => {
    close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
  process.stdout.write(JSON.stringify(info) + '\n');
}
