/**
 * The dashboard's screens, one line each. A screen is a folder
 * views/<id>/ whose index.tsx default-exports its component; it is loaded
 * when first opened (its own chunk), so the first load carries only the
 * frame. The shell lists them in its navigation and shows the one the
 * address (#/<id>?…) names.
 */
import type { FunctionComponent } from 'preact';
import type { AdminMessages } from '../i18n';
import type { User } from '../types';
import type { Route } from '../router';
import type { ViewProps } from './view';

export type { ViewProps };

export interface ViewDef {
  id: string;
  label: (m: AdminMessages) => string;
  load: () => Promise<{ default: FunctionComponent<ViewProps> }>;
  /** Roles that may open it (all when absent). */
  roles?: User['role'][];
  /** Opened from elsewhere (the user's name opens their sessions), not listed in the navigation. */
  unlisted?: boolean;
}

export const VIEWS: ViewDef[] = [
  { id: 'overview', label: (m) => m.views.overview, load: () => import('./overview') },
  { id: 'reports', label: (m) => m.views.reports, load: () => import('./reports') },
  { id: 'structure', label: (m) => m.views.structure, load: () => import('./structure') },
  { id: 'settings', label: (m) => m.views.settings, load: () => import('./settings'), roles: ['admin'] },
  { id: 'audit', label: (m) => m.views.audit, load: () => import('./audit'), roles: ['admin', 'manager'] },
  { id: 'users', label: (m) => m.views.users, load: () => import('./users'), roles: ['admin'] },
  { id: 'setup', label: (m) => m.views.setup, load: () => import('./setup'), roles: ['admin'], unlisted: true },
  { id: 'account', label: (m) => m.views.account, load: () => import('./account'), unlisted: true },
];

export const DEFAULT_VIEW = VIEWS[0];

export const viewsFor = (role: User['role']): ViewDef[] => VIEWS.filter((v) => !v.roles || v.roles.includes(role));

/** The view the route names, if this role may open it; else the default. */
export function viewFor(route: Route, role: User['role']): ViewDef {
  return viewsFor(role).find((x) => x.id === route.view) ?? DEFAULT_VIEW;
}
