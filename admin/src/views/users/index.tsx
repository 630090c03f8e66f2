/**
 * Users and accounts (admins): the list, a new account (its temporary
 * password shown once), role / unit changes, deactivation and password
 * resets, each confirmed. The server enforces every rule; this mirrors them.
 */
import './styles.css';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { useAppData } from '../../store';
import type { ViewProps } from '../view';
import { usersMessages } from './messages';
import { createUser, listUsers, resetPassword, updateUser } from '../../api/users';
import { ApiError } from '../../api/http';
import type { Role, User } from '../../types';
import { DataTable, sortedRows, type Column } from '../../ui/data-table';
import { sortFromParams, sortToParams } from '../../ui/table-sort';
import { Pager, usePage } from '../../ui/pager';
import { FormField, FormProblemNotice } from '../../ui/form-field';
import { problemOf, type FormProblem } from '../../ui/form-errors';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { useToasts } from '../../ui/toasts';

const ROLES: Role[] = ['admin', 'manager', 'unit-head'];
const FIELDS = ['email', 'name', 'role', 'unitId'] as const;
const SORT_COLUMNS = ['name', 'email', 'role', 'unit', 'state'];

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;
type Pending = { kind: 'reset' | 'deactivate'; user: User } | null;

export default function UsersView({ user: me, params, setParams }: ViewProps) {
  const s = useViewSpeech(usersMessages);
  const { v, fill, local, locale } = s;
  const { units } = useAppData();
  const toasts = useToasts();
  const [users, setUsers] = useState<User[] | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ email: string; password: string } | null>(null);

  const load = useCallback(() => {
    setLoadError(false);
    listUsers().then(
      (r) => setUsers(r.items),
      () => setLoadError(true),
    );
  }, []);
  useEffect(load, [load]);

  const unitName = (id: string | null) => {
    const u = id ? units.find((x) => x.id === id) : null;
    return u ? local(u.name) : id ? id : v.users.wholeOrg;
  };

  const columns: Column<User>[] = [
    { id: 'name', header: v.users.name, rowHeader: true, sortValue: (u) => u.name, cell: (u) => <>{u.name} {u.id === me.id && <span class="muted small">{v.users.you}</span>}</> },
    { id: 'email', header: v.users.email, sortValue: (u) => u.email, cell: (u) => u.email },
    { id: 'role', header: v.users.role, sortValue: (u) => v.users.roles[u.role], cell: (u) => v.users.roles[u.role] },
    { id: 'unit', header: v.users.unit, sortValue: (u) => unitName(u.unitId), cell: (u) => unitName(u.unitId) },
    {
      id: 'state',
      header: v.users.state,
      sortValue: (u) => (u.disabled ? 1 : 0),
      cell: (u) => <span class={`badge ${u.disabled ? 'status-no-data' : 'status-meets'}`}>{u.disabled ? v.users.disabled : v.users.active}</span>,
    },
    {
      id: 'actions',
      header: v.users.actions,
      cell: (u) => (
        <div class="row-actions">
          <button type="button" class="btn btn-secondary" onClick={() => setEditing({ mode: 'edit', user: u })} aria-label={`${v.users.edit}: ${u.email}`}>
            {v.users.edit}
          </button>
          {!u.disabled && (
            <button type="button" class="btn btn-secondary" onClick={() => setPending({ kind: 'reset', user: u })} aria-label={`${v.users.reset}: ${u.email}`}>
              {v.users.reset}
            </button>
          )}
          {u.id !== me.id &&
            (u.disabled ? (
              <button type="button" class="btn btn-secondary" onClick={() => void setDisabled(u, false)} aria-label={`${v.users.reactivate}: ${u.email}`}>
                {v.users.reactivate}
              </button>
            ) : (
              <button type="button" class="btn btn-danger" onClick={() => setPending({ kind: 'deactivate', user: u })} aria-label={`${v.users.deactivate}: ${u.email}`}>
                {v.users.deactivate}
              </button>
            ))}
        </div>
      ),
    },
  ];

  const sort = sortFromParams(params, SORT_COLUMNS);
  const ordered = sortedRows(columns, users ?? [], sort, locale);
  const paged = usePage(ordered);

  async function setDisabled(u: User, disabled: boolean) {
    setBusy(true);
    try {
      const next = await updateUser(u.id, { disabled });
      setUsers((list) => list && list.map((x) => (x.id === next.id ? next : x)));
      toasts.show(fill(disabled ? v.users.deactivated : v.users.reactivated, { email: u.email }));
    } catch {
      toasts.show(v.users.failed, 'error');
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  async function doReset(u: User) {
    setBusy(true);
    try {
      const r = await resetPassword(u.id);
      setShown({ email: u.email, password: r.temporaryPassword });
    } catch {
      toasts.show(v.users.failed, 'error');
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  return (
    <div class="screen-stack users-screen">
      {shown && (
        <div class="card notice temp-password-card" role="alert" data-testid="temp-password-card">
          <h2 class="card-title">{fill(v.users.passwordTitle, { email: shown.email })}</h2>
          <p>{v.users.passwordBody}</p>
          <p>
            <code class="temp-password" data-testid="temp-password">
              {shown.password}
            </code>
          </p>
          <button type="button" class="btn" onClick={() => setShown(null)}>
            {v.users.passwordDone}
          </button>
        </div>
      )}
      {editing ? (
        <UserForm
          key={editing.mode === 'edit' ? editing.user.id : 'new'}
          editing={editing}
          me={me}
          onCancel={() => setEditing(null)}
          onSaved={(u, password) => {
            setUsers((list) => (list ? (list.some((x) => x.id === u.id) ? list.map((x) => (x.id === u.id ? u : x)) : [...list, u]) : [u]));
            setEditing(null);
            if (password) setShown({ email: u.email, password });
            toasts.show(fill(password ? v.users.created : v.users.saved, { email: u.email }));
          }}
        />
      ) : (
        <div class="screen-head users-head">
          <h2 class="card-title">{v.users.listTitle}</h2>
          <button type="button" class="btn" onClick={() => setEditing({ mode: 'create' })} data-testid="add-user">
            {v.users.add}
          </button>
        </div>
      )}
      <section class="card" aria-label={v.users.listTitle}>
        <DataTable
          columns={columns}
          rows={paged.rows}
          rowKey={(u) => u.id}
          rowTestId={(u) => `user-${u.email}`}
          state={loadError ? 'error' : users ? 'ready' : 'loading'}
          emptyText={v.users.empty}
          errorText={v.users.loadFailed}
          onRetry={load}
          sort={sort}
          onSortChange={(next) => setParams(sortToParams(next), { replace: true })}
          scrollLabel={v.users.listTitle}
        />
        <Pager {...paged} />
      </section>
      <ConfirmDialog
        open={pending?.kind === 'reset'}
        title={pending ? fill(v.users.resetTitle, { email: pending.user.email }) : ''}
        confirmLabel={v.users.reset}
        busy={busy}
        onConfirm={() => pending && void doReset(pending.user)}
        onCancel={() => setPending(null)}
      >
        <p>{v.users.resetBody}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'deactivate'}
        title={pending ? fill(v.users.deactivateTitle, { email: pending.user.email }) : ''}
        confirmLabel={v.users.deactivate}
        danger
        busy={busy}
        onConfirm={() => pending && void setDisabled(pending.user, true)}
        onCancel={() => setPending(null)}
      >
        <p>{v.users.deactivateBody}</p>
      </ConfirmDialog>
    </div>
  );
}

interface FormProps {
  editing: NonNullable<Editing>;
  me: User;
  onCancel: () => void;
  onSaved: (u: User, temporaryPassword?: string) => void;
}

/** Create or edit one account; keeps what was typed when the server refuses it and marks the fields it names. */
function UserForm({ editing, me, onCancel, onSaved }: FormProps) {
  const { m, v, fill, local } = useViewSpeech(usersMessages);
  const { units } = useAppData();
  const initial = editing.mode === 'edit' ? editing.user : null;
  const [email, setEmail] = useState(initial?.email ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState<Role>(initial?.role ?? 'unit-head');
  const [unitId, setUnitId] = useState(initial?.unitId ?? '');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const self = initial?.id === me.id;

  async function submit(e: Event) {
    e.preventDefault();
    setSaving(true);
    setProblem(null);
    const unit = role === 'unit-head' ? unitId || null : null;
    try {
      if (initial) onSaved(await updateUser(initial.id, { name, ...(self ? {} : { role }), unitId: unit }));
      else {
        const r = await createUser({ email, name, role, unitId: unit });
        onSaved(r.user, r.temporaryPassword);
      }
    } catch (err) {
      // A taken e-mail is the e-mail field's problem, not "changed elsewhere".
      if (err instanceof ApiError && err.status === 409) setProblem({ fields: { email: { text: v.users.emailTaken } }, form: m.form.someInvalid, formDetails: [] });
      else setProblem(problemOf(err, m.form, FIELDS));
    } finally {
      setSaving(false);
    }
  }

  const f = problem?.fields ?? {};
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="user-form-title" data-testid="user-form">
      <h2 class="card-title" id="user-form-title">
        {initial ? fill(v.users.editTitle, { email: initial.email }) : v.users.createTitle}
      </h2>
      <FormProblemNotice problem={problem} />
      <div class="form-two">
        <FormField id="user-email" label={v.users.email} required error={f.email}>
          {(a) => <input {...a} type="email" autoComplete="off" value={email} disabled={!!initial} maxLength={200} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </FormField>
        <FormField id="user-name" label={v.users.name} required error={f.name}>
          {(a) => <input {...a} type="text" value={name} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />}
        </FormField>
        <FormField id="user-role" label={v.users.role} required error={f.role}>
          {(a) => (
            <select {...a} value={role} disabled={self} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {v.users.roles[r]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {role === 'unit-head' && (
          <FormField id="user-unit" label={v.users.unit} hint={v.users.unitHint} required error={f.unitId}>
            {(a) => (
              <select {...a} value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
                <option value="">{v.users.unitNone}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {local(u.name)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        <div class="form-actions">
          <button type="submit" class="btn" disabled={saving}>
            {saving ? v.users.saving : initial ? v.users.save : v.users.create}
          </button>
          <button type="button" class="btn btn-secondary" onClick={onCancel}>
            {v.users.cancel}
          </button>
        </div>
      </div>
    </form>
  );
}
