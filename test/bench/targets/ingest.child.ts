/**
 * Bench target: the real Hài Lòng server (SQLite file under $DATA_DIR,
 * WAL + synchronous=FULL as the store sets them) with the fixture office and
 * an enrolled kiosk, in a process of its own. Nothing in the request path is
 * changed; the store's commitResponses is only wrapped to count group-commit
 * batches and the time the event loop spends inside them.
 *
 * Like a real office, and unlike the test fixture: the organisation keeps its
 * kiosk minimum gap (5 s by default), so every rating pays for its gap mark.
 * The load goes to BENCH_INGEST_KIOSKS kiosks (default 1), each at a counter
 * of its own. The load generator gives each kiosk's ratings client times a
 * gap apart (ingest-throughput.ts), so none is held as suspect and every one
 * writes its deltas. (Many kiosks each rating many times a second also make
 * the alert engine's burst rule fire and re-read each kiosk's recent ratings:
 * real, but a load no office makes; the default keeps the figure comparable
 * with earlier runs.)
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sha256 } from '../../../server/domain/canonical';
import { startServer } from '../../../server/index';
import type { CommitItem } from '../../../server/store/types';
import { addFixtureOffice, testConfig } from '../../helpers/test-server';
import { announce, installProbe } from './probe';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('ingest.child needs DATA_DIR');

const server = await startServer(testConfig({ DATA_DIR: dataDir, NODE_ENV: 'production' }));
const { surveyVersionId, deviceToken } = await addFixtureOffice(server.ctx);

const KIOSKS = Math.max(1, Number(process.env.BENCH_INGEST_KIOSKS ?? 1) || 1);
/** BENCH_INGEST_GAP=0 measures without the gap mark, as the bench did before session 18. */
const GAP_SECONDS = process.env.BENCH_INGEST_GAP === '0' ? 0 : 5;
const ctx = server.ctx;
const [org] = await ctx.entities.list('organisation');
// The fixture turns the gap off for tests; the bench measures the office's real setting.
await ctx.entities.put('organisation', { ...org, kiosk: { ...org.kiosk, minGapSeconds: GAP_SECONDS } });
const fixtureSp = (await ctx.entities.get('servicePoint', 'sp-t1'))!;
const kiosks: { deviceToken: string }[] = [];
for (let i = 1; i <= KIOSKS; i++) {
  const spId = `sp-bench-${i}`;
  await ctx.entities.put('servicePoint', { ...fixtureSp, id: spId, code: `B${i}`, name: { vi: `Quầy B${i}`, en: `Counter B${i}` } });
  const token = randomBytes(24).toString('base64url');
  await ctx.entities.put('device', {
    id: `dev-bench-${i}`,
    orgId: org.id,
    servicePointId: spId,
    name: `Kiosk B${i}`,
    tokenHash: sha256(token),
    enrolment: null,
    enrolledAt: new Date().toISOString(),
    revokedAt: null,
    lastSeenAt: null,
    status: null,
  });
  kiosks.push({ deviceToken: token });
}
ctx.events.emit('config:changed', { orgId: org.id, kind: 'organisation', id: org.id });

// Group-commit figures: how many batches, how big, how long each blocked the loop.
const store = server.ctx.store;
const commit = store.commitResponses.bind(store);
let sizes: number[] = [];
let commitMs = 0;
store.commitResponses = async (items: CommitItem[]) => {
  const t = performance.now();
  try {
    return await commit(items);
  } finally {
    commitMs += performance.now() - t;
    sizes.push(items.length);
  }
};

installProbe({
  mark: () => {
    sizes = [];
    commitMs = 0;
  },
  read: () => {
    const sorted = [...sizes].sort((a, b) => a - b);
    const items = sorted.reduce((a, b) => a + b, 0);
    return {
      batches: sorted.length,
      items,
      meanBatch: sorted.length ? items / sorted.length : 0,
      p50Batch: sorted[Math.floor(sorted.length / 2)] ?? 0,
      maxBatch: sorted[sorted.length - 1] ?? 0,
      commitMs,
      meanCommitMs: sorted.length ? commitMs / sorted.length : 0,
      rssMb: process.memoryUsage().rss / 2 ** 20,
    };
  },
});

const { port } = server.http.address() as AddressInfo;
announce({ url: `http://127.0.0.1:${port}`, surveyVersionId, deviceToken, kiosks }, () => server.close());
