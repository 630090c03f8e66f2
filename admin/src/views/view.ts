/** What every screen is given by the shell. Screens import this, never the registry (no cycle). */
import type { LiveConnection } from '../live/connection';
import type { NavigateOptions, RouteParams } from '../router';
import type { User } from '../types';

export interface ViewProps {
  live: LiveConnection;
  user: User;
  /** This screen's part of the address (`#/<view>?…`), already parsed. */
  params: RouteParams;
  /** Changes this screen's params; `undefined` or '' removes one. */
  setParams: (next: Record<string, string | undefined>, opts?: NavigateOptions) => void;
}
