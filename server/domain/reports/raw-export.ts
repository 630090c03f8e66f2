/**
 * The raw responses of a period and scope, read from the store a page at a
 * time (keyset paging, newest first) so millions of rows never sit in
 * memory: each page is written out before the next is read. Columns: the
 * response's facts, then one per question of the organisation's survey (its
 * question ids, which are the SIPAS codes O, A1…, H, M, reasons, expect).
 * No comment text and no dossier reference: no personal data by default.
 */
import type { StoredResponse, Store } from '../../store/types';
import { countsInFigures } from '../../store/types';

export const EXPORT_PAGE = 1000;

export interface RawExportScope {
  orgId: string;
  from: number;
  to: number;
  unitIds?: string[];
}

const FACTS = ['id', 'serverTime', 'clientTime', 'channel', 'verified', 'counted', 'unitId', 'servicePointId', 'officerId', 'procedureId', 'surveyVersionId', 'locale', 'hasComment'] as const;

/** Pages of responses, excluded ones left out, newest first. */
export async function* responsePages(store: Store, scope: RawExportScope, pageSize = EXPORT_PAGE): AsyncGenerator<StoredResponse[]> {
  let before: { serverTime: string; id: string } | undefined;
  for (;;) {
    const page = await store.listResponses({
      orgId: scope.orgId,
      from: new Date(scope.from).toISOString(),
      to: new Date(scope.to).toISOString(),
      unitIds: scope.unitIds,
      limit: pageSize,
      before,
    });
    if (page.length) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    before = { serverTime: last.serverTime, id: last.id };
  }
}

export function rawColumns(questionIds: readonly string[]): string[] {
  return [...FACTS, ...questionIds];
}

function answerText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.join('|');
  return String(v);
}

export function rawRecord(r: StoredResponse, questionIds: readonly string[]): Record<string, string | number | boolean | null> {
  const rec: Record<string, string | number | boolean | null> = {
    id: r.id,
    serverTime: r.serverTime,
    clientTime: r.clientTime,
    channel: r.channel,
    verified: r.verified,
    counted: countsInFigures(r),
    unitId: r.unitId,
    servicePointId: r.servicePointId,
    officerId: r.officerId,
    procedureId: r.procedureId,
    surveyVersionId: r.surveyVersionId,
    locale: r.locale,
    hasComment: !!r.comment,
  };
  for (const q of questionIds) {
    const v = r.answers[q];
    rec[q] = typeof v === 'number' ? v : v === undefined ? null : answerText(v);
  }
  return rec;
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const csvHeader = (columns: readonly string[]): string => `\uFEFF${columns.map(csvField).join(',')}\r\n`;

export function csvLines(page: StoredResponse[], questionIds: readonly string[]): string {
  const cols = rawColumns(questionIds);
  return page
    .map((r) => {
      const rec = rawRecord(r, questionIds);
      return cols.map((c) => csvField(rec[c] === null || rec[c] === undefined ? '' : String(rec[c]))).join(',');
    })
    .join('\r\n') + '\r\n';
}

export const ndjsonLines = (page: StoredResponse[], questionIds: readonly string[]): string => page.map((r) => JSON.stringify(rawRecord(r, questionIds))).join('\n') + '\n';
