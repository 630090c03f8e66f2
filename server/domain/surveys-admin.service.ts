/**
 * Survey versions as the office console runs them (issue 11 item 11): a new
 * version is a copy of an existing one with edits; a draft may be edited
 * until it is activated or answered, then never again; a version is asked by
 * the office or, as an override, by one counter. Every change is audited
 * (before/after) and pushed to the kiosks it concerns.
 */
import { DomainError } from './errors';
import type { AuditService } from './audit.service';
import type { Entities, Organisation, ServicePoint } from './entities';
import type { EventBus } from './events';
import { authorise, belongsTo, visibleConfig, type Caller, type Viewer } from './permissions';
import type { SurveysService } from './surveys.service';
import { kioskSurvey } from './kiosk-config';
import { assignmentsOf, definitionChange, describeLock, lockReasons, type Assignments } from './surveys-rules';
import type { SurveyVersion } from '../../shared/survey';
import type { KioskSurvey } from '../../shared/kiosk-protocol';
import type { SurveyLockReason } from '../../shared/api/surveys';

export interface SurveyVersionsDeps {
  entities: Entities;
  surveys: SurveysService;
  audit: AuditService;
  events: EventBus;
}

export interface SurveyVersionDetail {
  version: SurveyVersion;
  kiosk: KioskSurvey | null;
  lockedBecause: SurveyLockReason[];
  activeFor: { organisation: boolean; servicePointIds: string[] };
  checkedAt: string;
}

