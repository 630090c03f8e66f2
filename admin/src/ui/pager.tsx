/**
 * Pages a long list held in the browser: the rows of the current page, and
 * the previous / next buttons with "21–40 of 75". Lists are sorted first
 * (DataTable's `sortedRows`), then paged, so a sort applies to all rows.
 */
import { useEffect, useState } from 'preact/hooks';
import { useSpeech } from '../i18n';

export const PAGE_SIZE = 20;

export function usePage<R>(rows: readonly R[], size = PAGE_SIZE): { page: number; setPage: (p: number) => void; rows: readonly R[]; pages: number; total: number; size: number } {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  // A shorter list (a filter, a deactivation) must not leave us on a page past the end.
  useEffect(() => {
    if (page > pages - 1) setPage(pages - 1);
  }, [pages, page]);
  const p = Math.min(page, pages - 1);
  return { page: p, setPage, rows: rows.slice(p * size, p * size + size), pages, total: rows.length, size };
}

export function Pager({ page, pages, total, size, setPage }: { page: number; pages: number; total: number; size: number; setPage: (p: number) => void }) {
  const { m, fill, num } = useSpeech();
  if (pages <= 1) return null;
  const from = page * size + 1;
  const to = Math.min(total, from + size - 1);
  return (
    <nav class="pager" aria-label={m.pager.label}>
      <button type="button" class="btn btn-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
        {m.pager.prev}
      </button>
      <span class="muted small" aria-live="polite">
        {fill(m.pager.range, { from: num(from), to: num(to), total: num(total) })}
      </span>
      <button type="button" class="btn btn-secondary" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
        {m.pager.next}
      </button>
    </nav>
  );
}
