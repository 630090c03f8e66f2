import type { KioskSurvey } from '../../../shared/kiosk-protocol';
import { usePressGuard, useSettled } from './hooks';
import { local, messages, type Locale } from './i18n';

export interface FollowUpState {
  reasons: string[];
  comment: string;
}

/**
 * "What went wrong?" after a low rating: reason chips (one per SIPAS element,
 * plus Other) and an optional short comment. A chip whose id is an element
 * code (or `other`) is labelled in the catalog's plain words, whatever the
 * survey version says, so every kiosk shows words a citizen understands at a
 * glance; the answer stored is still the element code. Its state lives in the app, so
 * an idle reset can still save what the citizen chose.
 */
export function FollowUpScreen(props: {
  survey: KioskSurvey;
  locale: Locale;
  state: FollowUpState;
  onChange: (s: FollowUpState) => void;
  onDone: () => void;
}) {
  const { survey, locale, state, onChange } = props;
  const m = messages(locale).followUp;
  const chipText = (o: { id: string; text: { vi: string; en: string } }): string =>
    // hasOwnProperty, not Object.hasOwn: older Android WebViews on counter tablets lack the latter.
    Object.prototype.hasOwnProperty.call(m.reasons, o.id) ? m.reasons[o.id as keyof typeof m.reasons] : local(o.text, locale);
  const guard = usePressGuard();
  const settled = useSettled();
  const toggle = (id: string) =>
    settled() &&
    onChange({ ...state, reasons: state.reasons.includes(id) ? state.reasons.filter((r) => r !== id) : [...state.reasons, id] });
  return (
    <main data-screen="follow-up">
      <div class="followup">
        <h1 class="title">{survey.reasons ? local(survey.reasons.question, locale) : m.title}</h1>
        {survey.reasons && (
          <>
            <p class="hint">{m.hint}</p>
            <div class="chips">
              {survey.reasons.options.map((o) => (
                <button type="button" class="chip" key={o.id} data-reason={o.id} aria-pressed={state.reasons.includes(o.id)} onClick={() => toggle(o.id)}>
                  <span class="tick" aria-hidden="true">
                    <svg viewBox="0 0 20 20">
                      <path d="M3 10.5 L8 15 L17 5" fill="none" stroke="currentColor" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round" />
                    </svg>
                  </span>
                  {chipText(o)}
                </button>
              ))}
            </div>
          </>
        )}
        <label class="comment">
          <span>{m.commentLabel}</span>
          <textarea
            rows={2}
            maxLength={survey.commentMaxLength}
            placeholder={m.commentPlaceholder}
            value={state.comment}
            onInput={(e) => onChange({ ...state, comment: (e.currentTarget as HTMLTextAreaElement).value })}
          />
        </label>
        <div class="actions">
          <button type="button" class="btn secondary" data-action="skip" onClick={() => guard(props.onDone)}>
            {m.skip}
          </button>
          <button type="button" class="btn primary" data-action="send" onClick={() => guard(props.onDone)}>
            {m.send}
          </button>
        </div>
      </div>
    </main>
  );
}
