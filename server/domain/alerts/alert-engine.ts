/**
 * The alert engine: decides when the rules of ./rules are asked, and hands
 * what they decide to the lifecycle (./alert-lifecycle.ts).
 *
 * - After commits ('response:stored' / 'response:excluded') the new ratings,
 *   their sources and the scopes they touched are evaluated, coalesced per
 *   organisation (../coalescing-scheduler.ts): at most one evaluation runs at
 *   a time and a new one starts no sooner than `evaluateGapMs` after the
 *   last, so a burst of ratings costs one pass.
 * - A sweep every `sweepMs` re-evaluates what changes with time alone: the
 *   rolling window, silent kiosks, bursts that have calmed down, and webhook
 *   deliveries left overdue by a node that stopped.
 * - A kiosk's heartbeat ('device:seen') goes to the rules that listen for it.
 *
 * Every node runs all three; nothing authoritative lives in memory. Raising
 * is idempotent through the store's unique open-alert lookup and every change
 * is claimed through a transition record (./alert.repo.ts), so a cluster
 * raises, resolves, pushes and delivers each change once.
 */
import type { Logger } from 'pino';
import { isPendingSuspect, type Store, type StoredResponse } from '../../store/types';
import type { Device, Entities, Organisation, ServicePoint } from '../entities';
import type { EventBus } from '../events';
import { CoalescingScheduler } from '../coalescing-scheduler';
import type { AlertChange, AlertView } from '../../../shared/realtime-events';
import { AlertRepo } from './alert.repo';
import type { AlertRules } from './alert-rules';
import { AlertLifecycle } from './alert-lifecycle';
import { distinctSources, sourcesOf, type Source } from './alert-sources';
import { spPlace } from './alert-text';
import { RULES, type AnyAlertRule } from './rules';
import type { Facts, RuleContext, RuleSettings, ScopeIds, SourceWatch } from './rules/rule';
import { WebhookSender } from './webhook';
import { figuresOf, officerOf } from './alert-figures';
import { previewRule } from './rule-preview';
import type { AlertFigures, AlertRulePreview } from '../../../shared/api/alerts';

export interface AlertEngineOptions {
  now: () => number;
  /** Background sweep period. */
  sweepMs: number;
  /** Least time between two evaluations triggered by ratings. */
  evaluateGapMs: number;
  /** Webhook retry waits (its length is the number of retries). */
  webhookBackoffMs: number[];
  webhookTimeoutMs: number;
  /** After a manual resolve, the same rule and scope is not raised again for this long. */
  muteAfterResolveMs: number;
}

const BASE_OPTIONS: AlertEngineOptions = {
  now: Date.now,
  sweepMs: 60_000,
  evaluateGapMs: 1_000,
  webhookBackoffMs: [5_000, 30_000, 120_000, 600_000, 1_800_000],
  webhookTimeoutMs: 5_000,
  muteAfterResolveMs: 60 * 60_000,
};
let overrides: Partial<AlertEngineOptions> = {};

/** Changes the options of engines created from now on (tests, test child processes). */
export function setAlertEngineDefaults(p: Partial<AlertEngineOptions>): void {
  overrides = { ...overrides, ...p };
}

/** The options an engine built now gets: the defaults with the overrides above (for the composition root). */
export function alertEngineOptions(): AlertEngineOptions {
  return { ...BASE_OPTIONS, ...overrides };
}

/** What the engine reads and listens to (declared here, not picked from AppContext, so the registry that builds it is not imported back). */
export interface AlertEngineDeps {
  store: Store;
  entities: Entities;
  events: EventBus;
  log: Logger;
  /** The server version, for the webhook user agent. */
  version: string;
}

interface Pending {
  response: StoredResponse;
  /** False for an exclusion: only the figures are re-evaluated. */
  fresh: boolean;
}

type SourceRule = AnyAlertRule & { source: SourceWatch<RuleSettings, Facts> };
const SOURCE_RULES = RULES.filter((r): r is SourceRule => !!r.source);

export class AlertEngine {
  readonly repo: AlertRepo;
  readonly webhooks: WebhookSender;
  readonly lifecycle: AlertLifecycle;
  private readonly evaluations: CoalescingScheduler<string, Pending, Pending[]>;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private started = false;
  private stopped = false;

  private readonly onStored = ({ response }: { response: StoredResponse }) => this.enqueue({ response, fresh: true });
  private readonly onExcluded = ({ response }: { response: StoredResponse }) => this.enqueue({ response, fresh: false });
  private readonly onSeen = ({ deviceId }: { deviceId: string }) => {
    for (const rule of RULES) {
      if (!rule.onDeviceSeen) continue;
      const alerts = {
        findOpen: (scope: AlertView['scope']) => this.lifecycle.findOpen(rule.key, scope),
        // A heartbeat answered while the node stops changes nothing.
        resolve: (open: AlertView, reason: string) => (this.stopped ? Promise.resolve() : this.lifecycle.autoResolve(open, reason)),
      };
      rule.onDeviceSeen(alerts, deviceId).catch((err) => this.ctx.log.error({ err, deviceId }, `clearing ${rule.key} failed`));
    }
  };

