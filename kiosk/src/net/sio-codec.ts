/**
 * The text packets of the socket.io protocol (v5) inside engine.io (v4), as
 * far as the kiosk needs them: no binary, no polling. Kept pure for tests.
 *   engine.io: 0 open · 1 close · 2 ping · 3 pong · 4 message · 6 noop
 *   socket.io: 0 connect · 1 disconnect · 2 event · 3 ack · 4 connect_error
 *   e.g. `42/kiosk,7["kiosk:heartbeat",{…}]` = message, event, namespace, ack id 7.
 */
export const EIO = { open: '0', close: '1', ping: '2', pong: '3', message: '4' } as const;
export const SIO = { connect: 0, disconnect: 1, event: 2, ack: 3, connectError: 4 } as const;

export interface SioPacket {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

export function encodeSio(p: SioPacket): string {
  let s = String(p.type);
  if (p.nsp !== '/') s += `${p.nsp},`;
  if (p.id !== undefined) s += p.id;
  if (p.data !== undefined) s += JSON.stringify(p.data);
  return s;
}

/** Null for anything malformed or binary (the kiosk never receives either from a healthy server). */
export function decodeSio(s: string): SioPacket | null {
  const type = Number(s[0]);
  if (!(type >= 0 && type <= 4)) return null;
  let i = 1;
  let nsp = '/';
  if (s[i] === '/') {
    const comma = s.indexOf(',', i);
    nsp = comma < 0 ? s.slice(i) : s.slice(i, comma);
    i = comma < 0 ? s.length : comma + 1;
  }
  let idText = '';
  while (i < s.length && s[i] >= '0' && s[i] <= '9') idText += s[i++];
  const p: SioPacket = { type, nsp };
  if (idText) p.id = Number(idText);
  if (i < s.length) {
    try {
      p.data = JSON.parse(s.slice(i));
    } catch {
      return null;
    }
  }
  return p;
}

/** ws(s)://host/socket.io/?EIO=4&transport=websocket for a page at http(s)://host/... */
export function socketUrl(origin: string, path: string): string {
  return `${origin.replace(/^http/, 'ws')}${path}/?EIO=4&transport=websocket`;
}
