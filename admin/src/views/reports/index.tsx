/**
 * Periodic reports: pick the period (tháng, quý, 6 tháng, 9 tháng, năm or a
 * custom range) and the scope, see the report on screen, download it as
 * DOCX, XLSX or CSV, or open the A4 page to print. A unit head sees only
 * their unit. The choice is in the address (#/reports?period=2026-Q2&unitId=…).
 */
import './styles.css';
import { useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { useAppData } from '../../store';
import type { ViewProps } from '../view';
import { reportsMessages } from './messages';
import { PERIOD_TYPES, periodCode, pickFromCode, type PeriodPick, type PeriodType } from './model';
import { Archive } from './archive';
import { Drafts, DRAFTS_HEADING_ID } from './drafts';
import { useToasts } from '../../ui/toasts';
import { getReportContent, issueReport, rawExportUrl, reportCsvUrl, reportFileUrl, reportPrintUrl, type ReportContent, type ReportDraft, type ReportTable } from '../../api/reports';
import { ApiError } from '../../api/http';
import { DataTable, type Column } from '../../ui/data-table';
import { FormField } from '../../ui/form-field';
import { IntervalText, StatusBadge } from '../../ui/figures';

type Row = ReportContent['tables']['units']['rows'][number];
type ChoiceRow = ReportContent['reasons'][number];
type UptimeRow = ReportContent['kioskUptime']['rows'][number];

export default function ReportsView({ user, params, setParams }: ViewProps) {
  const s = useViewSpeech(reportsMessages);
  const { v, fill, pct, num, local, target, locale, date } = s;
  const { units } = useAppData();
  const [pick, setPick] = useState<PeriodPick>(() => pickFromCode(params.period));
  const [content, setContent] = useState<ReportContent | null>(null);
  const [failed, setFailed] = useState<'load' | 'forbidden' | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [csvTable, setCsvTable] = useState<ReportTable>('counters');
  const [issuing, setIssuing] = useState(false);
  const [archiveRefresh, setArchiveRefresh] = useState(0);
  /** The monthly drafts (listed by their card far down the screen), counted in a notice at the top. */
  const [drafts, setDrafts] = useState<ReportDraft[] | null>(null);
  const waiting = drafts?.filter((d) => d.state === 'draft').length ?? 0;
  const toasts = useToasts();
  const mayIssue = user.role === 'admin' || user.role === 'manager';
  const isHead = user.role === 'unit-head';
  const unitId = isHead ? (user.unitId ?? undefined) : params.unitId || undefined;
  const code = periodCode(pick);

  useEffect(() => {
    if (code && code !== params.period) setParams({ period: code }, { replace: true });
  }, [code]);

  useEffect(() => {
    if (!code) return;
    const ctl = new AbortController();
    setContent(null);
    setFailed(null);
    getReportContent({ period: code, unitId }, { signal: ctl.signal }).then(setContent, (err: unknown) => {
      if (ctl.signal.aborted) return;
      setFailed(err instanceof ApiError && err.status === 403 ? 'forbidden' : 'load');
    });
    return () => ctl.abort();
  }, [code, unitId, attempt]);

  const set = (patch: Partial<PeriodPick>) => setPick((p) => ({ ...p, ...patch }));
  const selection = code ? { period: code, unitId, lang: locale } : null;
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);

  const rateColumns = (first: string): Column<Row>[] => [
    { id: 'name', header: first, rowHeader: true, cell: (r) => local(r.name) },
    { id: 'responses', header: v.reports.responses, numeric: true, cell: (r) => num(r.responses) },
    { id: 'n', header: v.reports.n, numeric: true, cell: (r) => num(r.n) },
    { id: 'rate', header: v.reports.rate, numeric: true, cell: (r) => pct(r.rate) },
    { id: 'interval', header: v.reports.interval, cell: (r) => <span class="nowrap">{r.interval ? `${pct(r.interval.low)} – ${pct(r.interval.high)}` : '—'}</span> },
    { id: 'status', header: v.reports.status, cell: (r) => <StatusBadge status={r.status} /> },
  ];
  const choiceColumns: Column<ChoiceRow>[] = [
    { id: 'name', header: v.reports.name, rowHeader: true, cell: (r) => local(r.label) },
    { id: 'count', header: v.reports.count, numeric: true, cell: (r) => num(r.count) },
  ];
  const hm = (min: number) => (min % 60 ? fill(v.reports.uptime.hours, { h: Math.floor(min / 60), m: min % 60 }) : fill(v.reports.uptime.wholeHours, { h: num(min / 60) }));
  const uptimeColumns: Column<UptimeRow>[] = [
    { id: 'name', header: v.reports.uptime.counter, rowHeader: true, cell: (r) => local(r.name) },
    { id: 'open', header: v.reports.uptime.open, numeric: true, cell: (r) => <span class="nowrap">{hm(r.openMinutes)}</span> },
    { id: 'share', header: v.reports.uptime.share, numeric: true, cell: (r) => pct(r.share) },
    { id: 'outage', header: v.reports.uptime.outage, numeric: true, cell: (r) => <span class="nowrap">{r.longestOutageMinutes ? hm(r.longestOutageMinutes) : '—'}</span> },
  ];
  const delta = (d: number | null) => (d === null ? '' : ` (${d > 0 ? '+' : d < 0 ? '−' : '±'}${fill(v.reports.points, { d: num(Math.abs(d)) })})`);

  return (
    <div class="reports-screen">
      <form class="card reports-pick" aria-label={v.reports.pick} onSubmit={(e) => e.preventDefault()} data-testid="reports-pick">
        <FormField id="report-type" label={v.reports.periodType}>
          {(a) => (
            <select {...a} value={pick.type} onChange={(e) => set({ type: e.currentTarget.value as PeriodType, part: 1 })}>
              {PERIOD_TYPES.map((t) => (
                <option key={t} value={t}>
                  {v.reports.types[t]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {pick.type !== 'custom' && (
          <FormField id="report-year" label={v.reports.year}>
            {(a) => (
              <select {...a} value={String(pick.year)} onChange={(e) => set({ year: Number(e.currentTarget.value) })}>
                {(years.includes(pick.year) ? years : [pick.year, ...years]).map((y) => (
                  <option key={y} value={String(y)}>
                    {y}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        {pick.type === 'month' && (
          <FormField id="report-month" label={v.reports.month}>
            {(a) => (
              <select {...a} value={String(pick.part)} onChange={(e) => set({ part: Number(e.currentTarget.value) })}>
                {Array.from({ length: 12 }, (_, i) => (
                  <option key={i} value={String(i + 1)}>
                    {fill(v.reports.monthN, { n: i + 1 })}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        {pick.type === 'quarter' && (
          <FormField id="report-quarter" label={v.reports.quarter}>
            {(a) => (
              <select {...a} value={String(pick.part)} onChange={(e) => set({ part: Number(e.currentTarget.value) })}>
                {v.reports.quarters.map((q, i) => (
                  <option key={q} value={String(i + 1)}>
                    {q}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        {pick.type === 'half' && (
          <FormField id="report-half" label={v.reports.half}>
            {(a) => (
              <select {...a} value={String(pick.part)} onChange={(e) => set({ part: Number(e.currentTarget.value) })}>
                {v.reports.halves.map((h, i) => (
                  <option key={h} value={String(i + 1)}>
                    {h}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        {pick.type === 'custom' && (
          <>
            <FormField id="report-from" label={v.reports.from} error={!code ? { text: v.reports.badRange } : undefined}>
              {(a) => <input {...a} type="date" value={pick.from} onInput={(e) => set({ from: e.currentTarget.value })} />}
            </FormField>
            <FormField id="report-to" label={v.reports.to}>
              {(a) => <input {...a} type="date" value={pick.to} onInput={(e) => set({ to: e.currentTarget.value })} />}
            </FormField>
          </>
        )}
        <FormField id="report-scope" label={v.reports.scope}>
          {(a) => (
            <select {...a} value={unitId ?? ''} disabled={isHead} onChange={(e) => setParams({ unitId: e.currentTarget.value || undefined }, { replace: true })}>
              {!isHead && <option value="">{v.reports.wholeOffice}</option>}
              {units
                .filter((u) => !isHead || u.id === user.unitId)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {local(u.name)}
                  </option>
                ))}
            </select>
          )}
        </FormField>
      </form>

      {drafts && drafts.length > 0 && (
        <p class={`reports-drafts-notice ${waiting ? 'is-waiting' : ''}`} data-testid="report-drafts-notice">
          <span>{waiting ? fill(v.reports.drafts.waiting, { n: num(waiting), total: num(drafts.length) }) : fill(v.reports.drafts.allIssued, { total: num(drafts.length) })}</span>{' '}
          <button
            type="button"
            class="btn btn-secondary"
            onClick={() => {
              const h = document.getElementById(DRAFTS_HEADING_ID);
              h?.scrollIntoView({ behavior: 'smooth', block: 'start' });
              h?.focus({ preventScroll: true });
            }}
          >
            {v.reports.drafts.jump}
          </button>
        </p>
      )}

      {selection && (
        <section class="card reports-downloads" aria-label={v.reports.downloads}>
          <h2>{v.reports.downloads}</h2>
          <div class="reports-buttons">
            <a class="btn" href={reportFileUrl('docx', selection)} download data-testid="report-docx">
              {v.reports.docx}
            </a>
            <a class="btn btn-secondary" href={reportFileUrl('xlsx', selection)} download data-testid="report-xlsx">
              {v.reports.xlsx}
            </a>
            <span class="reports-csv">
              <label class="visually-hidden" for="report-csv-table">
                {v.reports.csvTable}
              </label>
              <select id="report-csv-table" value={csvTable} onChange={(e) => setCsvTable(e.currentTarget.value as ReportTable)}>
                {(Object.keys(v.reports.tables) as ReportTable[]).map((t) => (
                  <option key={t} value={t}>
                    {v.reports.tables[t]}
                  </option>
                ))}
              </select>
              <a class="btn btn-secondary" href={reportCsvUrl(csvTable, selection)} download data-testid="report-csv">
                {v.reports.csv}
              </a>
            </span>
            <a class="btn btn-secondary" href={reportPrintUrl(selection)} target="_blank" rel="noopener" data-testid="report-print">
              {v.reports.print}
            </a>
            <a class="link" href={reportPrintUrl({ ...selection, lang: locale === 'vi' ? 'en' : 'vi' })} target="_blank" rel="noopener">
              {v.reports.printOther}
            </a>
          </div>
          <p class="reports-raw small">
            {v.reports.raw}{' '}
            <a href={rawExportUrl('csv', selection)} download data-testid="report-raw-csv">
              CSV
            </a>{' '}
            ·{' '}
            <a href={rawExportUrl('ndjson', selection)} download>
              NDJSON
            </a>
          </p>
          {mayIssue && (
            <div class="reports-issue">
              <button
                type="button"
                class="btn"
                disabled={issuing || !content}
                data-testid="report-issue"
                onClick={() => {
                  setIssuing(true);
                  issueReport(selection).then(
                    (r) => {
                      setIssuing(false);
                      setArchiveRefresh((n) => n + 1);
                      toasts.show(fill(v.reports.issued, { period: local(r.periodLabel) }), 'success');
                    },
                    () => {
                      setIssuing(false);
                      toasts.show(v.reports.issueFailed, 'error');
                    },
                  );
                }}
              >
                {issuing ? v.reports.issuing : v.reports.issue}
              </button>
              <span class="muted small">{v.reports.issueHint}</span>
            </div>
          )}
        </section>
      )}

      <section class="card reports-preview" aria-label={v.reports.preview} aria-busy={!content && !failed} data-testid="report-preview">
        {failed ? (
          <div class="reports-state" role="alert">
            <p>{failed === 'forbidden' ? v.reports.forbidden : v.reports.loadFailed}</p>
            {failed === 'load' && (
              <button type="button" class="btn btn-secondary" onClick={() => setAttempt((n) => n + 1)}>
                {v.reports.retry}
              </button>
            )}
          </div>
        ) : !content ? (
          <p class="muted">{code ? v.reports.loading : v.reports.badRange}</p>
        ) : (
          <>
            <h2>
              {local(content.period.label)} · {local(content.scope.name)}
            </h2>
            <p class="reports-summary" data-testid="report-summary">
              {local(content.summary)}
            </p>
            <div class="reports-figures">
              <div class="figure">
                <div class="figure-label">{v.reports.rate}</div>
                <div class="figure-value" data-testid="report-rate">
                  {pct(content.headline.rate)}
                </div>
                <div class="muted small">
                  {fill(v.reports.rateOf, { n: num(content.headline.n) })} · <IntervalText interval={content.headline.interval} short />
                </div>
                <div>
                  <StatusBadge status={content.headline.status} /> <span class="muted small">{fill(v.reports.target, { t: target(content.target) })}</span>
                </div>
              </div>
              <div class="figure">
                <div class="figure-label">{v.reports.responses}</div>
                <div class="figure-value">{num(content.responses.total)}</div>
                <div class="muted small">{fill(v.reports.channels, { kiosk: num(content.responses.byChannel.kiosk), qr: num(content.responses.byChannel.qr), link: num(content.responses.byChannel.link) })}</div>
                <div class="muted small">{fill(v.reports.verified, { v: num(content.responses.verified), u: num(content.responses.unverified) })}</div>
              </div>
              <div class="figure">
                <div class="figure-label">{v.reports.previous}</div>
                <div class="figure-value">{pct(content.previous.rate)}</div>
                <div class="muted small">
                  {local(content.previous.period.label)}
                  {delta(content.previous.deltaPoints)}
                </div>
                <div class="figure-label">{v.reports.lastYear}</div>
                <div class="muted small">
                  {pct(content.lastYear.rate)} · {local(content.lastYear.period.label)}
                  {delta(content.lastYear.deltaPoints)}
                </div>
              </div>
              <div class="figure">
                <div class="figure-label">{v.reports.serviceIndex}</div>
                <div class="figure-value">{pct(content.indices.serviceIndex)}</div>
                <div class="figure-label">{v.reports.indicator766}</div>
                <div class="muted small">{content.decision766.value === null ? v.reports.notAvailable : pct(content.decision766.value)}</div>
                <div class="figure-label">{v.reports.excluded}</div>
                <div class="muted small">{num(content.excluded.count)}</div>
              </div>
            </div>
            {(['units', 'counters', 'officers', 'procedures'] as const).map((t) =>
              content.tables[t].rows.length || content.tables[t].hidden ? (
                <div key={t} class="reports-table">
                  <h3>{v.reports.tables[t]}</h3>
                  <DataTable columns={rateColumns(v.reports.name)} rows={content.tables[t].rows} rowKey={(r) => r.key || '-'} emptyText={v.reports.empty} scrollLabel={v.reports.tables[t]} />
                  {content.tables[t].hidden > 0 && <p class="muted small">{fill(v.reports.hidden, { n: content.tables[t].hidden })}</p>}
                </div>
              ) : null,
            )}
            <div class="reports-two">
              <div class="reports-table">
                <h3>{v.reports.tables.reasons}</h3>
                <DataTable columns={choiceColumns} rows={content.reasons} rowKey={(r) => r.id} emptyText={v.reports.empty} scrollLabel={v.reports.tables.reasons} />
              </div>
              <div class="reports-table">
                <h3>{v.reports.tables.expectations}</h3>
                <DataTable columns={choiceColumns} rows={content.expectations} rowKey={(r) => r.id} emptyText={v.reports.empty} scrollLabel={v.reports.tables.expectations} />
              </div>
            </div>
            <div class="reports-table" data-testid="report-uptime">
              <h3>{v.reports.uptime.title}</h3>
              {content.kioskUptime.available ? (
                <DataTable
                  columns={uptimeColumns}
                  rows={[...content.kioskUptime.rows, { ...content.kioskUptime.overall, servicePointId: '', name: { vi: v.reports.uptime.overall, en: v.reports.uptime.overall } }]}
                  rowKey={(r) => r.servicePointId || '-'}
                  emptyText={v.reports.empty}
                  scrollLabel={v.reports.uptime.title}
                />
              ) : (
                <p class="muted small">{v.reports.uptime.none}</p>
              )}
            </div>
            {content.comments.length > 0 && (
              <div class="reports-table">
                <h3>{v.reports.comments}</h3>
                <ul class="reports-comments">
                  {content.comments.map((c, i) => (
                    <li key={i}>
                      “{c.text}” <span class="muted small">{date(c.day)}{c.overall !== null ? ` · ${fill(v.reports.score, { n: c.overall })}` : ''}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
      </section>
      <Drafts
        refresh={archiveRefresh}
        mayIssue={mayIssue}
        onIssued={() => setArchiveRefresh((n) => n + 1)}
        onList={setDrafts}
        onOpen={(d) => {
          setPick(pickFromCode(d.period));
          if (!isHead) setParams({ period: d.period, unitId: d.unitId ?? undefined }, { replace: true });
          window.scrollTo({ top: 0, behavior: 'smooth' });
        }}
      />
      <Archive refresh={archiveRefresh} />
    </div>
  );
}