  constructor(
    private readonly ctx: AlertEngineDeps,
    readonly opts: AlertEngineOptions,
  ) {
    this.repo = new AlertRepo(ctx.store);
    this.webhooks = new WebhookSender(ctx.store, this.repo, ctx.log, {
      now: opts.now,
      backoffMs: opts.webhookBackoffMs,
      timeoutMs: opts.webhookTimeoutMs,
      userAgent: `HaiLong-Webhook/${ctx.version}`,
    });
    this.lifecycle = new AlertLifecycle({
      repo: this.repo,
      webhooks: this.webhooks,
      entities: ctx.entities,
      log: ctx.log,
      now: opts.now,
      muteAfterResolveMs: opts.muteAfterResolveMs,
    });
    this.evaluations = new CoalescingScheduler({
      gapMs: opts.evaluateGapMs,
      add: (queued: Pending[] | undefined, p: Pending) => (queued ? (queued.push(p), queued) : [p]),
      run: (batch) => this.evaluate(batch),
      onError: (err) => this.ctx.log.error({ err }, 'alert evaluation failed'),
      // The real clock, not `opts.now`: tests move the rules' clock, not the gap's.
      now: Date.now,
      unref: true,
    });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.ctx.events.on('response:stored', this.onStored);
    this.ctx.events.on('response:excluded', this.onExcluded);
    this.ctx.events.on('device:seen', this.onSeen);
    this.sweepTimer = setInterval(() => {
      this.sweep().catch((err) => this.ctx.log.error({ err }, 'alert sweep failed'));
    }, this.opts.sweepMs);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ctx.events.off('response:stored', this.onStored);
    this.ctx.events.off('response:excluded', this.onExcluded);
    this.ctx.events.off('device:seen', this.onSeen);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await Promise.allSettled([this.evaluations.stop(), this.sweeping]);
    await this.webhooks.stop();
  }

  /** Listens to every change this node makes (the realtime layer pushes them). */
  onChange(fn: (c: AlertChange) => void): () => void {
    return this.lifecycle.onChange(fn);
  }

  /** Resolves when every rating seen so far has been evaluated and no sweep runs. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.sweeping) await this.sweeping;
      else if (this.evaluations.busy) await this.evaluations.idle();
      else return;
    }
  }

  // ---- acting on alerts (HTTP) -------------------------------------------

  acknowledge(id: string, actor: string, note?: string): Promise<{ alert: AlertView; changed: boolean } | null> {
    return this.lifecycle.acknowledge(id, actor, note);
  }

  resolve(id: string, actor: string, note?: string): Promise<{ alert: AlertView; changed: boolean } | null> {
    return this.lifecycle.resolve(id, actor, note);
  }

  // ---- reading alongside people (HTTP) ---------------------------------------

  /** Per alert id, the figures of its scope now (over the low-satisfaction window). */
  async figures(orgId: string, alerts: readonly AlertView[]): Promise<Record<string, AlertFigures>> {
    const org = await this.ctx.entities.get('organisation', orgId);
    if (!org || !alerts.length) return {};
    return figuresOf(this.ctx.store, org, await this.repo.rules(orgId), alerts, this.opts.now());
  }

  /** Names the officer of alerts raised before the name was kept with them. */
  async withOfficers(alerts: AlertView[]): Promise<AlertView[]> {
    return Promise.all(alerts.map(async (a) => (a.officer !== undefined ? a : { ...a, officer: await officerOf(this.ctx.entities, a.scope, a.facts) })));
  }

  /** Replays one rule with unsaved settings over the last `days` (./rule-preview.ts); null when the organisation is gone. */
  async preview(orgId: string, rule: AnyAlertRule, settings: RuleSettings, days: number): Promise<AlertRulePreview | null> {
    const org = await this.ctx.entities.get('organisation', orgId);
    if (!org) return null;
    return previewRule({ store: this.ctx.store, entities: this.ctx.entities }, org, rule, settings, this.opts.now(), days);
  }

  // ---- evaluation after commits -------------------------------------------

  private enqueue(p: Pending): void {
    if (this.stopped) return;
    this.evaluations.push(p.response.orgId, p);
  }

