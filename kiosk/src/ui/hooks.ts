import { useEffect, useRef } from 'preact/hooks';

/**
 * Double-tap guard: a screen accepts one press, and none in its first moments
 * (the second tap of a double tap would otherwise land on the next screen).
 */
export const SETTLE_MS = 350;
export function usePressGuard(): (fn: () => unknown) => void {
  const settled = useSettled();
  const used = useRef(false);
  return (fn) => {
    if (used.current || !settled()) return;
    // fn answers false when it declined the press (minimum gap): the screen stays live.
    used.current = fn() !== false;
  };
}

/** False during a screen's first moments, for controls that may be pressed many times (reason chips). */
export function useSettled(): () => boolean {
  const mountedAt = useRef(Date.now());
  return () => Date.now() - mountedAt.current >= SETTLE_MS;
}

/** Calls onIdle after `seconds` without a touch, a key or typing, while `active`. */
export function useIdle(active: boolean, seconds: number, onIdle: () => void): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => callback.current(), seconds * 1000);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), seconds * 1000);
    };
    const events = ['pointerdown', 'keydown', 'input'] as const;
    for (const e of events) document.addEventListener(e, reset, true);
    return () => {
      clearTimeout(timer);
      for (const e of events) document.removeEventListener(e, reset, true);
    };
  }, [active, seconds]);
}
