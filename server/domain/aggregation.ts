/**
 * Turns one stored response into the bucket increments it contributes. The
 * store only adds these up; what counts where is decided here, once, for
 * both adapters.
 */
import type { AggregateDelta, AggregateKey, Grain, StoredResponse } from '../store/types';
import type { SurveyDefinition } from '../../shared/survey';
import { startOfHour, startOfLocalDay } from '../../shared/periods';

const GRAINS: { grain: Grain; start: (t: number) => number }[] = [
  { grain: 'hour', start: startOfHour },
  { grain: 'day', start: startOfLocalDay },
];

export function aggregateKeyOf(r: StoredResponse): AggregateKey {
  return {
    orgId: r.orgId,
    unitId: r.unitId,
    servicePointId: r.servicePointId,
    officerId: r.officerId ?? '',
    procedureId: r.procedureId ?? '',
    channel: r.channel,
    verified: r.verified,
  };
}

/** One metric's counts before they are spread over the grains. */
interface MetricCount {
  metric: string;
  c: [number, number, number, number, number];
  na: number;
  n: number;
}

export function metricsOf(r: StoredResponse, def: SurveyDefinition): MetricCount[] {
  const out: MetricCount[] = [{ metric: 'resp', c: [0, 0, 0, 0, 0], na: 0, n: 1 }];
  if (r.comment) out.push({ metric: 'comment', c: [0, 0, 0, 0, 0], na: 0, n: 1 });
  for (const q of def.questions) {
    const v = r.answers[q.id];
    if (v === undefined) continue;
    if (q.kind === 'rating5') {
      const c: MetricCount['c'] = [0, 0, 0, 0, 0];
      if (typeof v === 'number') c[v - 1] = 1;
      out.push({ metric: `q:${q.code}`, c, na: v === null ? 1 : 0, n: 0 });
    } else if (q.kind === 'multi' && Array.isArray(v)) {
      for (const opt of v) out.push({ metric: `m:${q.id}:${opt}`, c: [0, 0, 0, 0, 0], na: 0, n: 1 });
    } else if (q.kind === 'choice' && typeof v === 'string') {
      out.push({ metric: `m:${q.id}:${v}`, c: [0, 0, 0, 0, 0], na: 0, n: 1 });
    }
  }
  return out;
}

/** The deltas of a response; sign −1 takes it back out (an exclusion). */
export function deltasFor(r: StoredResponse, def: SurveyDefinition, sign: 1 | -1 = 1): AggregateDelta[] {
  const key = aggregateKeyOf(r);
  const t = Date.parse(r.serverTime);
  const metrics = metricsOf(r, def);
  const out: AggregateDelta[] = [];
  for (const g of GRAINS) {
    const bucket = g.start(t);
    for (const m of metrics) {
      // A plain literal, not `{ ...key, … }`: this runs ~20 times per rating on the hot path.
      out.push({
        orgId: key.orgId,
        unitId: key.unitId,
        servicePointId: key.servicePointId,
        officerId: key.officerId,
        procedureId: key.procedureId,
        channel: key.channel,
        verified: key.verified,
        grain: g.grain,
        bucket,
        metric: m.metric,
        c: m.c.map((x) => x * sign) as MetricCount['c'],
        na: m.na * sign,
        n: m.n * sign,
      });
    }
  }
  return out;
}
