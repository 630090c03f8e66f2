/**
 * Exponential backoff with full jitter: a whole office of kiosks coming back
 * after the same outage spreads its retries instead of arriving together.
 */
export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxMs: number;
}

export const SYNC_BACKOFF: BackoffPolicy = { baseMs: 1000, factor: 2, maxMs: 60_000 };

/** Delay before retry number `attempt` (0-based): uniform in [0, min(max, base·factor^attempt)). */
export function backoffDelay(attempt: number, random: () => number, p: BackoffPolicy = SYNC_BACKOFF): number {
  const ceiling = Math.min(p.maxMs, p.baseMs * Math.pow(p.factor, Math.max(0, attempt)));
  return Math.floor(random() * ceiling);
}
