/**
 * The monthly drafts the server prepares on the 1st (the office and each
 * unit): open one in the preview above, download it, or issue from it
 * (which freezes the report of that month and scope as it stands now).
 */
import { useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { reportsMessages } from './messages';
import { draftFileUrl, getReportDraft, issueReportDraft, listReportDrafts, type ReportDraft, type ReportDraftDetail } from '../../api/reports';
import type { Column } from '../../ui/data-table';
import { ChangesPanel, DifferenceList, ReportFiles, ReportTable, useReportFormat } from './report-list';
import { useToasts } from '../../ui/toasts';

/** The id of the drafts card's heading: the notice at the top of the screen jumps there (focus, not a #fragment: the screen is hash-routed). */
export const DRAFTS_HEADING_ID = 'report-drafts-title';

export function Drafts({
  refresh,
  mayIssue,
  onOpen,
  onIssued,
  onList,
}: {
  refresh: number;
  mayIssue: boolean;
  onOpen: (d: ReportDraft) => void;
  onIssued: () => void;
  /** Each time the list loads (the screen's top notice counts the drafts waiting). */
  onList?: (items: ReportDraft[]) => void;
}) {
  const { v, pct, num, local, fill, locale } = useViewSpeech(reportsMessages);
  const { at } = useReportFormat();
  const [items, setItems] = useState<ReportDraft[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [again, setAgain] = useState(0);
  /** The draft opened last, with what changed since it was prepared (late uploads, exclusions). */
  const [opened, setOpened] = useState<{ id: string; detail: ReportDraftDetail | null; failed: boolean } | null>(null);
  const openDraft = (d: ReportDraft) => {
    onOpen(d);
    setOpened({ id: d.id, detail: null, failed: false });
    getReportDraft(d.id).then(
      (detail) => setOpened({ id: d.id, detail, failed: false }),
      () => setOpened({ id: d.id, detail: null, failed: true }),
    );
  };
  const toasts = useToasts();

  useEffect(() => {
    const ctl = new AbortController();
    setFailed(false);
    listReportDrafts({ signal: ctl.signal }).then(
      (r) => {
        setItems(r.items);
        onList?.(r.items);
      },
      () => !ctl.signal.aborted && setFailed(true),
    );
    return () => ctl.abort();
  }, [refresh, again]);

  const issue = (d: ReportDraft) => {
    setBusy(d.id);
    issueReportDraft(d.id, locale).then(
      (r) => {
        setBusy(null);
        setAgain((n) => n + 1);
        onIssued();
        toasts.show(fill(v.reports.issued, { period: local(r.periodLabel) }), 'success');
      },
      () => {
        setBusy(null);
        toasts.show(v.reports.issueFailed, 'error');
      },
    );
  };

  const columns: Column<ReportDraft>[] = [
    { id: 'period', header: v.reports.archive.period, rowHeader: true, cell: (r) => `${local(r.periodLabel)} · ${local(r.scopeName)}` },
    { id: 'rate', header: v.reports.rate, numeric: true, cell: (r) => <span class="nowrap">{`${pct(r.rate)} (n = ${num(r.n)})`}</span> },
    { id: 'when', header: v.reports.drafts.preparedAt, cell: (r) => <span class="nowrap">{at(r.preparedAt)}</span> },
    { id: 'state', header: v.reports.drafts.state, cell: (r) => <span class={`badge ${r.state === 'issued' ? 'status-meets' : 'status-no-data'}`}>{v.reports.drafts.states[r.state]}</span> },
    {
      id: 'actions',
      header: v.reports.archive.files,
      cell: (r) => (
        <span class="reports-files">
          <button type="button" class="btn btn-secondary" onClick={() => openDraft(r)} data-testid={`draft-${r.id}-open`}>
            {v.reports.drafts.open}
          </button>
          <ReportFiles url={(format) => draftFileUrl(r.id, format, locale)} />
          {mayIssue && r.state === 'draft' && (
            <button type="button" class="btn" disabled={busy !== null} onClick={() => issue(r)} data-testid={`draft-${r.id}-issue`}>
              {busy === r.id ? v.reports.issuing : v.reports.drafts.issue}
            </button>
          )}
        </span>
      ),
    },
  ];

  return (
    <section class="card" aria-label={v.reports.drafts.title} data-testid="report-drafts">
      <h2 id={DRAFTS_HEADING_ID} tabIndex={-1}>
        {v.reports.drafts.title}
      </h2>
      <p class="muted small">{v.reports.drafts.hint}</p>
      <ReportTable columns={columns} items={items} failed={failed} empty={v.reports.drafts.empty} label={v.reports.drafts.title} />
      {opened && (
        <ChangesPanel opened={opened} testId="draft-differences">
          {(detail: ReportDraftDetail) => (
            <>
              <p>
                <strong>{`${local(detail.draft.periodLabel)} · ${local(detail.draft.scopeName)}`}</strong>{' '}
                {detail.differences.length === 0 ? v.reports.drafts.unchanged : fill(v.reports.drafts.changed, { n: detail.differences.length })}
              </p>
              {detail.differences.length > 0 && <DifferenceList differences={detail.differences} />}
            </>
          )}
        </ChangesPanel>
      )}
    </section>
  );
}
