/**
 * The dashboard's views. Each one is a component given the live connection
 * and the user; the shell lists them in its navigation and shows the one the
 * address (#/<id>) names. Settings, reports, posters… join this list.
 */
import type { FunctionComponent } from 'preact';
import type { LiveConnection } from '../live/connection';
import type { AdminMessages } from '../i18n';
import type { User } from '../types';
import { OverviewView } from './overview/overview';

export interface ViewProps {
  live: LiveConnection;
  user: User;
}

export interface ViewDef {
  id: string;
  label: (m: AdminMessages) => string;
  component: FunctionComponent<ViewProps>;
  /** Roles that may open it (all when absent). */
  roles?: User['role'][];
}

export const VIEWS: ViewDef[] = [{ id: 'overview', label: (m) => m.views.overview, component: OverviewView }];

export const DEFAULT_VIEW = VIEWS[0];

export function viewFor(hash: string, role: User['role']): ViewDef {
  const id = hash.replace(/^#\/?/, '');
  const v = VIEWS.find((x) => x.id === id);
  return v && (!v.roles || v.roles.includes(role)) ? v : DEFAULT_VIEW;
}
