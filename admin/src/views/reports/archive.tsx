/** The archive of issued reports: each as sent (its files), and what changed since it was issued. */
import { useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { reportsMessages } from './messages';
import { getIssuedReport, issuedFileUrl, listIssuedReports, type IssuedReport, type IssuedReportDetail } from '../../api/reports';
import type { Column } from '../../ui/data-table';
import { ChangesPanel, DifferenceList, ReportFiles, ReportTable, useReportFormat } from './report-list';

export function Archive({ refresh }: { refresh: number }) {
  const { v, pct, num, local, fill } = useViewSpeech(reportsMessages);
  const { at } = useReportFormat();
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
          <ReportFiles url={(format) => issuedFileUrl(r.id, format)} />
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
      <ReportTable columns={columns} items={items} failed={failed} empty={v.reports.archive.empty} label={v.reports.archive.title} />
      {open && (
        <ChangesPanel opened={open} testId="report-differences">
          {(detail: IssuedReportDetail) =>
            detail.differences.length === 0 ? (
              <p>{v.reports.archive.unchanged}</p>
            ) : (
              <>
                <p>{fill(v.reports.archive.changed, { n: detail.differences.length })}</p>
                <DifferenceList differences={detail.differences} />
              </>
            )
          }
        </ChangesPanel>
      )}
    </section>
  );
}
