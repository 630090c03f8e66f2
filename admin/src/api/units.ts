/** Units the user may see (a unit head: their own): GET /units; and POST /units, PATCH /units/:id. */
import { request, seg, type CallOptions } from './http';
import type { Unit, UnitCreateBody, UnitList, UnitPatchBody } from '../types';

export const listUnits = (opts: CallOptions = {}): Promise<UnitList> => request('/units', opts);

/** POST /units (admin, manager; audited). */
export const createUnit = (body: UnitCreateBody): Promise<Unit> => request('/units', { method: 'POST', json: body });

/** PATCH /units/:id: rename, or `active: false` to deactivate (kept, audited). */
export const updateUnit = (id: string, patch: UnitPatchBody): Promise<Unit> => request(`/units/${seg(id)}`, { method: 'PATCH', json: patch });
