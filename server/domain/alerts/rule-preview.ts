/**
 * "What would this rule have raised over the last 7 days?" — the rule's own
 * code replayed over the stored ratings with the settings being edited, its
 * alerts going to an in-memory lifecycle that only records (nothing is
 * stored, pushed or delivered). The replay asks the rule as the engine does
 * (./alert-engine.ts):
 * - `onRatings`: each rating at its own time;
 * - `source`: each kiosk / QR rating with its source's window at that time,
 *   and an open source alert re-checked once its window has emptied (the
 *   engine's sweep does that every minute);
 * - `onScopes`: every hour of the week, all scopes (the rolling window).
 * A kiosk's silence cannot be replayed: heartbeats are not kept as history.
 * Alerts of a condition already open when the week starts count as raised
 * at its start; manual resolves and their mutes are not replayed.
 */
import { isPendingSuspect, type Store, type StoredResponse } from '../../store/types';
import type { Entities, Organisation } from '../entities';
import { DAY_MS, HOUR_MS } from '../../../shared/periods';
import type { AlertRulePreview, WouldBeAlert } from '../../../shared/api/alerts';
import type { AlertView } from '../../../shared/realtime-events';
import { sourceOf } from './alert-sources';
import { placeOf, spPlace, type Place } from './alert-text';
import type { AnyAlertRule } from './rules';
import type { AlertScope, Facts, RuleAlerts, RuleContext, RuleSettings } from './rules/rule';

export interface PreviewDeps {
  store: Pick<Store, 'sumAggregates' | 'sumRollups' | 'listResponses'>;
  entities: Entities;
}

/** At most this many would-be alerts are listed, and this many ratings read. */
const MAX_ITEMS = 200;
const MAX_RATINGS = 50_000;

const keyOf = (s: AlertScope) => `${s.kind}:${s.id}`;

/** A lifecycle that records what would have been raised and cleared, at the replay's clock. */
class Recorder {
  readonly items: WouldBeAlert[] = [];
  truncated = false;
  private readonly open = new Map<string, { item: WouldBeAlert; view: AlertView }>();
  clock = 0;

  constructor(
    private readonly rule: AnyAlertRule,
    private readonly org: Organisation,
    private readonly entities: Entities,
  ) {}

  isOpen(scope: AlertScope): boolean {
    return this.open.has(keyOf(scope));
  }

  get openScopes(): AlertScope[] {
    return [...this.open.values()].map((o) => o.view.scope);
  }

  actions(): RuleAlerts<Facts> {
    return {
      findOpen: async (scope) => this.open.get(keyOf(scope))?.view ?? null,
      raise: (scope, facts, place) => this.raise(scope, facts, place),
      apply: async (scope, decision, facts, _reason, place) => {
        if (decision === 'raise' && !this.isOpen(scope)) await this.raise(scope, facts, place);
        else if (decision === 'clear') this.clear(scope);
      },
      resolve: async (a) => this.clear(a.scope),
    };
  }

  private async raise(scope: AlertScope, facts: Facts, place?: Place): Promise<void> {
    if (this.isOpen(scope)) return;
    if (this.items.length >= MAX_ITEMS) {
      this.truncated = true;
      return;
    }
    const where = place ?? (await placeOf(this.entities, this.org, scope));
    const at = new Date(this.clock).toISOString();
    const item: WouldBeAlert = {
      scope,
      at,
      unitId: where.unitId,
      servicePointId: where.servicePointId,
      where: where.label,
      message: this.rule.message(facts, where.label),
      facts,
      clearedAt: null,
    };
    // What a rule may read back of an open alert (its scope and facts); never stored.
    const view: AlertView = {
      id: `preview:${keyOf(scope)}`,
      orgId: this.org.id,
      rule: this.rule.key,
      scope,
      unitId: where.unitId,
      servicePointId: where.servicePointId,
      severity: this.rule.severity,
      state: 'open',
      message: item.message,
      facts,
      openedAt: at,
      acknowledged: null,
      resolved: null,
      version: 1,
      updatedAt: at,
    };
    this.items.push(item);
    this.open.set(keyOf(scope), { item, view });
  }

  private clear(scope: AlertScope): void {
    const o = this.open.get(keyOf(scope));
    if (!o) return;
    o.item.clearedAt = new Date(this.clock).toISOString();
    this.open.delete(keyOf(scope));
  }
}

