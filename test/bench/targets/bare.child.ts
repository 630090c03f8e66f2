/**
 * Bench baseline: the barest Express 5 JSON POST endpoint — express.json()
 * and a `{ ok: true }` reply — in a process of its own.
 */
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announce, installProbe } from './probe';

const app = express();
app.post('/echo', express.json(), (_req, res) => {
  res.json({ ok: true });
});

const server = createServer(app);
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

installProbe();
announce({ url: `http://127.0.0.1:${port}/echo` }, async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
