/**
 * The kiosk's flow: enrolment once, then start → (follow-up) → thank-you →
 * start, forever. Screens are small components; this file holds the state
 * that must outlive them (the rating in progress, the language, the config).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KioskConfig, KioskRatingSession, KioskResponseBody, KioskSurvey } from '../../shared/kiosk-protocol';
import { isOpenAt } from '../../shared/opening-hours';
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
import { WelcomeScreen } from './ui/welcome-screen';
import { PinPad, StaffCornerZone, StaffPanel } from './ui/staff-corner';
import { browserScreen, lockGestures, type ScreenPlatform } from './unattended/browser';
import { KioskMode } from './unattended/kiosk-mode';
import { dueForQuietReload } from './unattended/quiet-reload';

/** How long the thank-you stays before the start screen returns. */
export const THANKS_MS = 4000;
/** How long the "please wait" cue shows after a press inside the minimum gap. */
const RESTING_CUE_MS = 1500;
/** How long the faces stay for a rating session opened by the service. */
export const SESSION_COUNTDOWN_MS = 60_000;
/** The staff panel closes by itself when left open. */
const STAFF_IDLE_SECONDS = 60;
const BOOTED_AT = Date.now();

/** What the page needs from the outside world besides the network (browser APIs, reload): replaced in tests. */
export interface AppEnvironment {
  platform: ScreenPlatform;
  reload(): void;
}
const browserEnvironment = (): AppEnvironment => ({ platform: browserScreen(), reload: () => location.reload() });

/** A session on screen: the faces stay until `until` (kiosk clock), then the welcome screen returns silently. */
type ActiveSession = KioskRatingSession & { until: number };
type Staff = 'closed' | 'pin' | 'panel';

type Phase = { kind: 'starting' } | { kind: 'enrol'; code: string; problem: EnrolProblem | null } | { kind: 'kiosk' };
/** The follow-up keeps the survey it was opened with: a config push mid-way must not change its chips. */
type FollowUp = { kind: 'follow-up'; body: KioskResponseBody; survey: KioskSurvey } & FollowUpState;
type Screen = { kind: 'start' } | FollowUp | { kind: 'thanks' };