export class SurveyVersionsService {
  /**
   * Writes of one organisation run one after another in this process, so an
   * edit and an activation of the same draft cannot interleave (an edit
   * checked "draft" while an activation made it live). Several nodes would
   * need a store-side check; one node is the deployment this product ships.
   */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: SurveyVersionsDeps) {}

  private serial<T>(orgId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(orgId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.chains.set(orgId, settled);
    void settled.then(() => this.chains.get(orgId) === settled && this.chains.delete(orgId));
    return next;
  }

  private async org(orgId: string): Promise<Organisation> {
    const org = await this.deps.entities.get('organisation', orgId);
    if (!org) throw new DomainError('not-found', 'Organisation missing');
    return org;
  }

  /** Who asks which version; a unit head sees their unit's counters only. */
  async assignments(viewer: Viewer): Promise<Assignments> {
    return assignmentsOf(...(await this.everyAssignment(viewer.orgId, viewer)));
  }

  private async everyAssignment(orgId: string, viewer?: Viewer): Promise<[Organisation, ServicePoint[]]> {
    const [org, counters] = await Promise.all([this.org(orgId), this.deps.entities.list('servicePoint', { orgId })]);
    return [org, viewer ? visibleConfig(viewer, 'servicePoint', counters) : counters];
  }

  /** Read from the store, not the survey cache: `activatedAt` may be newer than a cached copy. */
  private async version(viewer: Viewer, id: string, path = 'id'): Promise<SurveyVersion> {
    const v = await this.deps.entities.get('surveyVersion', id);
    if (!v || !belongsTo(viewer.orgId, v)) throw new DomainError('not-found', 'No such survey version', [{ path, message: 'no such survey version' }]);
    return v;
  }

  async detail(viewer: Viewer, id: string): Promise<SurveyVersionDetail> {
    const v = await this.version(viewer, id);
    // Locked by any counter's use, even one a unit head does not see; they are named only their own.
    const all = assignmentsOf(...(await this.everyAssignment(viewer.orgId)));
    const seen = await this.assignments(viewer);
    return {
      version: v,
      kiosk: kioskSurvey(v),
      lockedBecause: lockReasons(v, all),
      activeFor: { organisation: all.organisation === v.id, servicePointIds: seen.counters.filter((c) => c.surveyVersionId === v.id).map((c) => c.servicePointId) },
      checkedAt: new Date().toISOString(),
    };
  }

  /** A copy of `fromVersionId` (same survey key, next number) with the edited definition. */
  createFrom(caller: Caller, fromVersionId: string, definition: unknown): Promise<SurveyVersion> {
    return this.serial(caller.orgId, async () => {
      const source = await this.version(caller, fromVersionId, 'fromVersionId');
      const v = await this.deps.surveys.createVersion(caller.orgId, source.key, definition, source.id);
      await this.deps.audit.record({
        orgId: caller.orgId,
        actor: caller.email,
        action: 'survey.create',
        target: v.id,
        details: { before: null, after: { version: `${v.key} v${v.version}`, copiedFrom: source.id }, change: definitionChange(source.definition, v.definition) },
      });
      return v;
    });
  }

  /** A draft's definition replaced; 409 naming why once it is active, has been active, or is answered. */
  update(caller: Caller, id: string, definition: unknown): Promise<SurveyVersion> {
    return this.serial(caller.orgId, async () => {
      const before = await this.version(caller, id);
      const reasons = lockReasons(before, assignmentsOf(...(await this.everyAssignment(caller.orgId))));
      if (reasons.length) {
        throw new DomainError(
          'conflict',
          `Survey version ${before.key} v${before.version} can no longer change: ${describeLock(reasons)}. Make a new version from a copy of it.`,
          reasons.map((r) => ({ path: 'id', message: r })),
        );
      }
      const after = await this.deps.surveys.replaceDefinition(before, definition);
      await this.deps.audit.record({
        orgId: caller.orgId,
        actor: caller.email,
        action: 'survey.update',
        target: id,
        details: { before: { questions: before.definition.questions.map((q) => q.id) }, after: { questions: after.definition.questions.map((q) => q.id) }, change: definitionChange(before.definition, after.definition) },
      });
      return after;
    });
  }

  /** The office asks this version from now on, or (with a counter) that counter does. Kiosks get it at once. */
  activate(caller: Caller, id: string, servicePointId: string | null): Promise<Assignments> {
    return this.serial(caller.orgId, async () => {
      const { entities, events, audit } = this.deps;
      const v = await this.version(caller, id);
      if (servicePointId) {
        const sp = authorise(caller, 'counter', await entities.get('servicePoint', servicePointId));
        const next: ServicePoint = { ...sp, surveyVersionId: v.id };
        await entities.put('servicePoint', next);
        await this.markActivated(v);
        await audit.record({ orgId: caller.orgId, actor: caller.email, action: 'survey.activate', target: sp.id, details: { scope: 'counter', counter: sp.code, before: { surveyVersionId: sp.surveyVersionId ?? null }, after: { surveyVersionId: v.id } } });
        events.emit('config:changed', { orgId: caller.orgId, kind: 'servicePoint', id: sp.id, servicePointIds: [sp.id] });
      } else {
        const org = await this.org(caller.orgId);
        await entities.put('organisation', { ...org, activeSurveyVersionId: v.id });
        await this.markActivated(v);
        await audit.record({ orgId: caller.orgId, actor: caller.email, action: 'survey.activate', target: org.id, details: { scope: 'organisation', before: { surveyVersionId: org.activeSurveyVersionId }, after: { surveyVersionId: v.id } } });
        events.emit('config:changed', { orgId: caller.orgId, kind: 'organisation', id: org.id });
      }
      return this.assignments(caller);
    });
  }

  /** The counter asks the office's version again. */
  clearCounter(caller: Caller, servicePointId: string): Promise<Assignments> {
    return this.serial(caller.orgId, async () => {
      const { entities, events, audit } = this.deps;
      const sp = authorise(caller, 'counter', await entities.get('servicePoint', servicePointId));
      if (sp.surveyVersionId) {
        await entities.put('servicePoint', { ...sp, surveyVersionId: null });
        await audit.record({ orgId: caller.orgId, actor: caller.email, action: 'survey.counter-reset', target: sp.id, details: { counter: sp.code, before: { surveyVersionId: sp.surveyVersionId }, after: { surveyVersionId: null } } });
        events.emit('config:changed', { orgId: caller.orgId, kind: 'servicePoint', id: sp.id, servicePointIds: [sp.id] });
      }
      return this.assignments(caller);
    });
  }

  private async markActivated(v: SurveyVersion): Promise<void> {
    if (v.activatedAt) return;
    // Re-read: a response may have locked it since (its lockedAt must survive this write).
    const fresh = (await this.deps.entities.get('surveyVersion', v.id)) ?? v;
    await this.deps.entities.put('surveyVersion', { ...fresh, activatedAt: new Date().toISOString() });
  }
}
