/** Administrative procedures: GET /procedures; POST /procedures, PATCH /procedures/:id, POST /procedures/import[/file] (preview, then write). */
import { request, seg, type CallOptions } from './http';
import type { Procedure, ProcedureCreateBody, ProcedureImportResult, ProcedureList, ProcedurePatchBody } from '../types';

export const listProcedures = (opts: CallOptions = {}): Promise<ProcedureList> => request('/procedures', opts);

export const createProcedure = (body: ProcedureCreateBody): Promise<Procedure> => request('/procedures', { method: 'POST', json: body });

export const updateProcedure = (id: string, patch: ProcedurePatchBody): Promise<Procedure> => request(`/procedures/${seg(id)}`, { method: 'PATCH', json: patch });

/** The CSV's rows with their fate; `dryRun: false` writes the good ones. */
export const importProcedures = (csv: string, dryRun: boolean): Promise<ProcedureImportResult> => request('/procedures/import', { method: 'POST', json: { csv, dryRun } });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file itself (XLSX or CSV, up to 8 MB): the same preview; `dryRun: false` writes the good rows. */
export const importProceduresFile = (file: Blob, isXlsx: boolean, dryRun: boolean): Promise<ProcedureImportResult> =>
  request('/procedures/import/file', { method: 'POST', query: { dryRun: String(dryRun) }, file: { body: file, type: isXlsx ? XLSX_TYPE : 'text/csv' } });
