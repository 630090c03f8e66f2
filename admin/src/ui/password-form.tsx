/**
 * Changing one's own password (POST /me/password): on the account screen,
 * and alone on the screen after a login with a temporary password (the
 * server answers every other call with 403 password-change-required until
 * then). The server checks the policy; its field errors show beside the
 * field and what was typed stays.
 */
import { useState } from 'preact/hooks';
import { useSpeech } from '../i18n';
import { changeMyPassword } from '../api/auth';
import { FormField, FormProblemNotice } from './form-field';
import { problemOf, type FormProblem } from './form-errors';
import { LanguageToggle } from './language-toggle';
import type { User } from '../types';

const FIELDS = ['currentPassword', 'newPassword'];

export function PasswordForm({ temporary, onChanged }: { temporary?: boolean; onChanged: () => void }) {
  const { m } = useSpeech();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setDone(false);
    if (next !== again) {
      setProblem({ fields: { confirm: { text: m.password.mismatch } }, form: m.form.someInvalid, formDetails: [] });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await changeMyPassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
      onChanged();
    } catch (err) {
      setProblem(problemOf(err, m.form, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const f = problem?.fields ?? {};
  return (
    <form class="password-form" onSubmit={submit} noValidate data-testid="password-form">
      <FormProblemNotice problem={problem} />
      {done && (
        <p class="notice" role="status" data-testid="password-done">
          {m.password.done}
        </p>
      )}
      <FormField id="pw-current" label={temporary ? m.password.currentTemporary : m.password.current} error={f.currentPassword} required>
        {(a) => <input {...a} type="password" autoComplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />}
      </FormField>
      <FormField id="pw-new" label={m.password.next} hint={m.password.nextHint} error={f.newPassword} required>
        {(a) => <input {...a} type="password" autoComplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />}
      </FormField>
      <FormField id="pw-confirm" label={m.password.confirm} error={f.confirm} required>
        {(a) => <input {...a} type="password" autoComplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} />}
      </FormField>
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? m.password.working : m.password.submit}
      </button>
    </form>
  );
}

/** The whole screen while the password is a temporary one: nothing else of the dashboard is reachable. */
export function ForcedPasswordScreen({ user, onChanged, onLogout, onToggleLocale }: { user: User; onChanged: () => void; onLogout: () => void; onToggleLocale: () => void }) {
  const { m } = useSpeech();
  return (
    <div class="login-page">
      <div class="login-top">
        <LanguageToggle onToggle={onToggleLocale} />
      </div>
      <main class="login-card password-card" id="main" data-testid="forced-password">
        <p class="brand-mark" aria-hidden="true">
          {m.appName}
        </p>
        <h1>{m.password.forcedTitle}</h1>
        <p class="muted">{m.password.forcedIntro}</p>
        <p class="small" data-testid="forced-password-user">
          {user.email}
        </p>
        <PasswordForm temporary onChanged={onChanged} />
        <button type="button" class="btn btn-secondary btn-wide" onClick={onLogout}>
          {m.password.logout}
        </button>
      </main>
    </div>
  );
}
