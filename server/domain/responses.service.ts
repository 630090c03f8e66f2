/**
 * Reading stored responses and taking one out of the figures (or back in).
 * Responses are append-only: an exclusion is a flag with a reason, audited,
 * applied with its negated aggregate deltas in one store transaction, and
 * announced so live figures and alerts re-evaluate.
 */
import { isPendingSuspect, type ResponseQuery, type Store, type StoredResponse, type Suspect } from '../store/types';
import { deltasFor } from './aggregation';
import { canonicalResponseId } from './ingest.service';
import type { AuditService } from './audit.service';
import { DomainError } from './errors';
import type { EventBus } from './events';
import { authorise, unitFilter, type Caller, type Viewer } from './permissions';
import type { SurveysService } from './surveys.service';

export interface ResponsesDeps {
  store: Store;
  surveys: SurveysService;
  audit: AuditService;
  events: EventBus;
}

/** A list query as the viewer asks it; the organisation and unit limits come from the viewer. */
export type ResponseListFilter = Omit<ResponseQuery, 'orgId' | 'unitIds'> & { unitId?: string };

export class ResponsesService {
  constructor(private readonly deps: ResponsesDeps) {}

  /** Newest first, cut to what the viewer may see. */
  list(viewer: Viewer, { unitId, ...filter }: ResponseListFilter): Promise<StoredResponse[]> {
    return this.deps.store.listResponses({ ...filter, orgId: viewer.orgId, unitIds: unitFilter(viewer, unitId) });
  }

  /** Suspects waiting for review (held out of the figures), newest first, cut to what the viewer may see. */
  listSuspect(viewer: Viewer, filter: Omit<ResponseListFilter, 'suspect' | 'includeExcluded'>): Promise<StoredResponse[]> {
    return this.list(viewer, { ...filter, suspect: 'pending' });
  }

  /**
   * Lets a suspect into the figures: its deltas are applied once, in the same
   * transaction that records who accepted it; audited and announced like an
   * exclusion. 409 when it is not a suspect pending review (or is excluded).
   */
  async accept(caller: Caller, id: string): Promise<{ id: string; suspect: Suspect }> {
    const resp = await this.reachable(caller, id);
    const accepted = { by: caller.email, at: new Date().toISOString() };
    if (!resp.suspect || !isPendingSuspect(resp) || !(await this.deps.store.acceptSuspect(resp.id, accepted, await this.deltas(resp, 1)))) {
      throw new DomainError('conflict', resp.excluded ? 'Excluded: restore it first' : 'Not a suspect waiting for review');
    }
    const suspect = { ...resp.suspect, accepted };
    await this.deps.audit.record({ orgId: resp.orgId, actor: caller.email, action: 'response.accept', target: resp.id, details: { reason: resp.suspect.reason } });
    // Into the figures: live figures and alerts re-read the scopes as after a restore.
    this.deps.events.emit('response:excluded', { response: { ...resp, suspect }, excluded: false });
    return { id: resp.id, suspect };
  }

  async exclude(caller: Caller, id: string, reason: string): Promise<{ id: string; excluded: NonNullable<StoredResponse['excluded']> }> {
    const resp = await this.reachable(caller, id);
    const excluded = { reason, by: caller.email, at: new Date().toISOString() };
    if (!(await this.deps.store.setExclusion(resp.id, excluded, await this.deltas(resp, -1)))) throw new DomainError('conflict', 'Already excluded');
    await this.deps.audit.record({ orgId: resp.orgId, actor: caller.email, action: 'response.exclude', target: resp.id, details: { reason } });
    this.deps.events.emit('response:excluded', { response: { ...resp, excluded }, excluded: true });
    return { id: resp.id, excluded };
  }

  async include(caller: Caller, id: string): Promise<{ id: string; excluded: null }> {
    const resp = await this.reachable(caller, id);
    if (!(await this.deps.store.setExclusion(resp.id, null, await this.deltas(resp, 1)))) throw new DomainError('conflict', 'Not excluded');
    await this.deps.audit.record({ orgId: resp.orgId, actor: caller.email, action: 'response.include', target: resp.id });
    this.deps.events.emit('response:excluded', { response: { ...resp, excluded: null }, excluded: false });
    return { id: resp.id, excluded: null };
  }

  private async reachable(viewer: Viewer, id: string): Promise<StoredResponse> {
    return authorise(viewer, 'response', await this.deps.store.getResponse(canonicalResponseId(id)));
  }

  /** The aggregate deltas of a response, negated (-1) to take it out or restored (1). */
  private async deltas(resp: StoredResponse, sign: 1 | -1) {
    const survey = await this.deps.surveys.get(resp.surveyVersionId);
    // A stored response always names a version that exists: versions are never deleted.
    return deltasFor(resp, survey!.definition, sign);
  }
}
