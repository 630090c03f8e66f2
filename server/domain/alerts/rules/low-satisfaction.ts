/**
 * (a) Satisfaction significantly below target over a rolling window, per
 * organisation, unit, counter and officer (SIPAS.md §4–5). Re-read from the
 * store's buckets after every commit for the scopes it touched, and for all
 * scopes on the sweep, since the window also moves with time alone.
 */
import { z } from 'zod';
import type { AggregateFilter, GroupDimension } from '../../../store/types';
import type { Organisation } from '../../entities';
import { splitRange } from '../../stats.service';
import { sumFigures } from '../../figures';
import { DAY_MS } from '../../../../shared/periods';
import { addCounts, answered, emptyCounts, formatPercent, satisfiedOf, statusAgainst, wilson, type Interval, type ScoreCounts } from '../../../../shared/satisfaction';
import { filled } from '../alert-text';
import { enabled, type Decision, type RuleContext, type AlertRule } from './rule';

export const ALERT_SCOPE_KINDS = ['org', 'unit', 'sp', 'officer'] as const;
type ScopeKind = (typeof ALERT_SCOPE_KINDS)[number];

const settings = z
  .object({
    enabled,
    windowDays: z.number().int().min(1).max(92).default(7),
    /** Null follows the organisation's target / minimum sample. */
    target: z.number().min(0.5).max(1).nullable().default(null),
    minSample: z.number().int().min(1).max(1_000_000).nullable().default(null),
    /** Clears only when the rate is back to target − clearMargin (hysteresis). */
    clearMargin: z.number().min(0).max(0.25).default(0.02),
    scopes: z.array(z.enum(ALERT_SCOPE_KINDS)).max(4).default([...ALERT_SCOPE_KINDS]),
  })
  .prefault({});
type Settings = z.output<typeof settings>;

type LowSatisfactionFacts = {
  n: number;
  s: number;
  rate: number | null;
  interval: Interval | null;
  target: number;
  minSample: number;
  windowDays: number;
  distribution: ScoreCounts;
};

/**
 * SIPAS §4: only *significantly below* raises (Wilson upper bound below
 * target with at least `minSample` answers). It clears when the window's rate
 * is back within `clearMargin` of the target, or when the window is empty;
 * anything in between holds. 100/120 against 85% is only *below*: no alert.
 */
export function lowSatisfactionDecision(s: number, n: number, target: number, minSample: number, clearMargin: number): Decision {
  if (n <= 0) return 'clear';
  if (statusAgainst(s, n, target, minSample) === 'significantly-below') return 'raise';
  return s / n >= target - clearMargin - 1e-12 ? 'clear' : 'hold';
}

const GROUP_OF: Record<ScopeKind, GroupDimension | undefined> = {
  org: undefined,
  unit: 'unitId',
  sp: 'servicePointId',
  officer: 'officerId',
};

type Ctx = RuleContext<Settings, LowSatisfactionFacts>;

/** Rating counts of question O over [from, to), per group, from the buckets. */
async function windowCounts(ctx: Ctx, filter: AggregateFilter, from: number, to: number, groupBy?: GroupDimension): Promise<Map<string, ScoreCounts>> {
  const { parts } = splitRange(from, to);
  const results = await Promise.all(parts.map(async (p) => (await sumFigures(ctx.store, { ...p, filter, groupBy })).rows));
  const out = new Map<string, ScoreCounts>();
  for (const rows of results) {
    for (const r of rows) {
      const key = r.group ?? '';
      const c = out.get(key) ?? emptyCounts();
      addCounts(c, r.c);
      out.set(key, c);
    }
  }
  return out;
}

/** Every scope of a kind: the entities that exist, and any id the figures name. */
async function allScopeIds(ctx: Ctx, org: Organisation, kind: ScopeKind, counts: Map<string, ScoreCounts>): Promise<Set<string>> {
  if (kind === 'org') return new Set([org.id]);
  const entityKind = kind === 'unit' ? 'unit' : kind === 'sp' ? 'servicePoint' : 'officer';
  const ids = new Set((await ctx.entities.list(entityKind, { orgId: org.id, limit: 10_000 })).map((e) => e.id));
  for (const k of counts.keys()) if (k) ids.add(k);
  return ids;
}

export const lowSatisfaction = {
  key: 'low-satisfaction',
  settingsKey: 'lowSatisfaction',
  settings,
  severity: 'critical',
  condition: true,
  message: (f: LowSatisfactionFacts, where) =>
    filled(
      (m) => m.rules['low-satisfaction'],
      (locale) => ({ where: where[locale], target: formatPercent(f.target, locale), rate: formatPercent(f.rate, locale), s: f.s, n: f.n, windowDays: f.windowDays }),
    ),

  async onScopes(ctx, scopes) {
    const { org, settings: cfg } = ctx;
    const target = cfg.target ?? org.target;
    const minSample = cfg.minSample ?? org.minSample;
    const now = ctx.now();
    const from = now - cfg.windowDays * DAY_MS;
    const filter: AggregateFilter = { orgId: org.id, verified: org.headlineVerifiedOnly ? true : undefined, metrics: ['q:O'] };
    for (const kind of cfg.scopes) {
      const counts = await windowCounts(ctx, filter, from, now, GROUP_OF[kind]);
      const ids = scopes === 'all' ? await allScopeIds(ctx, org, kind, counts) : (scopes.get(kind) ?? new Set<string>());
      for (const id of ids) {
        const c = counts.get(kind === 'org' ? '' : id) ?? emptyCounts();
        const n = answered(c);
        const s = satisfiedOf(c);
        const decision = lowSatisfactionDecision(s, n, target, minSample, cfg.clearMargin);
        const facts = { n, s, rate: n ? s / n : null, interval: wilson(s, n), target, minSample, windowDays: cfg.windowDays, distribution: c };
        await ctx.alerts.apply({ kind, id }, decision, facts, n === 0 ? 'window-empty' : 'rate-recovered');
      }
    }
  },
} satisfies AlertRule<'lowSatisfaction', typeof settings, LowSatisfactionFacts>;
