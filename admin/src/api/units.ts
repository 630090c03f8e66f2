/** Units the user may see (a unit head: their own): GET /units. */
import { request, type CallOptions } from './http';
import type { UnitList } from '../types';

export const listUnits = (opts: CallOptions = {}): Promise<UnitList> => request('/units', opts);
