/**
 * The real server in a process of its own, so a test can SIGKILL it. Starts
 * on a free port with the SQLite store under $DATA_DIR, adds the fixture
 * office (safe to repeat on the same directory), then prints one JSON line:
 * { url, deviceToken, surveyVersionId, pid }.
 * SIGTERM closes it gracefully; SIGKILL is the point.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/index';
import { ADMIN, addFixtureOffice } from './test-server';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('crash-child needs DATA_DIR');

const server = await startServer(
  loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  }),
);
const { surveyVersionId, deviceToken } = await addFixtureOffice(server.ctx);

process.once('SIGTERM', () => {
  server.close().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
});

// 127.0.0.1 rather than server.url's "localhost", which may resolve to ::1 first.
const { port } = server.http.address() as AddressInfo;
const url = `http://127.0.0.1:${port}`;
process.stdout.write(JSON.stringify({ url, deviceToken, surveyVersionId, pid: process.pid }) + '\n');
