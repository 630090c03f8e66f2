/**
 * What a counter kiosk renders: its office, counter, the officer on duty,
 * the short form of the active survey and its timings. Built per device
 * whenever something it shows changes (pushed over the /kiosk socket) and on
 * request (GET /kiosk/config).
 */
import type { Device, Entities, Organisation } from './entities';
import { DomainError } from './errors';
import type { SurveysService } from './surveys.service';
import { surveyVersionIdFor } from './surveys-rules';
import type { SurveyVersion } from '../../shared/survey';
import type { KioskConfig, KioskSurvey } from '../../shared/kiosk-protocol';

const COMMENT_MAX_LENGTH = 300;

export async function buildKioskConfig(deps: { entities: Entities; surveys: SurveysService }, device: Device, now: number): Promise<KioskConfig> {
  const { entities, surveys } = deps;
  const [org, sp] = await Promise.all([entities.get('organisation', device.orgId), entities.get('servicePoint', device.servicePointId)]);
  if (!org || !sp) throw new DomainError('not-found', 'The device points to a missing organisation or counter');
  // The counter's own version when it has one (issue 11), else the office's.
  const versionId = surveyVersionIdFor(org, sp);
  const [officer, survey] = await Promise.all([
    sp.officerOnDutyId ? entities.get('officer', sp.officerOnDutyId) : null,
    versionId ? surveys.get(versionId) : null,
  ]);
  return {
    device: { id: device.id, name: device.name },
    organisation: { id: org.id, name: org.name, shortName: org.shortName ?? null },
    servicePoint: { id: sp.id, code: sp.code, name: sp.name, active: sp.active !== false },
    officer: officer ? { id: officer.id, name: officer.name, title: officer.title ?? null, photoUrl: officer.photoUrl ?? null, initials: officer.initials ?? null } : null,
    survey: survey ? kioskSurvey(survey) : null,
    ...kioskTiming(org),
    serverTime: new Date(now).toISOString(),
    hours: sp.hours,
    ratingMode: sp.ratingMode ?? 'always',
  };
}

function kioskTiming(org: Organisation): Pick<KioskConfig, 'idleSeconds' | 'minGapSeconds' | 'thankYouSeconds'> {
  const thanks = org.kiosk?.thankYouSeconds;
  return { idleSeconds: org.kiosk?.idleSeconds ?? 20, minGapSeconds: org.kiosk?.minGapSeconds ?? 5, ...(thanks === undefined ? {} : { thankYouSeconds: thanks }) };
}

/** The kiosk's short form of a survey version: the overall question and the reason chips. */
export function kioskSurvey(v: SurveyVersion): KioskSurvey | null {
  const def = v.definition;
  const overall = def.questions.find((q) => q.id === def.kiosk.questionId);
  if (!overall || overall.kind !== 'rating5') return null;
  const reasonsQ = def.kiosk.reasonsQuestionId ? def.questions.find((q) => q.id === def.kiosk.reasonsQuestionId) : undefined;
  return {
    versionId: v.id,
    questionId: overall.id,
    question: overall.text,
    scale: overall.levels === 3 ? [2, 4, 5] : [1, 2, 3, 4, 5],
    followUpAtOrBelow: def.kiosk.followUpAtOrBelow,
    reasons: reasonsQ?.kind === 'multi' ? { questionId: reasonsQ.id, question: reasonsQ.text, options: reasonsQ.options } : null,
    commentMaxLength: COMMENT_MAX_LENGTH,
  };
}
