/**
 * The citizen's unfinished answers, kept on the phone per counter / link so
 * leaving the page (a call, a lock screen, a closed tab) loses nothing.
 */
import type { Locale } from '../../../shared/local-text';
import { readJson, remove, writeJson } from './storage';

/** A rating (1–5), "not applicable" (null), a choice, options picked, or text. */
export type Answer = number | null | string | string[];

export interface Draft {
  v: 1;
  surveyVersionId: string;
  answers: Record<string, Answer>;
  comment: string;
  step: number;
  locale: Locale;
  /** Made at the first submit attempt and reused by every retry: the idempotency key. */
  submitId?: string;
  /** Frozen with submitId, so an unchanged retry sends the identical body (same id + same body = "already stored"). */
  submittedAt?: string;
}

export function emptyDraft(surveyVersionId: string, locale: Locale): Draft {
  return { v: 1, surveyVersionId, answers: {}, comment: '', step: 0, locale };
}

/** A draft for another survey version is dropped: its answers may not fit the questions any more. */
export function loadDraft(key: string, surveyVersionId: string): Draft | null {
  const d = readJson<Draft>(key);
  if (!d || d.v !== 1 || d.surveyVersionId !== surveyVersionId || typeof d.answers !== 'object' || !d.answers) return null;
  return {
    ...d,
    comment: typeof d.comment === 'string' ? d.comment : '',
    step: Number.isInteger(d.step) && d.step >= 0 ? d.step : 0,
    locale: d.locale === 'en' ? 'en' : 'vi',
  };
}

export const saveDraft = (key: string, d: Draft): void => writeJson(key, d);
export const clearDraft = (key: string): void => remove(key);

/** Worth telling the citizen "your answers were restored"? */
export const hasProgress = (d: Draft): boolean => Object.keys(d.answers).length > 0 || d.comment.trim() !== '' || d.step > 0;
