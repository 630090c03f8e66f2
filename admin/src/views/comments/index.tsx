/**
 * Comments and responses (#/comments?period=…&<filters>&score=&q=&handled=):
 * every comment with its score, counter, officer, procedure, channel and
 * time, searched with or without Vietnamese accents, paged through all of
 * them; a comment marked handled with a note (who and when shown); a response
 * excluded from the figures with a reason and restored (admins, managers);
 * and the suspect ratings waiting for review (#/comments?tab=suspect), each
 * accepted or excluded.
 */
import './styles.css';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { acceptSuspect, clearHandled, excludeResponse, includeResponse, listResponses, listSuspect, markHandled } from '../../api/responses';
import { localDay } from '../../dates';
import { useViewSpeech } from '../../i18n';
import { useAppData } from '../../store';
import type { ResponseListItem, ResponsesQuery } from '../../types';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DataTable, type Column } from '../../ui/data-table';
import { FilterBar, useFilterOptions } from '../../ui/filter-bar';
import { filtersFromParams, filtersToParams, type Filters } from '../../ui/filters';
import { problemOf } from '../../ui/form-errors';
import { FormField } from '../../ui/form-field';
import { PeriodPicker } from '../../ui/period-picker';
import { periodFromParams, periodToParams, rangeOf } from '../../ui/period-range';
import { useToasts } from '../../ui/toasts';
import type { ViewProps } from '../view';
import { commentsMessages } from './messages';

const PAGE = 50;
const DIMS = ['unitId', 'servicePointId', 'officerId', 'procedureId', 'channel'] as const;
type Tab = 'comments' | 'suspect';
type Action = 'handle' | 'unhandle' | 'exclude' | 'restore' | 'accept';

