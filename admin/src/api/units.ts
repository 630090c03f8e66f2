/** Units the user may see (a unit head: their own): GET /units. */
import { request, type CallOptions } from './http';
import type { ItemsOf, Unit } from '../types';

export const listUnits = (opts: CallOptions = {}): Promise<ItemsOf<Unit>> => request('/units', opts);