/** The ratings of [from, to), oldest first (read newest first in pages). */
async function ratingsOf(store: PreviewDeps['store'], orgId: string, from: number, to: number): Promise<StoredResponse[]> {
  const out: StoredResponse[] = [];
  let before: { serverTime: string; id: string } | undefined;
  while (out.length < MAX_RATINGS) {
    const page = await store.listResponses({ orgId, from: new Date(from).toISOString(), to: new Date(to).toISOString(), limit: 1000, ...(before ? { before } : {}) });
    out.push(...page);
    if (page.length < 1000) break;
    const last = page[page.length - 1];
    before = { serverTime: last.serverTime, id: last.id };
  }
  return out.reverse();
}

/** Replays one rule with `settings` (already parsed by the rule's schema) over the `days` before `now`. */
export async function previewRule(deps: PreviewDeps, org: Organisation, rule: AnyAlertRule, settings: RuleSettings, now: number, days: number): Promise<AlertRulePreview> {
  const from = now - days * DAY_MS;
  const rec = new Recorder(rule, org, deps.entities);
  const supported = !!(rule.onRatings || rule.source || rule.onScopes);
  const ctx: RuleContext<RuleSettings, Facts> = { org, settings, now: () => rec.clock, store: deps.store, entities: deps.entities, alerts: rec.actions() };

  if (rule.onRatings || rule.source) {
    const ratings = (await ratingsOf(deps.store, org.id, from, now)).filter((r) => !r.excluded);
    if (rule.onRatings) {
      for (const r of ratings) {
        if (isPendingSuspect(r)) continue;
        rec.clock = Date.parse(r.serverTime);
        await rule.onRatings(ctx, [r]);
      }
    }
    if (rule.source) await replaySources(rule.source, ctx, rec, ratings);
  }
  if (rule.onScopes) {
    // Every hour, and at the end: the ratings of the last minutes count too.
    for (let t = from + HOUR_MS; ; t += HOUR_MS) {
      rec.clock = Math.min(t, now);
      await rule.onScopes(ctx, 'all');
      if (t >= now) break;
    }
  }
  const items = [...rec.items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { rule: rule.key, from: new Date(from).toISOString(), to: new Date(now).toISOString(), supported, items, truncated: rec.truncated };
}

async function replaySources(
  watch: NonNullable<AnyAlertRule['source']>,
  ctx: RuleContext<RuleSettings, Facts>,
  rec: Recorder,
  ratings: StoredResponse[],
): Promise<void> {
  const spanMs = watch.windowSeconds(ctx.settings) * 1000;
  const seenBySource = new Map<string, StoredResponse[]>();
  const places = new Map<string, Place>();
  const evaluateAt = async (key: string, t: number) => {
    const mine = seenBySource.get(key) ?? [];
    const src = sourceOf(mine[mine.length - 1])!;
    rec.clock = t;
    await watch.evaluate(ctx, { source: src, place: places.get(src.servicePointId)!, now: t, within: (sec) => mine.filter((r) => Date.parse(r.serverTime) >= t - sec * 1000 && Date.parse(r.serverTime) <= t) });
  };
  for (const r of ratings) {
    const src = sourceOf(r);
    if (!src || !watch.appliesTo(src)) continue;
    const t = Date.parse(r.serverTime);
    // Open alerts whose source has been quiet for a whole window clear as the sweep would clear them.
    for (const scope of rec.openScopes) {
      const key = keyOf(scope);
      const mine = seenBySource.get(key);
      const last = mine?.length ? Date.parse(mine[mine.length - 1].serverTime) : null;
      if (last !== null && last + spanMs < t) await evaluateAt(key, last + spanMs + 1);
    }
    const key = keyOf(src.scope);
    const mine = seenBySource.get(key) ?? [];
    mine.push(r);
    // Only the window is needed; older ratings are dropped as the replay moves on.
    while (mine.length && Date.parse(mine[0].serverTime) < t - spanMs) mine.shift();
    seenBySource.set(key, mine);
    if (!places.has(src.servicePointId)) places.set(src.servicePointId, spPlace(src.servicePointId, await ctx.entities.get('servicePoint', src.servicePointId)));
    await evaluateAt(key, t);
  }
}
