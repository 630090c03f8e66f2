/**
 * The program `npm start` runs, compiled: `node dist/server/start.js` (see
 * server/cli/build.ts, which `npm start` runs first to build what is missing
 * or stale). Serves everything on PORT and prints where to go.
 */
import path from 'node:path';
import { main } from '../index';
import { issueDemoEnrolment } from '../domain/devices.service';
import { SERVER_BUILD_DIR, staleReason } from '../compiled-build';

// Run directly (`node dist/server/start.js`, a service unit, npm with ignore-scripts) nothing rebuilt it:
// say so when the sources have moved on. A warning, not a refusal: file times copied oddly must not stop a service.
const compiled = path.resolve(process.argv[1] ?? '').startsWith(SERVER_BUILD_DIR + path.sep);
const stale = compiled ? staleReason() : null;

const server = await main();
if (stale) server.ctx.log.warn({ why: stale }, 'the compiled server is older than its sources: run `npm run build:server` (npm start does it) and restart');
const demoKiosk = await issueDemoEnrolment(server.ctx);
const base = server.ctx.config.publicUrl;
console.log(`
  Hài Lòng is running (${server.ctx.store.kind} store)
    Admin dashboard  ${base}/admin/
    Kiosk            ${base}/kiosk/
${demoKiosk ? `    Kiosk (demo Q1)  ${demoKiosk.url}   (one-time code ${demoKiosk.code}, valid 24 h)\n` : ''}    QR survey        ${base}/s/Q1   (demo counter Q1)
    Health           ${base}/api/health
  Admin login: ${server.ctx.config.ADMIN_EMAIL}, password from ADMIN_PASSWORD or printed above on the first start.
`);
