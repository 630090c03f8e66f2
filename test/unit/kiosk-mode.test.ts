/**
 * The unattended kiosk's rules (issue 15) against a fake browser: full screen
 * on the first touch, the wake lock held exactly while the counter is open and
 * the page visible, taken again after the browser drops it, released when
 * staff leave kiosk mode; and the nightly reload window.
 */
import { describe, expect, it } from 'vitest';
import { KioskMode, HOURS_CHECK_MS } from '../../kiosk/src/unattended/kiosk-mode';
import type { ScreenPlatform, WakeHandle } from '../../kiosk/src/unattended/browser';
import { dueForQuietReload } from '../../kiosk/src/unattended/quiet-reload';
import { localMidnight } from '../../shared/periods';

class FakeScreen implements ScreenPlatform {
  fullscreen = false;
  shown = true;
  calls: string[] = [];
  locks: { released: boolean; release(): Promise<void> }[] = [];
  touch: (() => void) | null = null;
  visibility: (() => void) | null = null;
  isFullscreen = () => this.fullscreen;
  async requestFullscreen() {
    this.calls.push('fullscreen');
    this.fullscreen = true;
  }
  async exitFullscreen() {
    this.calls.push('exit-fullscreen');
    this.fullscreen = false;
  }
  async requestWakeLock(): Promise<WakeHandle> {
    this.calls.push('wake-lock');
    const lock = {
      released: false,
      release: async () => {
        lock.released = true;
        this.calls.push('release');
      },
    };
    this.locks.push(lock);
    return lock;
  }
  visible = () => this.shown;
  onVisibilityChange(fn: () => void) {
    this.visibility = fn;
    return () => (this.visibility = null);
  }
  onFirstTouch(fn: () => void) {
    this.touch = fn;
    return () => (this.touch = null);
  }
}

function setup(open = true) {
  const screen = new FakeScreen();
  const state = { open };
  const timers: (() => void)[] = [];
  const mode = new KioskMode({ platform: screen, isOpen: () => state.open, setTimer: (fn, ms) => (expect(ms).toBe(HOURS_CHECK_MS), timers.push(fn)), clearTimer: () => undefined });
  const tick = async () => {
    timers.shift()?.();
    await flush();
  };
  return { screen, state, mode, tick };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('kiosk mode', () => {
  it('asks for full screen on the first touch, not before', async () => {
    const { screen, mode } = setup();
    mode.start();
    await flush();
    expect(screen.calls).not.toContain('fullscreen');
    screen.touch!();
    await flush();
    expect(screen.calls.filter((c) => c === 'fullscreen')).toHaveLength(1);
    screen.touch!(); // already full screen: not asked again
    await flush();
    expect(screen.calls.filter((c) => c === 'fullscreen')).toHaveLength(1);
  });

  it('holds one wake lock while the counter is open', async () => {
    const { screen, mode } = setup(true);
    mode.start();
    await flush();
    await mode.check();
    expect(screen.calls.filter((c) => c === 'wake-lock')).toHaveLength(1);
    expect(mode.awake).toBe(true);
  });

  it('lets the screen rest when the counter closes and keeps it awake again when it opens', async () => {
    const { screen, mode, state, tick } = setup(true);
    mode.start();
    await flush();
    state.open = false;
    await tick();
    expect(mode.awake).toBe(false);
    expect(screen.locks[0].released).toBe(true);
    state.open = true;
    await tick();
    expect(mode.awake).toBe(true);
    expect(screen.calls.filter((c) => c === 'wake-lock')).toHaveLength(2);
  });

  it('takes the wake lock again when the page becomes visible after the browser dropped it', async () => {
    const { screen, mode } = setup(true);
    mode.start();
    await flush();
    screen.locks[0].released = true; // what the browser does when the tab is hidden
    screen.shown = false;
    screen.visibility!();
    await flush();
    expect(screen.calls.filter((c) => c === 'wake-lock')).toHaveLength(1);
    screen.shown = true;
    screen.visibility!();
    await flush();
    expect(screen.calls.filter((c) => c === 'wake-lock')).toHaveLength(2);
    expect(mode.awake).toBe(true);
  });

  it('never asks for a wake lock while the counter is closed', async () => {
    const { screen, mode } = setup(false);
    mode.start();
    await flush();
    screen.touch!();
    await flush();
    expect(screen.calls).not.toContain('wake-lock');
  });

  it('leaving kiosk mode exits full screen, releases the lock and stops asking for either', async () => {
    const { screen, mode, tick } = setup(true);
    mode.start();
    screen.touch!();
    await flush();
    await mode.leave();
    expect(screen.fullscreen).toBe(false);
    expect(screen.locks.every((l) => l.released)).toBe(true);
    screen.touch!();
    await tick();
    expect(screen.calls.filter((c) => c === 'fullscreen')).toHaveLength(1);
    expect(screen.calls.filter((c) => c === 'wake-lock')).toHaveLength(1);
    expect(mode.active).toBe(false);
  });
});

describe('the nightly reload', () => {
  const day = localMidnight(2026, 3, 10);
  const at = (h: number, m = 0) => day + (h * 60 + m) * 60_000;

  it('is due inside 02:00–04:00 for a page started before tonight', () => {
    expect(dueForQuietReload(at(-3), at(2, 0))).toBe(true);
    expect(dueForQuietReload(at(-3), at(3, 59))).toBe(true);
  });

  it('is not due outside the window', () => {
    expect(dueForQuietReload(at(-3), at(1, 59))).toBe(false);
    expect(dueForQuietReload(at(-3), at(4, 0))).toBe(false);
    expect(dueForQuietReload(at(-3), at(10))).toBe(false);
  });

  it('happens once: a page loaded inside the window is not reloaded again', () => {
    expect(dueForQuietReload(at(2, 5), at(2, 30))).toBe(false);
  });
});
