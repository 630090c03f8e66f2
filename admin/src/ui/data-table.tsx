/**
 * The table every screen lists things in: columns declared once (header,
 * cell, alignment, how to sort), optional column groups (a two-row header),
 * sortable headers operable by keyboard with aria-sort, loading / empty /
 * error states, and rows that open something when clicked or on Enter.
 * Sorting is either held here or, when `sort` / `onSortChange` are given, by
 * the screen (in the address, so a sorted table can be shared).
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useSpeech } from '../i18n';
import { nextSort, sortRows, type SortDir, type SortState, type SortValue } from './table-sort';

export interface Column<R> {
  id: string;
  header: ComponentChildren;
  cell: (row: R) => ComponentChildren;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** The cell names the row (a <th scope="row">). */
  rowHeader?: boolean;
  /** Replaces the default class of the cell ('num' for numeric columns). */
  cellClass?: string;
  cellTestId?: string;
  /** The id of the group (see `groups`) the column sits under. */
  group?: string;
  /** Present: the column can be sorted by this value. */
  sortValue?: (row: R) => SortValue;
  /** The first direction when the header is pressed (figures usually want highest first). */
  firstDir?: SortDir;
}

export interface ColumnGroup {
  id: string;
  header: ComponentChildren;
}

export type TableState = 'loading' | 'error' | 'ready';

/** A list that loads from the server, as the table's rows (none yet while loading) and state: `<DataTable {...loadedRows(items, failed)} …/>`. */
export function loadedRows<R>(items: readonly R[] | null | undefined, failed: boolean): { rows: readonly R[]; state: TableState } {
  return { rows: items ?? [], state: failed ? 'error' : items ? 'ready' : 'loading' };
}

export interface DataTableProps<R> {
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  rowTestId?: (row: R) => string | undefined;
  /** An extra class for a row (e.g. one that must stand out). */
  rowClass?: (row: R) => string | undefined;
  groups?: ColumnGroup[];
  state?: TableState;
  emptyText?: string;
  errorText?: string;
  onRetry?: () => void;
  sort?: SortState | null;
  onSortChange?: (sort: SortState) => void;
  onRowClick?: (row: R) => void;
  /** The table's class (with "table"). */
  class?: string;
  /** Wraps the table in a labelled, focusable region that scrolls sideways. */
  scrollLabel?: string;
  caption?: string;
}

/** The rows in the order the table shows them (for a second rendering of them, e.g. phone cards). */
export function sortedRows<R>(columns: Column<R>[], rows: readonly R[], sort: SortState | null | undefined, locale: string): readonly R[] {
  const col = sort && columns.find((c) => c.id === sort.column);
  return sort && col?.sortValue ? sortRows(rows, col.sortValue, sort.dir, locale) : rows;
}

export function DataTable<R>(props: DataTableProps<R>) {
  const { m, locale } = useSpeech();
  const [ownSort, setOwnSort] = useState<SortState | null>(null);
  const sort = props.sort !== undefined ? props.sort : ownSort;
  const setSort = props.onSortChange ?? setOwnSort;
  const { columns, state = 'ready' } = props;

  if (state === 'loading') {
    return (
      <p class="loading" role="status">
        {m.table.loading}
      </p>
    );
  }
  if (state === 'error') {
    return (
      <div class="notice error" role="alert">
        {props.errorText ?? m.table.loadFailed}{' '}
        {props.onRetry && (
          <button type="button" class="btn btn-secondary" onClick={props.onRetry}>
            {m.table.retry}
          </button>
        )}
      </div>
    );
  }
  if (props.rows.length === 0) return <p class="muted">{props.emptyText ?? m.table.empty}</p>;

  const rows = sortedRows(columns, props.rows, sort, locale);
  const header = (c: Column<R>, cls: string | undefined, extra: { rowSpan?: number } = {}) => {
    const sorted = sort?.column === c.id ? sort.dir : null;
    return (
      <th
        key={c.id}
        scope="col"
        class={cls}
        aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}
        data-column={c.id}
        {...extra}
      >
        {c.sortValue ? (
          <button type="button" class="th-sort" onClick={() => setSort(nextSort(sort, c.id, c.firstDir))}>
            {c.header}
            {sorted && (
              <span class="sort-icon" aria-hidden="true">
                {sorted === 'asc' ? '▲' : '▼'}
              </span>
            )}
          </button>
        ) : (
          c.header
        )}
      </th>
    );
  };

  const groups = props.groups ?? [];
  const grouped = (c: Column<R>) => !!c.group && groups.some((g) => g.id === c.group);
  let head: ComponentChildren;
  if (columns.some(grouped)) {
    const top: ComponentChildren[] = [];
    const seen = new Set<string>();
    for (const c of columns) {
      if (!grouped(c)) top.push(header(c, c.numeric ? 'num' : undefined, { rowSpan: 2 }));
      else if (!seen.has(c.group!)) {
        seen.add(c.group!);
        const g = groups.find((x) => x.id === c.group)!;
        top.push(
          <th key={`group-${g.id}`} scope="colgroup" colSpan={columns.filter((x) => x.group === g.id).length} class="group">
            {g.header}
          </th>,
        );
      }
    }
    head = (
      <>
        <tr>{top}</tr>
        <tr>{columns.filter(grouped).map((c) => header(c, c.numeric ? 'sub num' : 'sub'))}</tr>
      </>
    );
  } else {
    head = <tr>{columns.map((c) => header(c, c.numeric ? 'num' : undefined))}</tr>;
  }

  const open = props.onRowClick;
  const table = (
    <table class={`table${props.class ? ` ${props.class}` : ''}`}>
      {props.caption && <caption class="visually-hidden">{props.caption}</caption>}
      <thead>{head}</thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={props.rowKey(r)}
            data-testid={props.rowTestId?.(r)}
            class={[open ? 'row-link' : '', props.rowClass?.(r) ?? ''].filter(Boolean).join(' ') || undefined}
            tabIndex={open ? 0 : undefined}
            onClick={open ? () => open(r) : undefined}
            onKeyDown={
              open
                ? (e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      open(r);
                    }
                  }
                : undefined
            }
          >
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.id} scope="row" class={c.cellClass} data-testid={c.cellTestId}>
                  {c.cell(r)}
                </th>
              ) : (
                <td key={c.id} class={c.cellClass ?? (c.numeric ? 'num' : undefined)} data-testid={c.cellTestId}>
                  {c.cell(r)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return props.scrollLabel ? (
    <div class="table-scroll" role="region" aria-label={props.scrollLabel} tabIndex={0}>
      {table}
    </div>
  ) : (
    table
  );
}
