/** Administrative procedures: GET /procedures. */
import { request, type CallOptions } from './http';
import type { ItemsOf, Procedure } from '../types';

export const listProcedures = (opts: CallOptions = {}): Promise<ItemsOf<Procedure>> => request('/procedures', opts);
