/**
 * Kiosk mode on an unattended counter tablet: full screen from the first
 * touch, the screen kept awake while the counter is open (and let to sleep
 * when it is closed), the wake lock taken again when the page becomes visible
 * (browsers drop it whenever the tab is hidden), and a way out for staff.
 * All browser access goes through ScreenPlatform.
 */
import type { ScreenPlatform, WakeHandle } from './browser';

/** How often the opening hours are looked at again (a counter opens at 07:30 without any event). */
export const HOURS_CHECK_MS = 60_000;

export interface KioskModeDeps {
  platform: ScreenPlatform;
  /** Whether the counter is open now (its opening hours). */
  isOpen(): boolean;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(t: unknown): void;
}

export class KioskMode {
  private lock: WakeHandle | null = null;
  private acquiring = false;
  private left = false;
  private timer: unknown = null;
  private readonly offs: (() => void)[] = [];

  constructor(private readonly d: KioskModeDeps) {}

  start(): void {
    this.offs.push(
      this.d.platform.onFirstTouch(() => {
        if (!this.left && !this.d.platform.isFullscreen()) void this.d.platform.requestFullscreen();
        // A wake lock refused before any user gesture (some browsers) is asked for again on a touch.
        void this.check();
      }),
      this.d.platform.onVisibilityChange(() => void this.check()),
    );
    void this.check();
    const loop = () => {
      this.timer = this.d.setTimer(() => {
        void this.check();
        loop();
      }, HOURS_CHECK_MS);
    };
    loop();
  }

  stop(): void {
    this.offs.splice(0).forEach((off) => off());
    if (this.timer !== null) this.d.clearTimer(this.timer);
    this.timer = null;
    void this.release();
  }

  /** "Leave kiosk mode" in the staff panel: out of full screen, the screen may sleep, until the next reload. */
  async leave(): Promise<void> {
    this.left = true;
    await this.release();
    await this.d.platform.exitFullscreen();
  }

  get active(): boolean {
    return !this.left;
  }

  get awake(): boolean {
    return !!this.lock && !this.lock.released;
  }

  /** Holds the wake lock exactly when: kiosk mode on, page visible, counter open. */
  async check(): Promise<void> {
    const want = !this.left && this.d.platform.visible() && this.d.isOpen();
    if (!want) return this.release();
    if (this.awake || this.acquiring) return;
    this.acquiring = true;
    try {
      this.lock = await this.d.platform.requestWakeLock();
    } finally {
      this.acquiring = false;
    }
  }

  private async release(): Promise<void> {
    const l = this.lock;
    this.lock = null;
    if (l && !l.released) await l.release().catch(() => undefined);
  }
}
