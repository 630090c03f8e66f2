/**
 * How long one durable write takes on the disk under a directory: append a
 * page and fdatasync, many times. Every acknowledged rating waits for at
 * least one of these (SQLite WAL, synchronous=FULL), so it bounds how many
 * commits per second one writer can make.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { percentile } from './load';

export function measureFsync(parent = tmpdir(), rounds = 100): { p50Ms: number; p99Ms: number; perSecond: number } {
  const dir = mkdtempSync(path.join(parent, 'hailong-fsync-'));
  const page = Buffer.alloc(4096, 7);
  const fd = openSync(path.join(dir, 'probe'), 'w');
  const times: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      writeSync(fd, page);
      const t = performance.now();
      fdatasyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), perSecond: 1000 / mean };
}
