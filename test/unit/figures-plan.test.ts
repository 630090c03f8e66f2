import { describe, expect, it } from 'vitest';
import { planFigures } from '../../server/domain/figures';
import { splitRange } from '../../server/domain/stats.service';
import { rollupDeltasOf, deltasFor } from '../../server/domain/aggregation';
import { hourHorizon } from '../../server/domain/hour-retention';
import { DAY_MS, HOUR_MS, localMidnight } from '../../shared/periods';
import { defaultSurveyDefinition } from '../../shared/survey';
import type { StoredResponse } from '../../server/store/types';

const org = { orgId: 'o' };

describe('planFigures: which stored figures answer a query', () => {
  it('reads the organisation rollup for no entity filter, with channel and verified as columns', () => {
    expect(planFigures(org)).toEqual({ path: 'rollup:org', query: { orgId: 'o', dim: 'org' } });
    expect(planFigures({ ...org, channel: 'qr', verified: true, metrics: ['q:O'] }, 'channel')).toEqual({
      path: 'rollup:org',
      query: { orgId: 'o', dim: 'org', channel: 'qr', verified: true, metrics: ['q:O'], groupBy: 'channel' },
    });
    expect(planFigures(org, 'verified')).toMatchObject({ path: 'rollup:org', query: { groupBy: 'verified' } });
  });

  it('reads a dimension rollup grouped by key for a breakdown without entity filter', () => {
    expect(planFigures(org, 'servicePointId')).toEqual({ path: 'rollup:counter', query: { orgId: 'o', dim: 'counter', groupBy: 'key' } });
    expect(planFigures(org, 'officerId').path).toBe('rollup:officer');
    expect(planFigures(org, 'procedureId').path).toBe('rollup:procedure');
    expect(planFigures(org, 'unitId').path).toBe('rollup:unit');
  });

  it('reads the pinned entity rollup, grouped by itself, the channel or the flag', () => {
    expect(planFigures({ ...org, unitIds: ['u1', 'u2'] }, 'unitId')).toEqual({ path: 'rollup:unit', query: { orgId: 'o', dim: 'unit', keys: ['u1', 'u2'], groupBy: 'key' } });
    expect(planFigures({ ...org, servicePointId: 'sp' })).toEqual({ path: 'rollup:counter', query: { orgId: 'o', dim: 'counter', keys: ['sp'] } });
    expect(planFigures({ ...org, officerId: '' }, 'channel')).toEqual({ path: 'rollup:officer', query: { orgId: 'o', dim: 'officer', keys: [''], groupBy: 'channel' } });
    expect(planFigures({ ...org, procedureId: 'p', verified: false }).path).toBe('rollup:procedure');
  });

  it('falls back to the crossed aggregates for two entities, or grouping by another entity', () => {
    expect(planFigures({ ...org, unitIds: ['u'] }, 'servicePointId')).toEqual({ path: 'crossed' });
    expect(planFigures({ ...org, servicePointId: 'sp', officerId: 'x' })).toEqual({ path: 'crossed' });
    expect(planFigures({ ...org, unitIds: ['u'], procedureId: 'p' })).toEqual({ path: 'crossed' });
    expect(planFigures({ ...org, officerId: 'x' }, 'procedureId')).toEqual({ path: 'crossed' });
  });
});

describe('splitRange', () => {
  const may1 = localMidnight(2026, 5, 1);
  const jul1 = localMidnight(2026, 7, 1);

  it('reads whole months from the month grain, the days around them from the day grain, edges from hours', () => {
    const from = localMidnight(2026, 4, 28) + 9 * HOUR_MS;
    const to = localMidnight(2026, 7, 3) + 15 * HOUR_MS;
    const { parts } = splitRange(from, to);
    expect(parts).toEqual([
      { grain: 'hour', from, to: localMidnight(2026, 4, 29) },
      { grain: 'day', from: localMidnight(2026, 4, 29), to: may1 },
      { grain: 'month', from: may1, to: jul1 },
      { grain: 'day', from: jul1, to: localMidnight(2026, 7, 3) },
      { grain: 'hour', from: localMidnight(2026, 7, 3), to },
    ]);
  });

  it('uses no month bucket that is not wholly inside the range', () => {
    const { parts } = splitRange(localMidnight(2026, 5, 2), localMidnight(2026, 6, 30));
    expect(parts).toEqual([{ grain: 'day', from: localMidnight(2026, 5, 2), to: localMidnight(2026, 6, 30) }]);
    expect(splitRange(may1, jul1).parts).toEqual([{ grain: 'month', from: may1, to: jul1 }]);
  });

  it('widens hour edges older than the hour retention to whole days, and says so', () => {
    const now = localMidnight(2026, 12, 1) + 10 * HOUR_MS;
    const horizon = hourHorizon(now, 90);
    expect(horizon).toBe(localMidnight(2026, 12, 1) - 90 * DAY_MS);
    const from = localMidnight(2026, 5, 10) + 9 * HOUR_MS;
    const to = localMidnight(2026, 5, 20) + 15 * HOUR_MS;
    expect(splitRange(from, to, horizon)).toEqual({
      parts: [{ grain: 'day', from: localMidnight(2026, 5, 10), to: localMidnight(2026, 5, 21) }],
      from: localMidnight(2026, 5, 10),
      to: localMidnight(2026, 5, 21),
    });
    // Recent edges keep their hours.
    const recent = now - 3 * HOUR_MS;
    expect(splitRange(recent, now, horizon).parts).toEqual([{ grain: 'hour', from: recent, to: now }]);
  });
});

describe('rollupDeltasOf', () => {
  it('counts each crossed delta once in the organisation rollup and once per entity dimension, merged', () => {
    const base: StoredResponse = {
      id: 'r1', orgId: 'o', unitId: 'u', servicePointId: 'sp', deviceId: null, officerId: 'x', procedureId: null, surveyVersionId: 'v',
      channel: 'kiosk', verified: true, outsideHours: false, locale: 'vi', overall: 5, answers: { O: 5 }, comment: null, clientTime: null,
      serverTime: '2026-06-10T03:00:00.000Z', bodyHash: 'h', excluded: null,
    };
    const def = defaultSurveyDefinition();
    const crossed = [...deltasFor(base, def), ...deltasFor({ ...base, id: 'r2', servicePointId: 'sp2', answers: { O: 2 }, overall: 2 }, def)];
    const rollups = rollupDeltasOf(crossed);
    const of = (dim: string, key: string, grain: string, metric: string) => rollups.filter((r) => r.dim === dim && r.key === key && r.grain === grain && r.metric === metric);
    expect(of('org', '', 'month', 'q:O')).toHaveLength(1);
    expect(of('org', '', 'month', 'q:O')[0].c).toEqual([0, 1, 0, 0, 1]);
    expect(of('counter', 'sp', 'day', 'q:O')[0].c).toEqual([0, 0, 0, 0, 1]);
    expect(of('counter', 'sp2', 'hour', 'q:O')[0].c).toEqual([0, 1, 0, 0, 0]);
    expect(of('officer', 'x', 'month', 'resp')[0].n).toBe(2);
    expect(of('procedure', '', 'day', 'resp')[0].n).toBe(2);
    // 5 dimensions × 3 grains × 2 metrics, plus the second counter's own rows.
    expect(rollups).toHaveLength(5 * 3 * 2 + 3 * 2);
  });
});
