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
  /** The navigation group it is listed under (figures: what the ratings say; setup: how the office is run). */
  group?: ViewGroup;
}

/** Navigation groups, in the order the shell shows them; a view without a group is listed under 'figures'. */
export const VIEW_GROUPS = ['figures', 'setup'] as const;
export type ViewGroup = (typeof VIEW_GROUPS)[number];

export const VIEWS: ViewDef[] = [
  { id: 'overview', label: (m) => m.views.overview, load: () => import('./overview'), group: 'figures' },
  { id: 'breakdown', label: (m) => m.views.breakdown, load: () => import('./breakdown'), group: 'figures' },
  { id: 'trend', label: (m) => m.views.trend, load: () => import('./trend'), group: 'figures' },
  { id: 'comments', label: (m) => m.views.comments, load: () => import('./comments'), group: 'figures' },
  { id: 'alerts', label: (m) => m.views.alerts, load: () => import('./alerts'), group: 'figures' },
  { id: 'reports', label: (m) => m.views.reports, load: () => import('./reports'), group: 'figures' },
  { id: 'structure', label: (m) => m.views.structure, load: () => import('./structure'), group: 'setup' },
  { id: 'duty', label: (m) => m.views.duty, load: () => import('./duty'), group: 'setup' },
  { id: 'kiosks', label: (m) => m.views.kiosks, load: () => import('./kiosks'), roles: ['admin', 'manager'], group: 'setup' },
  { id: 'posters', label: (m) => m.views.posters, load: () => import('./posters'), group: 'setup' },
  { id: 'integrations', label: (m) => m.views.integrations, load: () => import('./integrations'), roles: ['admin'], group: 'setup' },
  { id: 'alert-rules', label: (m) => m.views['alert-rules'], load: () => import('./alert-rules'), roles: ['admin', 'manager'], group: 'setup' },
  { id: 'settings', label: (m) => m.views.settings, load: () => import('./settings'), roles: ['admin'], group: 'setup' },
  { id: 'audit', label: (m) => m.views.audit, load: () => import('./audit'), roles: ['admin', 'manager'], group: 'setup' },
  { id: 'surveys', label: (m) => m.views.surveys, load: () => import('./surveys'), roles: ['admin', 'manager'], group: 'setup' },
  { id: 'users', label: (m) => m.views.users, load: () => import('./users'), roles: ['admin'], group: 'setup' },
  { id: 'setup', label: (m) => m.views.setup, load: () => import('./setup'), roles: ['admin'], unlisted: true },
  { id: 'account', label: (m) => m.views.account, load: () => import('./account'), unlisted: true },
];

export const DEFAULT_VIEW = VIEWS[0];

export const viewsFor = (role: User['role']): ViewDef[] => VIEWS.filter((v) => !v.roles || v.roles.includes(role));

/** The listed views of a role, by navigation group (empty groups left out). */
export function navGroupsFor(role: User['role']): { group: ViewGroup; views: ViewDef[] }[] {
  const listed = viewsFor(role).filter((v) => !v.unlisted);
  return VIEW_GROUPS.map((group) => ({ group, views: listed.filter((v) => (v.group ?? 'figures') === group) })).filter((g) => g.views.length > 0);
}

/** The view the route names, if this role may open it; else the default. */
export function viewFor(route: Route, role: User['role']): ViewDef {
  return viewsFor(role).find((x) => x.id === route.view) ?? DEFAULT_VIEW;
}
