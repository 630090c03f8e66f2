import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    include: ['test/**/*.test.ts'],
    // Browser and multi-process tests are heavy on a 2-core machine: keep files sequential-ish.
    maxWorkers: 2,
    testTimeout: 30_000,
    // A page's first render waits on the server and on chunk loads: on a busy
    // 2-core machine a second is too short, and only a timeout would fail.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
