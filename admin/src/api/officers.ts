/** Officers the user may see: GET /officers; POST /officers, PATCH /officers/:id, POST|DELETE /officers/:id/photo (audited). */
import { request, seg, type CallOptions } from './http';
import type { Officer, OfficerCreateBody, OfficerList, OfficerPatchBody } from '../types';

export const listOfficers = (opts: CallOptions = {}): Promise<OfficerList> => request('/officers', opts);

export const createOfficer = (body: OfficerCreateBody): Promise<Officer> => request('/officers', { method: 'POST', json: body });

export const updateOfficer = (id: string, patch: OfficerPatchBody): Promise<Officer> => request(`/officers/${seg(id)}`, { method: 'PATCH', json: patch });

/** The image itself as the body (JPEG, PNG or WebP, at most 2 MB); the server stores a 256 px square. */
export const setOfficerPhoto = (id: string, file: File): Promise<Officer> =>
  request(`/officers/${seg(id)}/photo`, { method: 'POST', file: { body: file, type: file.type || 'application/octet-stream' } });

export const removeOfficerPhoto = (id: string): Promise<Officer> => request(`/officers/${seg(id)}/photo`, { method: 'DELETE' });
