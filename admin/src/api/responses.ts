/**
 * Stored responses: GET /responses (newest first; keyset paging with
 * beforeTime / beforeId), and taking one out of the figures or back in:
 * POST / DELETE /responses/:id/exclusion (admin, manager; audited).
 */
import { request, seg, type CallOptions } from './http';
import type { ExclusionResult, ResponseList, ResponsesQuery } from '../types';

export const listResponses = (q: ResponsesQuery = {}, opts: CallOptions = {}): Promise<ResponseList> => request('/responses', { ...opts, query: { ...q } });

export const excludeResponse = (id: string, reason: string): Promise<ExclusionResult> => request(`/responses/${seg(id)}/exclusion`, { method: 'POST', json: { reason } });

export const includeResponse = (id: string): Promise<ExclusionResult> => request(`/responses/${seg(id)}/exclusion`, { method: 'DELETE' });
