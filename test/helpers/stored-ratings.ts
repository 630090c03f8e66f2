/**
 * Ratings written straight into the store, the way ingestion would have
 * stored them on a chosen day: for figures over past periods that the API
 * (which stamps the server's own time) cannot produce.
 */
import { randomUUID } from 'node:crypto';
import { deltasFor } from '../../server/domain/aggregation';
import type { StoredResponse } from '../../server/store/types';
import { dayStart } from '../../admin/src/dates';
import type { TestServer } from './test-server';

/** A verified kiosk rating of the fixture office; `answers` default to `{ O: overall }`. */
export function storedRating(
  s: TestServer,
  r: Pick<StoredResponse, 'unitId' | 'servicePointId' | 'overall' | 'serverTime'> & Partial<StoredResponse>,
): StoredResponse {
  return {
    id: randomUUID(),
    orgId: 'org-main',
    deviceId: null,
    officerId: null,
    procedureId: null,
    surveyVersionId: s.surveyVersionId,
    channel: 'kiosk',
    verified: true,
    outsideHours: false,
    locale: 'vi',
    answers: { O: r.overall },
    comment: null,
    clientTime: null,
    bodyHash: randomUUID(),
    excluded: null,
    ...r,
  };
}

/** `hours` after midnight (Vietnam) of `day`, plus `seconds`, as the server stamps it. */
export const onDay = (day: string, hours: number, seconds = 0): string => new Date(dayStart(day) + hours * 3_600_000 + seconds * 1000).toISOString();

/** Commits stored ratings with the aggregate deltas of the fixture survey, as ingestion does. */
export async function commitRatings(s: TestServer, rs: StoredResponse[]): Promise<void> {
  const survey = (await s.ctx.surveys.get(s.surveyVersionId))!;
  await s.ctx.store.commitResponses(rs.map((response) => ({ response, deltas: deltasFor(response, survey.definition) })));
}
