/**
 * The signed-in frame: header (office, scope, live indicator, language, user,
 * sign out), the views' navigation and the current view. Owns the live
 * connection, so every view shares one socket.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { useSpeech } from '../i18n';
import { LiveConnection, type LiveState } from '../live/connection';
import type { ItemsOf, Organisation, Unit, User } from '../types';
import { VIEWS, viewFor } from '../views/registry';
import { LanguageToggle } from './language-toggle';

interface Props {
  user: User;
  onLogout: () => void;
  onToggleLocale: () => void;
}

export function Shell({ user, onLogout, onToggleLocale }: Props) {
  const s = useSpeech();
  const { m } = s;
  const [live, setLive] = useState<LiveConnection | null>(null);
  const [liveState, setLiveState] = useState<LiveState>('connecting');
  const [org, setOrg] = useState<Organisation | null>(null);
  const [unit, setUnit] = useState<Unit | null>(null);
  const [hash, setHash] = useState(location.hash);

  useEffect(() => {
    // A refused handshake: ask the API; a 401 there returns to the login screen.
    const conn = new LiveConnection(() => void api('/me').catch(() => undefined));
    const off = conn.on('state', setLiveState);
    setLive(conn);
    return () => {
      off();
      conn.close();
    };
  }, [user.id]);

  useEffect(() => {
    api<Organisation>('/organisation').then(setOrg, () => undefined);
    if (user.role === 'unit-head' && user.unitId) {
      api<ItemsOf<Unit>>('/units').then((r) => setUnit(r.items.find((u) => u.id === user.unitId) ?? null), () => undefined);
    }
  }, [user.id]);

  useEffect(() => {
    const onHash = () => setHash(location.hash);
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const view = viewFor(hash, user.role);
  const View = view.component;
  const scope = user.role === 'unit-head' ? (unit ? s.local(unit.name) : '') : m.shell.scopeOrg;

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {m.shell.skipToContent}
      </a>
      <header class="topbar">
        <div class="brand">
          <span class="brand-name">{m.appName}</span>
          <span class="org" data-testid="org-name">
            {org ? s.local(org.name) : ''}
          </span>
        </div>
        <nav class="views-nav" aria-label={m.shell.navLabel}>
          <ul>
            {VIEWS.filter((v) => !v.roles || v.roles.includes(user.role)).map((v) => (
              <li key={v.id}>
                <a href={`#/${v.id}`} aria-current={v.id === view.id ? 'page' : undefined}>
                  {v.label(m)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="tools">
          <LiveIndicator state={liveState} />
          <LanguageToggle onToggle={onToggleLocale} />
          <span class="user" data-testid="user">
            <span class="user-name">{user.name || user.email}</span>
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
      <main id="main" class="content" tabIndex={-1}>
        <h1 class="page-title">
          {view.label(m)}
          {scope && <span class="page-scope"> · {scope}</span>}
        </h1>
        {live && <View live={live} user={user} />}
      </main>
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
