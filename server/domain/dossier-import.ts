/**
 * The CSV import of dossier outcomes, for offices whose one-stop system only
 * exports files. One row per dossier (columns in shared/api CSV_COLUMNS);
 * each filled group of a row is one event, judged by the same rules as the
 * API (DossierOutcomesService.prepare).
 *
 * A row is all or nothing: if any of its events is bad — invalid, outside the
 * caller's unit, or in conflict with what is stored or with an earlier row —
 * the row is reported (row number + column) and none of its events is stored.
 * Preview stores nothing; commit stores the good rows in one transaction.
 */
import { CSV_COLUMNS, MAX_CSV_ROWS, type CsvImportResult, type DossierEventName } from '../../shared/api/dossier-outcomes';
import type { DossierEventRecord } from '../store/types';
import { CsvError, parseCsv } from './csv';
import { DomainError } from './errors';
import { resultOf, type DossierOutcomesService, type OutcomeScope, type PreparedOutcome } from './dossier-outcomes.service';

type Column = (typeof CSV_COLUMNS)[number];

/** Where an API field of an event lives in the CSV, to name the column a row's error is about. */
const COLUMN_OF: Record<DossierEventName, Record<string, Column>> = {
  received: { receivedAt: 'receivedAt', dueAt: 'dueAt', dossierRef: 'dossierRef', unit: 'unit', event: 'receivedAt' },
  settled: { settledAt: 'settledAt', late: 'late', dossierRef: 'dossierRef', unit: 'unit', event: 'settledAt' },
  complaint: { raised: 'complaint', raisedAt: 'complaintAt', dossierRef: 'dossierRef', unit: 'unit', event: 'complaint' },
};

const YES = new Set(['1', 'x', 'yes', 'y', 'true', 'có', 'co', 'trễ', 'tre', 'trễ hạn']);
const NO = new Set(['0', 'no', 'n', 'false', 'không', 'khong', 'đúng hạn', 'dung han']);

/** Yes/no as offices write it (có/không, yes/no, 1/0, x); anything else is left as text so validation names the column. */
function yesNo(v: string): boolean | string {
  const k = v.trim().toLowerCase().normalize('NFC');
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return v;
}

const pad = (s: string) => s.padStart(2, '0');

/**
 * A CSV time: ISO 8601 with offset as it is; a local (Vietnam) `YYYY-MM-DD`,
 * `YYYY-MM-DD HH:MM[:SS]` or `DD/MM/YYYY[ HH:MM[:SS]]` gets +07:00. Anything
 * else is left as written, for validation to refuse by column.
 */
