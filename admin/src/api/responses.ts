/**
 * Stored responses: GET /responses (newest first; keyset paging with
 * beforeTime / beforeId; narrowed by score, procedure, accent-free comment
 * text `q` and `handled`), marking a comment handled (POST
 * /responses/:id/handled, audited), taking one out of the figures or back in:
 * POST / DELETE /responses/:id/exclusion (admin, manager; audited), and the
 * suspect-ratings review: GET /responses/suspect, POST /responses/:id/accept.
 */
import { request, seg, type CallOptions } from './http';
import type { AcceptResult, ExclusionResult, HandledResult, ResponseList, ResponsesQuery, SuspectQuery } from '../types';

export const listResponses = (q: ResponsesQuery = {}, opts: CallOptions = {}): Promise<ResponseList> => request('/responses', { ...opts, query: { ...q } });

export const clearHandled = (id: string): Promise<{ id: string; handled: null }> => request(`/responses/${seg(id)}/handled`, { method: 'DELETE' });
export const markHandled = (id: string, note: string): Promise<HandledResult> => request(`/responses/${seg(id)}/handled`, { method: 'POST', json: { note } });

export const excludeResponse = (id: string, reason: string): Promise<ExclusionResult> => request(`/responses/${seg(id)}/exclusion`, { method: 'POST', json: { reason } });

export const includeResponse = (id: string): Promise<ExclusionResult> => request(`/responses/${seg(id)}/exclusion`, { method: 'DELETE' });

export const listSuspect = (q: SuspectQuery = {}, opts: CallOptions = {}): Promise<ResponseList> => request('/responses/suspect', { ...opts, query: { ...q } });

export const acceptSuspect = (id: string): Promise<AcceptResult> => request(`/responses/${seg(id)}/accept`, { method: 'POST' });
