/**
 * Loads the overview and keeps it live. Live events are applied as they
 * come; while a load is in flight they are also logged, and replayed on top
 * of the loaded state, so nothing pushed during a load is lost (the figures
 * are absolute, alerts versioned and comments keyed by id: a replay is
 * harmless). On a connection without recovery the snapshot and the comments
 * are read again; on a new day everything is.
 */
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { acknowledgeAlert, resolveAlert } from '../../api/alerts';
import { calendarOf, localDay, msToNextDay } from '../../dates';
import type { LiveConnection } from '../../live/connection';
import type { Unit, User } from '../../types';
import { addFeedItems, applyAlert, applyEvent, applySnapshot, type LiveEvent, type OverviewState } from './model';
import { fetchFeed, fetchOverview } from './load';

export interface Overview {
  state: OverviewState | null;
  error: unknown;
  reload: () => void;
  alertAction: (id: string, action: 'ack' | 'resolve') => Promise<void>;
}

export function useOverview(live: LiveConnection, user: User, units: Unit[]): Overview {
  const st = useRef<OverviewState | null>(null);
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const [error, setError] = useState<unknown>(null);
  const reloadRef = useRef<() => void>(() => undefined);
  const ctl = useRef({ seq: 0, inFlight: 0, log: [] as { seq: number; e: LiveEvent }[], loadGen: 0, day: '', loadStartedAt: 0, resyncWanted: false, disposed: false });

  useEffect(() => {
    const c = ctl.current;
    c.disposed = false;

    /** Runs fn(since) while live events are logged; since = the last event seen before it started. */
    const tracked = async (fn: (since: number) => Promise<void>): Promise<void> => {
      c.inFlight++;
      const since = c.seq;
      try {
        await fn(since);
      } finally {
        if (--c.inFlight === 0) {
          c.log = [];
          if (c.resyncWanted && st.current && !c.disposed) void resync();
        }
      }
    };
    const replay = (since: number) => {
      for (const { seq, e } of c.log) if (seq > since && st.current) applyEvent(st.current, e);
    };

    const loadAll = async (day = localDay(Date.now())) => {
      const gen = ++c.loadGen;
      c.day = day;
      c.loadStartedAt = Date.now();
      await tracked(async (since) => {
        const next = await fetchOverview(calendarOf(day), user, units, st.current?.alertVersions ?? new Map());
        if (gen !== c.loadGen || c.disposed) return;
        st.current = next;
        replay(since);
        setError(null);
        rerender(0);
      }).catch((err: unknown) => {
        if (gen === c.loadGen && !c.disposed) setError(err);
      });
    };

    const resync = async () => {
      if (!st.current || c.inFlight > 0) {
        // A load is running: it may have read before the socket joined its rooms; read again after it.
        c.resyncWanted = true;
        return;
      }
      c.resyncWanted = false;
      await tracked(async (since) => {
        const [snap, feed] = await Promise.all([live.snapshot(), fetchFeed()]);
        const cur = st.current;
        if (!cur || c.disposed) return;
        if (applySnapshot(cur, snap) === 'other-day') return void loadAll(snap.day);
        addFeedItems(cur, feed);
        replay(since);
        rerender(0);
      }).catch(() => {
        // The REST state stays; the next reconnect or the day change reads again.
      });
    };

    const onEvent = (e: LiveEvent) => {
      c.seq++;
      if (c.inFlight > 0) c.log.push({ seq: c.seq, e });
      const cur = st.current;
      if (!cur) return;
      // Figures of another day: the day turned (or the last load of it failed; retried at most every 10 s).
      if (applyEvent(cur, e) === 'other-day' && e.kind === 'delta') {
        if (e.delta.day !== c.day || (c.inFlight === 0 && Date.now() - c.loadStartedAt > 10_000)) void loadAll(e.delta.day);
      }
      rerender(0);
    };

    const offs = [
      live.on('stats:delta', (delta) => onEvent({ kind: 'delta', delta })),
      live.on('feed:comment', (item) => onEvent({ kind: 'feed', item })),
      live.on('alert:changed', (change) => onEvent({ kind: 'alert', change })),
      live.on('resync', () => void resync()),
    ];
    void loadAll();
    // A quiet night brings no push: start the new day on time anyway.
    let midnight: ReturnType<typeof setTimeout>;
    const armMidnight = () => {
      midnight = setTimeout(() => {
        void loadAll();
        armMidnight();
      }, msToNextDay() + 2000);
    };
    armMidnight();
    reloadRef.current = () => void loadAll();
    return () => {
      c.disposed = true;
      clearTimeout(midnight);
      for (const off of offs) off();
    };
  }, [live, user, units]);

  const alertAction = async (id: string, action: 'ack' | 'resolve') => {
    const updated = await (action === 'ack' ? acknowledgeAlert(id) : resolveAlert(id));
    if (st.current) {
      applyAlert(st.current, updated);
      rerender(0);
    }
  };

  return { state: st.current, error, reload: () => reloadRef.current(), alertAction };
}
