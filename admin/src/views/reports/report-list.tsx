/**
 * What the drafts list and the archive of issued reports share: the time a
 * report was made (Vietnam time), its two files, the table with its loading
 * and error states, and the panel of what changed since (late uploads,
 * exclusions) — so both lists read and behave alike.
 */
import type { ComponentChildren } from 'preact';
import { useViewSpeech } from '../../i18n';
import { reportsMessages } from './messages';
import type { IssuedReportDetail } from '../../api/reports';
import { DataTable, loadedRows, type Column } from '../../ui/data-table';

type Difference = IssuedReportDetail['differences'][number];

/** `at`: 02/12/2026 14:05 in Vietnam time; `figure`: a changed figure, as a percentage where the path names a rate or index. */
export function useReportFormat() {
  const { pct, num, time, date } = useViewSpeech(reportsMessages);
  const at = (iso: string) => `${date(new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10))} ${time(iso)}`;
  const figure = (path: string, x: number | null) => (x === null ? '—' : path.endsWith('rate') || path.endsWith('Index') || path.endsWith('value') ? pct(x) : num(x));
  return { at, figure };
}

/** The DOCX and XLSX download links of one report. */
export function ReportFiles({ url }: { url: (format: 'docx' | 'xlsx') => string }) {
  return (
    <>
      <a href={url('docx')} download>
        DOCX
      </a>
      <a href={url('xlsx')} download>
        XLSX
      </a>
    </>
  );
}

/** The list of reports: loading, failed, empty or its rows. */
export function ReportTable<R extends { id: string }>(props: { columns: Column<R>[]; items: R[] | null; failed: boolean; empty: string; label: string }) {
  const { v } = useViewSpeech(reportsMessages);
  return (
    <DataTable
      columns={props.columns}
      {...loadedRows(props.items, props.failed)}
      rowKey={(r) => r.id}
      emptyText={props.empty}
      errorText={v.reports.loadFailed}
      scrollLabel={props.label}
    />
  );
}

/** The opened report's changes: loading, failed, or what `children` makes of its detail. */
export function ChangesPanel<D>({ opened, testId, children }: { opened: { detail: D | null; failed: boolean }; testId: string; children: (detail: D) => ComponentChildren }) {
  const { v } = useViewSpeech(reportsMessages);
  return (
    <div class="reports-diff" role="region" aria-live="polite" data-testid={testId}>
      {opened.failed ? <p role="alert">{v.reports.loadFailed}</p> : !opened.detail ? <p class="muted">{v.reports.loading}</p> : children(opened.detail)}
    </div>
  );
}

/** Each changed figure: as issued (or prepared) → as it stands now. */
export function DifferenceList({ differences }: { differences: Difference[] }) {
  const { local } = useViewSpeech(reportsMessages);
  const { figure } = useReportFormat();
  return (
    <ul>
      {differences.map((d) => (
        <li key={d.path}>
          {local(d.label)}: <span class="muted">{figure(d.path, d.issued)}</span> → <strong>{figure(d.path, d.current)}</strong>
        </li>
      ))}
    </ul>
  );
}
