import { useEffect, useState } from 'preact/hooks';
import { formatEnrolmentCode, ENROLMENT_CODE_LENGTH } from '../../../shared/kiosk-protocol';
import type { EnrolOutcome } from '../net/api';
import { messages, type Locale } from './i18n';

export type EnrolProblem = Exclude<EnrolOutcome['kind'], 'ok'> | 'revoked';

/** Asked once per device: the one-time code from the admin (typed, or from ?code= in the URL). */
export function EnrolScreen(props: {
  locale: Locale;
  initialCode: string;
  problem: EnrolProblem | null;
  onToggleLocale: () => void;
  onSubmit: (code: string) => Promise<EnrolProblem | null>;
}) {
  const m = messages(props.locale);
  const [code, setCode] = useState(formatEnrolmentCode(props.initialCode));
  const [problem, setProblem] = useState<EnrolProblem | null>(props.problem);
  const [busy, setBusy] = useState(false);
  useEffect(() => setProblem(props.problem), [props.problem]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(await props.onSubmit(code));
    setBusy(false);
  };
  const message = problem === null ? null : { 'bad-code': m.enrol.badCode, offline: m.enrol.offline, 'too-many': m.enrol.tooMany, revoked: m.enrol.revoked }[problem];

  return (
    <main data-screen="enrol">
      <form class="enrol" onSubmit={submit}>
        <button type="button" class="lang lang-light" onClick={props.onToggleLocale} aria-label={m.switchLanguageHint}>
          {m.switchLanguage}
        </button>
        <h1>{m.enrol.title}</h1>
        <p>{m.enrol.intro}</p>
        <label>
          <span>{m.enrol.codeLabel}</span>
          <input
            name="code"
            value={code}
            maxLength={ENROLMENT_CODE_LENGTH + 1}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            onInput={(e) => setCode(formatEnrolmentCode((e.currentTarget as HTMLInputElement).value))}
          />
        </label>
        <p class="problem" role="alert">
          {message ?? ''}
        </p>
        <button type="submit" class="btn primary" disabled={busy}>
          {busy ? m.enrol.working : m.enrol.submit}
        </button>
      </form>
    </main>
  );
}
