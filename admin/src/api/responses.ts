/**
 * Stored responses: GET /responses (newest first), and taking one out of the
 * figures or back in: POST / DELETE /responses/:id/exclusion (audited).
 */
import { request, seg, type CallOptions } from './http';
import type { ItemsOf, ResponseListItem, ResponsesQuery } from '../types';

export const listResponses = (q: ResponsesQuery = {}, opts: CallOptions = {}): Promise<ItemsOf<ResponseListItem>> =>
  request('/responses', { ...opts, query: { ...q } });

export const excludeResponse = (id: string, reason: string): Promise<{ id: string; excluded: { reason: string; by: string; at: string } }> =>
  request(`/responses/${seg(id)}/exclusion`, { method: 'POST', json: { reason } });

export const includeResponse = (id: string): Promise<unknown> => request(`/responses/${seg(id)}/exclusion`, { method: 'DELETE' });
