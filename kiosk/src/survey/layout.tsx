/** The frame every screen shares: where the citizen is, the language switch, and full-page messages. */
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../shared/local-text';
import { pick } from '../../../shared/local-text';
import { fill, type SurveyPageText } from '../../../shared/i18n/survey';
import type { SurveyContext } from '../../../shared/api/survey-links';

interface HeaderProps {
  context: SurveyContext | null;
  locale: Locale;
  t: SurveyPageText;
  onSwitchLocale: () => void;
}

export function Header({ context, locale, t, onSwitchLocale }: HeaderProps) {
  const other: Locale = locale === 'vi' ? 'en' : 'vi';
  const sp = context?.servicePoint;
  return (
    <header class="top">
      <div class="where">
        {context?.org && <p class="org">{pick(context.org.name, locale)}</p>}
        {sp && <p class="counter">{pick(sp.name, locale)}</p>}
        {context?.procedure && (
          <p class="proc">
            {t.procedure}: {pick(context.procedure.name, locale)}
          </p>
        )}
      </div>
      <button type="button" class="lang" lang={other} title={t.switchLanguageLabel} onClick={onSwitchLocale}>
        {t.switchLanguage}
      </button>
    </header>
  );
}

export function Progress({ n, total, t }: { n: number; total: number; t: SurveyPageText }) {
  const text = fill(t.stepOf, { n, total });
  return (
    <div class="progress">
      <div class="bar" role="progressbar" aria-label={t.progressLabel} aria-valuemin={1} aria-valuemax={total} aria-valuenow={n} aria-valuetext={text}>
        <span style={{ width: `${Math.round((n / total) * 100)}%` }} />
      </div>
      <span class="step-of" aria-hidden="true">
        {text}
      </span>
    </div>
  );
}

export type MessageTone = 'ok' | 'info' | 'warn';

/** A whole-screen message (thanks, already answered, expired…), its title focused for screen readers. */
export function MessagePage(props: { tone: MessageTone; title: string; body: string; children?: ComponentChildren; titleRef?: (el: HTMLHeadingElement | null) => void }) {
  return (
    <main class={`message tone-${props.tone}`}>
      <div class="badge" aria-hidden="true">
        {props.tone === 'ok' ? '✓' : props.tone === 'warn' ? '!' : 'i'}
      </div>
      <h1 tabIndex={-1} ref={props.titleRef}>
        {props.title}
      </h1>
      <p>{props.body}</p>
      {props.children}
    </main>
  );
}
