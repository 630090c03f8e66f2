/**
 * The cookies this server sets, and reading one back. Outside http/ because
 * the dashboard socket handshake reads the session cookie too.
 */

/**
 * Reads one cookie from the header; small enough not to need a dependency.
 * A value that is not valid percent-encoding (`%`, `%E0`) is ignored as if it
 * were absent: the header comes from the client, and a broken cookie must
 * never turn a request into a 500. Our own cookies are plain base64url, so
 * nothing genuine is lost.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() !== name) continue;
    const value = safeDecode(part.slice(i + 1).trim());
    if (value !== undefined) return value;
  }
  return undefined;
}

function safeDecode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined; // URIError: malformed percent-encoding
  }
}

export const SESSION_COOKIE = 'hl_session';

/** The per-client limit on counter links keys on this cookie (offices share one IP, so never on the address). */
export const CLIENT_COOKIE = 'hl_client';
