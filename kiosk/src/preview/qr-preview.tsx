/** Every step of the QR page for a survey version, one below the other, with the page's own controls; nothing is sent. */
import { useMemo, useState } from 'preact/hooks';
import type { Locale } from '../../../shared/local-text';
import { pick } from '../../../shared/local-text';
import { ELEMENTS } from '../../../shared/sipas';
import { surveyPageText } from '../../../shared/i18n/survey';
import type { SurveyVersionDetail } from '../../../shared/api/surveys';
import type { Organisation } from '../../../shared/api/organisation';
import type { SurveyContext } from '../../../shared/api/survey-links';
import { buildSteps, type Step } from '../survey/steps';
import { Header } from '../survey/layout';
import { CriterionQuestion, OtherQuestionField, OverallQuestion } from '../survey/questions';
import type { Answer } from '../survey/draft';
import { previewWords } from './words';

export function QrPreview({ detail, org, locale: initial }: { detail: SurveyVersionDetail; org: Organisation | null; locale: Locale }) {
  const [locale, setLocale] = useState(initial);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const def = detail.version.definition;
  const steps = useMemo(() => buildSteps(def), [detail.version.id]);
  const t = surveyPageText[locale];
  const w = previewWords(locale);
  const context: SurveyContext = {
    state: 'ok',
    channel: 'qr',
    org: { name: org?.name ?? { vi: '', en: '' } },
    servicePoint: { id: 'preview', code: '—', name: { vi: previewWords('vi').counter, en: previewWords('en').counter } },
    procedure: null,
  };
  const set = (id: string, v: Answer | undefined) =>
    setAnswers((a) => {
      const next = { ...a };
      if (v === undefined) delete next[id];
      else next[id] = v;
      return next;
    });
  const common = { locale, t };
  const body = (step: Step): [string, preact.ComponentChildren] => {
    switch (step.kind) {
      case 'overall':
        return [pick(step.question.text, locale), <><p class="intro">{t.intro}</p><OverallQuestion {...common} question={step.question} value={answers[step.question.id]} onChange={(v) => set(step.question.id, v)} /></>];
      case 'element': {
        const element = ELEMENTS.find((e) => e.code === step.element);
        return [element ? pick(element.name, locale) : step.element, <><p class="hint">{t.scaleHint}</p>{step.questions.map((q) => <CriterionQuestion key={q.id} {...common} question={q} value={answers[q.id]} onChange={(v) => set(q.id, v)} />)}</>];
      }
      case 'integrity':
        return [t.integrityTitle, <><p class="hint">{t.integrityHint}</p>{step.questions.map((q) => <OtherQuestionField key={q.id} {...common} question={q} value={answers[q.id]} onChange={(v) => set(q.id, v)} />)}</>];
      case 'more':
        return [t.moreTitle, step.questions.map((q) => <OtherQuestionField key={q.id} {...common} question={q} value={answers[q.id]} onChange={(v) => set(q.id, v)} />)];
      case 'comment':
        return [t.commentTitle, <div class="q"><label class="q-text" for="comment">{t.commentLabel}</label><p class="hint">{t.commentHint}</p><textarea id="comment" rows={3} /></div>];
    }
  };
  return (
    <div class="page" data-preview="qr">
      <Header context={context} locale={locale} t={t} onSwitchLocale={() => setLocale((l) => (l === 'vi' ? 'en' : 'vi'))} />
      <p class="notice" role="note" style={{ margin: '12px 16px 0' }}>{w.banner}</p>
      {steps.map((step, i) => {
        const [title, content] = body(step);
        return (
          <main key={i} data-step={step.kind} style={{ borderBottom: '1px solid var(--line)' }}>
            <p class="hint">{w.step} {i + 1}/{steps.length}</p>
            <h1>{title}</h1>
            {content}
          </main>
        );
      })}
    </div>
  );
}
