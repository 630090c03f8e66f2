/**
 * Survey versions (admins, managers): the questionnaire in use (the office's
 * and each counter's own), the versions with their state, a new version as
 * a copy with edits, a draft's edit, a preview as the kiosk and the QR page
 * show it (the real screens in an iframe), and activation for the office or
 * one counter, confirmed. The server decides what may change (409 naming
 * why); this screen only mirrors it.
 */
import './styles.css';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import type { ViewProps } from '../view';
import { surveysMessages } from './messages';
import { activateSurveyVersion, clearCounterSurvey, getSurveyAssignments, getSurveyVersion, listSurveys, type SurveyAssignments, type SurveyVersion, type SurveyVersionDetail } from '../../api/surveys';
import { listServicePoints } from '../../api/service-points';
import type { ServicePoint } from '../../types';
import { DataTable, loadedRows, type Column } from '../../ui/data-table';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { useToasts } from '../../ui/toasts';
import { ApiError } from '../../api/http';
import { SurveyEditor } from './editor';
import { SurveyPreview } from './preview';
import { localDay } from '../../dates';

type Editing = { mode: 'copy' | 'edit'; detail: SurveyVersionDetail } | null;
type Pending = { kind: 'activate'; version: SurveyVersion; where: string } | { kind: 'reset'; counter: ServicePoint } | null;

export const versionName = (v: Pick<SurveyVersion, 'key' | 'version'>): string => `${v.key} v${v.version}`;

