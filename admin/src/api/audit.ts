/** The audit log of admin changes, newest first (admin, manager): GET /audit. */
import { request, type CallOptions } from './http';
import type { AuditList, AuditQuery } from '../types';

export const listAudit = (q: AuditQuery = {}, opts: CallOptions = {}): Promise<AuditList> => request('/audit', { ...opts, query: { ...q } });
