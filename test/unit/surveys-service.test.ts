/**
 * SurveysService.createVersion keeps every code's meaning across versions
 * (shared/survey.ts, "A code never changes meaning").
 */
import { describe, expect, it } from 'vitest';
import { SurveyCodeReusedError, SurveysService } from '../../server/domain/surveys.service';
import type { Entities } from '../../server/domain/entities';
import { defaultSurveyDefinition, type SurveyVersion } from '../../shared/survey';

/** The three calls createVersion makes, over a Map: the rule is domain logic, the store is not under test here. */
function memoryEntities() {
  const rows = new Map<string, SurveyVersion>();
  const fake = {
    rows,
    get: async (_kind: 'surveyVersion', id: string) => rows.get(id) ?? null,
    list: async (_kind: 'surveyVersion', opts?: { orgId?: string }) => [...rows.values()].filter((v) => !opts?.orgId || v.orgId === opts.orgId),
    insert: async (_kind: 'surveyVersion', v: SurveyVersion) => (rows.has(v.id) ? 'duplicate' : (rows.set(v.id, v), 'inserted')),
    put: async (_kind: 'surveyVersion', v: SurveyVersion) => (rows.set(v.id, v), 'ok'),
  };
  // The fake implements only the surveyVersion calls SurveysService uses; the cast says so.
  return { rows, entities: fake as unknown as Entities };
}

const T = (s: string) => ({ vi: `${s} (vi)`, en: `${s} (en)` });

describe('SurveysService.createVersion', () => {
  it('numbers the versions of one survey 1, 2, … when codes keep their meaning', async () => {
    const { entities } = memoryEntities();
    const surveys = new SurveysService(entities);
    const v1 = await surveys.createVersion('org-1', 'sipas', defaultSurveyDefinition());
    const reworded = defaultSurveyDefinition();
    reworded.questions[1] = { ...reworded.questions[1], text: T('Thông tin dễ hiểu') };
    const v2 = await surveys.createVersion('org-1', 'sipas', reworded);
    expect([v1.version, v2.version]).toEqual([1, 2]);
  });

  it('refuses a version that reuses a code with another question kind, naming the question, and stores nothing', async () => {
    const { entities, rows } = memoryEntities();
    const surveys = new SurveysService(entities);
    await surveys.createVersion('org-1', 'sipas', defaultSurveyDefinition());
    const next = defaultSurveyDefinition();
    const i = next.questions.findIndex((q) => q.id === 'expect');
    next.questions[i] = { id: 'expect', kind: 'text', text: T('Mong muốn'), required: false, maxLength: 500 };
    const err = await surveys.createVersion('org-1', 'sipas', next).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SurveyCodeReusedError);
    const e = err as SurveyCodeReusedError;
    expect(e).toMatchObject({ code: 'conflict', status: 409, questionId: 'expect' });
    expect(e.message).toContain('Question expect reuses a code with another meaning: it was a multi question in sipas v1, now a text question');
    expect(e.details).toEqual([{ path: `definition.questions.${i}.id`, message: 'expect was a multi question in sipas v1; now a text question' }]);
    expect(rows.size).toBe(1);
  });

  it('refuses a custom rating code moved to another element, even under another survey key', async () => {
    const { entities } = memoryEntities();
    const surveys = new SurveysService(entities);
    const custom = (code: 'A2' | 'C1') => ({
      title: T('Ngắn'),
      questions: [
        { id: 'O', kind: 'rating5', code: 'O', text: T('Chung'), required: true },
        { id: 'waiting', kind: 'rating5', code, text: T('Chờ') },
      ],
      kiosk: { questionId: 'O' },
    });
    await surveys.createVersion('org-1', 'short', custom('A2'));
    const err = (await surveys.createVersion('org-1', 'other', custom('C1')).catch((e: unknown) => e)) as SurveyCodeReusedError;
    expect(err).toBeInstanceOf(SurveyCodeReusedError);
    expect(err.questionId).toBe('waiting');
    expect(err.message).toContain('it was a rating5 question of element A in short v1, now a rating5 question of element C');
  });

  it('judges each organisation by its own history', async () => {
    const { entities } = memoryEntities();
    const surveys = new SurveysService(entities);
    await surveys.createVersion('org-1', 'sipas', defaultSurveyDefinition());
    const mine = { title: T('Riêng'), questions: [{ id: 'O', kind: 'rating5', code: 'O', text: T('Chung') }, { id: 'expect', kind: 'text', text: T('t') }], kiosk: { questionId: 'O' } };
    await expect(surveys.createVersion('org-2', 'sipas', mine)).resolves.toMatchObject({ orgId: 'org-2', version: 1 });
  });
});
