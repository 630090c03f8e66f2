/**
 * "A code never changes meaning" on a real server and SQLite file: the
 * organisation's bootstrapped national survey is v1; a later version that
 * gives one of its codes another meaning is refused and leaves no trace,
 * while a reworded version is accepted and answers to both still count.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterClientId, startTestServer, type TestServer } from '../helpers/test-server';
import { SurveyCodeReusedError } from '../../server/domain/surveys.service';
import { defaultSurveyDefinition } from '../../shared/survey';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

const versions = async () => (await s.ctx.entities.list('surveyVersion', { orgId: 'org-main' })).map((v) => `${v.key} v${v.version}`).sort();

describe('survey versions keep every code\'s meaning', () => {
  it('refuses a version that turns the multi-select "reasons" into a single choice, naming it, and stores nothing', async () => {
    const before = await versions();
    const def = defaultSurveyDefinition();
    const i = def.questions.findIndex((q) => q.id === 'reasons');
    // "reasons" was the kiosk's multi-select; a version making it a single choice changes what m:reasons:* counts.
    const changed = { ...def, questions: def.questions.map((q, k) => (k === i && q.kind === 'multi' ? { ...q, kind: 'choice' as const } : q)) };
    changed.kiosk = { ...changed.kiosk, reasonsQuestionId: undefined };
    const err = await s.ctx.surveys.createVersion('org-main', 'sipas', changed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SurveyCodeReusedError);
    expect((err as SurveyCodeReusedError).questionId).toBe('reasons');
    expect((err as SurveyCodeReusedError).status).toBe(409);
    expect(await versions()).toEqual(before);
  });

  it('refuses the national code H used as anything but the none / some / many choice', async () => {
    const def = defaultSurveyDefinition();
    const asText = { ...def, questions: def.questions.map((q) => (q.id === 'H' ? { id: 'H', kind: 'text', text: q.text } : q)) };
    await expect(s.ctx.surveys.createVersion('org-main', 'sipas', asText)).rejects.toMatchObject({
      code: 'invalid-input',
      details: [expect.objectContaining({ path: expect.stringMatching(/^definition\.questions\.\d+\.id$/), message: expect.stringContaining('H is a national categorical question') })],
    });
  });

  it('accepts a reworded version, and answers to the old and the new version are both counted', async () => {
    const def = defaultSurveyDefinition();
    const v2 = await s.ctx.surveys.createVersion('org-main', 'sipas', {
      ...def,
      questions: def.questions.map((q) => (q.id === 'A2' ? { ...q, text: { vi: 'Biển chỉ dẫn rõ ràng', en: 'Clear signs' } } : q)),
    });
    expect(v2.version).toBeGreaterThanOrEqual(2);
    const phone = { 'x-client-id': await counterClientId(s.url, 'T1') };
    for (const surveyVersionId of [s.surveyVersionId, v2.id]) {
      const res = await s.api('/api/v1/responses', {
        method: 'POST',
        json: { id: randomUUID(), surveyVersionId, channel: 'qr', servicePointId: 'sp-t1', answers: { O: 5, A2: 5, H: 'none' } },
        headers: phone,
      });
      expect(res.status).toBe(201);
    }
    const cookie = await s.login();
    const summary = await (await s.api('/api/v1/stats/summary?servicePointId=sp-t1&verified=all', { cookie })).json();
    expect(summary.criteria.A2.n).toBe(2);
  });
});
