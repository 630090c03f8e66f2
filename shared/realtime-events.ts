/**
 * The live dashboard channel: socket.io namespace `/dashboard`, its rooms and
 * the typed events both ends use. Isomorphic: types and tiny helpers only.
 *
 * Client contract
 * - Connect to `/dashboard` with the admin session: the `hl_session` cookie
 *   (browsers, same origin) or `auth: { token }` (other clients).
 * - Admins and managers join `org:<id>`; a unit head joins `unit:<id>` and
 *   never receives anything about another unit.
 * - `dashboard:subscribe` adds a counter room `sp:<id>` (authorised on the
 *   server); the org / unit room already carries every counter's figures.
 * - On `connect`: if `socket.recovered` is false (first connection, or the
 *   reconnect came too late for connection-state recovery) the dashboard has
 *   missed pushes and must re-fetch: `dashboard:snapshot` (ack) or
 *   `GET /api/v1/stats/summary`. When it is true, the missed events are
 *   replayed by the server and nothing needs re-fetching.
 * - `stats:delta` carries absolute figures for today, read from the store
 *   after the commit: replace what is shown for each scope, keeping the one
 *   with the newest `at` if two arrive out of order (several server nodes).
 */
import type { Interval, ScoreCounts, TargetStatus } from './satisfaction';

export const DASHBOARD_NAMESPACE = '/dashboard';

export const orgRoom = (orgId: string): string => `org:${orgId}`;
export const unitRoom = (unitId: string): string => `unit:${unitId}`;
export const spRoom = (servicePointId: string): string => `sp:${servicePointId}`;

// ---- figures ---------------------------------------------------------------

export type ScopeKind = 'org' | 'unit' | 'sp' | 'officer';

/** Today's headline figures (question O) for one scope. */
export interface ScopeFigures {
  scope: ScopeKind;
  id: string;
  /** The unit the scope belongs to (null for the organisation). */
  unitId: string | null;
  responses: number;
  comments: number;
  /** Counts of scores 1..5. */
  distribution: ScoreCounts;
  n: number;
  s: number;
  rate: number | null;
  interval: Interval | null;
  status: TargetStatus;
  /** Satisfied ratings still needed to reach the target today. */
  /** null when the target cannot be reached (a 100% target after an unsatisfied rating). */
  gap: number | null;
}

/** Pushed after every commit (coalesced: one event may cover several responses). */
export interface StatsDelta {
  orgId: string;
  /** The Vietnam-time day the figures are for, YYYY-MM-DD. */
  day: string;
  /** When the figures were read from the store (ISO). */
  at: string;
  target: number;
  /** The headline counts verified responses only (the organisation's setting). */
  verifiedOnly: boolean;
  /** The responses this delta covers (visible to the receiver). */
  responseIds: string[];
  /** Every scope the covered responses touched that the receiver may see. */
  scopes: ScopeFigures[];
}

/** A new comment for the live feed. */
export interface FeedItem {
  id: string;
  orgId: string;
  unitId: string;
  servicePointId: string;
  officerId: string | null;
  channel: 'kiosk' | 'qr' | 'link';
  verified: boolean;
  overall: number | null;
  comment: string;
  locale: 'vi' | 'en';
  serverTime: string;
}

export interface DashboardSnapshot {
  orgId: string;
  day: string;
  at: string;
  target: number;
  verifiedOnly: boolean;
  scopes: ScopeFigures[];
  /** Open and acknowledged alerts the receiver may see, newest first. */
  alerts: AlertView[];
}

// ---- alerts ----------------------------------------------------------------

export type AlertRuleKey = 'low-satisfaction' | 'low-rating-comment' | 'kiosk-silent' | 'burst' | 'suspicious-top-ratings';
export const ALERT_RULE_KEYS: readonly AlertRuleKey[] = ['low-satisfaction', 'low-rating-comment', 'kiosk-silent', 'burst', 'suspicious-top-ratings'];

export type AlertState = 'open' | 'acknowledged' | 'resolved';
export type AlertChangeKind = 'opened' | 'acknowledged' | 'resolved';

export type AlertScopeKind = ScopeKind | 'device' | 'response' | 'source';

export interface AlertView {
  id: string;
  orgId: string;
  rule: AlertRuleKey;
  scope: { kind: AlertScopeKind; id: string };
  /** For routing and unit heads: the unit concerned (null for the organisation). */
  unitId: string | null;
  servicePointId: string | null;
  /** The officer the alert is about (its scope, or the officer on duty for a rating); absent on older alerts. */
  officer?: { id: string; name: string } | null;
  severity: 'warning' | 'critical';
  state: AlertState;
  /** Short human text, both languages. */
  message: { vi: string; en: string };
  /** The figures that raised it (rate, n, interval, counts, minutes silent…). */
  facts: Record<string, unknown>;
  openedAt: string;
  acknowledged: { by: string; at: string; note?: string } | null;
  resolved: { by: string; at: string; auto: boolean; reason: string; note?: string } | null;
  /** Increases with every change; the newest version wins. */
  version: number;
  updatedAt: string;
}

export interface AlertChange {
  change: AlertChangeKind;
  alert: AlertView;
}

// ---- socket.io event maps ---------------------------------------------------

export type AckError = { ok: false; error: { code: string; message: string } };
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;

export interface SubscribeRequest {
  servicePointId?: string;
  unitId?: string;
}

export interface ServerToClientEvents {
  'stats:delta': (delta: StatsDelta) => void;
  'feed:comment': (item: FeedItem) => void;
  'alert:changed': (change: AlertChange) => void;
}

export interface ClientToServerEvents {
  'dashboard:subscribe': (req: SubscribeRequest, ack: (res: Ack<{ room: string }>) => void) => void;
  'dashboard:unsubscribe': (req: SubscribeRequest, ack: (res: Ack<{ room: string }>) => void) => void;
  'dashboard:snapshot': (req: Record<string, never>, ack: (res: Ack<{ snapshot: DashboardSnapshot }>) => void) => void;
}

/** The fields of a stored response a feed item is cut from (structural, so shared/ needs no server types). */
export type FeedSource = Omit<FeedItem, 'comment'> & { comment: string | null };

/** One function for the server's pushes and the dashboard's first load, so both show the same item. */
export const feedItemOf = (r: FeedSource): FeedItem => ({
  id: r.id,
  orgId: r.orgId,
  unitId: r.unitId,
  servicePointId: r.servicePointId,
  officerId: r.officerId,
  channel: r.channel,
  verified: r.verified,
  overall: r.overall,
  comment: r.comment ?? '',
  locale: r.locale,
  serverTime: r.serverTime,
});