  private async evaluate(batch: Map<string, Pending[]>): Promise<void> {
    for (const [orgId, items] of batch) {
      const org = await this.ctx.entities.get('organisation', orgId);
      if (!org || this.stopped) continue;
      const settings = await this.repo.rules(orgId);
      const fresh = items.filter((i) => i.fresh && !i.response.excluded).map((i) => i.response);

      // A suspect held for review raises no per-rating alert (a flood would raise one per spam rating);
      // the source rules below still see it, so a flood is one burst alert for its kiosk or counter link.
      const counted = fresh.filter((r) => !isPendingSuspect(r));
      for (const rule of RULES) if (rule.onRatings && on(settings, rule)) await rule.onRatings(this.contextFor(rule, org, settings), counted);
      if (SOURCE_RULES.some((r) => on(settings, r))) {
        for (const src of distinctSources(fresh)) await this.checkSource(org, settings, src);
      }
      for (const rule of RULES) if (rule.onScopes && on(settings, rule)) await rule.onScopes(this.contextFor(rule, org, settings), touchedScopes(org, items));
    }
  }

  // ---- the sweep -----------------------------------------------------------

  /** Runs the time-driven checks now (the timer calls it; tests may too). */
  sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      for (const org of await this.ctx.entities.list('organisation')) {
        if (this.stopped) return;
        const settings = await this.repo.rules(org.id);
        for (const rule of RULES) if (rule.onScopes && on(settings, rule)) await rule.onScopes(this.contextFor(rule, org, settings), 'all');
        const [devices, sps] = await Promise.all([
          this.ctx.entities.list('device', { orgId: org.id, limit: 10_000 }),
          this.ctx.entities.list('servicePoint', { orgId: org.id, limit: 10_000 }),
        ]);
        for (const rule of RULES) if (rule.onKiosks && on(settings, rule)) await rule.onKiosks(this.contextFor(rule, org, settings), devices, sps);
        if (SOURCE_RULES.some((r) => on(settings, r))) await this.calmSources(org, settings, devices, sps);
        await this.webhooks.retryOverdue(org.id, this.opts.webhookTimeoutMs * 2);
      }
    })().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  // ---- sources: one read of recent ratings for every rule watching one ----

  private async checkSource(org: Organisation, settings: AlertRules, source: Source): Promise<void> {
    const now = this.opts.now();
    const watching = SOURCE_RULES.filter((r) => on(settings, r) && r.source.appliesTo(source));
    if (!watching.length) return;
    const spanMs = Math.max(0, ...watching.map((r) => r.source.windowSeconds(settingsOf(settings, r)))) * 1000;
    const limit = Math.min(5000, 4 * Math.max(...SOURCE_RULES.map((r) => r.source.sampleSize(settingsOf(settings, r)))));
    const recent = await this.ctx.store.listResponses({
      orgId: org.id,
      servicePointId: source.servicePointId,
      channel: source.channel,
      from: new Date(now - spanMs).toISOString(),
      limit,
    });
    const mine = source.deviceId ? recent.filter((r) => r.deviceId === source.deviceId) : recent;
    const place = spPlace(source.servicePointId, await this.ctx.entities.get('servicePoint', source.servicePointId));
    const seen = { source, place, now, within: (sec: number) => mine.filter((r) => Date.parse(r.serverTime) >= now - sec * 1000) };
    for (const rule of watching) await rule.source.evaluate(this.contextFor(rule, org, settings), seen);
  }

  /** Sources with an open alert of a source rule are re-checked so the alert clears once they calm down. */
  private async calmSources(org: Organisation, settings: AlertRules, devices: Device[], sps: ServicePoint[]): Promise<void> {
    for (const src of sourcesOf(devices, sps)) {
      for (const rule of SOURCE_RULES) {
        if (!rule.source.appliesTo(src) || !(await this.lifecycle.findOpen(rule.key, src.scope))) continue;
        await this.checkSource(org, settings, src);
        break;
      }
    }
  }

  private contextFor(rule: AnyAlertRule, org: Organisation, settings: AlertRules): RuleContext<RuleSettings, Facts> {
    return {
      org,
      settings: settingsOf(settings, rule),
      now: this.opts.now,
      store: this.ctx.store,
      entities: this.ctx.entities,
      alerts: this.lifecycle.actionsFor(rule, org),
    };
  }
}

/** A rule's own settings: AlertRulesSchema is built from the rule list, keyed by each rule's settingsKey. */
const settingsOf = (settings: AlertRules, rule: AnyAlertRule): RuleSettings => (settings as unknown as Record<string, RuleSettings>)[rule.settingsKey];
const on = (settings: AlertRules, rule: AnyAlertRule): boolean => settingsOf(settings, rule).enabled;

/** The scopes whose figures a batch changed: the organisation, and each rating's unit, counter and officer. */
function touchedScopes(org: Organisation, items: Pending[]): ScopeIds {
  const want = new Map([
    ['org', new Set([org.id])],
    ['unit', new Set<string>()],
    ['sp', new Set<string>()],
    ['officer', new Set<string>()],
  ] as const);
  for (const { response: r } of items) {
    want.get('unit')!.add(r.unitId);
    want.get('sp')!.add(r.servicePointId);
    if (r.officerId) want.get('officer')!.add(r.officerId);
  }
  return want;
}
