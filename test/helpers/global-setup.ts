/**
 * Runs once before all test files: builds the front ends the e2e suites
 * serve (vite, a few seconds), so every browser test sees the current code.
 * Built as `npm run build` builds them (NODE_ENV=production): vitest sets
 * NODE_ENV=test, which vite would otherwise honour with a development-flavoured
 * bundle — not what ships, and heavier than the admin's size budget measures.
 */
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

export default async function setup(): Promise<void> {
  if (process.env.SKIP_FRONTEND_BUILD === '1') return;
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    for (const name of ['kiosk', 'admin']) {
      await build({ configFile: fileURLToPath(new URL(`../../${name}/vite.config.ts`, import.meta.url)), logLevel: 'warn' });
    }
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
