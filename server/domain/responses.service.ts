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
import { Entities, type CommentHandled } from './entities';

export interface ResponsesDeps {
  store: Store;
  surveys: SurveysService;
  audit: AuditService;
  events: EventBus;
}

/** A list query as the viewer asks it; the organisation and unit limits come from the viewer. */
export type ResponseListFilter = Omit<ResponseQuery, 'orgId' | 'unitIds'> & { unitId?: string };

/** What the comments screen narrows by beyond the store's own query (read page by page, matched here). */
export interface CommentMatch {
  procedureId?: string;
  score?: number;
  /** Comment text, compared with accents and case folded away. */
  q?: string;
  handled?: boolean;
}

/** Lower case without accents, đ as d: "Chờ ĐỢI lâu" → "cho doi lau" (the store folds the same way). */
export { foldText } from '../../shared/fold-text';

/** A response and, when it was marked so, who handled its comment. */
export type ListedResponse = StoredResponse & { handled: Pick<CommentHandled, 'note' | 'by' | 'at'> | null };

/** How many store rows a list narrowed by handled state reads at most before answering with what it found. */
const SCAN_LIMIT = 20_000;

export class ResponsesService {
  private readonly entities: Entities;
  constructor(private readonly deps: ResponsesDeps) {
    this.entities = new Entities(deps.store);
  }

  /**
   * The list with each response's handled mark, narrowed by score, procedure
   * and comment text (accents folded on both sides) in the store query, so
   * keyset paging reaches every match however many rows there are. Only the
   * handled state (a separate record) is matched here, reading the store
   * page by page until `limit` match (or SCAN_LIMIT rows were read).
   */
  async listMatching(viewer: Viewer, filter: ResponseListFilter, match: CommentMatch = {}): Promise<ListedResponse[]> {
    const query: ResponseListFilter = {
      ...filter,
      ...(match.q && match.q.trim() ? { commentContains: match.q } : {}),
      ...(match.score !== undefined ? { overall: match.score } : {}),
      ...(match.procedureId ? { procedureId: match.procedureId } : {}),
    };
    if (match.handled === undefined) return Promise.all((await this.list(viewer, query)).map((r) => this.handledOf(r)));
    const out: ListedResponse[] = [];
    let before = filter.before;
    let read = 0;
    for (;;) {
      const page = await this.list(viewer, { ...query, before, limit: 500 });
      read += page.length;
      const marked = await Promise.all(page.map((r) => this.handledOf(r)));
      for (const r of marked) {
        if (!!r.handled !== match.handled) continue;
        out.push(r);
        if (out.length >= filter.limit) return out;
      }
      if (page.length < 500 || read >= SCAN_LIMIT) return out;
      const last = page[page.length - 1];
      before = { serverTime: last.serverTime, id: last.id };
    }
  }

  /** Marks a response's comment handled with a note (who and when recorded); audited. Marking again replaces the note. */
  async markHandled(caller: Caller, id: string, note: string): Promise<{ id: string; handled: Pick<CommentHandled, 'note' | 'by' | 'at'> }> {
    const resp = await this.reachable(caller, id);
    const before = await this.entities.get('commentHandled', resp.id);
    const handled = { note, by: caller.email, at: new Date().toISOString() };
    await this.entities.put('commentHandled', { id: resp.id, orgId: resp.orgId, unitId: resp.unitId, ...handled });
    await this.deps.audit.record({
      orgId: resp.orgId,
      actor: caller.email,
      action: 'response.handled',
      target: resp.id,
      details: before ? { note: { before: before.note, after: note } } : { note },
    });
    return { id: resp.id, handled };
  }

  /** Takes a handled mark back; audited with the note, who and when it had. 409 when the comment is not marked. */
  async clearHandled(caller: Caller, id: string): Promise<{ id: string }> {
    const resp = await this.reachable(caller, id);
    const before = await this.entities.get('commentHandled', resp.id);
    if (!before || !(await this.entities.delete('commentHandled', resp.id))) throw new DomainError('conflict', 'Not marked handled');
    await this.deps.audit.record({
      orgId: resp.orgId,
      actor: caller.email,
      action: 'response.unhandled',
      target: resp.id,
      details: { note: { before: before.note, after: null }, by: before.by, at: before.at },
    });
    return { id: resp.id };
  }

  private async handledOf(r: StoredResponse): Promise<ListedResponse> {
    const h = await this.entities.get('commentHandled', r.id);
    return { ...r, handled: h ? { note: h.note, by: h.by, at: h.at } : null };
  }

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
