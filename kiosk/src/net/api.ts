/**
 * The kiosk's HTTP calls. Each answers a small union instead of throwing, so
 * callers must decide what a lost network means (never an error on screen).
 */
import type { EnrolResult, KioskConfig, KioskResponseBody } from '../../../shared/kiosk-protocol';
import type { SendOutcome } from '../outbox/sync-loop';

const API = '/api/v1';
const TIMEOUT_MS = 15_000;

async function call(path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Response | null> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    return await fetch(API + path, {
      method: init.method,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
      signal: abort.signal,
      cache: 'no-store',
    });
  } catch {
    return null; // offline, server down, timed out
  } finally {
    clearTimeout(timer);
  }
}

export type EnrolOutcome = { kind: 'ok'; result: EnrolResult } | { kind: 'bad-code' | 'too-many' | 'offline' };

export async function enrol(code: string): Promise<EnrolOutcome> {
  const res = await call('/devices/enrol', { method: 'POST', json: { code } });
  if (!res || res.status >= 500) return { kind: 'offline' };
  if (res.status === 429) return { kind: 'too-many' };
  if (!res.ok) return { kind: 'bad-code' };
  return { kind: 'ok', result: (await res.json()) as EnrolResult };
}

/** 'revoked' only on the server's explicit 401: a network error must never unenrol a kiosk. */
export type ConfigOutcome = { kind: 'ok'; config: KioskConfig } | { kind: 'revoked' } | { kind: 'unreachable' };

export async function fetchConfig(token: string): Promise<ConfigOutcome> {
  const res = await call('/kiosk/config', { token });
  if (res?.status === 401) return { kind: 'revoked' };
  if (!res?.ok) return { kind: 'unreachable' };
  try {
    return { kind: 'ok', config: (await res.json()) as KioskConfig };
  } catch {
    return { kind: 'unreachable' };
  }
}

interface BatchAnswer {
  results: { index: number; status: string }[];
}

export async function sendBatch(token: string, bodies: KioskResponseBody[]): Promise<SendOutcome> {
  const res = await call('/responses/batch', { method: 'POST', token, json: { responses: bodies } });
  if (!res?.ok) return { kind: 'failed' };
  try {
    const { results } = (await res.json()) as BatchAnswer;
    const statuses: string[] = [];
    for (const r of results) statuses[r.index] = r.status;
    return { kind: 'answered', statuses };
  } catch {
    return { kind: 'failed' };
  }
}

/** The staff corner's PIN check (the PIN is only ever compared on the server). */
export type StaffPinOutcome = { kind: 'ok' } | { kind: 'wrong'; attemptsLeft: number } | { kind: 'not-set' | 'too-many' | 'revoked' | 'unreachable' };

export async function checkStaffPin(token: string, pin: string): Promise<StaffPinOutcome> {
  const res = await call('/kiosk/staff-pin', { method: 'POST', token, json: { pin } });
  if (!res) return { kind: 'unreachable' };
  if (res.status === 429) return { kind: 'too-many' };
  if (res.status === 401) return { kind: 'revoked' };
  if (!res.ok) return { kind: 'unreachable' };
  try {
    const body = (await res.json()) as { result: 'ok' | 'wrong' | 'not-set'; attemptsLeft: number };
    return body.result === 'wrong' ? { kind: 'wrong', attemptsLeft: body.attemptsLeft } : { kind: body.result };
  } catch {
    return { kind: 'unreachable' };
  }
}
