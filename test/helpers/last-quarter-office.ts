/**
 * An office whose last quarter fell short of 85% because of one counter and
 * one officer, for the tests of issue 12's and 13's "done when" (and the
 * screen tour). On the fixture office of test-server.ts:
 *
 * last quarter — T1 (Phòng A) 80 ratings: officer Một 40 with 22 satisfied
 * (55%), officer Ba 40 with 36 (90%); T2 (Phòng B, officer Hai) 80 with 74
 * (92,5%). The office: 132/160 = 82,5%. Một's three lowest ratings carry
 * comments, Ba has one kind word.
 * this quarter — six 5s at T1 today, through the kiosk API.
 *
 * Last quarter's ratings are written through the store, as the demo seed and
 * the stats integration tests do: the ingest API keys every rating to the
 * server's clock, so no API call can place one in a quarter that has ended.
 */
import { randomUUID } from 'node:crypto';
import { deltasFor } from '../../server/domain/aggregation';
import type { StoredResponse } from '../../server/store/types';
import { dayStart } from '../../admin/src/dates';
import { rangeOf, type DayRange } from '../../admin/src/ui/period-range';
import type { TestServer } from './test-server';

/** Last quarter (Vietnam days) as the period picker resolves it. */
export const lastQuarter = (): DayRange => rangeOf({ choice: 'last-quarter' })!;

export const LOW_COMMENTS = ['Chờ gần hai tiếng mới được tiếp nhận hồ sơ.', 'Cán bộ quầy T1 trả lời cộc lốc, không hướng dẫn.', 'Bị yêu cầu bổ sung giấy tờ ba lần.'];
export const GOOD_COMMENT = 'Cán bộ Ba hướng dẫn rất tận tình.';

export async function seedLastQuarter(s: TestServer): Promise<void> {
  const quarter = lastQuarter();
  await s.ctx.entities.put('officer', { id: 'off-3', orgId: 'org-main', unitId: 'unit-a', name: 'Lê Văn Ba', active: true });
  const survey = (await s.ctx.surveys.get(s.surveyVersionId))!;
  const days = Math.round((dayStart(quarter.to) - dayStart(quarter.from)) / 86_400_000) + 1;
  let i = 0;
  const one = (sp: 'sp-t1' | 'sp-t2', officerId: string, O: number, comment: string | null = null): StoredResponse => {
    i++;
    // Spread over the quarter's days, in opening hours (09:00 Vietnam time onwards).
    const t = dayStart(quarter.from) + ((i * 7) % days) * 86_400_000 + 9 * 3_600_000 + (i % 300) * 60_000;
    return {
      id: randomUUID(),
      orgId: 'org-main',
      unitId: sp === 'sp-t1' ? 'unit-a' : 'unit-b',
      servicePointId: sp,
      deviceId: null,
      officerId,
      procedureId: 'proc-1',
      surveyVersionId: s.surveyVersionId,
      channel: 'kiosk',
      verified: true,
      outsideHours: false,
      locale: 'vi',
      overall: O,
      answers: { O },
      comment,
      clientTime: new Date(t).toISOString(),
      serverTime: new Date(t).toISOString(),
      bodyHash: randomUUID(),
      excluded: null,
    };
  };
  const rs: StoredResponse[] = [
    ...Array.from({ length: 40 }, (_, k) => one('sp-t1', 'off-1', k < 22 ? 5 : k < 37 ? 2 : 1, k >= 37 ? LOW_COMMENTS[k - 37] : null)),
    ...Array.from({ length: 40 }, (_, k) => one('sp-t1', 'off-3', k < 36 ? 4 : 3, k === 0 ? GOOD_COMMENT : null)),
    ...Array.from({ length: 80 }, (_, k) => one('sp-t2', 'off-2', k < 74 ? 5 : 2)),
  ];
  await s.ctx.store.commitResponses(rs.map((response) => ({ response, deltas: deltasFor(response, survey.definition) })));
  // This quarter T1 does well: the default period would not show the answer.
  const today = Array.from({ length: 6 }, () => ({ id: randomUUID(), surveyVersionId: s.surveyVersionId, channel: 'kiosk', answers: { O: 5 } }));
  const res = await s.api('/api/v1/responses/batch', { method: 'POST', json: { responses: today }, headers: { authorization: `Bearer ${s.deviceToken}` } });
  if (res.status !== 200) throw new Error(`today's kiosk ratings: ${res.status}`);
}
