/**
 * The real server in a process of its own, so a test can SIGKILL it. Starts
 * on a free port with the SQLite store under $DATA_DIR, adds the fixture
 * office (safe to repeat on the same directory), then prints one JSON line:
 * { url, deviceToken, surveyVersionId, pid }.
 * SIGTERM closes it gracefully; SIGKILL is the point.
 */
import { startServer } from '../../server/index';
import { addFixtureOffice, announceChild, testConfig } from './test-server';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('crash-child needs DATA_DIR');

const server = await startServer(testConfig({ DATA_DIR: dataDir }));
announceChild(server, await addFixtureOffice(server.ctx));
