/**
 * Checks made at start, before anything listens: a server that cannot keep
 * what it acknowledges must refuse to start with a message an operator can
 * act on, not fail on the first citizen's rating.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';

/** A refusal to start: index.ts prints its message alone (no stack) and exits non-zero. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * Creates, writes, fsyncs and removes a probe file in the data directory, and
 * opens the database files already there for writing: the same operations the
 * store needs (root ignores permission bits, so only trying tells the truth —
 * a read-only mount, an immutable directory, a full disk or a file in the way
 * all fail here).
 */
export async function assertDataDirWritable(dir: string, existingFiles: readonly string[] = []): Promise<void> {
  let step = 'mkdir';
  try {
    await mkdir(dir, { recursive: true });
    step = 'create';
    const probe = path.join(dir, `.write-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    const fh = await open(probe, 'wx');
    try {
      step = 'write';
      await fh.write('ok\n');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await unlink(probe);
    for (const name of existingFiles) {
      step = `open ${name}`;
      const f = await open(path.join(dir, name), 'r+').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
      await f?.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new StartupError(
      [
        `Không ghi được vào thư mục dữ liệu DATA_DIR=${dir} (${step}: ${code}).`,
        `Hãy cho tài khoản chạy máy chủ quyền ghi thư mục này, hoặc đặt DATA_DIR là một thư mục ghi được (hoặc dùng MONGODB_URI).`,
        `Hài Lòng cannot write to its data directory DATA_DIR=${dir} (${step}: ${code}).`,
        `Give the server's user write access to it, or point DATA_DIR at a writable directory (or use MONGODB_URI). Not started.`,
      ].join('\n'),
    );
  }
}
