/**
 * `npm start`: build the front ends if they are missing, then serve
 * everything on PORT and print where to go.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DIST_DIR } from '../dist-dir';
import { main } from '../index';
import { issueDemoEnrolment } from '../domain/devices.service';

const root = path.resolve(import.meta.dirname, '..', '..');
for (const name of ['kiosk', 'admin']) {
  if (existsSync(path.join(DIST_DIR, name, 'index.html'))) continue;
  console.log(`Building the ${name} front end (first start only)…`);
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', `${name}/vite.config.ts`, '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = await main();
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
