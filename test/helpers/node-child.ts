/**
 * One server node in a process of its own, for the multi-node test and the
 * push bench: `node --import tsx test/helpers/node-child.ts`. Several of
 * them share one DATA_DIR (SQLite in WAL mode works across processes) and
 * one REDIS_URL, like nodes behind a load balancer share MongoDB and Redis.
 *
 * Environment:
 *   DATA_DIR (required)       REDIS_URL (optional: no Redis at all without it)
 *   HL_FIXTURE=1              add the test office (start one node with it first)
 *   HL_EXTRA_DEVICES=n        also enrol n more kiosks at T1/T2 (the bench)
 *   HL_ALERT_GAP_MS, HL_ALERT_SWEEP_MS   alert engine timings
 *   LOG_LEVEL                 default silent
 * Prints one JSON line when listening:
 *   { url, pid, deviceToken?, surveyVersionId?, deviceTokens? }
 * SIGTERM closes it gracefully.
 */
import { randomBytes } from 'node:crypto';
import { startServer } from '../../server/index';
import { sha256 } from '../../server/domain/canonical';
import { setAlertEngineDefaults } from '../../server/domain/alerts/alert-engine';
import { addFixtureOffice, announceChild, testConfig } from './test-server';

const env = process.env;
if (!env.DATA_DIR) throw new Error('node-child needs DATA_DIR');

const num = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));
const gap = num(env.HL_ALERT_GAP_MS);
const sweep = num(env.HL_ALERT_SWEEP_MS);
setAlertEngineDefaults({ ...(gap !== undefined ? { evaluateGapMs: gap } : {}), ...(sweep !== undefined ? { sweepMs: sweep } : {}) });

const server = await startServer(testConfig({ DATA_DIR: env.DATA_DIR, REDIS_URL: env.REDIS_URL ?? '', LOG_LEVEL: env.LOG_LEVEL ?? 'silent' }));

const info: Record<string, unknown> = {};
if (env.HL_FIXTURE === '1') {
  Object.assign(info, await addFixtureOffice(server.ctx));
  const extra = num(env.HL_EXTRA_DEVICES) ?? 0;
  const org = (await server.ctx.entities.list('organisation'))[0];
  const tokens: string[] = [];
  for (let i = 0; i < extra; i++) {
    const token = randomBytes(24).toString('base64url');
    tokens.push(token);
    await server.ctx.entities.put('device', {
      id: `dev-extra-${i}`,
      orgId: org.id,
      servicePointId: i % 2 ? 'sp-t2' : 'sp-t1',
      name: `Kiosk ${i}`,
      tokenHash: sha256(token),
      enrolment: null,
      enrolledAt: new Date().toISOString(),
      revokedAt: null,
      lastSeenAt: new Date().toISOString(),
      status: null,
    });
  }
  if (extra) info.deviceTokens = tokens;
}

announceChild(server, info);
