/**
 * Starts the real server (HTTP + socket.io + a real SQLite file in a temp
 * dir) on a free port, with a small fixture office. No mocks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../server/config';
import type { AddressInfo } from 'node:net';
import { startServer, type RunningServer } from '../../server/index';
import { sha256 } from '../../server/domain/canonical';
import { DEFAULT_HOURS } from '../../server/domain/opening-hours';
import type { AppContext } from '../../server/context';

export const ADMIN = { email: 'admin@test.local', password: 'test-password-1' };

/**
 * A counter-QR client id as the counter page issues it (the `hl_client`
 * cookie): answers without one are held for review.
 */
export async function counterClientId(url: string, code = 'T1'): Promise<string> {
  const res = await fetch(`${url}/s/${code}`);
  const set = res.headers.get('set-cookie');
  if (!set) throw new Error('the counter page issued no client id');
  return set.split(';')[0].slice('hl_client='.length);
}

export interface TestServer extends RunningServer {
  dataDir: string;
  surveyVersionId: string;
  deviceToken: string;
  stop(): Promise<void>;
  login(email?: string, password?: string): Promise<string>;
  api(pathname: string, init?: RequestInit & { cookie?: string; json?: unknown }): Promise<Response>;
}

/** The configuration every test server uses: loopback, a free port, no demo data, a known admin. */
export function testConfig(env: Record<string, string> & { DATA_DIR: string }): Config {
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  });
}

/**
 * For a server run as a child process: close gracefully on SIGTERM, then print
 * the one JSON ready line (with a 127.0.0.1 URL: "localhost" may resolve to ::1 first).
 */
export function announceChild(server: RunningServer, info: Record<string, unknown>): void {
  process.once('SIGTERM', () => {
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
  const { port } = server.http.address() as AddressInfo;
  process.stdout.write(JSON.stringify({ ...info, url: `http://127.0.0.1:${port}`, pid: process.pid }) + '\n');
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'hailong-test-'));
  const server = await startServer(testConfig({ ...env, DATA_DIR: dataDir }));
  const { surveyVersionId, deviceToken } = await addFixtureOffice(server.ctx);
  const api: TestServer['api'] = (pathname, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.cookie) headers.set('cookie', init.cookie);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(server.url + pathname, { ...init, headers, body });
  };
  return {
    ...server,
    dataDir,
    surveyVersionId,
    deviceToken,
    api,
    async login(email = ADMIN.email, password = ADMIN.password) {
      const res = await api('/api/v1/auth/login', { method: 'POST', json: { email, password } });
      if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
      return res.headers.get('set-cookie')!.split(';')[0];
    },
    async stop() {
      await server.close();
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Two units, two counters (T1, T2), two officers, a procedure and an enrolled kiosk at T1; no kiosk minimum gap. */
export async function addFixtureOffice(ctx: AppContext): Promise<{ surveyVersionId: string; deviceToken: string }> {
  let org = (await ctx.entities.list('organisation'))[0];
  const orgId = org.id;
  // Tests post ratings faster than any kiosk could; the server enforces this gap, so the tests about it set their own.
  if (org.kiosk.minGapSeconds !== 0) {
    org = { ...org, kiosk: { ...org.kiosk, minGapSeconds: 0 } };
    await ctx.entities.put('organisation', org);
  }
  if (!(await ctx.entities.get('servicePoint', 'sp-t1'))) {
    await ctx.entities.put('unit', { id: 'unit-a', orgId, code: 'A', name: { vi: 'Phòng A', en: 'Unit A' } });
    await ctx.entities.put('unit', { id: 'unit-b', orgId, code: 'B', name: { vi: 'Phòng B', en: 'Unit B' } });
    await ctx.entities.put('officer', { id: 'off-1', orgId, unitId: 'unit-a', name: 'Nguyễn Văn Một', active: true });
    await ctx.entities.put('officer', { id: 'off-2', orgId, unitId: 'unit-b', name: 'Trần Thị Hai', active: true });
    const always = { ...DEFAULT_HOURS, weekdays: [0, 1, 2, 3, 4, 5, 6], sessions: [{ open: '00:00', close: '24:00' }] };
    await ctx.entities.put('servicePoint', { id: 'sp-t1', orgId, unitId: 'unit-a', code: 'T1', name: { vi: 'Quầy T1', en: 'Counter T1' }, hours: always, officerOnDutyId: 'off-1' });
    await ctx.entities.put('servicePoint', { id: 'sp-t2', orgId, unitId: 'unit-b', code: 'T2', name: { vi: 'Quầy T2', en: 'Counter T2' }, hours: always, officerOnDutyId: 'off-2' });
    await ctx.entities.put('procedure', { id: 'proc-1', orgId, code: '1.000001', name: { vi: 'Thủ tục một', en: 'Procedure one' }, field: { vi: 'Lĩnh vực', en: 'Field' } });
  }
  const deviceToken = randomBytes(24).toString('base64url');
  await ctx.entities.put('device', {
    id: 'dev-t1',
    orgId,
    servicePointId: 'sp-t1',
    name: 'Kiosk T1',
    tokenHash: sha256(deviceToken),
    enrolment: null,
    enrolledAt: new Date().toISOString(),
    revokedAt: null,
    lastSeenAt: null,
    status: null,
  });
  return { surveyVersionId: org.activeSurveyVersionId!, deviceToken };
}
