/**
 * The contract between the counter kiosk and the server: the configuration a
 * kiosk renders, the socket events on the `/kiosk` namespace and the body of
 * one kiosk rating. Types only (plus constants), so the kiosk bundle pulls in
 * no validation library; the server validates what it receives with zod.
 */
import type { LocalText, Locale } from './local-text';
import type { OpeningHours } from './opening-hours';

export const KIOSK_NAMESPACE = '/kiosk';
export const SOCKET_PATH = '/socket.io';

/** Everything the rating screen needs, for one device. Pushed again on every relevant change. */
export interface KioskConfig {
  device: { id: string; name: string };
  organisation: { id: string; name: LocalText; shortName: string | null };
  /** `active: false`: the counter is deactivated; the kiosk shows "counter closed" instead of the survey. */
  servicePoint: { id: string; code: string; name: LocalText; active: boolean };
  /** Who serves at the counter now; recorded with each rating made while shown. */
  officer: { id: string; name: string; title: LocalText | null; photoUrl: string | null; initials?: string | null } | null;
  /** Null when the office has no active survey: the kiosk shows a neutral "not available" screen. */
  survey: KioskSurvey | null;
  /** Any screen other than the start screen returns to it after this long without a touch. */
  idleSeconds: number;
  /** A face pressed sooner than this after the previous rating is ignored (per kiosk, never per IP). */
  minGapSeconds: number;
  /** How long the thank-you stays (absent from older servers: the kiosk's default). */
  thankYouSeconds?: number;
  /** ISO time the server built this config; lets the kiosk estimate clock skew before the first heartbeat. */
  serverTime: string;
  /** The counter's opening hours: the screen is kept awake only while it is open. */
  hours: OpeningHours;
  /** 'after-service': a welcome screen until the service opens a rating session (kiosk:session). */
  ratingMode: 'always' | 'after-service';
}

/** A rating session opened by the service for the citizen just served (kiosk:session). */
export interface KioskRatingSession {
  id: string;
  /** The faces stay on screen until then (at most the countdown). */
  expiresAt: string;
  procedure: { code: string; name: LocalText } | null;
}

export interface KioskSurvey {
  versionId: string;
  /** The overall question (SIPAS code O). */
  questionId: string;
  question: LocalText;
  /** The answer values offered, lowest first: [1..5], or [2, 4, 5] for a three-level survey. */
  scale: number[];
  /** A rating at or below this opens the "what went wrong?" follow-up. */
  followUpAtOrBelow: number;
  /** The reason chips (one per SIPAS element, plus Other), or null when the survey has none. */
  reasons: { questionId: string; question: LocalText; options: { id: string; text: LocalText }[] } | null;
  /** Upper bound of the optional comment. */
  commentMaxLength: number;
}

/** One rating as the kiosk sends it in POST /api/v1/responses/batch. */
export interface KioskResponseBody {
  /** Client-made UUID: the idempotency key, fixed when the face is pressed. */
  id: string;
  surveyVersionId: string;
  channel: 'kiosk';
  /** The counter the kiosk showed; the server refuses a mismatch rather than misfile a rating. */
  servicePointId: string;
  /** The officer shown on screen at the time of the rating (absent when nobody was on duty). */
  officerId?: string;
  answers: Record<string, number | string[]>;
  comment?: string;
  locale: Locale;
  clientTime: string;
  /** The rating session this answers (after-service counters); the server takes the procedure from it. */
  sessionId?: string;
}

/** Batch item outcomes that end an outbox item's life (see shared/response.schema + ingest). */
export const ACKNOWLEDGED_STATUSES = ['stored', 'duplicate'] as const;
/** Rejections that will never succeed on retry: the item is dropped (and counted) rather than blocking the queue. */
export const TERMINAL_STATUSES = ['invalid', 'conflict', 'unprocessable', 'already-answered'] as const;

export interface KioskHeartbeat {
  online: boolean;
  /** Ratings waiting in the outbox. */
  outbox: number;
  /** Age of the oldest waiting rating, ms (0 when empty). */
  oldestQueuedMs: number;
  appVersion: string;
  /** The kiosk's clock (epoch ms) when it sent this; the server derives the skew. */
  clientTime: number;
}

export type HeartbeatAck = { ok: true; serverTime: number } | { ok: false; error: 'revoked' | 'invalid-input' | 'internal' };

export interface KioskServerToClient {
  'kiosk:config': (config: KioskConfig) => void;
  /** The device token no longer works: the kiosk returns to the enrolment screen. */
  'kiosk:revoked': () => void;
  /** The service opened a rating session at this counter. */
  'kiosk:session': (session: KioskRatingSession) => void;
}

export interface KioskClientToServer {
  'kiosk:heartbeat': (beat: KioskHeartbeat, ack: (r: HeartbeatAck) => void) => void;
}

/** What the kiosk asks in the socket handshake (`auth`). */
export interface KioskHandshakeAuth {
  token: string;
}

/** POST /api/v1/devices/enrol → */
export interface EnrolResult {
  token: string;
  device: { id: string; name: string; servicePointId: string };
  config: KioskConfig;
}

/** Enrolment codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX. */
export const ENROLMENT_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROLMENT_CODE_LENGTH = 8;

/** Upper-cases and strips spaces and dashes, so "abcd efgh" and "ABCD-EFGH" are the same code. */
export const normaliseEnrolmentCode = (raw: string): string => raw.toUpperCase().replace(/[^A-Z0-9]/g, '');

export const formatEnrolmentCode = (code: string): string => {
  const c = normaliseEnrolmentCode(code);
  return c.length > 4 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
};
