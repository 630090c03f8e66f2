/**
 * The wire shapes the dashboard reads and sends. Interim: taken from the
 * server's own types (type-only, nothing ships) until shared/api/ holds the
 * HTTP contract; then this file re-exports from there and admin/ no longer
 * names server/ at all.
 */
export type { PublicUser as User } from '../../server/domain/auth.service';
export type { Organisation, ServicePoint, Unit, Role, Officer, Procedure } from '../../server/domain/entities';
export type { Summary, SeriesPoint, BreakdownRow } from '../../server/domain/stats.service';
import type { StoredResponse } from '../../server/store/types';
import type { AlertView } from '../../shared/realtime-events';
export type {
  AlertChange,
  AlertView,
  DashboardSnapshot,
  FeedItem,
  ScopeFigures,
  StatsDelta,
} from '../../shared/realtime-events';

export interface ItemsOf<T> {
  items: T[];
}

/** A row of GET /responses: the stored response without its body hash. */
export type ResponseListItem = Omit<StoredResponse, 'bodyHash'>;

export type Channel = 'kiosk' | 'qr' | 'link';
export type VerifiedMode = 'only' | 'all' | 'unverified';
export type GroupBy = 'unitId' | 'servicePointId' | 'officerId' | 'procedureId' | 'channel' | 'verified';

export interface StatsQuery {
  from?: string;
  to?: string;
  unitId?: string;
  servicePointId?: string;
  officerId?: string;
  procedureId?: string;
  procedureCode?: string;
  channel?: Channel;
  verified?: VerifiedMode;
  bucket?: 'hour' | 'day' | 'week' | 'month';
  groupBy?: GroupBy;
}

export interface ResponsesQuery {
  from?: string;
  to?: string;
  servicePointId?: string;
  officerId?: string;
  unitId?: string;
  channel?: Channel;
  withComment?: 'true' | 'false';
  includeExcluded?: 'true' | 'false';
  limit?: number;
  beforeTime?: string;
  beforeId?: string;
}

export interface AlertsQuery {
  state?: 'open' | 'acknowledged' | 'resolved' | 'active' | 'all';
  rule?: AlertView['rule'];
  unitId?: string;
  limit?: number;
  offset?: number;
}

export interface AlertDetail extends AlertView {
  history: { version: number; state: AlertView['state']; at: string; acknowledged: AlertView['acknowledged']; resolved: unknown }[];
}

export interface OrganisationPatch {
  target?: number;
  minSample?: number;
  indexMethod?: 'mean-of-criteria' | 'pooled';
  headlineVerifiedOnly?: boolean;
  kiosk?: { idleSeconds: number; minGapSeconds: number };
}
