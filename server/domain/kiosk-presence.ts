/**
 * Kiosk presence history, for the report's "kiosk uptime during opening
 * hours" (issue 13). A kiosk heartbeats every 30 s; storing each beat would
 * be ~2,900 writes per counter and day for one bit of information. Instead
 * the history is one mark per counter and 5-minute slot in which its kiosk
 * was heard from (store.markKioskSeen, idempotent across nodes), and this
 * node writes a slot's mark once: later beats in the same slot cost nothing.
 * So the write volume is at most 288 small rows per counter and day, and far
 * fewer when kiosks sleep outside opening hours.
 */
import { KIOSK_SLOT_MS, type Store } from '../store/types';

/** How long marks are kept by default (retention): two years, enough for this year's and last year's reports. */
export const KIOSK_PRESENCE_RETENTION_MS = 2 * 366 * 24 * 3600_000;

export const slotOf = (t: number): number => Math.floor(t / KIOSK_SLOT_MS);

export class KioskPresence {
  /** Counter → the last slot this node marked for it (one entry per counter: bounded). */
  private readonly marked = new Map<string, number>();
  /** Organisation → the day this node last purged its old marks. */
  private readonly purgedOn = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly opts: { retentionMs?: number } = {},
  ) {}

  /** A heartbeat (or any sign of life) from the kiosk of `servicePointId` at `at`. */
  async seen(orgId: string, servicePointId: string, at: number): Promise<void> {
    const slot = slotOf(at);
    if (this.marked.get(servicePointId) === slot) return;
    this.marked.set(servicePointId, slot);
    try {
      await this.store.markKioskSeen({ orgId, servicePointId, slot });
    } catch (err) {
      // Let the next beat try again rather than lose the slot.
      this.marked.delete(servicePointId);
      throw err;
    }
    await this.purgeDaily(orgId, at);
  }

  /** Retention, at most once a day per organisation and node: marks older than the retention go. */
  private async purgeDaily(orgId: string, at: number): Promise<void> {
    const day = Math.floor(at / 86_400_000);
    if (this.purgedOn.get(orgId) === day) return;
    this.purgedOn.set(orgId, day);
    await this.store.purgeKioskSeen(orgId, slotOf(at - (this.opts.retentionMs ?? KIOSK_PRESENCE_RETENTION_MS)));
  }
}
