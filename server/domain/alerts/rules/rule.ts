/**
 * What an alert rule is. One file per rule in this folder exports one, an
 * object that `satisfies AlertRule<…>` (so its hooks are checked and its
 * settings key and schema stay exact for AlertRulesSchema), and ./index.ts
 * lists them. The engine (../alert-engine.ts) decides when each is asked;
 * the lifecycle (../alert-lifecycle.ts) raises, holds back and resolves
 * what the rule decides.
 *
 * A rule says what it watches through the hooks it has:
 * - `onRatings`: the ratings just committed (not exclusions);
 * - `onScopes`: the organisation, units, counters and officers whose figures
 *   changed after commits and exclusions, or all of them on the sweep;
 * - `source`: one kiosk or counter QR link that just rated, or that has an
 *   open alert of a source rule on the sweep (so it clears once calm);
 * - `onKiosks`: every kiosk, on the sweep;
 * - `onDeviceSeen`: a kiosk's heartbeat.
 * After commits the engine asks ratings, then sources, then scopes; on the
 * sweep scopes, then kiosks, then sources; within a step, rules in list order.
 *
 * Condition rules answer `raise`, `clear` or `hold` (a `Decision`). The band
 * between raising and clearing is the hysteresis that keeps a flapping value
 * from opening and closing alerts: an open alert stays open on `hold`, and a
 * new one is not raised on `hold`.
 */
import { z } from 'zod';
import type { Store, StoredResponse } from '../../../store/types';
import type { Device, Entities, Organisation, ServicePoint } from '../../entities';
import type { AlertRuleKey, AlertView } from '../../../../shared/realtime-events';
import type { Label, Place } from '../alert-text';
import type { Source } from '../alert-sources';

export type Decision = 'raise' | 'clear' | 'hold';
export type AlertScope = AlertView['scope'];

/** What an alert records about the condition that raised it (its `facts`). */
export type Facts = Record<string, unknown>;

/** Every rule's settings can switch it off. */
export type RuleSettings = { enabled: boolean };

/** On by default: every rule is. */
export const enabled = z.boolean().default(true);

/** What a rule may do to its own alerts. */
export interface RuleAlerts<F extends Facts> {
  findOpen(scope: AlertScope): Promise<AlertView | null>;
  /** Raises an alert unless one is open for the scope or a manual resolve muted it; `place` defaults to the scope's. */
  raise(scope: AlertScope, facts: F, place?: Place): Promise<void>;
  /** Raises on `raise` when none is open, resolves the open one on `clear` (keeping `facts` as `cleared`), nothing on `hold`. */
  apply(scope: AlertScope, decision: Decision, facts: F, clearReason: string, place?: Place): Promise<void>;
  /** Resolves an open alert automatically, by the system. */
  resolve(open: AlertView, reason: string, cleared?: Facts): Promise<void>;
}

/** What a rule sees while it evaluates one organisation. */
export interface RuleContext<S, F extends Facts> {
  org: Organisation;
  /** This rule's settings for the organisation. */
  settings: S;
  now: () => number;
  store: Pick<Store, 'sumAggregates' | 'sumRollups' | 'listResponses'>;
  entities: Entities;
  alerts: RuleAlerts<F>;
}

/** One source's ratings within the longest window of the rules watching it. */
export interface SourceWindow {
  source: Source;
  place: Place;
  /** The moment the window ends (read once for every rule). */
  now: number;
  /** Ratings from the source within the last `seconds`. */
  within(seconds: number): StoredResponse[];
}

export interface SourceWatch<S, F extends Facts> {
  /** Whether the rule looks at this source at all. */
  appliesTo(source: Source): boolean;
  /** How far back the rule looks. */
  windowSeconds(settings: S): number;
  /**
   * How many ratings it must be able to count. The shared read takes at
   * most 4 × the largest of every source rule (enabled or not), 5,000 at most.
   */
  sampleSize(settings: S): number;
  evaluate(ctx: RuleContext<S, F>, window: SourceWindow): Promise<void>;
}

/** Scope ids per kind whose figures changed, or every scope. */
export type ScopeIds = Map<'org' | 'unit' | 'sp' | 'officer', Set<string>> | 'all';

/*
 * Hooks are declared as methods, not function-valued properties, on purpose:
 * TypeScript checks method parameters bivariantly, so a rule typed with its
 * own settings and facts still fits the list of `AnyAlertRule`s the engine
 * walks. The engine only ever hands a rule its own settings.
 */
export interface AlertRule<K extends string, Schema extends z.ZodType<RuleSettings>, F extends Facts> {
  readonly key: AlertRuleKey;
  /** The key of its settings in an organisation's alert rules (`AlertRulesSchema`). */
  readonly settingsKey: K;
  /** Its settings, every field defaulted, so `{}` parses. */
  readonly settings: Schema;
  readonly severity: AlertView['severity'];
  /**
   * True when the alert follows a condition that can clear: a manual
   * resolve then mutes the rule for the scope for a while, so it is not
   * raised again at once while the condition still holds.
   */
  readonly condition: boolean;
  /** The alert's text in both languages, from the catalog (shared/i18n/alerts.ts). */
  message(facts: F, where: Label): Label;
  onRatings?(ctx: RuleContext<z.output<Schema>, F>, fresh: StoredResponse[]): Promise<void>;
  onScopes?(ctx: RuleContext<z.output<Schema>, F>, scopes: ScopeIds): Promise<void>;
  onKiosks?(ctx: RuleContext<z.output<Schema>, F>, devices: Device[], sps: ServicePoint[]): Promise<void>;
  onDeviceSeen?(alerts: Pick<RuleAlerts<F>, 'findOpen' | 'resolve'>, deviceId: string): Promise<void>;
  readonly source?: SourceWatch<z.output<Schema>, F>;
}

export type AnyAlertRule = AlertRule<string, z.ZodType<RuleSettings>, Facts>;
