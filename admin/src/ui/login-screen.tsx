/** E-mail and password; problems said in plain words. */
import { useRef, useState } from 'preact/hooks';
import { useSpeech } from '../i18n';
import { problemOf, type LoginProblem } from '../session';
import { LanguageToggle } from './language-toggle';

export function LoginScreen({ onLogin, expired, onToggleLocale }: { onLogin: (email: string, password: string) => Promise<void>; expired: boolean; onToggleLocale: () => void }) {
  const { m } = useSpeech();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<LoginProblem | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await onLogin(email.trim(), password);
    } catch (err) {
      const p = problemOf(err);
      setProblem(p);
      if (p === 'wrong') {
        setPassword('');
        passwordInput.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login-page">
      <div class="login-top">
        <LanguageToggle onToggle={onToggleLocale} />
      </div>
      <main class="login-card" id="main">
        <p class="brand-mark" aria-hidden="true">
          {m.appName}
        </p>
        <h1>{m.login.title}</h1>
        <p class="muted">{m.login.intro}</p>
        {expired && !problem && (
          <p class="notice" role="status">
            {m.login.expired}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <label for="login-email">{m.login.email}</label>
          <input
            id="login-email"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
            aria-describedby={problem ? 'login-problem' : undefined}
          />
          <label for="login-password">{m.login.password}</label>
          <input
            id="login-password"
            ref={passwordInput}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
            aria-describedby={problem ? 'login-problem' : undefined}
          />
          {problem && (
            <p id="login-problem" class="error" role="alert" data-testid="login-problem">
              {m.login[problem]}
            </p>
          )}
          <button type="submit" class="btn btn-primary btn-wide" disabled={busy}>
            {busy ? m.login.working : m.login.submit}
          </button>
        </form>
      </main>
    </div>
  );
}
