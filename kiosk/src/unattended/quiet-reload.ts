/**
 * The nightly reload that picks up a new kiosk version on a tablet nobody
 * touches: once a day, inside the quiet hours (Vietnam time), only when the
 * page has been up since before tonight's window and the start screen shows
 * (never under a citizen's finger). The outbox lives in IndexedDB, so a
 * reload loses nothing.
 */
import { localClock } from '../../../shared/periods';

/** 02:00–04:00 Asia/Ho_Chi_Minh: no office is open. */
export const QUIET_FROM_MIN = 2 * 60;
export const QUIET_TO_MIN = 4 * 60;

/** True when the page started before the current quiet window opened and it is inside it now. */
export function dueForQuietReload(bootedAt: number, now: number): boolean {
  const { minutes } = localClock(now);
  if (minutes < QUIET_FROM_MIN || minutes >= QUIET_TO_MIN) return false;
  const windowStart = now - (minutes - QUIET_FROM_MIN) * 60_000 - (now % 60_000);
  return bootedAt < windowStart;
}
