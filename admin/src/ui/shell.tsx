/**
 * The signed-in frame: header (office, scope, live indicator, language, user,
 * sign out), the views' navigation and the current view, loaded on first
 * use. Owns the live connection, so every view shares one socket, and the
 * toasts every view may raise.
 */
import type { FunctionComponent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { getMe } from '../api/auth';
import { useSpeech } from '../i18n';
import { LiveConnection, type LiveState } from '../live/connection';
import { navigate, useRoute, type NavigateOptions, type Route } from '../router';
import { setupDone } from '../setup-state';
import { useAppStore } from '../store';
import type { User } from '../types';
import { navGroupsFor, viewFor, type ViewDef, type ViewProps } from '../views/registry';
import { LanguageToggle } from './language-toggle';
import { ToastProvider } from './toasts';

interface Props {
  user: User;
  onLogout: () => void;
  onToggleLocale: () => void;
}

export function Shell({ user, onLogout, onToggleLocale }: Props) {
  const s = useSpeech();
  const { m } = s;
  const store = useAppStore();
  const [live, setLive] = useState<LiveConnection | null>(null);
  const [liveState, setLiveState] = useState<LiveState>('connecting');
  const route = useRoute();
  // Below 1200 px the navigation folds behind a menu button; it closes on a choice or Escape.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [route.view]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMenuOpen(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  useEffect(() => {
    // A refused handshake: ask the API; a 401 there returns to the login screen.
    const conn = new LiveConnection(() => void getMe().catch(() => undefined));
    const off = conn.on('state', setLiveState);
    setLive(conn);
    return () => {
      off();
      conn.close();
    };
  }, [user.id]);

  const view = viewFor(route, user.role);
  const data = store.status.state === 'ready' ? store.status.data : null;

  // An empty office (no units: SEED_DEMO=false, first login) gets the setup wizard once.
  // Offered once per sign-in: leaving it through the navigation is respected.
  const emptyOffice = !!data && data.units.length === 0;
  const offered = useRef(false);
  useEffect(() => {
    if (!emptyOffice || offered.current || user.role !== 'admin' || setupDone()) return;
    offered.current = true;
    if (route.view !== 'setup') navigate({ view: 'setup' }, { replace: true });
  }, [emptyOffice, user.role]);
  const unit = user.role === 'unit-head' && user.unitId ? data?.units.find((u) => u.id === user.unitId) : undefined;
  const scope = user.role === 'unit-head' ? (unit ? s.local(unit.name) : '') : m.shell.scopeOrg;

  return (
    <ToastProvider>
      <div class="shell">
        <a class="skip-link" href="#main">
          {m.shell.skipToContent}
        </a>
        <header class="topbar">
          <button
            type="button"
            class="btn btn-ghost menu-button"
            aria-expanded={menuOpen}
            aria-controls="views-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true">☰</span> {menuOpen ? m.shell.closeMenu : m.shell.menu}
          </button>
          <div class="brand">
            <span class="brand-name">{m.appName}</span>
            <span class="org" data-testid="org-name">
              {data ? s.local(data.organisation.name) : ''}
            </span>
          </div>
          <div class="tools">
            <LiveIndicator state={liveState} />
            <LanguageToggle onToggle={onToggleLocale} />
            <span class="user" data-testid="user">
              <a class="user-name" href="#/account" title={m.views.account} aria-current={view.id === 'account' ? 'page' : undefined}>
                {user.name || user.email}
              </a>
              <span class="user-role">
                {m.shell.roles[user.role]}
                {scope && ` · ${scope}`}
              </span>
            </span>
            <button type="button" class="btn btn-ghost" onClick={onLogout}>
              {m.shell.logout}
            </button>
          </div>
        </header>
        <div class="shell-body">
        <nav id="views-nav" class={`views-nav${menuOpen ? ' open' : ''}`} aria-label={m.shell.navLabel}>
          {navGroupsFor(user.role).map((g) => (
            <div class="nav-group" key={g.group}>
              <p class="nav-group-label" id={`nav-group-${g.group}`}>
                {m.shell.groups[g.group]}
              </p>
              <ul aria-labelledby={`nav-group-${g.group}`}>
                {g.views.map((v) => (
                  <li key={v.id}>
                    <a href={`#/${v.id}`} aria-current={v.id === view.id ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                      {v.label(m)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" class="content" tabIndex={-1}>
          <h1 class="page-title">
            {view.label(m)}
            {scope && <span class="page-scope"> · {scope}</span>}
          </h1>
          {store.status.state === 'error' ? (
            <Retry text={m.store.loadFailed} retry={m.store.retry} onRetry={store.reload} />
          ) : live && data ? (
            <LazyView def={view} route={route} live={live} user={user} />
          ) : (
            <p class="loading">{m.loading}</p>
          )}
        </main>
        </div>
      </div>
    </ToastProvider>
  );
}

/** Screens loaded so far: opening one again is instant. */
const loaded = new Map<string, FunctionComponent<ViewProps>>();

/** Loads a screen's chunk on first use, then shows it with its route params. */
function LazyView({ def, route, live, user }: { def: ViewDef; route: Route; live: LiveConnection; user: User }) {
  const { m } = useSpeech();
  const [, setTick] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState(false);
  const View = loaded.get(def.id);

  useEffect(() => {
    if (loaded.has(def.id)) return;
    let current = true;
    setFailed(false);
    def.load().then(
      (mod) => {
        loaded.set(def.id, mod.default);
        if (current) setTick((t) => t + 1);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [def.id, attempt]);

  if (failed) return <Retry text={m.route.loadFailed} retry={m.route.retry} onRetry={() => setAttempt((a) => a + 1)} />;
  if (!View) return <p class="loading">{m.loading}</p>;
  // The params belong to the view the address names; a view shown as the default gets none.
  const params = route.view === def.id ? route.params : {};
  const setParams = (next: Record<string, string | undefined>, opts?: NavigateOptions) => navigate({ view: def.id, params: { ...params, ...next } }, opts);
  return <View live={live} user={user} params={params} setParams={setParams} />;
}

function Retry({ text, retry, onRetry }: { text: string; retry: string; onRetry: () => void }) {
  return (
    <div class="notice error" role="alert">
      {text}{' '}
      <button type="button" class="btn btn-secondary" onClick={onRetry}>
        {retry}
      </button>
    </div>
  );
}

function LiveIndicator({ state }: { state: LiveState }) {
  const { m } = useSpeech();
  return (
    <span class={`live live-${state}`} role="status" title={m.live.hint} data-testid="live" data-state={state}>
      <span class="live-dot" aria-hidden="true" />
      {m.live[state]}
    </span>
  );
}
