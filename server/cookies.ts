/**
 * The cookies this server sets, and reading one back. Outside http/ because
 * the dashboard socket handshake reads the session cookie too.
 */

/** Reads one cookie from the header; small enough not to need a dependency. A cookie that does not decode counts as absent. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed escape (`%`, `%E0`) is not a cookie we set: ignore it, as if it were absent.
      return undefined;
    }
  }
  return undefined;
}

export const SESSION_COOKIE = 'hl_session';

/** The per-client limit on counter links keys on this cookie (offices share one IP, so never on the address). */
export const CLIENT_COOKIE = 'hl_client';
