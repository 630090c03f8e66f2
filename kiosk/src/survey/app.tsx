/**
 * The QR survey page: load the context, restore the draft, walk the steps,
 * submit once. Phases: loading → form → done, or a message page.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Locale } from '../../../shared/local-text';
import { pick } from '../../../shared/local-text';
import { ELEMENTS } from '../../../shared/sipas';
import { surveyPageText, fill } from '../../../shared/i18n/survey';
import type { SurveyContext } from '../../../shared/api/survey-links';
import { contextUrl, draftKey, type SurveyRoute } from './route';
import { fetchContext, submitResponse, type SubmitBody } from './api';
import { clearDraft, emptyDraft, hasProgress, loadDraft, saveDraft, type Answer, type Draft } from './draft';
import { buildSteps } from './steps';
import { Header, MessagePage, Progress } from './layout';
import { CriterionQuestion, OtherQuestionField, OverallQuestion } from './questions';
import { readJson } from './storage';
import { uuid } from './uuid';

type Closed = 'used' | 'expired' | 'invalid' | 'inactive' | 'notFound' | 'loadFailed';
type Phase = { kind: 'loading' } | { kind: 'closed'; why: Closed } | { kind: 'form'; context: SurveyContext } | { kind: 'done' };

const COMMENT_MAX = 1000;

/** Stable (module-level), so a ref with it focuses once, when the heading appears, not on every render. */
const focusOnMount = (el: HTMLElement | null): void => el?.focus();

/** ?lang=en on a link, then the language of an earlier draft, then Vietnamese. */
function initialLocale(route: SurveyRoute): Locale {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'vi') return asked;
  return readJson<Draft>(draftKey(route))?.locale === 'en' ? 'en' : 'vi';
}

