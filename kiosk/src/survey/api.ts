/**
 * The two calls the page makes: its context, and the one submission.
 * Every server answer is mapped to what the citizen should see next.
 */
import type { SurveyContext } from '../../../shared/api/survey-links';
import type { Answer } from './draft';
import { readJson, writeJson } from './storage';
import { uuid } from './uuid';

export type ContextResult = { kind: 'ok'; context: SurveyContext } | { kind: 'not-found' } | { kind: 'failed' };

/** A slow connection is expected; a dead one should not spin forever. */
const TIMEOUT_MS = 30_000;

async function fetchWithTimeout(url: string, init: RequestInit = {}): Promise<Response> {
  const ctrl = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = ctrl ? setTimeout(() => ctrl.abort(), TIMEOUT_MS) : 0;
  try {
    return await fetch(url, { ...init, signal: ctrl?.signal, credentials: 'same-origin' });
  } finally {
    clearTimeout(timer);
  }
}

export async function fetchContext(url: string): Promise<ContextResult> {
  try {
    const res = await fetchWithTimeout(url);
    if (res.status === 404) return { kind: 'not-found' };
    if (!res.ok) return { kind: 'failed' };
    return { kind: 'ok', context: (await res.json()) as SurveyContext };
  } catch {
    return { kind: 'failed' };
  }
}

export interface SubmitBody {
  id: string;
  surveyVersionId: string;
  channel: 'qr' | 'link';
  servicePointId?: string;
  linkToken?: string;
  answers: Record<string, Answer>;
  comment?: string;
  locale: 'vi' | 'en';
  clientTime: string;
}

export type SubmitOutcome = 'stored' | 'used' | 'expired' | 'invalid-link' | 'rate-limited' | 'rejected' | 'offline';

/**
 * Sent with every submission as well as the cookie the server set, so a
 * browser that refuses cookies still gets its own allowance.
 */
function clientId(): string {
  const key = 'hl-client-id';
  let id = readJson<string>(key);
  if (typeof id !== 'string' || !id) {
    id = uuid();
    writeJson(key, id);
  }
  return id;
}

export async function submitResponse(body: SubmitBody): Promise<SubmitOutcome> {
  let res: Response;
  try {
    res = await fetchWithTimeout('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-client-id': clientId() },
      body: JSON.stringify(body),
    });
  } catch {
    return 'offline';
  }
  if (res.status === 200 || res.status === 201) return 'stored';
  const error = ((await res.json().catch(() => null)) as { error?: { code?: string; details?: { path?: string; message?: string }[] } } | null)?.error;
  switch (error?.code) {
    case 'already-answered':
      return 'used';
    // Same id, different body: an earlier attempt (whose reply was lost) was stored, then the citizen edited. It counted.
    case 'conflict':
      return 'stored';
    case 'rate-limited':
      return 'rate-limited';
  }
  const linkIssue = error?.details?.find((d) => d.path === 'linkToken')?.message;
  if (linkIssue === 'expired') return 'expired';
  if (linkIssue === 'invalid') return 'invalid-link';
  return res.status >= 500 ? 'offline' : 'rejected';
}
