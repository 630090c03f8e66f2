/**
 * What an e2e file's afterAll closes, in order: the browser contexts it
 * opened (one a test closed already is fine), the browser, the server. Each
 * may be missing when beforeAll failed part way.
 */
import type { Browser, BrowserContext } from 'playwright-core';

export async function closeAll(contexts: BrowserContext[], browser: Browser | undefined, server: { stop(): Promise<void> } | undefined): Promise<void> {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
}
