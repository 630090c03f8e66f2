/**
 * One rating waiting to reach the server. Its body is fixed when the rating
 * is final ("queued") and never edited after that; only a "draft" (a low
 * rating whose follow-up is still on screen) may still gain reasons.
 */
import type { ACKNOWLEDGED_STATUSES, KioskResponseBody, TERMINAL_STATUSES } from '../../../shared/kiosk-protocol';
import type { BatchItemStatus } from '../../../shared/api/responses';
import type { Assert } from '../../../shared/api/common';

/**
 * The sync loop decides on the server's batch item statuses: every status it
 * treats as acknowledged or terminal must be one the server can answer, so a
 * renamed status fails the build instead of silently becoming "retry forever".
 */
export type _StatusesAreServerStatuses = Assert<
  (typeof ACKNOWLEDGED_STATUSES)[number] | (typeof TERMINAL_STATUSES)[number] extends BatchItemStatus ? true : false
>;

export type OutboxState = 'draft' | 'queued' | 'sending';

export interface OutboxItem {
  id: string;
  /** Epoch ms on the kiosk clock: orders the queue and ages the oldest item. */
  createdAt: number;
  state: OutboxState;
  body: KioskResponseBody;
}

export interface OutboxStats {
  /** Every item not yet acknowledged, drafts included. */
  count: number;
  oldestCreatedAt: number | null;
}

/** The outbox as the sync loop and the rating flow see it (IndexedDB, or memory when that is unavailable). */
export interface OutboxStore {
  /** Durable before it resolves: the thank-you screen waits for it. */
  add(item: OutboxItem): Promise<void>;
  /** Draft → queued with its final body. False when the item is not a draft (never touches a queued or sending one). */
  finalize(id: string, body: KioskResponseBody): Promise<boolean>;
  /** After a reload: drafts whose follow-up was abandoned and sends that never answered go back to the queue. */
  recover(): Promise<void>;
  /** Marks up to `max` of the oldest queued items "sending" and returns them. */
  takeBatch(max: number): Promise<OutboxItem[]>;
  /** Sending → queued (the send failed or was not acknowledged). */
  release(ids: string[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  stats(): Promise<OutboxStats>;
}
