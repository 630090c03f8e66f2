/**
 * The address is the state a link can share: `#/<view>?<params>`, e.g.
 * `#/breakdown?from=2026-11-01&to=2026-11-30&groupBy=officerId`. This module
 * is the only one that reads or writes `location.hash`; views get their
 * params and a way to change them, never the raw string.
 */
import { useEffect, useState } from 'preact/hooks';

export type RouteParams = Record<string, string>;

export interface Route {
  /** The view id; '' for the bare address (the default view). */
  view: string;
  params: RouteParams;
}

/** `#/breakdown?from=2026-11-01&groupBy=unitId` → { view: 'breakdown', params: { from, groupBy } }. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '').replace(/^\/+/, '');
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)).replace(/\/+$/, '');
  let view: string;
  try {
    view = decodeURIComponent(path);
  } catch {
    // A hand-edited address with a broken escape: show the default view rather than throw.
    view = '';
  }
  const params: RouteParams = {};
  if (q >= 0) for (const [k, v] of new URLSearchParams(raw.slice(q + 1))) if (k && v !== '') params[k] = v;
  return { view, params };
}

/** The inverse of parseHash; empty and undefined values are left out, so links stay short. */
export function formatHash(route: { view: string; params?: Record<string, string | undefined | null> }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(route.params ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const qs = q.toString();
  return `#/${encodeURIComponent(route.view)}${qs ? `?${qs}` : ''}`;
}

/** Two routes are the same address (params in any order). */
export function sameRoute(a: Route, b: Route): boolean {
  return formatHash({ view: a.view, params: sorted(a.params) }) === formatHash({ view: b.view, params: sorted(b.params) });
}
const sorted = (p: RouteParams): RouteParams => Object.fromEntries(Object.entries(p).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));

export interface NavigateOptions {
  /** Replace the current history entry (a sort or a filter change) instead of adding one (a new screen). */
  replace?: boolean;
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const fn of [...listeners]) fn();
};

export function currentRoute(): Route {
  return parseHash(location.hash);
}

export function navigate(route: { view: string; params?: Record<string, string | undefined | null> }, opts: NavigateOptions = {}): void {
  const hash = formatHash(route);
  if (hash === location.hash) return;
  if (opts.replace) {
    // replaceState fires no hashchange: tell the listeners ourselves.
    history.replaceState(history.state, '', hash);
    notify();
  } else {
    location.hash = hash; // hashchange → listeners
  }
}

/** The current route, re-rendering on every change of address. */
export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute((cur) => {
      const next = currentRoute();
      return sameRoute(cur, next) && cur.view === next.view ? cur : next;
    });
    listeners.add(update);
    addEventListener('hashchange', update);
    update();
    return () => {
      listeners.delete(update);
      removeEventListener('hashchange', update);
    };
  }, []);
  return route;
}