export function csvTime(v: string): string {
  const s = v.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return s;
  m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}T${pad(m[4])}:${m[5]}:${m[6] ?? '00'}+07:00`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return m[4] ? `${m[3]}-${pad(m[2])}-${pad(m[1])}T${pad(m[4])}:${m[5]}:${m[6] ?? '00'}+07:00` : `${m[3]}-${pad(m[2])}-${pad(m[1])}`;
  return s;
}

interface RowIssue {
  row: number;
  field: string;
  message: string;
}

/** The events one CSV row holds, as API items (still unvalidated). */
function eventsOfRow(get: (c: Column) => string): { items: Record<string, unknown>[]; issues: { field: string; message: string }[] } {
  const base: Record<string, unknown> = { dossierRef: get('dossierRef') };
  if (get('unit')) base.unit = get('unit');
  const items: Record<string, unknown>[] = [];
  const issues: { field: string; message: string }[] = [];
  if (get('receivedAt') || get('dueAt')) {
    items.push({ ...base, event: 'received', receivedAt: csvTime(get('receivedAt')), ...(get('dueAt') ? { dueAt: csvTime(get('dueAt')) } : {}) });
  }
  if (get('settledAt') || get('late')) {
    items.push({ ...base, event: 'settled', settledAt: csvTime(get('settledAt')), late: get('late') ? yesNo(get('late')) : undefined });
  }
  if (get('complaint') || get('complaintAt')) {
    if (!get('complaint')) issues.push({ field: 'complaint', message: 'required when complaintAt is given (có/không)' });
    else items.push({ ...base, event: 'complaint', raised: yesNo(get('complaint')), ...(get('complaintAt') ? { raisedAt: csvTime(get('complaintAt')) } : {}) });
  }
  if (!items.length && !issues.length) issues.push({ field: 'dossierRef', message: 'the row has no outcome (receivedAt, settledAt or complaint)' });
  return { items, issues };
}

export async function importOutcomesCsv(svc: DossierOutcomesService, text: string, scope: OutcomeScope, mode: 'preview' | 'commit', now = Date.now()): Promise<CsvImportResult> {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw new DomainError('invalid-input', `CSV row ${err.row}: ${err.message}`, [{ path: `row ${err.row}`, message: err.message }]);
    throw err;
  }
  if (!records.length) throw new DomainError('invalid-input', 'The file is empty', [{ path: 'header', message: 'a header row is required' }]);
  if (records.length - 1 > MAX_CSV_ROWS) throw new DomainError('payload-too-large', `At most ${MAX_CSV_ROWS} rows per file`);

  // The header: known names only (case-insensitive), each once, dossierRef required.
  const [header, ...rows] = records;
  const known = new Map(CSV_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const index = new Map<Column, number>();
  const headerIssues: { path: string; message: string }[] = [];
  header.fields.forEach((name, i) => {
    const col = known.get(name.trim().toLowerCase());
    if (!col) headerIssues.push({ path: `header.${name.trim() || i + 1}`, message: `unknown column; known: ${CSV_COLUMNS.join(', ')}` });
    else if (index.has(col)) headerIssues.push({ path: `header.${col}`, message: 'column given twice' });
    else index.set(col, i);
  });
  if (!index.has('dossierRef')) headerIssues.push({ path: 'header.dossierRef', message: 'required column' });
  if (headerIssues.length) throw new DomainError('invalid-input', 'The CSV header is not valid', headerIssues);

  const resolveUnit = await svc.unitResolver(scope.orgId);
  const errors: RowIssue[] = [];
  const good: { row: number; prepared: PreparedOutcome[] }[] = [];
  for (const rec of rows) {
    const get = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? '' : (rec.fields[i] ?? '').trim();
    };
    if (rec.fields.length > header.fields.length) {
      errors.push({ row: rec.row, field: 'row', message: `${rec.fields.length} fields, the header has ${header.fields.length}` });
      continue;
    }
    const { items, issues } = eventsOfRow(get);
    const rowIssues: RowIssue[] = issues.map((i) => ({ row: rec.row, ...i }));
    const prepared: PreparedOutcome[] = [];
    for (const item of items) {
      const event = item.event as DossierEventName;
      const p = await svc.prepare(item, scope, resolveUnit, now);
      if ('record' in p) prepared.push(p);
      else for (const d of p.error?.details ?? [{ path: 'event', message: p.error?.message ?? p.status }]) rowIssues.push({ row: rec.row, field: COLUMN_OF[event][d.path] ?? d.path, message: d.message });
    }
    // Report each column once per row.
    const seen = new Set<string>();
    const unique = rowIssues.filter((i) => !seen.has(i.field) && seen.add(i.field));
    if (unique.length) errors.push(...unique);
    else good.push({ row: rec.row, prepared });
  }

  // Judge the good rows against what is stored and against earlier rows of the file, row by row.
  const stored = await svc.stored(scope.orgId, good.flatMap((g) => g.prepared.map((p) => p.record.dossierHash)));
  const accepted: { row: number; records: DossierEventRecord[]; fresh: number; duplicate: number }[] = [];
  for (const g of good) {
    const rowIssues: RowIssue[] = [];
    let fresh = 0;
    let duplicate = 0;
    const records: DossierEventRecord[] = [];
    for (const { record } of g.prepared) {
      const events = stored.get(record.dossierHash) ?? [];
      const event = record.facts.event;
      const same = events.find((e) => e.facts.event === event);
      const unit = events.find((e) => e.unitId !== null)?.unitId ?? null;
      if (same && same.factsHash !== record.factsHash) rowIssues.push({ row: g.row, field: COLUMN_OF[event].event, message: `this dossier's "${event}" was already recorded with other facts` });
      else if (!same && record.unitId !== null && unit !== null && unit !== record.unitId) rowIssues.push({ row: g.row, field: 'unit', message: 'differs from the unit already recorded for this dossier' });
      else if (same) duplicate++;
      else {
        fresh++;
        records.push(record);
      }
    }
    if (rowIssues.length) {
      errors.push(...rowIssues);
      continue;
    }
    // Later rows see this row's events, as they will once stored.
    for (const r of records) stored.set(r.dossierHash, [...(stored.get(r.dossierHash) ?? []), r]);
    accepted.push({ row: g.row, records, fresh, duplicate });
  }

  let storedCount = 0;
  let duplicateCount = accepted.reduce((n, a) => n + a.duplicate, 0);
  const newCount = accepted.reduce((n, a) => n + a.fresh, 0);
  if (mode === 'commit') {
    const all = accepted.flatMap((a) => a.records);
    const outcomes = await svc.storeRecords(all);
    let k = 0;
    for (const a of accepted) {
      for (const r of a.records) {
        const res = resultOf(r.facts.event, outcomes[k++]);
        // Only a writer racing this import between the check and the write gets here.
        if (res.status === 'stored') storedCount++;
        else if (res.status === 'duplicate') duplicateCount++;
        else errors.push({ row: a.row, field: COLUMN_OF[r.facts.event].event, message: res.error?.message ?? 'conflict' });
      }
    }
  }
  errors.sort((a, b) => a.row - b.row);
  const badRows = new Set(errors.map((e) => e.row)).size;
  return {
    mode,
    rows: rows.length,
    validRows: accepted.length,
    badRows,
    events: { stored: storedCount, duplicate: duplicateCount, new: newCount },
    errors,
  };
}
