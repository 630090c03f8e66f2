/**
 * The kiosk's flow: enrolment once, then start → (follow-up) → thank-you →
 * start, forever. Screens are small components; this file holds the state
 * that must outlive them (the rating in progress, the language, the config).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KioskConfig, KioskResponseBody, KioskSurvey } from '../../shared/kiosk-protocol';
import { enrol } from './net/api';
import { deviceStorage } from './device-storage';
import { KioskRuntime, type KioskStatus } from './runtime';
import { needsFollowUp, newRatingId, tooSoon } from './rating-rules';
import { useIdle } from './ui/hooks';
import { DEFAULT_LOCALE, messages, type Locale } from './ui/i18n';
import { Header } from './ui/header';
import { StaffStatus } from './ui/staff-status';
import { RatingScreen } from './ui/rating-screen';
import { FollowUpScreen, type FollowUpState } from './ui/follow-up-screen';
import { ThanksScreen } from './ui/thanks-screen';
import { NoticeScreen } from './ui/notice-screen';
import { EnrolScreen, type EnrolProblem } from './ui/enrol-screen';

/** How long the thank-you stays before the start screen returns. */
export const THANKS_MS = 4000;
/** How long the "please wait" cue shows after a press inside the minimum gap. */
const RESTING_CUE_MS = 1500;

