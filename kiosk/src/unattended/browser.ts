/**
 * The browser APIs an unattended kiosk uses, behind one small interface so
 * the rules in kiosk-mode.ts are unit-tested with a fake and the real page
 * degrades quietly where an API is missing (iPad Safari has no Fullscreen
 * API for pages, older tablets no Screen Wake Lock).
 */

/** A held wake lock; `released` turns true when the browser drops it (tab hidden, battery saver). */
export interface WakeHandle {
  readonly released: boolean;
  release(): Promise<void>;
}

export interface ScreenPlatform {
  isFullscreen(): boolean;
  /** Rejects or does nothing where not allowed; callers never depend on it. */
  requestFullscreen(): Promise<void>;
  exitFullscreen(): Promise<void>;
  /** Null when the API is missing or the request was refused. */
  requestWakeLock(): Promise<WakeHandle | null>;
  visible(): boolean;
  onVisibilityChange(fn: () => void): () => void;
  /** The first touch of the page (the only moment a browser grants full screen). */
  onFirstTouch(fn: () => void): () => void;
}

type WakeLockApi = { request(type: 'screen'): Promise<{ released: boolean; release(): Promise<void> }> };

export function browserScreen(doc: Document = document, nav: Navigator = navigator): ScreenPlatform {
  return {
    isFullscreen: () => !!doc.fullscreenElement,
    async requestFullscreen() {
      const el = doc.documentElement;
      if (doc.fullscreenElement || typeof el.requestFullscreen !== 'function') return;
      await el.requestFullscreen({ navigationUI: 'hide' }).catch(() => undefined);
    },
    async exitFullscreen() {
      if (doc.fullscreenElement && typeof doc.exitFullscreen === 'function') await doc.exitFullscreen().catch(() => undefined);
    },
    async requestWakeLock() {
      const api = (nav as Navigator & { wakeLock?: WakeLockApi }).wakeLock;
      if (!api) return null;
      try {
        return await api.request('screen');
      } catch {
        return null; // refused (battery saver, not visible): tried again on the next check
      }
    },
    visible: () => doc.visibilityState === 'visible',
    onVisibilityChange(fn) {
      doc.addEventListener('visibilitychange', fn);
      return () => doc.removeEventListener('visibilitychange', fn);
    },
    onFirstTouch(fn) {
      const once = () => fn();
      doc.addEventListener('pointerdown', once, { capture: true });
      return () => doc.removeEventListener('pointerdown', once, { capture: true });
    },
  };
}

/**
 * No pinch or double-tap zoom, long-press menu, selection or drag on a
 * counter tablet (CSS does most; these cover what CSS cannot on iOS/Android).
 */
export function lockGestures(doc: Document = document): () => void {
  const prevent = (e: Event) => e.preventDefault();
  const multiTouch = (e: TouchEvent) => {
    if (e.touches.length > 1) e.preventDefault();
  };
  const listeners: [string, EventListener, AddEventListenerOptions][] = [
    ['contextmenu', prevent, {}],
    ['selectstart', prevent, {}],
    ['dragstart', prevent, {}],
    ['dblclick', prevent, {}],
    // iOS Safari's pinch events, ignored by user-scalable=no since iOS 10.
    ['gesturestart', prevent, { passive: false }],
    ['touchmove', multiTouch as EventListener, { passive: false }],
  ];
  const isField = (e: Event) => e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
  const wrapped = listeners.map(([type, fn, opts]) => {
    // Typing a comment or a code still needs selection in its own field.
    const g: EventListener = (e) => (type === 'selectstart' && isField(e) ? undefined : fn(e));
    doc.addEventListener(type, g, opts);
    return () => doc.removeEventListener(type, g, opts);
  });
  return () => wrapped.forEach((off) => off());
}