export default function SurveysView({ params, setParams }: ViewProps) {
  const s = useViewSpeech(surveysMessages);
  const { v, fill, local, date, time } = s;
  /** 02/12/2026 03:45, Vietnam time. */
  const at = (iso: string) => `${date(localDay(Date.parse(iso)))} ${time(iso)}`;
  const toasts = useToasts();
  const [versions, setVersions] = useState<SurveyVersion[] | null>(null);
  const [assign, setAssign] = useState<SurveyAssignments | null>(null);
  const [counters, setCounters] = useState<ServicePoint[]>([]);
  const [loadError, setLoadError] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const previewId = params.preview || null;

  const load = useCallback(() => {
    setLoadError(false);
    Promise.all([listSurveys(), getSurveyAssignments(), listServicePoints()]).then(
      ([l, a, sp]) => {
        setVersions([...l.items].sort((x, y) => y.createdAt.localeCompare(x.createdAt)));
        setAssign(a);
        setCounters(sp.items.filter((c) => c.active !== false).sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true })));
      },
      () => setLoadError(true),
    );
  }, []);
  useEffect(load, [load]);

  const byId = new Map((versions ?? []).map((x) => [x.id, x]));
  const named = (id: string | null | undefined) => {
    const x = id ? byId.get(id) : undefined;
    return x ? versionName(x) : '—';
  };
  const counterIds = (id: string) => (assign?.counters ?? []).filter((c) => c.surveyVersionId === id).map((c) => c.servicePointId);

  function stateOf(x: SurveyVersion): string {
    const at = counterIds(x.id).length;
    const parts: string[] = [];
    if (assign?.organisation === x.id) parts.push(v.surveys.stateActiveOffice);
    if (at) parts.push(fill(v.surveys.stateActiveCounters, { n: at }));
    if (!parts.length && x.activatedAt) parts.push(v.surveys.stateWasActive);
    if (x.lockedAt) parts.push(v.surveys.stateAnswered);
    return parts.length ? parts.join(' · ') : v.surveys.stateDraft;
  }
  const isDraft = (x: SurveyVersion) => !x.lockedAt && !x.activatedAt && assign?.organisation !== x.id && counterIds(x.id).length === 0;

  async function openEditor(mode: 'copy' | 'edit', id: string) {
    try {
      setEditing({ mode, detail: await getSurveyVersion(id) });
      setParams({ preview: undefined });
    } catch {
      toasts.show(v.surveys.loadFailed, 'error');
    }
  }

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    try {
      if (pending.kind === 'activate') {
        const sp = pending.where === '' ? null : pending.where;
        setAssign(await activateSurveyVersion(pending.version.id, sp));
        const where = sp ? `${v.surveys.counter} ${counters.find((c) => c.id === sp)?.code ?? ''}` : v.surveys.office.toLowerCase();
        toasts.show(fill(v.surveys.activated, { version: versionName(pending.version), where }));
      } else {
        setAssign(await clearCounterSurvey(pending.counter.id));
        toasts.show(fill(v.surveys.resetDone, { counter: pending.counter.code }));
      }
      setPending(null);
      load();
    } catch (err) {
      toasts.show(err instanceof ApiError ? err.message : v.surveys.loadFailed, 'error');
    } finally {
      setBusy(false);
    }
  }

  const columns: Column<SurveyVersion>[] = [
    { id: 'version', header: v.surveys.version, rowHeader: true, cell: (x) => <span class="strong nowrap">{versionName(x)}</span>, sortValue: (x) => x.createdAt },
    { id: 'title', header: v.surveys.titleCol, cellClass: 'survey-title-cell', cell: (x) => local(x.definition.title) },
    { id: 'questions', header: v.surveys.questions, numeric: true, cell: (x) => x.definition.questions.length, sortValue: (x) => x.definition.questions.length },
    { id: 'created', header: v.surveys.created, cell: (x) => <span class="nowrap">{at(x.createdAt)}</span>, sortValue: (x) => x.createdAt },
    { id: 'state', header: v.surveys.state, cell: (x) => <span data-testid={`state-${x.id}`}>{stateOf(x)}</span> },
    {
      id: 'actions',
      header: v.surveys.actions,
      cell: (x) => (
        <div class="row-actions">
          <button type="button" class="btn btn-secondary" onClick={() => setParams({ preview: x.id })} aria-label={`${v.surveys.preview} ${versionName(x)}`} data-testid={`preview-${x.id}`}>
            {v.surveys.preview}
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => openEditor('copy', x.id)} aria-label={`${v.surveys.copy} ${versionName(x)}`} title={v.surveys.copyLabel} data-testid={`copy-${x.id}`}>
            {v.surveys.copy}
          </button>
          {isDraft(x) && (
            <button type="button" class="btn btn-secondary" onClick={() => openEditor('edit', x.id)} aria-label={`${v.surveys.edit} ${versionName(x)}`} title={v.surveys.editLabel}>
              {v.surveys.edit}
            </button>
          )}
          <button type="button" class="btn" onClick={() => setPending({ kind: 'activate', version: x, where: '' })} aria-label={`${v.surveys.activate} ${versionName(x)}`} data-testid={`activate-${x.id}`}>
            {v.surveys.activate}
          </button>
        </div>
      ),
    },
  ];

  const overrides = new Map((assign?.counters ?? []).map((c) => [c.servicePointId, c.surveyVersionId]));
  const previewed = previewId ? byId.get(previewId) : undefined;

  return (
    <div class="screen-stack surveys-screen">
      <section class="card" aria-labelledby="surveys-active-title" data-testid="surveys-active">
        <h2 class="card-title" id="surveys-active-title">{v.surveys.activeTitle}</h2>
        <p class="muted form-intro">{v.surveys.activeIntro}</p>
        {loadError ? (
          <p class="notice error" role="alert">
            {v.surveys.loadFailed}{' '}
            <button type="button" class="btn btn-secondary" onClick={load}>{v.surveys.retry}</button>
          </p>
        ) : !assign ? (
          <p class="muted" aria-busy="true">…</p>
        ) : (
          <table class="table surveys-assign">
            <thead>
              <tr>
                <th scope="col">{v.surveys.counter}</th>
                <th scope="col">{v.surveys.asks}</th>
                <th scope="col"><span class="visually-hidden">{v.surveys.actions}</span></th>
              </tr>
            </thead>
            <tbody>
              <tr data-testid="assign-office">
                <th scope="row">{v.surveys.office}</th>
                <td><span class="strong">{named(assign.organisation)}</span> {assign.organisation && byId.get(assign.organisation) && <span class="muted">— {local(byId.get(assign.organisation)!.definition.title)}</span>}</td>
                <td />
              </tr>
              {counters.map((c) => {
                const own = overrides.get(c.id);
                return (
                  <tr key={c.id} data-testid={`assign-${c.code}`}>
                    <th scope="row">{c.code} · {local(c.name)}</th>
                    <td>{own ? <><span class="badge status-meets">{v.surveys.own}</span> <span class="strong">{named(own)}</span></> : <span class="muted">{v.surveys.officeVersion} ({named(assign.organisation)})</span>}</td>
                    <td class="right">
                      {own && (
                        <button type="button" class="btn btn-secondary" onClick={() => setPending({ kind: 'reset', counter: c })} data-testid={`reset-${c.code}`}>
                          {v.surveys.reset}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {editing && (
        <SurveyEditor
          key={`${editing.mode}:${editing.detail.version.id}`}
          mode={editing.mode}
          detail={editing.detail}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            toasts.show(fill(editing.mode === 'copy' ? v.surveys.saved : v.surveys.savedEdit, { version: versionName(saved) }));
            load();
            setParams({ preview: saved.id });
          }}
        />
      )}

      {previewId && (
        <SurveyPreview key={previewId} versionId={previewId} name={previewed ? versionName(previewed) : previewId} onClose={() => setParams({ preview: undefined })} />
      )}

      <section class="card" aria-labelledby="surveys-list-title">
        <h2 class="card-title" id="surveys-list-title">{v.surveys.listTitle}</h2>
        <p class="muted form-intro">{v.surveys.listIntro}</p>
        <DataTable
          columns={columns}
          {...loadedRows(versions, loadError)}
          rowKey={(x) => x.id}
          rowTestId={(x) => `version-${x.id}`}
          emptyText={v.surveys.empty}
          errorText={v.surveys.loadFailed}
          onRetry={load}
          scrollLabel={v.surveys.listTitle}
        />
      </section>

      <ConfirmDialog
        open={pending?.kind === 'activate'}
        title={pending?.kind === 'activate' ? fill(v.surveys.activateTitle, { version: versionName(pending.version) }) : ''}
        confirmLabel={v.surveys.activateConfirm}
        busy={busy}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'activate' && (
          <div>
            <p>{v.surveys.activateBody}</p>
            <label class="field-label" for="activate-where">{v.surveys.activateWhere}</label>
            <select id="activate-where" class="activate-where" value={pending.where} onChange={(e) => setPending({ ...pending, where: e.currentTarget.value })} data-testid="activate-where">
              <option value="">{v.surveys.office}</option>
              {counters.map((c) => (
                <option key={c.id} value={c.id}>{v.surveys.counter} {c.code} · {local(c.name)}</option>
              ))}
            </select>
          </div>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'reset'}
        title={pending?.kind === 'reset' ? fill(v.surveys.resetTitle, { counter: pending.counter.code }) : ''}
        confirmLabel={v.surveys.reset}
        busy={busy}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'reset' && <p>{fill(v.surveys.resetBody, { version: named(assign?.organisation) })}</p>}
      </ConfirmDialog>
    </div>
  );
}
