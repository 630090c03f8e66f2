/**
 * Real socket.io dashboard clients for the realtime, alerts and multi-node
 * tests: connect with a session, record every event, wait for the one
 * matching a predicate (no sleeps), and post kiosk / QR ratings.
 */
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { counterClientId } from '../helpers/test-server';
import {
  DASHBOARD_NAMESPACE,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/realtime-events';

export type DashboardClient = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

export interface Dashboard {
  socket: DashboardClient;
  /** Every event received so far, by name. */
  events: { [E in EventName]: Payload<E>[] };
  /** The first event (past or future) matching the predicate. */
  waitFor<E extends EventName>(name: E, match?: (p: Payload<E>) => boolean, timeoutMs?: number): Promise<Payload<E>>;
  close(): void;
}

export interface ConnectOptions {
  /** "hl_session=…" as the login helper returns it. */
  cookie?: string;
  token?: string;
  origin?: string;
  reconnection?: boolean;
}

export const tokenOf = (cookie: string): string => decodeURIComponent(cookie.split('=').slice(1).join('='));

/** Connects to /dashboard; rejects with the server's refusal (err.data.code) when refused. */
export function openDashboard(baseUrl: string, opts: ConnectOptions): Promise<Dashboard> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  const socket: DashboardClient = connect(baseUrl + DASHBOARD_NAMESPACE, {
    transports: ['websocket'],
    extraHeaders: headers,
    auth: opts.token ? { token: opts.token } : {},
    reconnection: opts.reconnection ?? false,
    forceNew: true,
  });
  const events = { 'stats:delta': [], 'feed:comment': [], 'alert:changed': [] } as unknown as Dashboard['events'];
  const waiters = new Set<{ name: EventName; match: (p: never) => boolean; resolve: (p: never) => void }>();
  for (const name of Object.keys(events) as EventName[]) {
    socket.on(name, ((p: never) => {
      (events[name] as unknown[]).push(p);
      for (const w of [...waiters]) {
        if (w.name === name && w.match(p)) {
          waiters.delete(w);
          w.resolve(p);
        }
      }
    }) as never);
  }
  const dashboard: Dashboard = {
    socket,
    events,
    waitFor(name, match = () => true, timeoutMs = 10_000) {
      const seen = (events[name] as Payload<typeof name>[]).find((p) => match(p as never));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { name, match: match as (p: never) => boolean, resolve: resolve as (p: never) => void };
        waiters.add(w);
        setTimeout(() => {
          if (waiters.delete(w)) reject(new Error(`no matching ${name} within ${timeoutMs} ms (got ${events[name].length})`));
        }, timeoutMs).unref();
      });
    },
    close: () => {
      socket.close();
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(dashboard));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export interface RatingTarget {
  url: string;
  deviceToken: string;
  surveyVersionId: string;
}

/** Posts one kiosk rating; resolves to its id once stored (201). */
export async function postKioskRating(t: RatingTarget, overall: number, extra: { comment?: string; deviceToken?: string } = {}): Promise<string> {
  const id = randomUUID();
  const body: Record<string, unknown> = { id, surveyVersionId: t.surveyVersionId, channel: 'kiosk', answers: { O: overall } };
  if (overall <= 3) (body.answers as Record<string, unknown>).reasons = ['C'];
  if (extra.comment) body.comment = extra.comment;
  const res = await fetch(`${t.url}/api/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${extra.deviceToken ?? t.deviceToken}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`rating not stored: ${res.status} ${await res.text()}`);
  return id;
}

/** Posts an unverified counter-QR rating at a service point. */
export async function postQrRating(t: Omit<RatingTarget, 'deviceToken'>, servicePointId: string, overall: number, comment?: string): Promise<string> {
  const id = randomUUID();
  const answers: Record<string, unknown> = { O: overall };
  if (overall <= 3) answers.reasons = ['C'];
  const res = await fetch(`${t.url}/api/v1/responses`, {
    method: 'POST',
    // A client id the counter page issued: answers without one are held for review.
    headers: { 'content-type': 'application/json', 'x-client-id': await counterClientId(t.url) },
    body: JSON.stringify({ id, surveyVersionId: t.surveyVersionId, channel: 'qr', servicePointId, answers, ...(comment ? { comment } : {}) }),
  });
  if (res.status !== 201) throw new Error(`QR rating not stored: ${res.status} ${await res.text()}`);
  return id;
}

/** Posts several kiosk ratings, a few at a time. */
export async function postKioskRatings(t: RatingTarget, scores: number[], concurrency = 8): Promise<string[]> {
  const ids: string[] = new Array(scores.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < scores.length) {
        const i = next++;
        ids[i] = await postKioskRating(t, scores[i]);
      }
    }),
  );
  return ids;
}

export const scores = (counts: Partial<Record<1 | 2 | 3 | 4 | 5, number>>): number[] =>
  ([1, 2, 3, 4, 5] as const).flatMap((k) => Array<number>(counts[k] ?? 0).fill(k));

/** Posts up to 200 kiosk ratings in one outbox batch (one commit); resolves to their ids. */
export async function postKioskBatch(t: RatingTarget, list: number[], comment?: string): Promise<string[]> {
  const responses = list.map((overall) => ({
    id: randomUUID(),
    surveyVersionId: t.surveyVersionId,
    channel: 'kiosk',
    answers: overall <= 3 ? { O: overall, reasons: ['C'] } : { O: overall },
    ...(comment ? { comment } : {}),
  }));
  const res = await fetch(`${t.url}/api/v1/responses/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.deviceToken}` },
    body: JSON.stringify({ responses }),
  });
  const body = (await res.json()) as { results: { status: string }[] };
  const bad = body.results?.filter((r) => r.status !== 'stored') ?? [];
  if (res.status !== 200 || bad.length) throw new Error(`batch not stored: ${res.status} ${JSON.stringify(bad[0] ?? body)}`);
  return responses.map((r) => r.id);
}
