/**
 * The organisation's settings and structure (units, counters, officers,
 * procedures, survey versions) as a viewer may read them, and the two writes
 * the core has: the settings and the officer on duty at a counter. Every
 * write is audited and announced (kiosks re-render, caches clear).
 */
import type { AuditService } from './audit.service';
import { DomainError } from './errors';
import type { Entities, Officer, Organisation, Procedure, ServicePoint, Unit } from './entities';
import type { EventBus } from './events';
import { authorise, belongsTo, visibleConfig, type Caller, type Viewer } from './permissions';
import type { SurveyVersion } from '../../shared/survey';

export interface OrganisationDeps {
  entities: Entities;
  audit: AuditService;
  events: EventBus;
}

/** The settings an admin may change. */
export type OrganisationPatch = Partial<Pick<Organisation, 'name' | 'target' | 'minSample' | 'indexMethod' | 'headlineVerifiedOnly' | 'kiosk'>>;

interface StructureKinds {
  unit: Unit;
  servicePoint: ServicePoint;
  officer: Officer;
  procedure: Procedure;
}
export type StructureKind = keyof StructureKinds;

export class OrganisationService {
  constructor(private readonly deps: OrganisationDeps) {}

  get(orgId: string): Promise<Organisation | null> {
    return this.deps.entities.get('organisation', orgId);
  }

  async update(caller: Caller, patch: OrganisationPatch): Promise<Organisation> {
    const org = await this.get(caller.orgId);
    if (!org) throw new DomainError('not-found', 'Organisation missing');
    const next = { ...org, ...patch };
    await this.deps.entities.put('organisation', next);
    // The audit shows each changed setting as it was and as it is now.
    const keys = Object.keys(patch) as (keyof OrganisationPatch)[];
    const pick = (o: Organisation) => Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));
    await this.deps.audit.record({ orgId: org.id, actor: caller.email, action: 'organisation.update', target: org.id, details: { before: pick(org), after: pick(next) } });
    this.deps.events.emit('config:changed', { orgId: org.id, kind: 'organisation', id: org.id });
    return next;
  }

  /** Units, counters, officers or procedures, cut to the viewer's unit. */
  async structure<K extends StructureKind>(viewer: Viewer, kind: K): Promise<StructureKinds[K][]> {
    const items = (await this.deps.entities.list(kind, { orgId: viewer.orgId })) as StructureKinds[K][];
    return visibleConfig(viewer, kind, items);
  }

  surveyVersions(orgId: string): Promise<SurveyVersion[]> {
    return this.deps.entities.list('surveyVersion', { orgId });
  }

  /** Who serves at a counter now; the kiosk shows it and ratings record it. */
  async setDuty(caller: Caller, servicePointId: string, officerId: string | null): Promise<ServicePoint> {
    const { entities, audit, events } = this.deps;
    const sp = authorise(caller, 'counter', await entities.get('servicePoint', servicePointId));
    if (officerId) {
      const o = await entities.get('officer', officerId);
      if (!o || !belongsTo(sp.orgId, o)) throw new DomainError('unprocessable', 'Unknown officer', [{ path: 'officerId', message: 'no such officer' }]);
    }
    const next = { ...sp, officerOnDutyId: officerId };
    await entities.put('servicePoint', next);
    await audit.record({ orgId: sp.orgId, actor: caller.email, action: 'duty.set', target: sp.id, details: { officerId } });
    events.emit('config:changed', { orgId: sp.orgId, kind: 'servicePoint', id: sp.id, servicePointIds: [sp.id] });
    return next;
  }
}
