/**
 * Runs once before all test files: builds the front ends the e2e suites
 * serve (vite, a few seconds), so every browser test sees the current code.
 */
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

export default async function setup(): Promise<void> {
  if (process.env.SKIP_FRONTEND_BUILD === '1') return;
  for (const name of ['kiosk', 'admin']) {
    await build({ configFile: fileURLToPath(new URL(`../../${name}/vite.config.ts`, import.meta.url)), logLevel: 'warn' });
  }
}
