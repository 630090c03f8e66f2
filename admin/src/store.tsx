/**
 * The app-level store: who is signed in, their organisation and the units
 * they may see — read once after sign-in and shared by the shell and every
 * screen (a screen that changes them calls `reload`).
 */
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { getOrganisation } from './api/organisation';
import { listUnits } from './api/units';
import type { Organisation, Unit, User } from './types';

export interface AppData {
  me: User;
  organisation: Organisation;
  units: Unit[];
}

export type StoreState = { state: 'loading' } | { state: 'ready'; data: AppData } | { state: 'error'; error: unknown };

export interface AppStore {
  me: User;
  status: StoreState;
  reload: () => void;
}

const StoreContext = createContext<AppStore | null>(null);

export function AppStoreProvider({ me, children }: { me: User; children: ComponentChildren }) {
  const [status, setStatus] = useState<StoreState>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    Promise.all([getOrganisation(), listUnits()]).then(
      ([organisation, units]) => live && setStatus({ state: 'ready', data: { me, organisation, units: units.items } }),
      (error: unknown) => live && setStatus((s) => (s.state === 'ready' ? s : { state: 'error', error })),
    );
    return () => {
      live = false;
    };
  }, [me.id, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return <StoreContext.Provider value={{ me, status, reload }}>{children}</StoreContext.Provider>;
}

export function useAppStore(): AppStore {
  const s = useContext(StoreContext);
  if (!s) throw new Error('useAppStore outside AppStoreProvider');
  return s;
}

/** The store's data; only for parts rendered once it is ready (the shell waits for it before showing a screen). */
export function useAppData(): AppData {
  const { status } = useAppStore();
  if (status.state !== 'ready') throw new Error('useAppData before the store is ready');
  return status.data;
}
