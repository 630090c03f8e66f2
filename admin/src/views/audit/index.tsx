/**
 * The audit log (admins, managers): every change, newest first, filtered by
 * who, what and when (in the address, so a filtered log can be shared), each
 * with its values before and after in words.
 */
import './styles.css';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { useAppData } from '../../store';
import type { ViewProps } from '../view';
import { auditMessages } from './messages';
import { changesOf, type Formats } from './model';
import { listAudit } from '../../api/audit';
import { listServicePoints } from '../../api/service-points';
import { listOfficers } from '../../api/officers';
import { listProcedures } from '../../api/procedures';
import { listUsers } from '../../api/users';
import { ApiError } from '../../api/http';
import type { AuditEntry } from '../../types';
import { DataTable, type Column } from '../../ui/data-table';
import { FormField } from '../../ui/form-field';

const PAGE = 50;

export default function AuditView({ user, params, setParams }: ViewProps) {
  const s = useViewSpeech(auditMessages);
  const { v, fill, local, num, target, time, day } = s;
  const { units } = useAppData();
  const [rows, setRows] = useState<AuditEntry[] | null>(null);
  /** How many entries match in all (the server counts them), for the pager. */
  const [total, setTotal] = useState<number | null>(null);
  const [failed, setFailed] = useState<'load' | 'date' | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [who, setWho] = useState(params.who ?? '');
  const [from, setFrom] = useState(params.from ?? '');
  const [to, setTo] = useState(params.to ?? '');
  const page = Math.max(0, Number(params.page ?? 0) || 0);
  const what = params.what ?? '';

  // Names for the ids the log names: what this user may see (users: admins only).
  useEffect(() => {
    const m = new Map<string, string>();
    for (const u of units) m.set(u.id, local(u.name));
    const quiet = <T,>(p: Promise<{ items: T[] }>) => p.then((r) => r.items).catch(() => [] as T[]);
    Promise.all([quiet(listServicePoints()), quiet(listOfficers()), quiet(listProcedures()), user.role === 'admin' ? quiet(listUsers()) : Promise.resolve([])]).then(([sps, offs, procs, users]) => {
      for (const x of sps) m.set(x.id, `${x.code} · ${local(x.name)}`);
      for (const x of offs) m.set(x.id, x.name);
      for (const x of procs) m.set(x.id, `${x.code} · ${local(x.name)}`);
      for (const x of users) m.set(x.id, x.email);
      setNames(new Map(m));
    });
    setNames(new Map(m));
  }, [units, user.role]);

  useEffect(() => {
    let live = true;
    setRows(null);
    setFailed(null);
    listAudit({ limit: PAGE, offset: page * PAGE, actor: params.who || undefined, action: params.what || undefined, from: params.from || undefined, to: params.to || undefined }).then(
      (r) => {
        if (!live) return;
        setRows(r.items);
        setTotal(r.total ?? null);
      },
      (err: unknown) => live && setFailed(err instanceof ApiError && err.status === 400 ? 'date' : 'load'),
    );
    return () => {
      live = false;
    };
  }, [params.who, params.what, params.from, params.to, page]);

  const f: Formats = useMemo(
    () => ({
      name: (id) => names.get(id) ?? null,
      local,
      target,
      num,
      yes: v.audit.yes,
      no: v.audit.no,
      none: v.audit.none,
      more: (n) => fill(v.audit.more, { n }),
      daysPerWeek: (n) => fill(v.audit.daysPerWeek, { n }),
      holidays: (n) => fill(v.audit.holidaysN, { n }),
      key: (k) => (v.audit.keys as Record<string, string>)[k] ?? k,
      role: (r) => (v.audit.roles as Record<string, string>)[r] ?? null,
    }),
    [names, v],
  );

  const columns: Column<AuditEntry>[] = [
    { id: 'when', header: v.audit.when, cell: (e) => <span class="nowrap">{`${day(Date.parse(e.at))} ${time(e.at)}`}</span> },
    { id: 'who', header: v.audit.who, cell: (e) => e.actor },
    { id: 'what', header: v.audit.what, rowHeader: true, cell: (e) => (v.audit.actions as Record<string, string>)[e.action] ?? e.action },
    { id: 'record', header: v.audit.record, cell: (e) => names.get(e.target) ?? (e.target === e.orgId ? '' : e.target) },
    {
      id: 'changes',
      header: v.audit.changes,
      cell: (e) => {
        const changes = changesOf(e.details, f);
        return changes.length ? (
          <ul class="changes">
            {changes.map((c) => (
              <li key={c.key}>
                <strong>{c.key}</strong>:{' '}
                {c.before !== null && (
                  <>
                    <span class="before">{c.before}</span> →{' '}
                  </>
                )}
                <span>{c.after}</span>
              </li>
            ))}
          </ul>
        ) : null;
      },
    },
  ];

  const apply = (e: Event) => {
    e.preventDefault();
    setParams({ who: who.trim() || undefined, from: from || undefined, to: to || undefined, page: undefined });
  };

  return (
    <div class="audit-screen">
      <form class="card audit-filters" onSubmit={apply} aria-label={v.audit.filters} data-testid="audit-filters">
        <FormField id="audit-who" label={v.audit.who}>
          {(a) => <input {...a} type="search" placeholder={v.audit.whoHint} value={who} onInput={(e) => setWho(e.currentTarget.value)} />}
        </FormField>
        <FormField id="audit-what" label={v.audit.what}>
          {(a) => (
            <select {...a} value={what} onChange={(e) => setParams({ what: e.currentTarget.value || undefined, page: undefined })}>
              <option value="">{v.audit.whatAll}</option>
              {Object.entries(v.audit.groups).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="audit-from" label={v.audit.from} error={failed === 'date' ? { text: v.audit.badDate } : undefined}>
          {(a) => <input {...a} type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />}
        </FormField>
        <FormField id="audit-to" label={v.audit.to}>
          {(a) => <input {...a} type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />}
        </FormField>
        <div class="actions">
          <button type="submit" class="btn">
            {v.audit.apply}
          </button>
          <button
            type="button"
            class="btn btn-secondary"
            onClick={() => {
              setWho('');
              setFrom('');
              setTo('');
              setParams({ who: undefined, what: undefined, from: undefined, to: undefined, page: undefined });
            }}
          >
            {v.audit.clear}
          </button>
        </div>
      </form>
      <section class="card">
        <DataTable
          columns={columns}
          rows={rows ?? []}
          rowKey={(e) => e.id}
          rowTestId={(e) => `audit-${e.action}`}
          state={failed === 'load' ? 'error' : failed === 'date' ? 'ready' : rows ? 'ready' : 'loading'}
          emptyText={v.audit.empty}
          errorText={v.audit.loadFailed}
          onRetry={() => setParams({ page: String(page) })}
          scrollLabel={v.audit.changes}
        />
        {(page > 0 || (rows?.length ?? 0) === PAGE) && (total === null || total > PAGE || page > 0) && (
          <nav class="audit-pager" aria-label={v.audit.pages}>
            <button type="button" class="btn btn-secondary" disabled={page === 0} onClick={() => setParams({ page: page > 1 ? String(page - 1) : undefined })}>
              {v.audit.prev}
            </button>
            <span class="muted small" data-testid="audit-page">
              {total === null ? fill(v.audit.page, { n: page + 1 }) : fill(v.audit.pageOf, { n: num(page + 1), pages: num(Math.max(1, Math.ceil(total / PAGE))), total: num(total) })}
            </span>
            <button type="button" class="btn btn-secondary" disabled={total === null ? (rows?.length ?? 0) < PAGE : (page + 1) * PAGE >= total} onClick={() => setParams({ page: String(page + 1) })}>
              {v.audit.next}
            </button>
          </nav>
        )}
      </section>
    </div>
  );
}
