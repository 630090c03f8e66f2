/**
 * The one fetch wrapper under every admin/src/api/<resource>.ts: same
 * origin, the session cookie, JSON both ways. A failure becomes an ApiError
 * carrying the server's `{ error: { code, message, details } }`, so forms can
 * mark the fields named in `details` and toasts can word the rest plainly.
 * Views never call this directly: they call a resource function.
 */

/** One field the server refused: a dotted path into the body or query ('' = the whole body). */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's `details`: field issues on a 400/422, or any other facts it gives. */
    readonly details?: FieldIssue[] | Record<string, unknown>,
  ) {
    super(message);
  }

  /** The field issues of `details` (none when it is not a list of them). */
  get fieldIssues(): FieldIssue[] {
    return Array.isArray(this.details) ? this.details.filter(isFieldIssue) : [];
  }
}

const isFieldIssue = (x: unknown): x is FieldIssue =>
  !!x && typeof x === 'object' && typeof (x as FieldIssue).path === 'string' && typeof (x as FieldIssue).message === 'string';

/** A status of 0 means the server could not be reached at all. */
export const isOffline = (e: unknown): boolean => e instanceof ApiError && e.status === 0;

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when a request answers 401: the session ended (expired, logged out elsewhere). */
export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

export type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  json?: unknown;
  /** A file sent as it is (an import, a photo), with its own media type; instead of `json`. */
  file?: { body: Blob; type: string };
  /** Do not announce a 401 as a lost session (the login form itself). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

/** Per-call options a resource function passes on. */
export type CallOptions = Pick<RequestOptions, 'signal'>;

/** The path under /api/v1 with its query, for links and images (posters, QR codes, exports). */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  return `/api/v1${path}${queryString(query ?? {})}`;
}

/** A path segment from an id: never lets an id change the path. */
export const seg = (id: string): string => encodeURIComponent(id);

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  else if (opts.file) headers['content-type'] = opts.file.type;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.file?.body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(0, 'offline', 'Network error');
  }
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: FieldIssue[] | Record<string, unknown> } } | null;
  if (!res.ok) {
    if (res.status === 401 && !opts.quiet401) for (const fn of unauthorizedListeners) fn();
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? 'http-error', e?.message ?? res.statusText, e?.details ?? undefined);
  }
  return body as T;
}

/** `?a=1&b=2` from the defined values. */
export function queryString(params: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