export function App({ env = browserEnvironment() }: { env?: AppEnvironment } = {}) {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [session, setSession] = useState<ActiveSession | null>(null);
  const [staff, setStaff] = useState<Staff>('closed');
  const [kioskModeOn, setKioskModeOn] = useState(true);
  const kioskMode = useRef<KioskMode | null>(null);
  const live = useRef({ phase: 'starting', config: null as KioskConfig | null, quiet: true, sessionId: null as string | null, screen: { kind: 'start' } as Screen });
  /** Sessions answered on this kiosk, so a resent one never shows the faces twice. */
  const usedSessions = useRef(new Set<string>());
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
    setSession(null);
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
      onSession: (s) => {
        // The same session again (resent on a reconnection) is ignored: on screen already, or answered here.
        if (usedSessions.current.has(s.id) || live.current.sessionId === s.id) return;
        // A citizen still on the previous follow-up: their rating is saved as it stands.
        const current = live.current.screen;
        if (current.kind === 'follow-up') void finishFollowUp(current, 'start');
        // A new citizen: the faces from the start, with the full countdown.
        setSession({ ...s, until: Date.now() + SESSION_COUNTDOWN_MS });
        setNow(Date.now());
        go({ kind: 'start' });
      },
    });
  }

  /** Staff chose "re-enrol": the device forgets its token (never the outbox) and asks for a new code. */
  function reEnrol(): void {
    runtime.current?.stop();
    runtime.current = null;
    deviceStorage.forgetEnrolment();
    setConfig(null);
    setStaff('closed');
    backToStart();
    setPhase({ kind: 'enrol', code: '', problem: null });
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
    const tick = setInterval(() => {
      const t = Date.now();
      setNow(t);
      // The nightly reload picks up a new version; never under a citizen's finger.
      if (live.current.quiet && dueForQuietReload(BOOTED_AT, t)) env.reload();
    }, 10_000);
    const mode = new KioskMode({
      platform: env.platform,
      isOpen: () => {
        const { phase: p, config: c } = live.current;
        // A config saved by an older version has no hours: treat the counter as open.
        return p === 'kiosk' && !!c && (!c.hours || isOpenAt(c.hours, Date.now()));
      },
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
    });
    kioskMode.current = mode;
    mode.start();
    const unlock = lockGestures();
    return () => {
      clearInterval(tick);
      mode.stop();
      unlock();
    };
  }, []);

  live.current = { phase: phase.kind, config, quiet: screen.kind === 'start' && staff === 'closed', sessionId: session?.id ?? null, screen };
  useEffect(() => {
    void kioskMode.current?.check();
  }, [phase.kind, config]);

  // The countdown of a rating session: a second-by-second clock while the faces wait.
  useEffect(() => {
    if (!session) return;
    const t = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= session.until) setSession((s) => (s === session ? null : s));
    }, 1000);
    return () => clearInterval(t);
  }, [session]);

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
  useIdle(staff !== 'closed', STAFF_IDLE_SECONDS, () => setStaff('closed'));
  useIdle(phase.kind === 'kiosk' && staff === 'closed' && (screen.kind !== 'start' || locale !== DEFAULT_LOCALE), idleSeconds, () => {
    if (screen.kind === 'follow-up') void finishFollowUp(screen, 'start');
    else backToStart();
  });

  function rate(value: number): boolean {
    const c = config;
    const rt = runtime.current;
    if (!c?.survey || !rt) return false;
    const afterService = c.ratingMode === 'after-service';
    // After-service counters rate only inside a session; the session is spent by this press.
    if (afterService && !session) return false;
    const at = Date.now();
    if (tooSoon(lastRatingAt.current, at, c.minGapSeconds)) {
      setRestingUntil(at + RESTING_CUE_MS);
      return false;
    }
    lastRatingAt.current = at;
    deviceStorage.saveLastRatingAt(at);
    const body = ratingBody(c, c.survey, value, locale, at, afterService ? session!.id : undefined);
    if (afterService) {
      usedSessions.current.add(session!.id);
      setSession(null);
    }
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
  else if (config.servicePoint.active === false) main = <NoticeScreen screen="counter-closed" title={m.counterClosed.title} body={m.counterClosed.body} />;
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
  else if (config.ratingMode === 'after-service' && !session) main = <WelcomeScreen locale={locale} />;
  else
    main = (
      <RatingScreen
        key={`${screenSeq}-${session?.id ?? ''}`}
        survey={survey}
        locale={locale}
        resting={restingUntil > 0}
        onRate={rate}
        secondsLeft={session ? Math.min(SESSION_COUNTDOWN_MS / 1000, Math.max(0, Math.ceil((session.until - now) / 1000))) : undefined}
      />
    );

  const overlay =
    staff === 'pin' && runtime.current ? (
      <PinPad
        locale={locale}
        onCheck={(pin) => runtime.current!.checkStaffPin(pin)}
        onOpened={() => setStaff('panel')}
        onCancel={() => setStaff('closed')}
        onToggleLocale={toggleLocale}
      />
    ) : staff === 'panel' ? (
      <StaffPanel
        locale={locale}
        config={config}
        status={status}
        awake={kioskMode.current?.awake ?? false}
        kioskModeOn={kioskModeOn}
        onSyncNow={() => runtime.current?.syncNow()}
        onReEnrol={reEnrol}
        onLeave={() => {
          setKioskModeOn(false);
          void kioskMode.current?.leave();
        }}
        onClose={() => setStaff('closed')}
        onToggleLocale={toggleLocale}
      />
    ) : null;

  return (
    <Shell
      status={status}
      locale={locale}
      now={now}
      header={config ? <Header config={config} locale={locale} onToggleLocale={toggleLocale} /> : null}
      main={main}
      corner={<StaffCornerZone onOpen={() => setStaff((s) => (s === 'closed' ? 'pin' : s))} />}
      overlay={overlay}
    />
  );
}

function Shell(props: {
  header?: ComponentChildren;
  main: ComponentChildren;
  status: KioskStatus | null;
  locale: Locale;
  now: number;
  corner?: ComponentChildren;
  overlay?: ComponentChildren;
}) {
  return (
    <div class="kiosk">
      {props.header}
      {props.main}
      <StaffStatus status={props.status} locale={props.locale} now={props.now} />
      {props.corner}
      {props.overlay}
    </div>
  );
}

/** The rating as it will be sent, fixed at the moment the face is pressed (who was on duty, which survey version). */
function ratingBody(c: KioskConfig, survey: KioskSurvey, value: number, locale: Locale, at: number, sessionId?: string): KioskResponseBody {
  return {
    id: newRatingId(),
    surveyVersionId: survey.versionId,
    channel: 'kiosk',
    servicePointId: c.servicePoint.id,
    ...(c.officer ? { officerId: c.officer.id } : {}),
    answers: { [survey.questionId]: value },
    locale,
    clientTime: new Date(at).toISOString(),
    ...(sessionId ? { sessionId } : {}),
  };
}

function withFollowUp({ body, survey, reasons, comment }: FollowUp): KioskResponseBody {
  const answers = { ...body.answers };
  if (survey.reasons && reasons.length) answers[survey.reasons.questionId] = reasons;
  const text = comment.trim().slice(0, survey.commentMaxLength);
  return { ...body, answers, ...(text ? { comment: text } : {}) };
}