export default function CommentsView({ user, params, setParams }: ViewProps) {
  const s = useViewSpeech(commentsMessages);
  const { v, m, fill, num, local, date, time } = s;
  const c = v.comments;
  const { units } = useAppData();
  const options = useFilterOptions();
  const toasts = useToasts();
  const tab: Tab = params.tab === 'suspect' ? 'suspect' : 'comments';
  const period = periodFromParams(params);
  const range = rangeOf(period);
  const filters = filtersFromParams(params);
  const score = /^[1-5]$/.test(params.score ?? '') ? Number(params.score) : undefined;
  const handled = params.handled === 'yes' || params.handled === 'no' ? params.handled : undefined;
  const q = (params.q ?? '').slice(0, 200);
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);

  const [items, setItems] = useState<ResponseListItem[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [more, setMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const canExclude = user.role === 'admin' || user.role === 'manager';

  const query = (before?: ResponseListItem): ResponsesQuery => ({
    ...(range ? { from: range.from, to: range.to } : {}),
    unitId: filters.unitId,
    servicePointId: filters.servicePointId,
    officerId: filters.officerId,
    procedureId: filters.procedureId,
    channel: filters.channel,
    withComment: 'true',
    includeExcluded: 'true',
    score,
    q: q || undefined,
    handled: handled === undefined ? undefined : handled === 'yes' ? 'true' : 'false',
    limit: PAGE,
    ...(before ? { beforeTime: before.serverTime, beforeId: before.id } : {}),
  });
  const fetchPage = (before?: ResponseListItem) =>
    tab === 'suspect'
      ? listSuspect({ unitId: filters.unitId, servicePointId: filters.servicePointId, limit: PAGE, ...(before ? { beforeTime: before.serverTime, beforeId: before.id } : {}) })
      : listResponses(query(before));

  const key = JSON.stringify([tab, range, filters, score, q, handled, generation]);
  useEffect(() => {
    let live = true;
    setItems(null);
    setFailed(false);
    fetchPage().then(
      (r) => {
        if (!live) return;
        setItems(r.items);
        setMore(r.items.length === PAGE);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const loadMore = () => {
    const last = items?.[items.length - 1];
    if (!last) return;
    fetchPage(last).then(
      (r) => {
        setItems((cur) => [...(cur ?? []), ...r.items]);
        setMore(r.items.length === PAGE);
      },
      () => toasts.show(c.failed, 'error'),
    );
  };

  const names = useMemo(() => {
    const n = new Map<string, string>();
    for (const u of units) n.set(u.id, local(u.name));
    for (const sp of options?.servicePoints ?? []) n.set(sp.id, `${sp.code} · ${local(sp.name)}`);
    for (const o of options?.officers ?? []) n.set(o.id, o.name);
    for (const p of options?.procedures ?? []) n.set(p.id, `${p.code} · ${local(p.name)}`);
    return n;
  }, [units, options, s.locale]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? id) : c.none);
  const at = (iso: string) => `${date(localDay(Date.parse(iso)))} ${time(iso)}`;

  // The dialog for one action on one response.
  const [dialog, setDialog] = useState<{ action: Action; item: ResponseListItem } | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const openDialog = (action: Action, item: ResponseListItem) => {
    setDialog({ action, item });
    setText(action === 'handle' ? (item.handled?.note ?? '') : '');
    setProblem(null);
  };
  const replace = (id: string, patch: Partial<ResponseListItem> | null) =>
    setItems((cur) => (cur ?? []).flatMap((x) => (x.id !== id ? [x] : patch === null ? [] : [{ ...x, ...patch }])));
  const confirm = async () => {
    if (!dialog) return;
    const { action, item } = dialog;
    setBusy(true);
    setProblem(null);
    try {
      if (action === 'handle') {
        const r = await markHandled(item.id, text);
        replace(item.id, { handled: r.handled });
        toasts.show(c.saved);
      } else if (action === 'unhandle') {
        await clearHandled(item.id);
        replace(item.id, { handled: null });
        toasts.show(c.unhandled);
      } else if (action === 'exclude') {
        const r = await excludeResponse(item.id, text);
        replace(item.id, tab === 'suspect' ? null : { excluded: r.excluded });
        toasts.show(c.excluded);
      } else if (action === 'restore') {
        await includeResponse(item.id);
        replace(item.id, { excluded: null });
        toasts.show(c.restored);
      } else {
        await acceptSuspect(item.id);
        replace(item.id, null);
        toasts.show(c.accepted);
      }
      setDialog(null);
    } catch (err) {
      const p = problemOf(err, m.form, ['note', 'reason']);
      setProblem(p.fields.note?.text ?? p.fields.reason?.text ?? p.form ?? m.form.failed);
    } finally {
      setBusy(false);
    }
  };

  const scoreCell = (r: ResponseListItem) => (r.overall === null ? c.none : <span class={`cm-score${r.overall <= 2 ? ' cm-score-low' : ''} nowrap`}>{fill(c.scoreShort, { n: r.overall })}</span>);
  const columns: Column<ResponseListItem>[] = [
    { id: 'when', header: c.when, cell: (r) => <span class="nowrap">{at(r.serverTime)}</span> },
    { id: 'score', header: c.score, cell: scoreCell },
    { id: 'comment', header: c.comment, rowHeader: true, cellClass: 'cm-comment', cell: (r) => r.comment ?? c.none, cellTestId: 'cm-comment' },
    {
      id: 'where',
      header: c.where,
      cellTestId: 'cm-where',
      cell: (r) => (
        <dl class="cm-where">
          <dt class="visually-hidden">{c.counter}</dt>
          <dd class="cm-counter">{nameOf(r.servicePointId)}</dd>
          <dt class="visually-hidden">{c.officer}</dt>
          <dd>{r.officerId ? nameOf(r.officerId) : <span class="muted">{c.noOfficer}</span>}</dd>
          {r.procedureId && (
            <>
              <dt class="visually-hidden">{c.procedure}</dt>
              <dd class="muted small">{nameOf(r.procedureId)}</dd>
            </>
          )}
          <dt class="visually-hidden">{c.channel}</dt>
          <dd class="muted small">{(m.filters.channels as Record<string, string>)[r.channel] ?? r.channel}</dd>
        </dl>
      ),
    },
    tab === 'comments'
      ? {
          id: 'state',
          header: c.state,
          cellTestId: 'cm-state',
          cell: (r) => (
            <>
              {r.handled && <p class="cm-handled">{fill(c.handledBy, { by: r.handled.by, at: at(r.handled.at), note: r.handled.note })}</p>}
              {r.excluded && <p class="cm-excluded">{fill(c.excludedBy, { by: r.excluded.by, at: at(r.excluded.at), reason: r.excluded.reason })}</p>}
            </>
          ),
        }
      : { id: 'reason', header: c.reason, cell: (r) => (r.suspect ? c.reasons[r.suspect.reason] : c.none) },
    {
      id: 'actions',
      header: c.actions,
      cell: (r) => (
        <div class="cm-actions">
          {tab === 'comments' && (
            <button type="button" class="btn btn-secondary" data-testid="cm-handle" onClick={() => openDialog('handle', r)}>
              {r.handled ? c.editHandled : c.markHandled}
            </button>
          )}
          {tab === 'comments' && r.handled && (
            <button type="button" class="btn btn-secondary" data-testid="cm-unhandle" onClick={() => openDialog('unhandle', r)}>
              {c.unhandle}
            </button>
          )}
          {tab === 'suspect' && canExclude && (
            <button type="button" class="btn btn-secondary" data-testid="cm-accept" onClick={() => openDialog('accept', r)}>
              {c.accept}
            </button>
          )}
          {canExclude &&
            (r.excluded ? (
              <button type="button" class="btn btn-secondary" data-testid="cm-restore" onClick={() => openDialog('restore', r)}>
                {c.restore}
              </button>
            ) : (
              <button type="button" class="btn btn-secondary" data-testid="cm-exclude" onClick={() => openDialog('exclude', r)}>
                {c.exclude}
              </button>
            ))}
        </div>
      ),
    },
  ];

  const titles: Record<Action, string> = { handle: c.handleTitle, unhandle: c.unhandleTitle, exclude: c.excludeTitle, restore: c.restoreTitle, accept: c.acceptTitle };
  const confirms: Record<Action, string> = { handle: c.save, unhandle: c.unhandleConfirm, exclude: c.excludeConfirm, restore: c.restoreConfirm, accept: c.accept };
  const needsText = dialog?.action === 'handle' || dialog?.action === 'exclude';

  return (
    <div class="comments-screen">
      <div class="cm-tabs" role="tablist" aria-label={c.tabsLabel}>
        {(['comments', 'suspect'] as const).map((t) => (
          <button key={t} type="button" role="tab" class={`cm-tab${tab === t ? ' active' : ''}`} aria-selected={tab === t} data-testid={`cm-tab-${t}`} onClick={() => setParams({ tab: t === 'comments' ? undefined : t })}>
            {c.tabs[t]}
          </button>
        ))}
      </div>
      <section class="card cm-controls" aria-label={c.tabs[tab]}>
        {tab === 'comments' && <PeriodPicker id="cm-period" value={period} onChange={(sel) => setParams(periodToParams(sel), { replace: true })} />}
        <FilterBar id="cm-filter" value={filters} dims={tab === 'comments' ? DIMS : (['unitId', 'servicePointId'] as const)} onChange={(f: Filters) => setParams({ ...filtersToParams(f) }, { replace: true })} />
        {tab === 'comments' && (
          <>
            <span class="filter cm-field">
              <label for="cm-score" class="field-label">
                {c.score}
              </label>
              <select id="cm-score" value={score ?? ''} onChange={(e) => setParams({ score: e.currentTarget.value || undefined }, { replace: true })}>
                <option value="">{c.anyScore}</option>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {fill(n === 1 ? c.scoreOne : c.scoreN, { n })}
                  </option>
                ))}
              </select>
            </span>
            <span class="filter cm-field">
              <label for="cm-handled" class="field-label">
                {c.handled}
              </label>
              <select id="cm-handled" value={handled ?? ''} onChange={(e) => setParams({ handled: e.currentTarget.value || undefined }, { replace: true })}>
                <option value="">{c.handledChoices.any}</option>
                <option value="no">{c.handledChoices.no}</option>
                <option value="yes">{c.handledChoices.yes}</option>
              </select>
            </span>
            <form
              class="cm-search"
              role="search"
              onSubmit={(e) => {
                e.preventDefault();
                setParams({ q: search.trim() || undefined }, { replace: true });
              }}
            >
              <span class="filter cm-field">
                <label for="cm-q" class="field-label">
                  {c.search}
                </label>
                <input id="cm-q" type="search" maxLength={200} placeholder={c.searchHint} value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
              </span>
              <button type="submit" class="btn">
                {c.find}
              </button>
            </form>
          </>
        )}
      </section>
      <section class="card">
        <DataTable
          columns={columns}
          rows={items ?? []}
          rowKey={(r) => r.id}
          rowTestId={(r) => `cm-row-${r.id}`}
          rowClass={(r) => (r.excluded ? 'cm-row-excluded' : undefined)}
          state={failed ? 'error' : items ? 'ready' : 'loading'}
          emptyText={tab === 'suspect' ? c.suspectEmpty : c.empty}
          errorText={c.failed}
          onRetry={() => setGeneration((g) => g + 1)}
          scrollLabel={c.scroll}
          caption={c.tabs[tab]}
        />
        {items && items.length > 0 && (
          <p class="cm-more">
            <span class="muted small" data-testid="cm-shown">
              {fill(c.shown, { n: num(items.length) })}
            </span>
            {more && (
              <button type="button" class="btn btn-secondary" onClick={loadMore}>
                {c.more}
              </button>
            )}
          </p>
        )}
      </section>
      <ConfirmDialog
        open={!!dialog}
        title={dialog ? titles[dialog.action] : ''}
        confirmLabel={dialog ? confirms[dialog.action] : undefined}
        danger={dialog?.action === 'exclude'}
        busy={busy}
        onConfirm={confirm}
        onCancel={() => setDialog(null)}
      >
        {dialog && (
          <>
            {dialog.item.comment && <blockquote class="cm-quote">{dialog.item.comment}</blockquote>}
            {dialog.action === 'accept' && <p>{c.acceptBody}</p>}
            {dialog.action === 'unhandle' && <p>{c.unhandleBody}</p>}
            {needsText && (
              <FormField id="cm-text" label={dialog.action === 'handle' ? c.noteLabel : c.reasonLabel} hint={dialog.action === 'handle' ? c.noteHint : undefined} error={problem ? { text: problem } : undefined}>
                {(a) => <textarea {...a} rows={3} maxLength={dialog.action === 'handle' ? 1000 : 500} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
              </FormField>
            )}
            {!needsText && problem && (
              <p class="field-error" role="alert">
                {problem}
              </p>
            )}
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}
