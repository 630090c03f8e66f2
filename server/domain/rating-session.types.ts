/**
 * What ingestion needs to know about rating sessions (issue 15), apart from
 * the service, so ingest.service.ts depends on no other domain service.
 */
import type { ServicePoint } from './entities';

/** What a session gives the rating that answers it. */
export interface SessionContext {
  sessionId: string;
  claims: string[];
  procedureId: string | null;
  officerId: string | null;
  /**
   * Set when the rating names no live session of this counter (none, unknown,
   * expired): it is stored but held for review, never dropped — it may be a
   * citizen's press queued before the counter switched to after-service.
   */
  suspect?: 'no-session';
}

/** The hook ingestion calls for kiosk ratings; RatingSessionsService implements it. */
export interface SessionRules {
  /** Null when the counter rates always and no session is named; a `suspect` context when the session is missing, foreign or expired. */
  forKioskRating(sessionId: string | undefined, sp: ServicePoint, now: number): Promise<SessionContext | null>;
}
