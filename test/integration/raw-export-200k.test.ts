/**
 * The raw response export streams (issue 13): 200,000 responses seeded with
 * the store's bulk commit (not HTTP), exported as CSV and NDJSON. The store's
 * reads are instrumented: the first bytes reach the client while most rows
 * are still unread, no read returns more than one page, and a client that
 * stops reading stops the server reading the store (back-pressure), so the
 * rows in memory stay bounded whatever the period holds.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import type { ResponseQuery, StoredResponse } from '../../server/store/types';
import { EXPORT_PAGE } from '../../server/domain/reports/raw-export';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
const TOTAL = 200_000;
let s: TestServer;
let cookie: string;
/** Rows the store has handed out since the counter was reset, and the largest single read. */
const reads = { rows: 0, calls: 0, largest: 0 };

beforeAll(async () => {
  s = await startTestServer();
  cookie = await s.login();
  const start = Date.parse('2026-10-01T00:00:00+07:00');
  const span = 30 * 86_400_000;
  const BATCH = 10_000;
  const t0 = performance.now();
  for (let b = 0; b < TOTAL; b += BATCH) {
    const items = Array.from({ length: BATCH }, (_, k) => {
      const i = b + k;
      const response: StoredResponse = {
        id: `bulk-${String(i).padStart(6, '0')}`,
        orgId: 'org-main',
        unitId: i % 2 ? 'unit-a' : 'unit-b',
        servicePointId: i % 2 ? 'sp-t1' : 'sp-t2',
        deviceId: null,
        officerId: null,
        procedureId: null,
        surveyVersionId: s.surveyVersionId,
        channel: 'kiosk',
        verified: true,
        outsideHours: false,
        locale: 'vi',
        overall: (i % 5) + 1,
        answers: { O: (i % 5) + 1, reasons: ['wait'] },
        comment: null,
        clientTime: null,
        serverTime: new Date(start + Math.floor((i * span) / TOTAL)).toISOString(),
        bodyHash: `h${i}`,
        excluded: null,
      };
      return { response, deltas: [] };
    });
    const out = await s.ctx.store.commitResponses(items);
    expect(out.every((o) => o.status === 'stored')).toBe(true);
  }
  console.info(`seeded ${TOTAL} responses in ${Math.round(performance.now() - t0)} ms`);
  // Instrument the store the export reads from (the routes call ctx.store.listResponses).
  const list = s.ctx.store.listResponses.bind(s.ctx.store);
  s.ctx.store.listResponses = async (q: ResponseQuery) => {
    const page = await list(q);
    reads.rows += page.length;
    reads.calls++;
    reads.largest = Math.max(reads.largest, page.length);
    return page;
  };
});
afterAll(async () => {
  await s?.stop();
});

const reset = () => Object.assign(reads, { rows: 0, calls: 0, largest: 0 });

async function exportOf(format: 'csv' | 'ndjson') {
  reset();
  // Uncompressed: 200,000 synthetic rows gzip into less than the socket buffers hold, which would hide the back-pressure.
  const res = await fetch(`${s.url}/api/v1/reports/responses.${format}?period=2026-10`, { headers: { cookie, 'accept-encoding': 'identity' } });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const first = await reader.read();
  const atFirstBytes = reads.rows;
  // The client stops reading: once the socket's buffers are full the server must stop reading the store too.
  // Wait until the count holds still for 400 ms (at most 15 s): it must stop, and well short of the whole period.
  let whilePaused = reads.rows;
  for (let waited = 0; waited < 15_000; waited += 400) {
    await new Promise((r) => setTimeout(r, 400));
    if (reads.rows === whilePaused) break;
    whilePaused = reads.rows;
  }
  const stalled = reads.rows === whilePaused;
  // Count lines on the bytes (no decoding): the client must not be the slow part.
  let lines = 0;
  const count = (b: Uint8Array) => {
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
  };
  count(first.value!);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    count(value);
  }
  return { first: new TextDecoder('utf-8', { ignoreBOM: true }).decode(first.value!), atFirstBytes, whilePaused, stalled, lines, res };
}

describe('the raw export of 200,000 responses', () => {
  it('CSV: first bytes before the store is read, one page per read, reading stops while the client does', async () => {
    const r = await exportOf('csv');
    expect(r.first.startsWith('\uFEFFid,serverTime')).toBe(true);
    expect(r.atFirstBytes).toBeGreaterThan(0);
    expect(r.atFirstBytes).toBeLessThan(TOTAL / 4);
    expect(r.stalled).toBe(true);
    expect(r.whilePaused).toBeLessThan(TOTAL / 2);
    expect(reads.largest).toBeLessThanOrEqual(EXPORT_PAGE);
    expect(reads.rows).toBe(TOTAL);
    expect(reads.calls).toBeGreaterThanOrEqual(TOTAL / EXPORT_PAGE);
    expect(r.lines).toBe(TOTAL + 1);
    console.info(`csv: ${r.atFirstBytes} rows read at the first bytes, ${r.whilePaused} while the client paused, ${reads.calls} reads`);
  });

  it('NDJSON: the same streaming, one JSON object a line', async () => {
    const r = await exportOf('ndjson');
    expect(JSON.parse(r.first.split('\n')[0])).toMatchObject({ id: expect.stringMatching(/^bulk-/), channel: 'kiosk', counted: true });
    expect(r.atFirstBytes).toBeLessThan(TOTAL / 4);
    expect(r.stalled).toBe(true);
    expect(r.whilePaused).toBeLessThan(TOTAL / 2);
    expect(reads.largest).toBeLessThanOrEqual(EXPORT_PAGE);
    expect(reads.rows).toBe(TOTAL);
    expect(r.lines).toBe(TOTAL);
    console.info(`ndjson: ${r.atFirstBytes} rows read at the first bytes, ${r.whilePaused} while the client paused`);
  });
});
