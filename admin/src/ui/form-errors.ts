/**
 * What a failed save means for a form: per-field messages from the API's
 * `details` (`[{ path, message }]`, the path dotted like the body:
 * `kiosk.idleSeconds`), and one line for the form itself in plain words.
 * Our own catalog says it; the server's words (English, from validation) are
 * kept beside it as the detail.
 */
import { ApiError } from '../api/http';
import type { AdminMessages } from '../messages';

export interface FieldError {
  text: string;
  /** The server's own message for the field. */
  detail?: string;
}

export interface FormProblem {
  fields: Record<string, FieldError>;
  /** The line above the form (or a toast); null when the fields say it all. */
  form: string | null;
  /** The server's words for issues not tied to a field of this form. */
  formDetails: string[];
}

/** The form field an issue belongs to: the exact name, else the longest field it lies under (`hours.sessions.0.open` → `hours.sessions`). */
export function fieldFor(path: string, fieldNames: readonly string[]): string | null {
  if (!path) return null;
  if (fieldNames.includes(path)) return path;
  let best: string | null = null;
  for (const f of fieldNames) if (path.startsWith(`${f}.`) && (!best || f.length > best.length)) best = f;
  return best;
}

export function problemOf(err: unknown, m: AdminMessages['form'], fieldNames: readonly string[]): FormProblem {
  const none: FormProblem = { fields: {}, form: null, formDetails: [] };
  if (!(err instanceof ApiError)) return { ...none, form: m.failed };
  if (err.status === 0) return { ...none, form: m.offline };
  if (err.status === 403) return { ...none, form: m.forbidden };
  if (err.status === 404) return { ...none, form: m.notFound };
  const issues = err.fieldIssues;
  // A 409 naming a field is that field's problem (a code or e-mail already used), not "changed elsewhere".
  if (err.status === 409 && !issues.length) return { ...none, form: m.conflict };
  if ((err.status === 400 || err.status === 409 || err.status === 422) && issues.length) {
    const fields: Record<string, FieldError> = {};
    const formDetails: string[] = [];
    for (const i of issues) {
      const f = fieldFor(i.path, fieldNames);
      if (f === null) formDetails.push(i.path ? `${i.path}: ${i.message}` : i.message);
      else fields[f] ??= { text: m.invalid, detail: i.message };
    }
    return { fields, form: m.someInvalid, formDetails };
  }
  return { ...none, form: m.failed };
}