type Phase = { kind: 'starting' } | { kind: 'enrol'; code: string; problem: EnrolProblem | null } | { kind: 'kiosk' };
/** The follow-up keeps the survey it was opened with: a config push mid-way must not change its chips. */
type FollowUp = { kind: 'follow-up'; body: KioskResponseBody; survey: KioskSurvey } & FollowUpState;
type Screen = { kind: 'start' } | FollowUp | { kind: 'thanks' };

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [config, setConfig] = useState<KioskConfig | null>(deviceStorage.config);
  const [locale, setLocale] = useState<Locale>(DEFAULT_LOCALE);
  const [screen, setScreen] = useState<Screen>({ kind: 'start' });
  const [screenSeq, setScreenSeq] = useState(0);
  const [status, setStatus] = useState<KioskStatus | null>(null);
  const [restingUntil, setRestingUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const runtime = useRef<KioskRuntime | null>(null);
  const lastRatingAt = useRef(deviceStorage.lastRatingAt());

  const go = (next: Screen) => {
    setScreen(next);
    setScreenSeq((n) => n + 1);
  };
  const backToStart = () => {
    go({ kind: 'start' });
    setLocale(DEFAULT_LOCALE);
  };

  async function startKiosk(token: string): Promise<void> {
    runtime.current?.stop();
    setPhase({ kind: 'kiosk' });
    runtime.current = await KioskRuntime.start(token, {
      onConfig: (c) => {
        deviceStorage.saveConfig(c);
        setConfig(c);
      },
      onRevoked: () => {
        runtime.current = null;
        deviceStorage.forgetEnrolment();
        setConfig(null);
        go({ kind: 'start' });
        setPhase({ kind: 'enrol', code: '', problem: 'revoked' });
      },
      onStatus: setStatus,
    });
  }

  async function enrolWith(code: string): Promise<EnrolProblem | null> {
    const r = await enrol(code);
    if (r.kind !== 'ok') return r.kind;
    deviceStorage.saveEnrolment(r.result.token, r.result.config);
    setConfig(r.result.config);
    await startKiosk(r.result.token);
    return null;
  }

  useEffect(() => {
    void (async () => {
      const url = new URL(location.href);
      const code = url.searchParams.get('code');
      const token = deviceStorage.token();
      if (code) {
        // A spent code must not be tried again by a reload.
        url.searchParams.delete('code');
        history.replaceState(null, '', url.pathname + url.search);
        const problem = await enrolWith(code);
        if (!problem) return;
        if (!token) return setPhase({ kind: 'enrol', code, problem });
      }
      if (token) await startKiosk(token);
      else setPhase({ kind: 'enrol', code: '', problem: null });
    })();
    const tick = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(tick);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    if (screen.kind !== 'thanks') return;
    const t = setTimeout(backToStart, config?.thankYouSeconds ? config.thankYouSeconds * 1000 : THANKS_MS);
    return () => clearTimeout(t);
  }, [screen]);

  useEffect(() => {
    if (!restingUntil) return;
    const t = setTimeout(() => setRestingUntil(0), Math.max(0, restingUntil - Date.now()));
    return () => clearTimeout(t);
  }, [restingUntil]);

  const survey = config?.survey ?? null;
  const idleSeconds = config?.idleSeconds ?? 20;
  // Any screen but the start screen, or the start screen in English, returns to Vietnamese start when left alone.
  useIdle(phase.kind === 'kiosk' && (screen.kind !== 'start' || locale !== DEFAULT_LOCALE), idleSeconds, () => {
    if (screen.kind === 'follow-up') void finishFollowUp(screen, 'start');
    else backToStart();
  });

  function rate(value: number): boolean {
    const c = config;
    const rt = runtime.current;
    if (!c?.survey || !rt) return false;
    const at = Date.now();
    if (tooSoon(lastRatingAt.current, at, c.minGapSeconds)) {
      setRestingUntil(at + RESTING_CUE_MS);
      return false;
    }
    lastRatingAt.current = at;
    deviceStorage.saveLastRatingAt(at);
    const body = ratingBody(c, c.survey, value, locale, at);
    void (async () => {
      try {
        if (needsFollowUp(value, c.survey!.followUpAtOrBelow)) {
          await rt.draft(body);
          go({ kind: 'follow-up', body, survey: c.survey!, reasons: [], comment: '' });
          return;
        }
        await rt.record(body);
      } catch {
        // Storage failed: nothing a citizen can do about it, and no error is shown to them.
      }
      go({ kind: 'thanks' });
    })();
    return true;
  }

  /** Saves the low rating with whatever was chosen; an idle reset (the citizen left) goes straight back to start. */
  async function finishFollowUp(s: FollowUp, next: 'thanks' | 'start'): Promise<void> {
    const saved = runtime.current?.finalize(withFollowUp(s)).catch(() => undefined);
    if (next === 'start') backToStart();
    else go({ kind: 'thanks' });
    await saved;
  }

  const toggleLocale = () => setLocale((l) => (l === 'vi' ? 'en' : 'vi'));
  const m = messages(locale);

  if (phase.kind === 'starting') return <Shell status={null} locale={locale} now={now} main={<NoticeScreen screen="starting" title={m.starting} />} />;
  if (phase.kind === 'enrol') {
    return (
      <Shell
        status={null}
        locale={locale}
        now={now}
        main={<EnrolScreen locale={locale} initialCode={phase.code} problem={phase.problem} onToggleLocale={toggleLocale} onSubmit={enrolWith} />}
      />
    );
  }

  let main;
  if (!config) main = <NoticeScreen screen="starting" title={m.starting} />;
  else if (!survey) main = <NoticeScreen screen="unavailable" title={m.unavailable.title} body={m.unavailable.body} />;
  else if (screen.kind === 'follow-up')
    main = (
      <FollowUpScreen
        key={screenSeq}
        survey={screen.survey}
        locale={locale}
        state={screen}
        onChange={(s) => setScreen({ ...screen, ...s })}
        onDone={() => void finishFollowUp(screen, 'thanks')}
      />
    );
  else if (screen.kind === 'thanks') main = <ThanksScreen key={screenSeq} locale={locale} />;
  else main = <RatingScreen key={screenSeq} survey={survey} locale={locale} resting={restingUntil > 0} onRate={rate} />;

  return (
    <Shell
      status={status}
      locale={locale}
      now={now}
      header={config ? <Header config={config} locale={locale} onToggleLocale={toggleLocale} /> : null}
      main={main}
    />
  );
}

function Shell(props: { header?: ComponentChildren; main: ComponentChildren; status: KioskStatus | null; locale: Locale; now: number }) {
  return (
    <div class="kiosk">
      {props.header}
      {props.main}
      <StaffStatus status={props.status} locale={props.locale} now={props.now} />
    </div>
  );
}

/** The rating as it will be sent, fixed at the moment the face is pressed (who was on duty, which survey version). */
function ratingBody(c: KioskConfig, survey: KioskSurvey, value: number, locale: Locale, at: number): KioskResponseBody {
  return {
    id: newRatingId(),
    surveyVersionId: survey.versionId,
    channel: 'kiosk',
    servicePointId: c.servicePoint.id,
    ...(c.officer ? { officerId: c.officer.id } : {}),
    answers: { [survey.questionId]: value },
    locale,
    clientTime: new Date(at).toISOString(),
  };
}

function withFollowUp({ body, survey, reasons, comment }: FollowUp): KioskResponseBody {
  const answers = { ...body.answers };
  if (survey.reasons && reasons.length) answers[survey.reasons.questionId] = reasons;
  const text = comment.trim().slice(0, survey.commentMaxLength);
  return { ...body, answers, ...(text ? { comment: text } : {}) };
}
