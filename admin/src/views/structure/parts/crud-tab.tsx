/**
 * One kind of record as a list with its form: search, "show deactivated",
 * sortable and paged table, a create / edit form (given by the tab), and a
 * confirmed deactivation (never a deletion). Each tab says how its records
 * look and are saved; this part holds the list's behaviour once.
 */
import type { ComponentChildren, FunctionComponent } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { DataTable, sortedRows, type Column } from '../../../ui/data-table';
import { Pager, usePage } from '../../../ui/pager';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { useToasts } from '../../../ui/toasts';
import type { SortState } from '../../../ui/table-sort';
import { useStructureSpeech } from '../speech';

export interface Row {
  id: string;
  active?: boolean;
}

export interface FormProps<R> {
  initial: R | null;
  onSaved: (r: R) => void;
  onCancel: () => void;
  /** A change that takes effect at once while the form stays open (an officer's photo). */
  onChanged?: (r: R) => void;
}

interface Props<R extends Row> {
  kind: 'units' | 'counters' | 'officers' | 'procedures';
  load: () => Promise<R[]>;
  columns: Column<R>[];
  label: (r: R) => string;
  /** Text the search box matches (lower-cased). */
  haystack: (r: R) => string;
  canCreate: boolean;
  canChange: (r: R) => boolean;
  setActive: (r: R, active: boolean) => Promise<R>;
  Form: FunctionComponent<FormProps<R>>;
  /** Shown above the list (the CSV import of procedures); gets a reload. */
  extra?: (reload: () => void) => ComponentChildren;
  onChanged?: () => void;
}

const isActive = (r: Row) => r.active !== false;

export function CrudTab<R extends Row>(p: Props<R>) {
  const { v, fill, locale } = useStructureSpeech();
  const toasts = useToasts();
  const [rows, setRows] = useState<R[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [editing, setEditing] = useState<{ row: R | null } | null>(null);
  const [pending, setPending] = useState<R | null>(null);
  const [busy, setBusy] = useState(false);
  const [query, setQuery] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [sort, setSort] = useState<SortState | null>(null);

  const reload = useCallback(() => {
    setFailed(false);
    p.load().then(setRows, () => setFailed(true));
  }, [p.load]);
  useEffect(reload, [reload]);

  const replace = (r: R) => setRows((list) => (list ? (list.some((x) => x.id === r.id) ? list.map((x) => (x.id === r.id ? r : x)) : [...list, r]) : [r]));
  /** What deactivating this kind also does (a counter's kiosk closes, an officer's duty ends). */
  const effect = (v.structure.deactivateEffect as Partial<Record<Props<R>['kind'], string>>)[p.kind];

  async function toggle(r: R, active: boolean) {
    setBusy(true);
    try {
      replace(await p.setActive(r, active));
      toasts.show(fill(active ? v.structure.reactivated : v.structure.deactivated, { name: p.label(r) }));
      p.onChanged?.();
    } catch {
      toasts.show(v.structure.failed, 'error');
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  // No actions column for a reader who may change nothing here (a unit head on the procedures).
  const anyChangeable = (rows ?? []).some(p.canChange);
  const allColumns: Column<R>[] = [
    ...p.columns,
    {
      id: 'state',
      header: v.structure.state,
      sortValue: (r) => (isActive(r) ? 0 : 1),
      cell: (r) => <span class={`badge ${isActive(r) ? 'status-meets' : 'status-no-data'}`}>{isActive(r) ? v.structure.active : v.structure.inactive}</span>,
    },
    {
      id: 'actions',
      header: v.structure.actions,
      cell: (r) =>
        p.canChange(r) ? (
          <div class="row-actions">
            <button type="button" class="btn btn-secondary" aria-label={`${v.structure.edit}: ${p.label(r)}`} onClick={() => setEditing({ row: r })}>
              {v.structure.edit}
            </button>
            {isActive(r) ? (
              <button type="button" class="btn btn-danger" aria-label={`${v.structure.deactivate}: ${p.label(r)}`} onClick={() => setPending(r)}>
                {v.structure.deactivate}
              </button>
            ) : (
              <button type="button" class="btn btn-secondary" aria-label={`${v.structure.reactivate}: ${p.label(r)}`} onClick={() => void toggle(r, true)}>
                {v.structure.reactivate}
              </button>
            )}
          </div>
        ) : null,
    },
  ];
  const columns = allColumns.filter((c) => c.id !== 'actions' || anyChangeable);

  const q = query.trim().toLowerCase();
  const visible = (rows ?? []).filter((r) => (showInactive || isActive(r)) && (!q || p.haystack(r).toLowerCase().includes(q)));
  const paged = usePage(sortedRows(columns, visible, sort, locale));
  const Form = p.Form;

  return (
    <div class="crud" data-testid={`tab-${p.kind}`}>
      {p.extra?.(reload)}
      {editing ? (
        <Form
          initial={editing.row}
          onCancel={() => setEditing(null)}
          onChanged={replace}
          onSaved={(r) => {
            replace(r);
            setEditing(null);
            toasts.show(fill(v.structure.saved, { name: p.label(r) }));
            p.onChanged?.();
          }}
        />
      ) : null}
      <div class="crud-bar">
        <label class="crud-search">
          <span>{v.structure.search}</span>
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <label class="crud-check">
          <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
          <span>{v.structure.showInactive}</span>
        </label>
        {p.canCreate && !editing && (
          <button type="button" class="btn" data-testid={`add-${p.kind}`} onClick={() => setEditing({ row: null })}>
            {v.structure.add[p.kind]}
          </button>
        )}
      </div>
      <section class="card">
        <DataTable
          columns={columns}
          rows={paged.rows}
          rowKey={(r) => r.id}
          rowTestId={(r) => `row-${p.label(r)}`}
          state={failed ? 'error' : rows ? 'ready' : 'loading'}
          emptyText={v.structure.empty[p.kind]}
          errorText={v.structure.loadFailed}
          onRetry={reload}
          sort={sort}
          onSortChange={setSort}
          scrollLabel={v.structure.tabs[p.kind]}
        />
        <Pager {...paged} />
      </section>
      <ConfirmDialog
        open={!!pending}
        title={pending ? fill(v.structure.deactivateTitle, { name: p.label(pending) }) : ''}
        confirmLabel={v.structure.deactivate}
        danger
        busy={busy}
        onConfirm={() => pending && void toggle(pending, false)}
        onCancel={() => setPending(null)}
      >
        <p>{v.structure.deactivateBody}</p>
        {effect && (
          <p class="deactivate-effect" data-testid="deactivate-effect">
            {effect}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
