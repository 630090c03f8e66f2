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
import type { DutyPeriod, Store } from '../store/types';
import { hashPin } from './pins';
import { screenRecordOf, screenSettingsOf } from './public-screen.service';
import type { PublicScreenPatch } from '../../shared/api/public-screen';

export interface OrganisationDeps {
  entities: Entities;
  audit: AuditService;
  events: EventBus;
  /** The duty roster's history (who served where, from when to when). */
  store: Pick<Store, 'recordDuty' | 'dutyAt' | 'dutyHistory'>;
}

/** The settings an admin may change. */
export type OrganisationPatch = Partial<Pick<Organisation, 'name' | 'target' | 'minSample' | 'indexMethod' | 'headlineVerifiedOnly' | 'kiosk' | 'decision766MaxPoints' | 'agencyParent' | 'reportPlace' | 'reportSigner' | 'reportSignerTitle'>> & {
  /** The staff corner's PIN in clear (null: remove it); only its hash is kept. */
  kioskPin?: string | null;
  /** The waiting-room screen: only the fields given change (merged with the settings in force). */
  publicScreen?: PublicScreenPatch;
};

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
    const { kioskPin, publicScreen, ...plain } = patch;
    const settings: Partial<Organisation> = { ...plain };
    if (publicScreen !== undefined) settings.publicScreen = await this.screenSettings(org, publicScreen);
    const next: Organisation = { ...org, ...settings };
    if (kioskPin !== undefined) next.kioskPinHash = kioskPin === null ? null : await hashPin(kioskPin);
    await this.deps.entities.put('organisation', next);
    // The audit shows each changed setting as it was and as it is now; of the PIN only that it changed, never what it is.
    const keys = Object.keys(settings) as (keyof typeof settings)[];
    const pick = (o: Organisation) => Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));
    const details = { before: pick(org), after: pick(next), ...(kioskPin === undefined ? {} : { kioskPin: kioskPin === null ? 'removed' : 'changed' }) };
    await this.deps.audit.record({ orgId: org.id, actor: caller.email, action: 'organisation.update', target: org.id, details });
    this.deps.events.emit('config:changed', { orgId: org.id, kind: 'organisation', id: org.id });
    return next;
  }

  /**
   * The screen settings after a patch. Its code must not be another
   * organisation's screen code nor one of this office's unit codes (a unit's
   * screen is /screen/<unit code>), and the chosen units must be this office's.
   */
  private async screenSettings(org: Organisation, patch: PublicScreenPatch) {
    const merged = { ...screenSettingsOf(org), ...patch };
    const units = await this.deps.entities.list('unit', { orgId: org.id });
    if (patch.unitIds) {
      const known = new Set(units.map((u) => u.id));
      const bad = patch.unitIds.findIndex((id) => !known.has(id));
      if (bad >= 0) throw new DomainError('unprocessable', 'Unknown unit', [{ path: `publicScreen.unitIds.${bad}`, message: 'no such unit in this office' }]);
      merged.unitIds = [...new Set(patch.unitIds)];
    }
    if (patch.code !== undefined) {
      const code = patch.code.toLowerCase();
      const clash = units.some((u) => u.code.toLowerCase() === code);
      const others = (await this.deps.entities.list('organisation')).filter((o) => o.id !== org.id);
      if (clash || others.some((o) => screenSettingsOf(o).code.toLowerCase() === code)) {
        throw new DomainError('conflict', 'Screen code already used', [{ path: 'publicScreen.code', message: 'already a unit code or another office’s screen code' }]);
      }
    }
    return screenRecordOf(merged);
  }

  /** Units, counters, officers or procedures, cut to the viewer's unit. */
  async structure<K extends StructureKind>(viewer: Viewer, kind: K): Promise<StructureKinds[K][]> {
    const items = (await this.deps.entities.list(kind, { orgId: viewer.orgId })) as StructureKinds[K][];
    return visibleConfig(viewer, kind, items);
  }

  surveyVersions(orgId: string): Promise<SurveyVersion[]> {
    return this.deps.entities.list('surveyVersion', { orgId });
  }

  /**
   * Who serves at a counter from now on; the kiosk shows it, and ratings are
   * attributed through the duty history this writes (so a batch uploaded
   * after an outage goes to whoever was on duty when it was pressed). Only
   * an officer of the counter's own unit may be put on duty there.
   */
  async setDuty(caller: Caller, servicePointId: string, officerId: string | null, now = Date.now()): Promise<ServicePoint> {
    const { entities, audit, events, store } = this.deps;
    const sp = authorise(caller, 'counter', await entities.get('servicePoint', servicePointId));
    if (officerId) {
      const o = await entities.get('officer', officerId);
      if (!o || !belongsTo(sp.orgId, o)) throw new DomainError('unprocessable', 'Unknown officer', [{ path: 'officerId', message: 'no such officer' }]);
      if (o.active === false) throw new DomainError('unprocessable', 'Officer deactivated', [{ path: 'officerId', message: 'this officer is deactivated' }]);
      if (o.unitId !== sp.unitId) {
        throw new DomainError('unprocessable', "Officer of another unit", [{ path: 'officerId', message: "this officer belongs to another unit than the counter's" }]);
      }
    }
    const place = { orgId: sp.orgId, unitId: sp.unitId, servicePointId: sp.id };
    // The first change through the roster: whoever the counter named until now has been on duty since ever.
    if (!(await store.dutyAt(sp.id, now))) await store.recordDuty({ ...place, officerId: sp.officerOnDutyId, from: 0, setBy: 'system' });
    await store.recordDuty({ ...place, officerId, from: now, setBy: caller.email });
    const next = { ...sp, officerOnDutyId: officerId };
    await entities.put('servicePoint', next);
    await audit.record({ orgId: sp.orgId, actor: caller.email, action: 'duty.set', target: sp.id, details: { officerId } });
    events.emit('config:changed', { orgId: sp.orgId, kind: 'servicePoint', id: sp.id, servicePointIds: [sp.id] });
    return next;
  }

  /** A counter's duty periods, newest first. */
  async dutyHistory(viewer: Viewer, servicePointId: string, limit = 100): Promise<DutyPeriod[]> {
    const sp = authorise(viewer, 'counter', await this.deps.entities.get('servicePoint', servicePointId));
    return this.deps.store.dutyHistory(sp.id, limit);
  }
}
