/**
 * A real HTTP receiver on 127.0.0.1 for an office's webhook: it records each
 * request's headers and body (to check the signature and the event) and
 * answers with the status the test chooses at that moment.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingMessage['headers'];
  body: string;
}

export interface WebhookReceiver {
  /** The receiver's address with this path, e.g. `/hook`. */
  url(path: string): string;
  close(): Promise<void>;
}

/** Listens on a free port; every request is pushed onto `got`, answered with `status()`. */
export async function startWebhookReceiver(got: ReceivedHook[], status: () => number): Promise<WebhookReceiver> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
