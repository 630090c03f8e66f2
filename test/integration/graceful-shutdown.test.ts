/**
 * SIGTERM while ratings stream in: the server stops taking new connections,
 * answers every request it already accepted, commits it, closes the store
 * and exits 0. Every rating that got a 2xx is stored; nothing is left half
 * written, and the server starts again cleanly on the same data.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store';
import { startChild } from '../helpers/child-process';

interface ChildInfo {
  url: string;
  deviceToken: string;
  surveyVersionId: string;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'hailong-sigterm-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('graceful shutdown on SIGTERM', () => {
  it('answers accepted requests, stores every acknowledged rating and exits 0', async () => {
    const child = await startChild<ChildInfo>('test/helpers/crash-child.ts', { env: { DATA_DIR: dataDir } });
    const { url, deviceToken, surveyVersionId } = child.info;
    const acked: string[] = [];
    let stop = false;
    let terminated = 0;
    const client = async () => {
      while (!stop) {
        const id = randomUUID();
        try {
          const res = await fetch(`${url}/api/v1/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` },
            body: JSON.stringify({ id, surveyVersionId, channel: 'kiosk', answers: { O: 4 } }),
          });
          await res.arrayBuffer();
          if (res.status === 201) acked.push(id);
          else throw new Error(`unexpected ${res.status}`);
        } catch (err) {
          // After SIGTERM new connections are refused: that is the expected end of the stream.
          if (!terminated) throw err;
          stop = true;
        }
      }
    };
    const clients = Array.from({ length: 6 }, client);
    // Terminate once the stream is well under way, however slow the machine is.
    for (let waited = 0; acked.length < 20 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    terminated = Date.now();
    const exit = await child.stop('SIGTERM', 15_000);
    stop = true;
    await Promise.all(clients);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(acked.length).toBeGreaterThanOrEqual(20);
    const store = await openStore({ dataDir });
    try {
      const missing: string[] = [];
      for (const id of acked) if (!(await store.getResponse(id))) missing.push(id);
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('starts again on the same data after a graceful stop', async () => {
    const child = await startChild<ChildInfo>('test/helpers/crash-child.ts', { env: { DATA_DIR: dataDir } });
    const health = await (await fetch(`${child.info.url}/api/health`)).json();
    expect(health.status).toBe('ok');
    expect(await child.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
