/** Administrative procedures: GET /procedures. */
import { request, type CallOptions } from './http';
import type { ProcedureList } from '../types';

export const listProcedures = (opts: CallOptions = {}): Promise<ProcedureList> => request('/procedures', opts);
