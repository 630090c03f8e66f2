/**
 * The HTTP API, same origin, with the session cookie. Errors carry the
 * server's `{ error: { code, message } }` so screens can word them plainly.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A status of 0 means the server could not be reached at all. */
export const isOffline = (e: unknown): boolean => e instanceof ApiError && e.status === 0;

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when a request answers 401: the session ended (expired, logged out elsewhere). */
export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  json?: unknown;
  /** Do not announce a 401 as a lost session (the login form itself). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(0, 'offline', 'Network error');
  }
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!res.ok) {
    if (res.status === 401 && !opts.quiet401) for (const fn of unauthorizedListeners) fn();
    throw new ApiError(res.status, body?.error?.code ?? 'http-error', body?.error?.message ?? res.statusText);
  }
  return body as T;
}

/** `?a=1&b=2` from the defined values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
