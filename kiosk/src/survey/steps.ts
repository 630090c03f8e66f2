/**
 * The questionnaire's steps, built from whatever survey version the office
 * uses: the overall question first, then the SIPAS criteria one element per
 * step, then the national categorical questions H and M together, then the
 * other questions (expectations…), then the comment.
 */
import type { Question, SurveyDefinition } from '../../../shared/survey';
import { ELEMENT_CODES, INTEGRITY_CODES, type ElementCode } from '../../../shared/sipas';

export type RatingQuestion = Extract<Question, { kind: 'rating5' }>;
export type OtherQuestion = Exclude<Question, { kind: 'rating5' }>;

export type Step =
  | { kind: 'overall'; question: RatingQuestion }
  | { kind: 'element'; element: ElementCode; questions: RatingQuestion[] }
  | { kind: 'integrity'; questions: OtherQuestion[] }
  | { kind: 'more'; questions: OtherQuestion[] }
  | { kind: 'comment' };

export function buildSteps(def: SurveyDefinition): Step[] {
  const overall = def.questions.find((q): q is RatingQuestion => q.id === def.kiosk.questionId && q.kind === 'rating5');
  const steps: Step[] = [];
  if (overall) steps.push({ kind: 'overall', question: overall });

  const criteria = def.questions.filter((q): q is RatingQuestion => q.kind === 'rating5' && q !== overall);
  for (const element of ELEMENT_CODES) {
    const questions = criteria.filter((q) => q.code.startsWith(element));
    if (questions.length) steps.push({ kind: 'element', element, questions });
  }

  // The kiosk's "what went wrong?" chips summarise the criteria the QR page asks one by one: not asked twice.
  const rest = def.questions.filter((q): q is OtherQuestion => q.kind !== 'rating5' && q.id !== def.kiosk.reasonsQuestionId);
  const isIntegrity = (q: OtherQuestion) => (INTEGRITY_CODES as readonly string[]).includes(q.id);
  const integrity = rest.filter(isIntegrity);
  if (integrity.length) steps.push({ kind: 'integrity', questions: integrity });
  const others = rest.filter((q) => !isIntegrity(q));
  if (others.length) steps.push({ kind: 'more', questions: others });

  steps.push({ kind: 'comment' });
  return steps;
}

/** The values a rating question offers, low to high: 1–5, or 2 / 4 / 5 for the three-level scale. */
export const ratingValues = (q: RatingQuestion): number[] => (q.levels === 3 ? [2, 4, 5] : [1, 2, 3, 4, 5]);
