/**
 * Who may see or change what: the one place that answers it.
 *
 * Two questions, asked in this order:
 * 1. May this role do this kind of thing at all? (`ROLES_FOR`, checked by the
 *    HTTP guard before a body is even read.)
 * 2. May this user reach this record? Another organisation's record, or a
 *    missing one, is "not found" (its existence is not revealed); a record in
 *    another unit is "forbidden" for a unit head, except for kinds whose
 *    existence is itself private (alerts, responses), which stay "not found".
 *
 * Admins and managers see the whole organisation; a unit head sees their unit.
 */
import { DomainError } from './errors';
import type { Role } from './entities';

/** The part of a user that decides what they may see. */
export interface Viewer {
  orgId: string;
  role: Role;
  unitId: string | null;
}

/** A viewer acting on something: the e-mail goes into the audit log. */
export interface Caller extends Viewer {
  email: string;
}

/** Every role there is. */
export const EVERYONE = ['admin', 'manager', 'unit-head'] as const satisfies readonly Role[];
const MANAGERS = ['admin', 'manager'] as const satisfies readonly Role[];
const ADMINS = ['admin'] as const satisfies readonly Role[];

/** The roles allowed each action, whatever record it touches. */
export const ROLES_FOR = {
  'organisation.read': EVERYONE,
  'organisation.change': ADMINS,
  'duty.change': EVERYONE,
  'audit.read': MANAGERS,
  'devices.manage': MANAGERS,
  'responses.read': EVERYONE,
  'responses.exclude': MANAGERS,
  /** Letting a suspect rating into the figures. */
  'responses.accept': MANAGERS,
  /** Marking a comment handled (the unit head answers their unit's). */
  'responses.handle': EVERYONE,
  'stats.read': EVERYONE,
  'reports.issue': MANAGERS,
  'alerts.read': EVERYONE,
  'alerts.act': EVERYONE,
  'alert-rules.read': MANAGERS,
  'alert-rules.change': ADMINS,
  'alert-deliveries.read': MANAGERS,
  'integration-keys.manage': ADMINS,
  'survey-links.stats': MANAGERS,
  'posters.print': EVERYONE,
  /** A unit head imports their own unit's dossiers only (checked per row). */
  'dossier-outcomes.import': EVERYONE,
  // issue 15: rating sessions (a unit head within their unit), officer PINs and counter rating modes
  'rating-sessions.open': EVERYONE,
  'officers.pin': ADMINS,
  'counters.rating-mode': ADMINS,
  'users.manage': ADMINS,
  /** Units and the procedure list are the whole office's; counters and officers a unit head changes in their unit. */
  'units.manage': MANAGERS,
  'procedures.manage': MANAGERS,
  'structure.change': EVERYONE,
  'sessions.own': EVERYONE,
  /** Survey versions: every role reads them (a unit head sees what their counters ask); admins and managers make and activate them. */
  'surveys.read': EVERYONE,
  'surveys.manage': MANAGERS,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ROLES_FOR;

export const rolesFor = (action: Action): Role[] => [...ROLES_FOR[action]];

export const may = (viewer: Pick<Viewer, 'role'>, action: Action): boolean => (ROLES_FOR[action] as readonly Role[]).includes(viewer.role);

/** The units a viewer is limited to, or undefined for the whole organisation. */
export function visibleUnitIds(viewer: Viewer): string[] | undefined {
  return viewer.role === 'unit-head' && viewer.unitId ? [viewer.unitId] : undefined;
}

/** Whether the viewer sees things of this unit; organisation-wide things (no unit) only the organisation sees. */
export function seesUnit(viewer: Viewer, unitId: string | null): boolean {
  const units = visibleUnitIds(viewer);
  return !units || (unitId !== null && units.includes(unitId));
}

/**
 * The unit filter of a list or figures query: the unit asked for if the
 * viewer may see it, else the viewer's own units. Asking for another unit is
 * refused rather than silently answered with nothing.
 */
export function unitFilter(viewer: Viewer, requested?: string): string[] | undefined {
  const units = visibleUnitIds(viewer);
  if (units && requested && !units.includes(requested)) throw new DomainError('forbidden', 'Outside your unit');
  return requested ? [requested] : units;
}

export type RecordKind = 'unit' | 'counter' | 'officer' | 'device' | 'alert' | 'response' | 'link';

/** What a record must say about itself to be checked: its organisation and unit (null: organisation-wide). */
export interface Placed {
  orgId: string;
  unitId: string | null;
}

const POLICY: Record<RecordKind, { notFound: string; outsideUnit: 'forbidden' | 'not-found' }> = {
  unit: { notFound: 'No such unit', outsideUnit: 'forbidden' },
  counter: { notFound: 'No such service point', outsideUnit: 'forbidden' },
  officer: { notFound: 'No such officer', outsideUnit: 'forbidden' },
  device: { notFound: 'No such device', outsideUnit: 'forbidden' },
  link: { notFound: 'No such survey link', outsideUnit: 'forbidden' },
  alert: { notFound: 'No such alert', outsideUnit: 'not-found' },
  response: { notFound: 'No such response', outsideUnit: 'not-found' },
};

/**
 * The record, if the viewer may reach it; otherwise the error to answer.
 * `notFound` overrides the message where a client has always seen another
 * wording (the dashboard socket says "No such counter").
 */
export function authorise<T extends Placed>(viewer: Viewer, kind: RecordKind, record: T | null | undefined, notFound?: string): T {
  const policy = POLICY[kind];
  if (!record || !belongsTo(viewer.orgId, record)) throw new DomainError('not-found', notFound ?? policy.notFound);
  if (!seesUnit(viewer, record.unitId)) {
    throw policy.outsideUnit === 'forbidden' ? new DomainError('forbidden', 'Outside your unit') : new DomainError('not-found', notFound ?? policy.notFound);
  }
  return record;
}

/**
 * For filters that name a record (a stats query's counter or officer): one of
 * this organisation's records outside the viewer's unit is refused like
 * `authorise` does; a missing or foreign id simply matches nothing.
 */
export function refuseOutsideUnit(viewer: Viewer, kind: RecordKind, record: Placed | null | undefined): void {
  if (record && belongsTo(viewer.orgId, record)) authorise(viewer, kind, record);
}

/** Whether a record is this organisation's: the first check on every record an organisation's caller names. */
export const belongsTo = (orgId: string, record: { orgId: string | null } | null | undefined): boolean => !!record && record.orgId === orgId;

/** The configuration a viewer sees: a unit head their unit and what belongs to it, plus what belongs to no unit. */
export function visibleConfig<T extends { id: string; unitId?: string | null }>(viewer: Viewer, kind: 'unit' | 'servicePoint' | 'officer' | 'procedure', items: T[]): T[] {
  const units = visibleUnitIds(viewer);
  if (!units) return items;
  return items.filter((i) => (kind === 'unit' ? units.includes(i.id) : !i.unitId || units.includes(i.unitId)));
}
