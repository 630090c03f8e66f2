/**
 * Issue 14: hour buckets expire after the hour retention (default 90 days);
 * day and month buckets stay. A range whose edges lie before the horizon is
 * read in whole days and the reply says which range it read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store';
import { deltasFor } from '../../server/domain/aggregation';
import { HourRetention, hourHorizon } from '../../server/domain/hour-retention';
import { StatsService } from '../../server/domain/stats.service';
import type { Store, StoredResponse } from '../../server/store/types';
import { defaultSurveyDefinition } from '../../shared/survey';
import { DAY_MS, HOUR_MS, localMidnight } from '../../shared/periods';

const dir = mkdtempSync(path.join(tmpdir(), 'hailong-retention-'));
let store: Store;
const def = defaultSurveyDefinition();
const NOW = localMidnight(2026, 12, 1) + 10 * HOUR_MS;

const rating = (serverTime: number, overall: number): StoredResponse => ({
  id: randomUUID(), orgId: 'o', unitId: 'u', servicePointId: 'sp', deviceId: null, officerId: 'x', procedureId: null, surveyVersionId: 'v',
  channel: 'kiosk', verified: true, outsideHours: false, locale: 'vi', overall, answers: { O: overall }, comment: null, clientTime: null,
  serverTime: new Date(serverTime).toISOString(), bodyHash: 'h', excluded: null,
});

// Every 5 hours over 200 days before NOW.
const times = Array.from({ length: (200 * 24) / 5 }, (_, i) => NOW - (i + 1) * 5 * HOUR_MS);

beforeAll(async () => {
  store = openSqliteStore({ file: path.join(dir, 'r.db') });
  await store.migrate();
  const rs = times.map((t, i) => rating(t, 1 + (i % 5)));
  await store.commitResponses(rs.map((response) => ({ response, deltas: deltasFor(response, def) })));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const hourRows = async (dim: 'org' | 'counter') =>
  (await store.rollupSeries({ grain: 'hour', from: 0, to: NOW + DAY_MS, orgId: 'o', dim, metrics: ['resp'], ...(dim === 'counter' ? { keys: ['sp'] } : {}) })).map((r) => r.bucket);
const crossedHours = async () => (await store.aggregateSeries({ grain: 'hour', from: 0, to: NOW + DAY_MS, filter: { orgId: 'o', metrics: ['resp'] } })).map((r) => r.bucket);
const total = async (grain: 'day' | 'month') => (await store.sumRollups({ grain, from: 0, to: NOW + DAY_MS, orgId: 'o', dim: 'org', metrics: ['resp'] }))[0].n;

describe('hour retention', () => {
  it('drops hour rows older than the horizon from the rollups and the crossed aggregates, in batches, and keeps days and months', async () => {
    const horizon = hourHorizon(NOW, 90);
    expect(Math.min(...(await hourRows('org')))).toBeLessThan(horizon);
    const purged: number[] = [];
    const job = new HourRetention({ store, retentionDays: 90, now: () => NOW, batch: 100, pauseMs: 0, onPurged: (n) => purged.push(n) });
    const gone = await job.runOnce();
    expect(gone).toBeGreaterThan(100);
    expect(purged).toEqual([gone]);
    for (const buckets of [await hourRows('org'), await hourRows('counter'), await crossedHours()]) {
      expect(buckets.length).toBeGreaterThan(0);
      expect(Math.min(...buckets)).toBeGreaterThanOrEqual(horizon);
    }
    expect(await total('day')).toBe(times.length);
    expect(await total('month')).toBe(times.length);
    // Nothing left to drop.
    expect(await job.runOnce()).toBe(0);
  });

  it('reads a range whose hour edges are past the retention in whole days, and says so', async () => {
    const stats = new StatsService(store, { hourHorizon: () => hourHorizon(NOW, 90) });
    const from = localMidnight(2026, 6, 10) + 9 * HOUR_MS;
    const to = localMidnight(2026, 6, 20) + 15 * HOUR_MS;
    const sum = await stats.summary({ filter: { orgId: 'o' }, from, to, target: 0.85, minSample: 30, indexMethod: 'mean-of-criteria' });
    const dayFrom = localMidnight(2026, 6, 10);
    const dayTo = localMidnight(2026, 6, 21);
    expect([sum.from, sum.to]).toEqual([new Date(dayFrom).toISOString(), new Date(dayTo).toISOString()]);
    expect(sum.responses).toBe(times.filter((t) => t >= dayFrom && t < dayTo).length);
    // A recent range keeps its hours.
    const recent = await stats.summary({ filter: { orgId: 'o' }, from: NOW - 26 * HOUR_MS, to: NOW, target: 0.85, minSample: 30, indexMethod: 'mean-of-criteria' });
    expect(recent.responses).toBe(times.filter((t) => t >= NOW - 26 * HOUR_MS && t < NOW).length);
    expect(recent.from).toBe(new Date(NOW - 26 * HOUR_MS).toISOString());
  });
});
