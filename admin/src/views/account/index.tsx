/** One's own account (every role): changing the password, where the account is signed in, and signing one of them out. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import type { ViewProps } from '../view';
import { accountMessages } from './messages';
import { endOwnSession, listOwnSessions } from '../../api/users';
import type { OwnSession } from '../../types';
import { DataTable, type Column } from '../../ui/data-table';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { useToasts } from '../../ui/toasts';
import { PasswordForm } from '../../ui/password-form';
import { localDay } from '../../dates';

export default function AccountView(_props: ViewProps) {
  const { m, v, date, time } = useViewSpeech(accountMessages);
  const toasts = useToasts();
  const [sessions, setSessions] = useState<OwnSession[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState<OwnSession | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setFailed(false);
    listOwnSessions().then(
      (r) => setSessions(r.items),
      () => setFailed(true),
    );
  }, []);
  useEffect(load, [load]);

  async function signOut(sess: OwnSession) {
    setBusy(true);
    try {
      await endOwnSession(sess.id);
      setSessions((l) => l && l.filter((x) => x.id !== sess.id));
      toasts.show(v.account.signedOut);
    } catch {
      toasts.show(v.account.failed, 'error');
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  const columns: Column<OwnSession>[] = [
    { id: 'session', header: v.account.session, rowHeader: true, cell: (x) => (x.current ? <strong>{v.account.current}</strong> : v.account.other) },
    { id: 'expires', header: v.account.expires, cell: (x) => `${date(localDay(Date.parse(x.expiresAt)))} ${time(x.expiresAt)}` },
    {
      id: 'actions',
      header: v.account.actions,
      cell: (x) =>
        x.current ? null : (
          <button type="button" class="btn btn-secondary" onClick={() => setPending(x)}>
            {v.account.signOut}
          </button>
        ),
    },
  ];

  return (
    <div class="account-screen">
      <section class="card" aria-labelledby="password-title">
        <h2 id="password-title" class="card-title">{m.password.title}</h2>
        {/* A change signs the other sessions out: the list below follows. */}
        <PasswordForm onChanged={load} />
      </section>
      <section class="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title" class="card-title">{v.account.sessionsTitle}</h2>
        <p>{v.account.intro}</p>
        <DataTable
          columns={columns}
          rows={sessions ?? []}
          rowKey={(x) => x.id}
          rowTestId={(x) => (x.current ? 'session-current' : 'session-other')}
          state={failed ? 'error' : sessions ? 'ready' : 'loading'}
          emptyText={v.account.empty}
          errorText={v.account.loadFailed}
          onRetry={load}
        />
        <ConfirmDialog open={!!pending} title={v.account.signOutTitle} confirmLabel={v.account.signOut} busy={busy} onConfirm={() => pending && void signOut(pending)} onCancel={() => setPending(null)}>
          <p>{v.account.signOutBody}</p>
        </ConfirmDialog>
      </section>
    </div>
  );
}
