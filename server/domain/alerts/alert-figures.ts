/**
 * What an alert list shows beside each alert: the figures of the scope it is
 * about (n, satisfied, rate and Wilson interval against the target), over the
 * low-satisfaction rule's window ending now — so a reader sees at once
 * whether the counter or officer is still short, not only what it was when
 * the alert opened. Read from the store's buckets: one sum per scope kind,
 * however many alerts are listed.
 *
 * And who an alert is about: the officer of an officer scope, or the officer
 * on duty when a rating was made.
 */
import type { AggregateFilter, GroupDimension, Store } from '../../store/types';
import type { Entities, Organisation } from '../entities';
import { splitRange } from '../stats.service';
import { sumFigures } from '../figures';
import { DAY_MS } from '../../../shared/periods';
import { addCounts, answered, emptyCounts, satisfiedOf, statusAgainst, wilson, type ScoreCounts } from '../../../shared/satisfaction';
import type { AlertFigures } from '../../../shared/api/alerts';
import type { AlertView } from '../../../shared/realtime-events';
import type { AlertRules } from './alert-rules';

type FigureKind = AlertFigures['scope']['kind'];

/** The scope whose figures belong beside an alert: its own, or the counter its kiosk, rating or QR link is at. */
export function figureScopeOf(a: AlertView): AlertFigures['scope'] | null {
  const { kind, id } = a.scope;
  if (kind === 'org' || kind === 'unit' || kind === 'sp' || kind === 'officer') return { kind, id };
  return a.servicePointId ? { kind: 'sp', id: a.servicePointId } : null;
}

const GROUP_OF: Record<FigureKind, GroupDimension | undefined> = { org: undefined, unit: 'unitId', sp: 'servicePointId', officer: 'officerId' };

/** Per alert id, its scope's figures now. */
export async function figuresOf(store: Pick<Store, 'sumAggregates' | 'sumRollups'>, org: Organisation, rules: AlertRules, alerts: readonly AlertView[], now: number): Promise<Record<string, AlertFigures>> {
  const cfg = rules.lowSatisfaction;
  const target = cfg.target ?? org.target;
  const minSample = cfg.minSample ?? org.minSample;
  const filter: AggregateFilter = { orgId: org.id, verified: org.headlineVerifiedOnly ? true : undefined, metrics: ['q:O'] };
  const { parts } = splitRange(now - cfg.windowDays * DAY_MS, now);
  const byKind = new Map<FigureKind, Map<string, ScoreCounts>>();
  const countsOf = async (kind: FigureKind): Promise<Map<string, ScoreCounts>> => {
    const known = byKind.get(kind);
    if (known) return known;
    const out = new Map<string, ScoreCounts>();
    const rows = (await Promise.all(parts.map(async (p) => (await sumFigures(store, { ...p, filter, groupBy: GROUP_OF[kind] })).rows))).flat();
    for (const r of rows) {
      const key = r.group ?? '';
      const c = out.get(key) ?? emptyCounts();
      addCounts(c, r.c);
      out.set(key, c);
    }
    byKind.set(kind, out);
    return out;
  };
  const result: Record<string, AlertFigures> = {};
  for (const a of alerts) {
    const scope = figureScopeOf(a);
    if (!scope) continue;
    const c = (await countsOf(scope.kind)).get(scope.kind === 'org' ? '' : scope.id) ?? emptyCounts();
    const n = answered(c);
    const s = satisfiedOf(c);
    result[a.id] = { scope, windowDays: cfg.windowDays, n, s, rate: n ? s / n : null, interval: wilson(s, n), target, status: statusAgainst(s, n, target, minSample) };
  }
  return result;
}

/** The officer an alert is about: an officer scope, or the officer a rating names (its `facts.officerId`). */
export function officerIdOf(scope: AlertView['scope'], facts: Record<string, unknown>): string | null {
  if (scope.kind === 'officer') return scope.id;
  return typeof facts.officerId === 'string' && facts.officerId ? facts.officerId : null;
}

/** That officer with their display name; null when there is none (or the officer is gone: their id is no name). */
export async function officerOf(entities: Entities, scope: AlertView['scope'], facts: Record<string, unknown>): Promise<AlertView['officer']> {
  const id = officerIdOf(scope, facts);
  if (!id) return null;
  const o = await entities.get('officer', id);
  return o ? { id, name: o.name } : null;
}
