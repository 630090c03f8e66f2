/**
 * The officer page's calls. The page holds an officer token (from the PIN
 * sign-in) in localStorage, or relies on the admin console's session cookie.
 * Answers are small unions; nothing here ever learns how a citizen rated.
 */
import type { OfficerContext, OfficerSignedIn } from '../../../shared/api/rating-sessions';

const API = '/api/v1';
const TOKEN_KEY = 'hl.officer.token';

export type Auth = { kind: 'token'; token: string } | { kind: 'admin'; counter: string };

export const savedToken = (): string | null => {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
};
export const saveToken = (token: string | null): void => {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // private mode: the sign-in lasts for this page only
  }
};

async function call(path: string, auth: Auth | null, json?: unknown): Promise<Response | null> {
  const headers: Record<string, string> = {};
  if (auth?.kind === 'token') headers.authorization = `Bearer ${auth.token}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(API + path, {
      method: json === undefined ? 'GET' : 'POST',
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return null;
  }
}

export type SignInOutcome = { kind: 'ok'; result: OfficerSignedIn } | { kind: 'wrong' | 'too-many' | 'offline' };

export async function signIn(counter: string, pin: string): Promise<SignInOutcome> {
  const res = await call('/officer/sign-in', null, { counter, pin });
  if (!res || res.status >= 500) return { kind: 'offline' };
  if (res.status === 429) return { kind: 'too-many' };
  if (!res.ok) return { kind: 'wrong' };
  return { kind: 'ok', result: (await res.json()) as OfficerSignedIn };
}

export type ContextOutcome = { kind: 'ok'; context: OfficerContext } | { kind: 'signed-out' | 'offline' };

export async function loadContext(auth: Auth): Promise<ContextOutcome> {
  const q = auth.kind === 'admin' ? `?counter=${encodeURIComponent(auth.counter)}` : '';
  const res = await call(`/officer/context${q}`, auth);
  if (!res || res.status >= 500) return { kind: 'offline' };
  if (!res.ok) return { kind: 'signed-out' };
  return { kind: 'ok', context: (await res.json()) as OfficerContext };
}

export type InviteOutcome = { kind: 'ok' | 'always-mode' | 'signed-out' | 'failed' };

export async function invite(auth: Auth, procedureCode: string | null): Promise<InviteOutcome> {
  const body = { ...(auth.kind === 'admin' ? { counter: auth.counter } : {}), ...(procedureCode ? { procedureCode } : {}) };
  const res = await call('/officer/invitations', auth, body);
  if (!res) return { kind: 'failed' };
  if (res.status === 201) return { kind: 'ok' };
  if (res.status === 409) return { kind: 'always-mode' };
  if (res.status === 401 || res.status === 403) return { kind: 'signed-out' };
  return { kind: 'failed' };
}
