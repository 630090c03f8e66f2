/** The signed-in user's organisation: GET /organisation, PATCH /organisation (admin; audited). */
import { request, type CallOptions } from './http';
import type { Organisation, OrganisationPatch } from '../types';

export const getOrganisation = (opts: CallOptions = {}): Promise<Organisation> => request('/organisation', opts);

export const updateOrganisation = (patch: OrganisationPatch): Promise<Organisation> => request('/organisation', { method: 'PATCH', json: patch });
