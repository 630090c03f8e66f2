/**
 * Bench target: the real Hài Lòng server (SQLite file under $DATA_DIR,
 * WAL + synchronous=FULL as the store sets them) with the fixture office and
 * an enrolled kiosk, in a process of its own. Nothing in the request path is
 * changed; the store's commitResponses is only wrapped to count group-commit
 * batches and the time the event loop spends inside them.
 */
import type { AddressInfo } from 'node:net';
import { startServer } from '../../../server/index';
import type { CommitItem } from '../../../server/store/types';
import { addFixtureOffice, testConfig } from '../../helpers/test-server';
import { announce, installProbe } from './probe';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('ingest.child needs DATA_DIR');

const server = await startServer(testConfig({ DATA_DIR: dataDir, NODE_ENV: 'production' }));
const { surveyVersionId, deviceToken } = await addFixtureOffice(server.ctx);

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
    };
  },
});

const { port } = server.http.address() as AddressInfo;
announce({ url: `http://127.0.0.1:${port}`, surveyVersionId, deviceToken }, () => server.close());
