/** Periodic reports: GET /reports/content (JSON) and the download links of its formats. */
import { apiUrl, request, seg, type CallOptions } from './http';
import type { ReportContent, ReportTable } from '../../../shared/api/reports';

export type { ReportContent, ReportTable };

export interface ReportSelection {
  period: string;
  unitId?: string;
  lang?: 'vi' | 'en';
}

export const getReportContent = (q: ReportSelection, opts: CallOptions = {}): Promise<ReportContent> =>
  request('/reports/content', { ...opts, query: { period: q.period, unitId: q.unitId } });

/** Links for the downloads (the browser sends the session cookie). */
export const reportFileUrl = (format: 'xlsx' | 'docx', q: ReportSelection): string =>
  apiUrl(`/reports/report.${format}`, { period: q.period, unitId: q.unitId, lang: q.lang });
export const reportCsvUrl = (table: ReportTable, q: ReportSelection): string =>
  apiUrl('/reports/report.csv', { period: q.period, unitId: q.unitId, lang: q.lang, table });
export const reportPrintUrl = (q: ReportSelection): string => {
  const p = new URLSearchParams({ period: q.period, lang: q.lang ?? 'vi' });
  if (q.unitId) p.set('unitId', q.unitId);
  return `/reports/print?${p}`;
};

import type { IssuedReport, IssuedReportDetail } from '../../../shared/api/reports';
export type { IssuedReport, IssuedReportDetail };

export const issueReport = (q: ReportSelection): Promise<IssuedReport> =>
  request('/reports/issued', { method: 'POST', json: { period: q.period, unitId: q.unitId, lang: q.lang ?? 'vi' } });
export const listIssuedReports = (opts: CallOptions = {}): Promise<{ items: IssuedReport[] }> => request('/reports/issued', opts);
export const getIssuedReport = (id: string, opts: CallOptions = {}): Promise<IssuedReportDetail> => request(`/reports/issued/${seg(id)}`, opts);
export const issuedFileUrl = (id: string, format: 'docx' | 'xlsx'): string => apiUrl(`/reports/issued/${seg(id)}/report.${format}`);

/** The raw responses of the period, streamed by the server (CSV with BOM or NDJSON). */
export const rawExportUrl = (format: 'csv' | 'ndjson', q: ReportSelection): string => apiUrl(`/reports/responses.${format}`, { period: q.period, unitId: q.unitId });

import type { ReportDraft, ReportDraftDetail } from '../../../shared/api/reports';
export type { ReportDraft, ReportDraftDetail };

/** Monthly drafts the server prepares on the 1st; issuing one freezes the report of its period and scope as it stands. */
export const listReportDrafts = (opts: CallOptions = {}): Promise<{ items: ReportDraft[] }> => request('/reports/drafts', opts);
export const getReportDraft = (id: string, opts: CallOptions = {}): Promise<ReportDraftDetail> => request(`/reports/drafts/${seg(id)}`, opts);
export const draftFileUrl = (id: string, format: 'docx' | 'xlsx', lang: 'vi' | 'en'): string => apiUrl(`/reports/drafts/${seg(id)}/report.${format}`, { lang });
export const issueReportDraft = (id: string, lang: 'vi' | 'en'): Promise<IssuedReport> => request(`/reports/drafts/${seg(id)}/issue`, { method: 'POST', json: { lang } });
