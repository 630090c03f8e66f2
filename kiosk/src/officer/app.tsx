/**
 * The officer page: sign in once (counter code + officer PIN, or the admin
 * session), then one big "Mời đánh giá / Invite rating" button with the
 * procedure picked from the list. The answer is only "invited" — the page
 * never shows how the citizen rated.
 */
import { useEffect, useState } from 'preact/hooks';
import { officerMessages, type OfficerMessages } from '../../../shared/i18n/officer';
import { pick, type Locale } from '../../../shared/local-text';
import type { OfficerContext } from '../../../shared/api/rating-sessions';
import { invite, loadContext, savedToken, saveToken, signIn, type Auth } from './api';

type Problem = keyof OfficerMessages['signIn'] | 'signedOut' | null;
type State =
  | { kind: 'loading' }
  | { kind: 'sign-in'; problem: Problem }
  | { kind: 'ready'; auth: Auth; context: OfficerContext };

/** After an invitation the button rests briefly, so a double press does not open two sessions. */
const INVITE_REST_MS = 3000;

export function OfficerApp() {
  const [locale, setLocale] = useState<Locale>('vi');
  const [state, setState] = useState<State>({ kind: 'loading' });
  const m = officerMessages[locale];

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `Hài Lòng – ${m.title}`;
  }, [locale]);

  useEffect(() => {
    const token = savedToken();
    if (!token) return setState({ kind: 'sign-in', problem: null });
    void loadContext({ kind: 'token', token }).then((r) => {
      if (r.kind === 'ok') setState({ kind: 'ready', auth: { kind: 'token', token }, context: r.context });
      else {
        if (r.kind === 'signed-out') saveToken(null);
        setState({ kind: 'sign-in', problem: r.kind === 'offline' ? 'offline' : null });
      }
    });
  }, []);

  const toggle = (
    <button type="button" class="lang" onClick={() => setLocale((l) => (l === 'vi' ? 'en' : 'vi'))} aria-label={m.switchLanguageHint} lang={locale === 'vi' ? 'en' : 'vi'}>
      {m.switchLanguage}
    </button>
  );

  let body;
  if (state.kind === 'loading') body = <p data-screen="officer-loading">{m.loading}</p>;
  else if (state.kind === 'sign-in')
    body = (
      <SignIn
        m={m}
        problem={state.problem}
        onSignedIn={(auth, context) => setState({ kind: 'ready', auth, context })}
      />
    );
  else
    body = (
      <Invite
        m={m}
        locale={locale}
        auth={state.auth}
        context={state.context}
        onSignedOut={(expired) => {
          saveToken(null);
          setState({ kind: 'sign-in', problem: expired ? 'signedOut' : null });
        }}
      />
    );

  return (
    <div class="officer-page">
      <header class="officer-bar">
        <span class="officer-app">{m.appName}</span>
        {toggle}
      </header>
      <main class="officer-main">{body}</main>
    </div>
  );
}

function SignIn(props: { m: OfficerMessages; problem: Problem; onSignedIn: (auth: Auth, context: OfficerContext) => void }) {
  const { m } = props;
  const [counter, setCounter] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(props.problem);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy || !counter.trim() || !pin) return;
    setBusy(true);
    const r = await signIn(counter.trim(), pin);
    setBusy(false);
    setPin('');
    if (r.kind === 'ok') {
      saveToken(r.result.token);
      return props.onSignedIn({ kind: 'token', token: r.result.token }, r.result.context);
    }
    setProblem(r.kind === 'too-many' ? 'tooMany' : r.kind);
  }

  async function withAdmin() {
    if (busy || !counter.trim()) return setProblem('counter');
    setBusy(true);
    const auth: Auth = { kind: 'admin', counter: counter.trim() };
    const r = await loadContext(auth);
    setBusy(false);
    if (r.kind === 'ok') return props.onSignedIn(auth, r.context);
    setProblem(r.kind === 'offline' ? 'offline' : 'noAdmin');
  }

  const text = problem === null ? null : problem === 'signedOut' ? m.signedOut : m.signIn[problem];
  return (
    <form class="officer-card" onSubmit={submit} data-screen="officer-sign-in">
      <h1>{m.signIn.title}</h1>
      <p>{m.signIn.intro}</p>
      <label>
        {m.signIn.counter}
        <input name="counter" value={counter} autoComplete="off" autoCapitalize="characters" onInput={(e) => setCounter(e.currentTarget.value)} required maxLength={32} />
      </label>
      <label>
        {m.signIn.pin}
        <input name="pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onInput={(e) => setPin(e.currentTarget.value)} maxLength={8} />
      </label>
      <p class="problem" role="alert">
        {busy ? m.signIn.working : text}
      </p>
      <button type="submit" class="btn primary" disabled={busy}>
        {m.signIn.submit}
      </button>
      <button type="button" class="btn link" onClick={() => void withAdmin()} disabled={busy}>
        {m.signIn.withAdmin}
      </button>
    </form>
  );
}

function Invite(props: { m: OfficerMessages; locale: Locale; auth: Auth; context: OfficerContext; onSignedOut: (expired: boolean) => void }) {
  const { m, locale, context } = props;
  const [procedure, setProcedure] = useState('');
  const [result, setResult] = useState<'ok' | 'always-mode' | 'failed' | null>(null);
  const [resting, setResting] = useState(false);

  async function press() {
    if (resting) return;
    setResting(true);
    setTimeout(() => setResting(false), INVITE_REST_MS);
    const r = await invite(props.auth, procedure || null);
    if (r.kind === 'signed-out') return props.onSignedOut(true);
    setResult(r.kind);
  }

  const who = context.officer ? `${m.officer}: ${context.officer.name}` : m.admin;
  // Counter names usually carry their code ("Quầy 1 – Hộ chiếu"); the code is added only when they do not.
  const counterName = pick(context.counter.name, locale);
  return (
    <section class="officer-card" data-screen="officer-invite">
      <div class="officer-where">
        <div class="officer-counter" data-testid="officer-counter">
          {counterName.includes(context.counter.code) ? counterName : `${m.counter} ${context.counter.code} · ${counterName}`}
        </div>
        <div>{who}</div>
      </div>
      <label>
        {m.procedure}
        <select name="procedure" value={procedure} onChange={(e) => setProcedure(e.currentTarget.value)}>
          <option value="">{m.noProcedure}</option>
          {context.procedures.map((p) => (
            <option key={p.code} value={p.code}>
              {p.code} – {pick(p.name, locale)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" class="btn invite" data-testid="invite" disabled={resting} onClick={() => void press()}>
        {m.invite}
      </button>
      <p class="hint">{m.inviteHint}</p>
      <p class={`result ${result ?? ''}`} role="status" data-testid="invite-result">
        {result === 'ok' ? m.invited : result === 'always-mode' ? m.alwaysMode : result === 'failed' ? m.failed : ''}
      </p>
      <button type="button" class="btn link" onClick={() => props.onSignedOut(false)}>
        {m.signOut}
      </button>
    </section>
  );
}
