/** The archive of issued reports: each as sent (its files), and what changed since it was issued. */
import { useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { reportsMessages } from './messages';
import { getIssuedReport, issuedFileUrl, listIssuedReports, type IssuedReport, type IssuedReportDetail } from '../../api/reports';
import { DataTable, type Column } from '../../ui/data-table';

type Difference = IssuedReportDetail['differences'][number];

export function Archive({ refresh }: { refresh: number }) {
  const { v, pct, num, local, time, date, fill } = useViewSpeech(reportsMessages);
  /** 02/12/2026 14:05 in Vietnam time. */
  const at = (iso: string) => `${date(new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10))} ${time(iso)}`;
  const [items, setItems] = useState<IssuedReport[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState<{ id: string; detail: IssuedReportDetail | null; failed: boolean } | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setFailed(false);
    listIssuedReports({ signal: ctl.signal }).then(
      (r) => setItems(r.items),
      () => !ctl.signal.aborted && setFailed(true),
    );
    return () => ctl.abort();
  }, [refresh]);

  const show = (id: string) => {
    setOpen({ id, detail: null, failed: false });
    getIssuedReport(id).then(
      (detail) => setOpen({ id, detail, failed: false }),
      () => setOpen({ id, detail: null, failed: true }),
    );
  };
  const figure = (d: Difference, x: number | null) => (x === null ? '—' : d.path.endsWith('rate') || d.path.endsWith('Index') || d.path.endsWith('value') ? pct(x) : num(x));

  const columns: Column<IssuedReport>[] = [
    { id: 'period', header: v.reports.archive.period, rowHeader: true, cell: (r) => `${local(r.periodLabel)} · ${local(r.scopeName)}` },
    { id: 'rate', header: v.reports.rate, numeric: true, cell: (r) => `${pct(r.rate)} (n = ${num(r.n)})` },
    { id: 'when', header: v.reports.archive.issuedAt, cell: (r) => <span class="nowrap">{at(r.issuedAt)}</span> },
    { id: 'who', header: v.reports.archive.issuedBy, cell: (r) => r.issuedBy },
    { id: 'hash', header: v.reports.archive.hash, cell: (r) => <code title={r.contentHash}>{r.contentHash.slice(0, 12)}</code> },
    {
      id: 'files',
      header: v.reports.archive.files,
      cell: (r) => (
        <span class="reports-files">
          <a href={issuedFileUrl(r.id, 'docx')} download>
            DOCX
          </a>
          <a href={issuedFileUrl(r.id, 'xlsx')} download>
            XLSX
          </a>
          <button type="button" class="btn btn-secondary" onClick={() => show(r.id)} data-testid={`issued-${r.id}-changes`}>
            {v.reports.archive.changes}
          </button>
        </span>
      ),
    },
  ];

  return (
    <section class="card" aria-label={v.reports.archive.title} data-testid="report-archive">
      <h2>{v.reports.archive.title}</h2>
      <DataTable
        columns={columns}
        rows={items ?? []}
        rowKey={(r) => r.id}
        state={failed ? 'error' : items ? 'ready' : 'loading'}
        emptyText={v.reports.archive.empty}
        errorText={v.reports.loadFailed}
        scrollLabel={v.reports.archive.title}
      />
      {open && (
        <div class="reports-diff" role="region" aria-live="polite" data-testid="report-differences">
          {open.failed ? (
            <p role="alert">{v.reports.loadFailed}</p>
          ) : !open.detail ? (
            <p class="muted">{v.reports.loading}</p>
          ) : open.detail.differences.length === 0 ? (
            <p>{v.reports.archive.unchanged}</p>
          ) : (
            <>
              <p>{fill(v.reports.archive.changed, { n: open.detail.differences.length })}</p>
              <ul>
                {open.detail.differences.map((d) => (
                  <li key={d.path}>
                    {local(d.label)}: <span class="muted">{figure(d, d.issued)}</span> → <strong>{figure(d, d.current)}</strong>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