export function SurveyApp({ route }: { route: SurveyRoute | null }) {
  const [locale, setLocale] = useState<Locale>(() => (route ? initialLocale(route) : 'vi'));
  const [phase, setPhase] = useState<Phase>(route ? { kind: 'loading' } : { kind: 'closed', why: 'invalid' });
  const [context, setContext] = useState<SurveyContext | null>(null);
  const [attempt, setAttempt] = useState(0);
  const t = surveyPageText[locale];

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.documentTitle;
  }, [locale]);

  useEffect(() => {
    if (!route) return;
    let live = true;
    fetchContext(contextUrl(route)).then((r) => {
      if (!live) return;
      if (r.kind !== 'ok') return setPhase({ kind: 'closed', why: r.kind === 'not-found' ? 'notFound' : 'loadFailed' });
      setContext(r.context);
      if (r.context.state !== 'ok') {
        // A counter closed for now may open again: what was typed stays for then.
        if (r.context.state !== 'invalid' && r.context.state !== 'inactive') clearDraft(draftKey(route));
        return setPhase({ kind: 'closed', why: r.context.state });
      }
      setPhase({ kind: 'form', context: r.context });
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  const switchLocale = () => setLocale((l) => (l === 'vi' ? 'en' : 'vi'));
  const header = <Header context={context} locale={locale} t={t} onSwitchLocale={switchLocale} />;

  let body;
  switch (phase.kind) {
    case 'loading':
      body = (
        <main class="message" aria-busy="true">
          <div class="spinner" aria-hidden="true" />
          <p>{t.loading}</p>
        </main>
      );
      break;
    case 'closed': {
      const m = t[phase.why];
      const tone = phase.why === 'used' ? 'info' : 'warn';
      body = (
        <MessagePage tone={tone} title={m.title} body={m.body} titleRef={focusOnMount}>
          {phase.why === 'loadFailed' && (
            <button
              type="button"
              class="btn primary"
              onClick={() => {
                setPhase({ kind: 'loading' });
                setAttempt((a) => a + 1);
              }}
            >
              {t.retry}
            </button>
          )}
        </MessagePage>
      );
      break;
    }
    case 'done':
      body = <MessagePage tone="ok" title={t.done.title} body={t.done.body} titleRef={focusOnMount} />;
      break;
    case 'form':
      body = (
        <SurveyForm
          route={route!}
          context={phase.context}
          locale={locale}
          onFinished={(why) => setPhase(why === 'done' ? { kind: 'done' } : { kind: 'closed', why })}
        />
      );
      break;
  }
  return (
    <div class="page">
      {header}
      {body}
    </div>
  );
}

interface FormProps {
  route: SurveyRoute;
  context: SurveyContext;
  locale: Locale;
  onFinished: (why: 'done' | 'used' | 'expired' | 'invalid') => void;
}

function SurveyForm({ route, context, locale, onFinished }: FormProps) {
  const survey = context.survey!;
  const key = draftKey(route);
  const steps = useMemo(() => buildSteps(survey.definition), [survey.versionId]);
  const [draft, setDraft] = useState<Draft>(() => {
    const saved = loadDraft(key, survey.versionId);
    return saved ? { ...saved, step: Math.min(saved.step, steps.length - 1) } : emptyDraft(survey.versionId, locale);
  });
  // "Your answers were restored" stays until the citizen moves on.
  const [restored, setRestored] = useState(() => hasProgress(draft));
  const [overallError, setOverallError] = useState(false);
  const [sending, setSending] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const t = surveyPageText[locale];

  // The draft remembers the language (the header owns the switch), so a citizen who comes back finds theirs.
  useEffect(() => {
    if (draft.locale !== locale) update({ ...draft, locale });
  }, [locale]);

  // A new step: start at its top, and tell keyboard and screen-reader users where they are.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    setRestored(false);
    window.scrollTo(0, 0);
    titleRef.current?.focus();
  }, [draft.step]);

  // A message the citizen must read (no rating chosen, too many answers…) is
  // scrolled to sit above the sticky footer: at 360×640 with a long office
  // name it would otherwise appear under the buttons.
  useEffect(() => {
    if (overallError) revealAboveFooter(document.querySelector('.field-error'));
  }, [overallError]);
  useEffect(() => {
    if (submitError) revealAboveFooter(document.querySelector('.submit-error'));
  }, [submitError]);

  function update(next: Draft) {
    setDraft(next);
    saveDraft(key, next);
  }

  const setAnswer = (qid: string, value: Answer | undefined) => {
    const answers = { ...draft.answers };
    if (value === undefined) delete answers[qid];
    else answers[qid] = value;
    if (qid === survey.definition.kiosk.questionId) setOverallError(false);
    update({ ...draft, answers });
  };

  const step = steps[draft.step];
  const isLast = draft.step === steps.length - 1;

  const next = () => {
    if (step.kind === 'overall' && typeof draft.answers[step.question.id] !== 'number') {
      setOverallError(true);
      // Focus without scrolling: the error, not the first level, is what must be in view.
      (document.querySelector(`input[name="q-${step.question.id}"]`) as HTMLInputElement | null)?.focus({ preventScroll: true });
      return;
    }
    update({ ...draft, step: draft.step + 1 });
  };
  const back = () => update({ ...draft, step: Math.max(0, draft.step - 1) });

  async function submit() {
    if (sending) return;
    let d = draft;
    if (!d.submitId) {
      d = { ...d, submitId: uuid(), submittedAt: new Date().toISOString() };
      update(d);
    }
    setSending(true);
    setSubmitError(null);
    const comment = d.comment.trim();
    const body: SubmitBody = {
      id: d.submitId!,
      surveyVersionId: survey.versionId,
      channel: context.channel,
      ...(route.kind === 'link' ? { linkToken: route.token } : { servicePointId: context.servicePoint!.id }),
      answers: d.answers,
      ...(comment ? { comment } : {}),
      locale: d.locale,
      clientTime: d.submittedAt!,
    };
    const outcome = await submitResponse(body);
    setSending(false);
    switch (outcome) {
      case 'stored':
        clearDraft(key);
        return onFinished('done');
      case 'used':
      case 'expired':
        clearDraft(key);
        return onFinished(outcome);
      case 'invalid-link':
        return onFinished('invalid');
      case 'rate-limited':
        return setSubmitError(t.errors.rateLimited);
      case 'rejected':
        return setSubmitError(t.errors.rejected);
      case 'offline':
        return setSubmitError(t.errors.offline);
    }
  }

  const common = { locale, t };
  let title: string;
  let content;
  switch (step.kind) {
    case 'overall':
      // The question is the heading (and, hidden, the group's legend), with no survey title above it (the
      // header says where, the intro says what): all five levels then fit on a 360×640 screen, long names included.
      title = pick(step.question.text, locale);
      content = (
        <>
          <p class="intro">{t.intro}</p>
          <OverallQuestion
            {...common}
            question={step.question}
            value={draft.answers[step.question.id]}
            onChange={(v) => setAnswer(step.question.id, v)}
            error={overallError ? t.overallRequired : undefined}
          />
        </>
      );
      break;
    case 'element': {
      const element = ELEMENTS.find((e) => e.code === step.element);
      title = element ? pick(element.name, locale) : step.element;
      content = (
        <>
          <p class="hint">{t.scaleHint}</p>
          {step.questions.map((q) => (
            <CriterionQuestion key={q.id} {...common} question={q} value={draft.answers[q.id]} onChange={(v) => setAnswer(q.id, v)} />
          ))}
        </>
      );
      break;
    }
    case 'integrity':
      title = t.integrityTitle;
      content = (
        <>
          <p class="hint">{t.integrityHint}</p>
          {step.questions.map((q) => (
            <OtherQuestionField key={q.id} {...common} question={q} value={draft.answers[q.id]} onChange={(v) => setAnswer(q.id, v)} />
          ))}
        </>
      );
      break;
    case 'more':
      title = t.moreTitle;
      content = step.questions.map((q) => (
        <OtherQuestionField key={q.id} {...common} question={q} value={draft.answers[q.id]} onChange={(v) => setAnswer(q.id, v)} />
      ));
      break;
    case 'comment':
      title = t.commentTitle;
      content = (
        <div class="q">
          <label class="q-text" for="comment">
            {t.commentLabel}
          </label>
          <p class="hint" id="comment-hint">
            {t.commentHint}
          </p>
          <textarea
            id="comment"
            rows={5}
            maxLength={COMMENT_MAX}
            aria-describedby="comment-hint comment-left"
            value={draft.comment}
            onInput={(e) => update({ ...draft, comment: (e.currentTarget as HTMLTextAreaElement).value })}
          />
          <p class="hint right" id="comment-left">
            {fill(t.charsLeft, { n: COMMENT_MAX - draft.comment.length })}
          </p>
        </div>
      );
      break;
  }

  return (
    <>
      <Progress n={draft.step + 1} total={steps.length} t={t} />
      <main class="form">
        {restored && (
          <p class="notice" role="status">
            {t.draftRestored}
          </p>
        )}
        <h1 tabIndex={-1} ref={titleRef}>
          {title}
        </h1>
        {content}
        {submitError && (
          <p class="submit-error" role="alert">
            {submitError}
          </p>
        )}
      </main>
      <nav class="actions">
        {draft.step > 0 && (
          <button type="button" class="btn" onClick={back} disabled={sending}>
            {t.back}
          </button>
        )}
        {isLast ? (
          <button type="button" class="btn primary" onClick={submit} disabled={sending} aria-busy={sending}>
            {sending ? t.sending : submitError ? t.retry : t.submit}
          </button>
        ) : (
          <button type="button" class="btn primary" onClick={next}>
            {t.next}
          </button>
        )}
      </nav>
    </>
  );
}

/** Scrolls the page so `el` is whole between the top of the screen and the sticky footer (nav.actions). */
function revealAboveFooter(el: Element | null): void {
  if (!el) return;
  const footer = document.querySelector('nav.actions')?.getBoundingClientRect().height ?? 0;
  const r = el.getBoundingClientRect();
  const bottomLimit = window.innerHeight - footer - 8;
  if (r.bottom > bottomLimit) window.scrollBy(0, Math.min(r.bottom - bottomLimit, r.top - 8));
  else if (r.top < 0) window.scrollBy(0, r.top - 8);
}
