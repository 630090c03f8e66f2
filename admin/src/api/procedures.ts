/** Administrative procedures: GET /procedures; POST /procedures, PATCH /procedures/:id, POST /procedures/import (CSV preview, then write). */
import { request, seg, type CallOptions } from './http';
import type { Procedure, ProcedureCreateBody, ProcedureImportResult, ProcedureList, ProcedurePatchBody } from '../types';

export const listProcedures = (opts: CallOptions = {}): Promise<ProcedureList> => request('/procedures', opts);

export const createProcedure = (body: ProcedureCreateBody): Promise<Procedure> => request('/procedures', { method: 'POST', json: body });

export const updateProcedure = (id: string, patch: ProcedurePatchBody): Promise<Procedure> => request(`/procedures/${seg(id)}`, { method: 'PATCH', json: patch });

/** The CSV's rows with their fate; `dryRun: false` writes the good ones. */
export const importProcedures = (csv: string, dryRun: boolean): Promise<ProcedureImportResult> => request('/procedures/import', { method: 'POST', json: { csv, dryRun } });
