/**
 * The wire shapes the dashboard reads, taken from the server's own types
 * (type-only imports: nothing of the server ships in the bundle), so a change
 * of shape on the server is a compile error here.
 */
export type { PublicUser as User } from '../../server/domain/auth.service';
export type { Organisation, ServicePoint, Unit, Role } from '../../server/domain/entities';
export type { Summary, SeriesPoint, BreakdownRow } from '../../server/domain/stats.service';
export type { StoredResponse } from '../../server/store/types';
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
