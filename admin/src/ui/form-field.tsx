/**
 * A labelled form field with its hint and its error, wired for assistive
 * technology: the input (given by the caller, so any control fits) gets the
 * id, aria-invalid and aria-describedby pointing at the hint and the error.
 */
import type { ComponentChildren } from 'preact';
import { useSpeech } from '../i18n';
import type { FieldError, FormProblem } from './form-errors';

export interface FieldA11y {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  'aria-required'?: true;
}

interface Props {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: FieldError;
  required?: boolean;
  children: (a11y: FieldA11y) => ComponentChildren;
}

export function FormField({ id, label, hint, error, required, children }: Props) {
  const { m } = useSpeech();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id} class="field-label">
        {label}
        {required && <span class="field-required"> ({m.form.required})</span>}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined, 'aria-required': required ? true : undefined })}
      {hint && (
        <p id={`${id}-hint`} class="muted small">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error" data-testid={`${id}-error`}>
          {error.text}
          {error.detail && (
            <span class="field-error-detail" lang="en">
              {' '}
              ({error.detail})
            </span>
          )}
        </p>
      )}
    </div>
  );
}

/** The form's own line after a failed save, announced once. */
export function FormProblemNotice({ problem }: { problem: FormProblem | null }) {
  if (!problem?.form) return null;
  return (
    <div class="notice error" role="alert" data-testid="form-problem">
      <p>{problem.form}</p>
      {problem.formDetails.length > 0 && (
        <ul class="small" lang="en">
          {problem.formDetails.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
