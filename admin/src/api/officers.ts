/** Officers the user may see: GET /officers; POST /officers, PATCH /officers/:id (audited). */
import { request, seg, type CallOptions } from './http';
import type { Officer, OfficerCreateBody, OfficerList, OfficerPatchBody } from '../types';

export const listOfficers = (opts: CallOptions = {}): Promise<OfficerList> => request('/officers', opts);

export const createOfficer = (body: OfficerCreateBody): Promise<Officer> => request('/officers', { method: 'POST', json: body });

export const updateOfficer = (id: string, patch: OfficerPatchBody): Promise<Officer> => request(`/officers/${seg(id)}`, { method: 'PATCH', json: patch });
