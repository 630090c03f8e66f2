/**
 * Which survey version a place asks, and why a version may no longer change.
 * Pure: the kiosk config, the QR/link page context and the admin API all
 * answer these questions the same way.
 */
import type { Organisation, ServicePoint } from './entities';
import type { SurveyDefinition, SurveyVersion } from '../../shared/survey';
import type { SurveyLockReason } from '../../shared/api/surveys';

/** A counter asks its own version when it has one, else the office's. */
export function surveyVersionIdFor(org: Pick<Organisation, 'activeSurveyVersionId'>, sp: Pick<ServicePoint, 'surveyVersionId'> | null): string | null {
  return sp?.surveyVersionId || org.activeSurveyVersionId || null;
}

export interface Assignments {
  organisation: string | null;
  counters: { servicePointId: string; surveyVersionId: string }[];
}

export function assignmentsOf(org: Pick<Organisation, 'activeSurveyVersionId'>, counters: readonly Pick<ServicePoint, 'id' | 'surveyVersionId'>[]): Assignments {
  return {
    organisation: org.activeSurveyVersionId ?? null,
    counters: counters.flatMap((sp) => (sp.surveyVersionId ? [{ servicePointId: sp.id, surveyVersionId: sp.surveyVersionId }] : [])),
  };
}

/**
 * Why a version may no longer change: asked now (office or a counter), asked
 * before (activated once: a kiosk may still have it, queued ratings name
 * it), or answered (responses are stored against its questions). Empty: a
 * draft, which may still be edited.
 */
export function lockReasons(v: Pick<SurveyVersion, 'id' | 'lockedAt' | 'activatedAt'>, a: Assignments): SurveyLockReason[] {
  const out: SurveyLockReason[] = [];
  const activeNow = a.organisation === v.id || a.counters.some((c) => c.surveyVersionId === v.id);
  if (activeNow) out.push('active');
  else if (v.activatedAt) out.push('was-active');
  if (v.lockedAt) out.push('answered');
  return out;
}

const LOCK_WORDS: Record<SurveyLockReason, string> = {
  active: 'it is active (the office or a counter asks it)',
  'was-active': 'it has been active (kiosks may still hold it, queued ratings name it)',
  answered: 'responses are stored against it',
};

export const describeLock = (reasons: readonly SurveyLockReason[]): string => reasons.map((r) => LOCK_WORDS[r]).join('; ');

/**
 * What changed between two definitions, for the audit log: questions added,
 * removed (a criterion switched off), reworded, and the rating scale.
 */
export function definitionChange(before: SurveyDefinition | null, after: SurveyDefinition): Record<string, unknown> {
  const was = new Map((before?.questions ?? []).map((q) => [q.id, q]));
  const now = new Map(after.questions.map((q) => [q.id, q]));
  const added = after.questions.filter((q) => !was.has(q.id)).map((q) => ({ id: q.id, kind: q.kind, text: q.text }));
  const removed = [...was.keys()].filter((id) => !now.has(id));
  const reworded = after.questions.flatMap((q) => {
    const old = was.get(q.id);
    return old && (old.text.vi !== q.text.vi || old.text.en !== q.text.en) ? [{ id: q.id, before: old.text, after: q.text }] : [];
  });
  const levels = (d: SurveyDefinition | null) => {
    const o = d?.questions.find((q) => q.id === d.kiosk.questionId);
    return o?.kind === 'rating5' ? o.levels : null;
  };
  return { added, removed, reworded, scale: { before: levels(before), after: levels(after) }, questions: after.questions.length };
}
