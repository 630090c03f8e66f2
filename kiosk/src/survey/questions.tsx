/**
 * Question controls. Real radios and checkboxes inside fieldsets with
 * legends: arrow keys move within a scale, Tab between questions, screen
 * readers hear the question and the full label of each point.
 */
import type { Locale } from '../../../shared/local-text';
import { pick } from '../../../shared/local-text';
import { SCALE_LABELS, type ScaleValue } from '../../../shared/sipas';
import type { SurveyPageText } from '../../../shared/i18n/survey';
import type { Answer } from './draft';
import { ratingValues, type OtherQuestion, type RatingQuestion } from './steps';

interface Props<Q> {
  question: Q;
  value: Answer | undefined;
  onChange: (value: Answer | undefined) => void;
  locale: Locale;
  t: SurveyPageText;
}

const label = (v: number, locale: Locale): string => pick(SCALE_LABELS[v as ScaleValue], locale);

/** The overall question: one large row per level, with its words, so nobody has to decode a number. */
export function OverallQuestion({ question: q, value, onChange, locale, error }: Props<RatingQuestion> & { error?: string }) {
  const errorId = `err-${q.id}`;
  return (
    <fieldset class="q overall" aria-describedby={error ? errorId : undefined}>
      {/* Shown as the step's heading just above; kept here so the group keeps its name. */}
      <legend class="sr-only">{pick(q.text, locale)}</legend>
      <div class="levels">
        {ratingValues(q).map((v) => (
          <label class={`level level-${v}`} key={v}>
            <input type="radio" name={`q-${q.id}`} value={String(v)} checked={value === v} onChange={() => onChange(v)} />
            <span class="level-box">
              <span class="level-n" aria-hidden="true">{v}</span>
              <span class="level-text">{label(v, locale)}</span>
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p class="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A criterion: a compact 1–5 row (the words read out to screen readers), ends labelled, and "not applicable". */
export function CriterionQuestion({ question: q, value, onChange, locale, t }: Props<RatingQuestion>) {
  const values = ratingValues(q);
  const threeLevel = values.length === 3;
  return (
    <fieldset class="q criterion">
      <legend class="q-text">{pick(q.text, locale)}</legend>
      <div class={`scale${threeLevel ? ' scale-3' : ''}`}>
        {values.map((v) => (
          <label class="pt" key={v}>
            <input type="radio" name={`q-${q.id}`} value={String(v)} checked={value === v} onChange={() => onChange(v)} />
            <span class="pt-box">
              {threeLevel ? (
                label(v, locale)
              ) : (
                <>
                  <span aria-hidden="true">{v}</span>
                  <span class="sr-only">{`${v} – ${label(v, locale)}`}</span>
                </>
              )}
            </span>
          </label>
        ))}
      </div>
      {!threeLevel && (
        <div class="anchors" aria-hidden="true">
          <span>{label(values[0], locale)}</span>
          <span>{label(values[values.length - 1], locale)}</span>
        </div>
      )}
      <div class="crit-foot">
        {q.allowNA && (
          <label class="pt na">
            <input type="radio" name={`q-${q.id}`} value="na" checked={value === null} onChange={() => onChange(null)} />
            <span class="pt-box">{t.notApplicable}</span>
          </label>
        )}
        {/* The words for the middle points, which the row itself does not show. */}
        {typeof value === 'number' && !threeLevel && (
          <span class="picked" aria-hidden="true">
            {`${value} – ${label(value, locale)}`}
          </span>
        )}
      </div>
    </fieldset>
  );
}

/** Expectations and any other choice / multi / text question of the survey version. */
export function OtherQuestionField({ question: q, value, onChange, locale, t }: Props<OtherQuestion>) {
  if (q.kind === 'text') {
    const id = `q-${q.id}`;
    return (
      <div class="q">
        <label class="q-text" for={id}>
          {pick(q.text, locale)}
        </label>
        <textarea
          id={id}
          rows={3}
          maxLength={q.maxLength}
          value={typeof value === 'string' ? value : ''}
          onInput={(e) => {
            const v = (e.currentTarget as HTMLTextAreaElement).value;
            onChange(v.trim() ? v : undefined);
          }}
        />
      </div>
    );
  }
  const multi = q.kind === 'multi';
  const picked = multi ? (Array.isArray(value) ? value : []) : [];
  const full = q.kind === 'multi' && q.max !== undefined && picked.length >= q.max;
  return (
    <fieldset class="q">
      <legend class="q-text">{pick(q.text, locale)}</legend>
      {multi && <p class="hint">{t.multiHint}</p>}
      <div class="options">
        {q.options.map((o) => (
          <label class="option" key={o.id}>
            {multi ? (
              <input
                type="checkbox"
                name={`q-${q.id}`}
                value={o.id}
                checked={picked.includes(o.id)}
                disabled={full && !picked.includes(o.id)}
                onChange={(e) => {
                  const on = (e.currentTarget as HTMLInputElement).checked;
                  const next = on ? [...picked.filter((x) => x !== o.id), o.id] : picked.filter((x) => x !== o.id);
                  onChange(next.length ? next : undefined);
                }}
              />
            ) : (
              <input type="radio" name={`q-${q.id}`} value={o.id} checked={value === o.id} onChange={() => onChange(o.id)} />
            )}
            <span>{pick(o.text, locale)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
