/**
 * The alert engine: evaluates the rules of ./alert-rules.ts on figures read
 * from the store and raises, acknowledges and resolves alerts.
 *
 * - After commits ('response:stored' / 'response:excluded') the touched
 *   scopes and the new responses are evaluated, coalesced: at most one
 *   evaluation runs at a time and a new one starts no sooner than
 *   `evaluateGapMs` after the last, so a burst of ratings costs one pass.
 * - A sweep every `sweepMs` re-evaluates what changes with time alone: the
 *   rolling window, silent kiosks, bursts that have calmed down, and webhook
 *   deliveries left overdue by a node that stopped.
 *
 * Every node runs both; nothing authoritative lives in memory. Raising is
 * idempotent through the store's unique open-alert lookup and every change
 * is claimed through a transition record (./alert.repo.ts), so a cluster
 * raises, resolves, pushes and delivers each change once.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { AggregateFilter, GroupDimension, Store, StoredResponse } from '../../store/types';
import type { Device, Entities, Organisation, ServicePoint } from '../entities';
import type { EventBus } from '../events';
import { DomainError } from '../errors';
import { splitRange } from '../stats.service';
import { DAY_MS } from '../../../shared/periods';
import { answered, emptyCounts, formatPercent, satisfiedOf, wilson, type ScoreCounts } from '../../../shared/satisfaction';
import type { AlertChange, AlertRuleKey, AlertScopeKind, AlertView } from '../../../shared/realtime-events';
import { AlertRepo, type AlertScope } from './alert.repo';
import {
  burstDecision,
  isLowRatingWithComment,
  isUnservedTopRating,
  kioskSilenceDecision,
  lowSatisfactionDecision,
  suspiciousTopDecision,
  type AlertRules,
  type Decision,
} from './alert-rules';
import { WebhookSender } from './webhook';

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

/** Rules whose condition can be re-evaluated; a manual resolve mutes them for a while. */
const CONDITION_RULES: AlertRuleKey[] = ['low-satisfaction', 'kiosk-silent', 'burst', 'suspicious-top-ratings'];
const SEVERITY: Record<AlertRuleKey, AlertView['severity']> = {
  'low-satisfaction': 'critical',
  'suspicious-top-ratings': 'critical',
  'low-rating-comment': 'warning',
  'kiosk-silent': 'warning',
  burst: 'warning',
};

type Label = { vi: string; en: string };
interface Place {
  unitId: string | null;
  servicePointId: string | null;
  label: Label;
}

interface Pending {
  response: StoredResponse;
  /** False for an exclusion: only the figures are re-evaluated. */
  fresh: boolean;
}

type Source = { scope: AlertScope; servicePointId: string; channel: 'kiosk' | 'qr'; deviceId: string | null };

const GROUP_OF: Record<'org' | 'unit' | 'sp' | 'officer', GroupDimension | undefined> = {
  org: undefined,
  unit: 'unitId',
  sp: 'servicePointId',
  officer: 'officerId',
};

const pct = (r: number | null, locale: 'vi' | 'en') => formatPercent(r, locale);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export class AlertEngine {
  readonly repo: AlertRepo;
  readonly webhooks: WebhookSender;
  private readonly emitter = new EventEmitter<{ changed: [AlertChange] }>();
  private pending = new Map<string, Pending[]>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private lastRun = 0;
  private started = false;
  private stopped = false;

  private readonly onStored = ({ response }: { response: StoredResponse }) => this.enqueue({ response, fresh: true });
  private readonly onExcluded = ({ response }: { response: StoredResponse }) => this.enqueue({ response, fresh: false });
  /** A heartbeat clears that kiosk's silence alert now rather than at the next sweep. */
  private readonly onSeen = ({ deviceId }: { deviceId: string }) => {
    void this.repo
      .findOpen('kiosk-silent', { kind: 'device', id: deviceId })
      .then((open) => (open && !this.stopped ? this.autoResolve(open, 'kiosk-back') : undefined))
      .catch((err) => this.ctx.log.error({ err, deviceId }, 'clearing kiosk-silent failed'));
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
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    await Promise.allSettled([this.running, this.sweeping]);
    await this.webhooks.stop();
  }

  /** Listens to every change this node makes (the realtime layer pushes them). */
  onChange(fn: (c: AlertChange) => void): () => void {
    this.emitter.on('changed', fn);
    return () => this.emitter.off('changed', fn);
  }

  /** Resolves when every rating seen so far has been evaluated and no sweep runs. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.running) await this.running;
      else if (this.sweeping) await this.sweeping;
      else if (this.timer || this.pending.size) await new Promise((r) => setTimeout(r, 2));
      else return;
    }
  }

  // ---- acting on alerts (HTTP) -------------------------------------------

  async acknowledge(id: string, actor: string, note?: string): Promise<{ alert: AlertView; changed: boolean } | null> {
    const at = new Date(this.opts.now()).toISOString();
    const r = await this.repo.transition(
      id,
      (cur) => {
        if (cur.state === 'resolved') throw new DomainError('conflict', 'The alert is already resolved');
        if (cur.state === 'acknowledged') return null;
        return { ...cur, state: 'acknowledged', acknowledged: { by: actor, at, ...(note ? { note } : {}) } };
      },
      this.opts.now,
    );
    if (r?.changed) await this.changed({ change: 'acknowledged', alert: r.alert });
    return r;
  }

  async resolve(id: string, actor: string, note?: string): Promise<{ alert: AlertView; changed: boolean } | null> {
    const now = this.opts.now();
    const at = new Date(now).toISOString();
    const r = await this.repo.transition(
      id,
      (cur) =>
        cur.state === 'resolved'
          ? null
          : { ...cur, state: 'resolved', resolved: { by: actor, at, auto: false, reason: 'manual', ...(note ? { note } : {}) } },
      this.opts.now,
    );
    if (r?.changed) {
      const a = r.alert;
      if (CONDITION_RULES.includes(a.rule)) await this.repo.mute(a.orgId, a.rule, a.scope, now + this.opts.muteAfterResolveMs, at);
      await this.changed({ change: 'resolved', alert: a });
    }
    return r;
  }

  // ---- evaluation after commits -------------------------------------------

  private enqueue(p: Pending): void {
    if (this.stopped) return;
    const list = this.pending.get(p.response.orgId);
    if (list) list.push(p);
    else this.pending.set(p.response.orgId, [p]);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.running || this.stopped || this.pending.size === 0) return;
    const wait = Math.max(0, this.lastRun + this.opts.evaluateGapMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastRun = Date.now();
      const batch = this.pending;
      this.pending = new Map();
      this.running = this.evaluate(batch)
        .catch((err) => this.ctx.log.error({ err }, 'alert evaluation failed'))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, wait);
    this.timer.unref();
  }

  private async evaluate(batch: Map<string, Pending[]>): Promise<void> {
    for (const [orgId, items] of batch) {
      const org = await this.ctx.entities.get('organisation', orgId);
      if (!org || this.stopped) continue;
      const rules = await this.repo.rules(orgId);
      const fresh = items.filter((i) => i.fresh && !i.response.excluded).map((i) => i.response);

      if (rules.lowRatingComment.enabled) {
        for (const r of fresh) if (isLowRatingWithComment(r, rules.lowRatingComment.maxScore)) await this.raiseLowRating(org, r);
      }
      if (rules.burst.enabled || rules.suspiciousTopRatings.enabled) {
        const sources = new Map<string, Source>();
        for (const r of fresh) {
          const s = sourceOf(r);
          if (s) sources.set(`${s.scope.kind}:${s.scope.id}`, s);
        }
        for (const s of sources.values()) await this.checkSource(org, rules, s);
      }
      if (rules.lowSatisfaction.enabled) {
        const want = new Map<AlertScopeKind, Set<string>>([
          ['org', new Set([org.id])],
          ['unit', new Set()],
          ['sp', new Set()],
          ['officer', new Set()],
        ]);
        for (const { response: r } of items) {
          want.get('unit')!.add(r.unitId);
          want.get('sp')!.add(r.servicePointId);
          if (r.officerId) want.get('officer')!.add(r.officerId);
        }
        await this.checkSatisfaction(org, rules, want);
      }
    }
  }

  // ---- the sweep -----------------------------------------------------------

  /** Runs the time-driven checks now (the timer calls it; tests may too). */
  sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      for (const org of await this.ctx.entities.list('organisation')) {
        if (this.stopped) return;
        const rules = await this.repo.rules(org.id);
        if (rules.lowSatisfaction.enabled) await this.checkSatisfaction(org, rules, 'all');
        const [devices, sps] = await Promise.all([
          this.ctx.entities.list('device', { orgId: org.id, limit: 10_000 }),
          this.ctx.entities.list('servicePoint', { orgId: org.id, limit: 10_000 }),
        ]);
        if (rules.kioskSilent.enabled) await this.checkKiosks(org, rules, devices, sps);
        if (rules.burst.enabled || rules.suspiciousTopRatings.enabled) await this.calmSources(org, rules, devices, sps);
        await this.webhooks.retryOverdue(org.id, this.opts.webhookTimeoutMs * 2);
      }
    })().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  // ---- (a) satisfaction significantly below target ------------------------

  private async checkSatisfaction(org: Organisation, rules: AlertRules, want: Map<AlertScopeKind, Set<string>> | 'all'): Promise<void> {
    const cfg = rules.lowSatisfaction;
    const target = cfg.target ?? org.target;
    const minSample = cfg.minSample ?? org.minSample;
    const now = this.opts.now();
    const from = now - cfg.windowDays * DAY_MS;
    const filter: AggregateFilter = { orgId: org.id, verified: org.headlineVerifiedOnly ? true : undefined, metrics: ['q:O'] };
    for (const kind of cfg.scopes) {
      const counts = await this.windowCounts(filter, from, now, GROUP_OF[kind]);
      let ids: Set<string>;
      if (want === 'all') ids = await this.allScopeIds(org, kind, counts);
      else ids = want.get(kind) ?? new Set();
      for (const id of ids) {
        const c = counts.get(kind === 'org' ? '' : id) ?? emptyCounts();
        const n = answered(c);
        const s = satisfiedOf(c);
        const decision = lowSatisfactionDecision(s, n, target, minSample, cfg.clearMargin);
        const ci = wilson(s, n);
        const facts = { n, s, rate: n ? s / n : null, interval: ci, target, minSample, windowDays: cfg.windowDays, distribution: c };
        await this.apply('low-satisfaction', org, { kind, id }, decision, facts, n === 0 ? 'window-empty' : 'rate-recovered');
      }
    }
  }

  private async allScopeIds(org: Organisation, kind: 'org' | 'unit' | 'sp' | 'officer' | AlertScopeKind, counts: Map<string, ScoreCounts>): Promise<Set<string>> {
    if (kind === 'org') return new Set([org.id]);
    const entityKind = kind === 'unit' ? 'unit' : kind === 'sp' ? 'servicePoint' : 'officer';
    const ids = new Set((await this.ctx.entities.list(entityKind, { orgId: org.id, limit: 10_000 })).map((e) => e.id));
    for (const k of counts.keys()) if (k) ids.add(k);
    return ids;
  }

  /** Rating counts of question O over [from, to), per group, from the buckets. */
  private async windowCounts(filter: AggregateFilter, from: number, to: number, groupBy?: GroupDimension): Promise<Map<string, ScoreCounts>> {
    const parts = splitRange(from, to);
    const results = await Promise.all(parts.map((p) => this.ctx.store.sumAggregates({ ...p, filter, groupBy })));
    const out = new Map<string, ScoreCounts>();
    for (const rows of results) {
      for (const r of rows) {
        const key = r.group ?? '';
        const c = out.get(key) ?? emptyCounts();
        for (let i = 0; i < 5; i++) c[i] += r.c[i];
        out.set(key, c);
      }
    }
    return out;
  }

  // ---- (b) a very dissatisfied rating with a comment -----------------------

  private async raiseLowRating(org: Organisation, r: StoredResponse): Promise<void> {
    const sp = await this.ctx.entities.get('servicePoint', r.servicePointId);
    const place: Place = { unitId: r.unitId, servicePointId: r.servicePointId, label: sp ? spLabel(sp) : { vi: r.servicePointId, en: r.servicePointId } };
    const facts = {
      responseId: r.id,
      overall: r.overall,
      comment: clip(r.comment ?? '', 500),
      channel: r.channel,
      officerId: r.officerId,
      serverTime: r.serverTime,
    };
    await this.raise('low-rating-comment', org, { kind: 'response', id: r.id }, facts, place);
  }

  // ---- (c) silent kiosks ---------------------------------------------------

  private async checkKiosks(org: Organisation, rules: AlertRules, devices: Device[], sps: ServicePoint[]): Promise<void> {
    const now = this.opts.now();
    const spById = new Map(sps.map((s) => [s.id, s]));
    for (const d of devices) {
      if (!d.enrolledAt) continue;
      const scope: AlertScope = { kind: 'device', id: d.id };
      const open = await this.repo.findOpen('kiosk-silent', scope);
      if (d.revokedAt) {
        if (open) await this.autoResolve(open, 'device-revoked');
        continue;
      }
      const sp = spById.get(d.servicePointId);
      if (!sp) continue;
      const lastSeen = d.lastSeenAt ? Date.parse(d.lastSeenAt) : null;
      const decision = kioskSilenceDecision({
        now,
        lastSeenAt: lastSeen,
        enrolledAt: Date.parse(d.enrolledAt),
        hours: sp.hours,
        minutes: rules.kioskSilent.minutes,
        openSince: open ? Date.parse(open.openedAt) : null,
      });
      if (decision === 'raise' && !open) {
        const since = lastSeen ?? Date.parse(d.enrolledAt);
        const facts = { deviceName: d.name, lastSeenAt: d.lastSeenAt, minutesSilent: Math.floor((now - since) / 60_000), limitMinutes: rules.kioskSilent.minutes };
        await this.raise('kiosk-silent', org, scope, facts, { unitId: sp.unitId, servicePointId: sp.id, label: spLabel(sp) });
      } else if (decision === 'clear' && open) {
        await this.autoResolve(open, 'kiosk-back', { lastSeenAt: d.lastSeenAt });
      }
    }
  }

  // ---- (d) bursts and suspicious top ratings -------------------------------

  private async checkSource(org: Organisation, rules: AlertRules, src: Source): Promise<void> {
    const now = this.opts.now();
    const burst = rules.burst;
    const top = rules.suspiciousTopRatings;
    const checkTop = top.enabled && src.channel === 'kiosk';
    const spanMs = Math.max(burst.enabled ? burst.windowSeconds : 0, checkTop ? top.windowSeconds : 0) * 1000;
    const limit = Math.min(5000, 4 * Math.max(burst.maxRatings + 1, top.count));
    const recent = await this.ctx.store.listResponses({
      orgId: org.id,
      servicePointId: src.servicePointId,
      channel: src.channel,
      from: new Date(now - spanMs).toISOString(),
      limit,
    });
    const mine = src.deviceId ? recent.filter((r) => r.deviceId === src.deviceId) : recent;
    const within = (sec: number) => mine.filter((r) => Date.parse(r.serverTime) >= now - sec * 1000);
    const sp = await this.ctx.entities.get('servicePoint', src.servicePointId);
    const place: Place = { unitId: sp?.unitId ?? null, servicePointId: src.servicePointId, label: sp ? spLabel(sp) : { vi: src.servicePointId, en: src.servicePointId } };
    if (burst.enabled) {
      const count = within(burst.windowSeconds).length;
      const facts = { count, windowSeconds: burst.windowSeconds, maxRatings: burst.maxRatings, channel: src.channel, deviceId: src.deviceId };
      await this.apply('burst', org, src.scope, burstDecision(count, burst.maxRatings), facts, 'calmed-down', place);
    }
    if (checkTop) {
      const count = within(top.windowSeconds).filter(isUnservedTopRating).length;
      const facts = { count, windowSeconds: top.windowSeconds, threshold: top.count, deviceId: src.deviceId };
      await this.apply('suspicious-top-ratings', org, src.scope, suspiciousTopDecision(count, top.count), facts, 'calmed-down', place);
    }
  }

  /** Sources with an open burst alert are re-checked so the alert clears once they calm down. */
  private async calmSources(org: Organisation, rules: AlertRules, devices: Device[], sps: ServicePoint[]): Promise<void> {
    const sources: Source[] = [
      ...devices.map((d): Source => ({ scope: { kind: 'device', id: d.id }, servicePointId: d.servicePointId, channel: 'kiosk', deviceId: d.id })),
      ...sps.map((s): Source => ({ scope: { kind: 'source', id: `qr:${s.id}` }, servicePointId: s.id, channel: 'qr', deviceId: null })),
    ];
    for (const src of sources) {
      const open = (await this.repo.findOpen('burst', src.scope)) ?? (src.channel === 'kiosk' ? await this.repo.findOpen('suspicious-top-ratings', src.scope) : null);
      if (open) await this.checkSource(org, rules, src);
    }
  }

  // ---- raising and resolving -----------------------------------------------

  private async apply(
    rule: AlertRuleKey,
    org: Organisation,
    scope: AlertScope,
    decision: Decision,
    facts: Record<string, unknown>,
    clearReason: string,
    place?: Place,
  ): Promise<void> {
    if (decision === 'hold') return;
    const open = await this.repo.findOpen(rule, scope);
    if (decision === 'raise' && !open) await this.raise(rule, org, scope, facts, place);
    else if (decision === 'clear' && open) await this.autoResolve(open, clearReason, facts);
  }

  private async raise(rule: AlertRuleKey, org: Organisation, scope: AlertScope, facts: Record<string, unknown>, place?: Place): Promise<void> {
    const now = this.opts.now();
    if ((await this.repo.mutedUntil(org.id, rule, scope)) > now) return;
    const where = place ?? (await this.placeOf(org, scope));
    const at = new Date(now).toISOString();
    const alert: AlertView = {
      id: randomUUID(),
      orgId: org.id,
      rule,
      scope,
      unitId: where.unitId,
      servicePointId: where.servicePointId,
      severity: SEVERITY[rule],
      state: 'open',
      message: messageOf(rule, where.label, facts),
      facts,
      openedAt: at,
      acknowledged: null,
      resolved: null,
      version: 1,
      updatedAt: at,
    };
    if (await this.repo.insertOpen(alert)) {
      this.ctx.log.info({ alert: alert.id, rule, scope }, 'alert raised');
      await this.changed({ change: 'opened', alert });
    }
  }

  private async autoResolve(alert: AlertView, reason: string, facts?: Record<string, unknown>): Promise<void> {
    const at = new Date(this.opts.now()).toISOString();
    const r = await this.repo.transition(
      alert.id,
      (cur) =>
        cur.state === 'resolved'
          ? null
          : { ...cur, state: 'resolved', resolved: { by: 'system', at, auto: true, reason }, facts: facts ? { ...cur.facts, cleared: facts } : cur.facts },
      this.opts.now,
    );
    if (r?.changed) {
      this.ctx.log.info({ alert: alert.id, rule: alert.rule, reason }, 'alert resolved automatically');
      await this.changed({ change: 'resolved', alert: r.alert });
    }
  }

  private async changed(c: AlertChange): Promise<void> {
    try {
      this.emitter.emit('changed', c);
    } catch (err) {
      this.ctx.log.error({ err }, 'alert change listener failed');
    }
    await this.webhooks.enqueue(await this.repo.rules(c.alert.orgId), c);
  }

  private async placeOf(org: Organisation, scope: AlertScope): Promise<Place> {
    const e = this.ctx.entities;
    const fallback = { vi: scope.id, en: scope.id };
    switch (scope.kind) {
      case 'org':
        return { unitId: null, servicePointId: null, label: org.shortName ? { vi: org.shortName, en: org.shortName } : org.name };
      case 'unit': {
        const u = await e.get('unit', scope.id);
        return { unitId: scope.id, servicePointId: null, label: u ? u.name : fallback };
      }
      case 'sp': {
        const sp = await e.get('servicePoint', scope.id);
        return { unitId: sp?.unitId ?? null, servicePointId: scope.id, label: sp ? spLabel(sp) : fallback };
      }
      case 'officer': {
        const o = await e.get('officer', scope.id);
        return { unitId: o?.unitId ?? null, servicePointId: null, label: o ? { vi: `công chức ${o.name}`, en: `officer ${o.name}` } : fallback };
      }
      default:
        return { unitId: null, servicePointId: null, label: fallback };
    }
  }
}

function sourceOf(r: StoredResponse): Source | null {
  if (r.channel === 'kiosk' && r.deviceId) return { scope: { kind: 'device', id: r.deviceId }, servicePointId: r.servicePointId, channel: 'kiosk', deviceId: r.deviceId };
  // A counter QR link is one source per counter; single-use dossier links cannot burst.
  if (r.channel === 'qr') return { scope: { kind: 'source', id: `qr:${r.servicePointId}` }, servicePointId: r.servicePointId, channel: 'qr', deviceId: null };
  return null;
}

const spLabel = (sp: ServicePoint): Label => ({ vi: `${sp.name.vi} (${sp.code})`, en: `${sp.name.en ?? sp.name.vi} (${sp.code})` });

function messageOf(rule: AlertRuleKey, where: Label, f: Record<string, unknown>): Label {
  const num = (k: string) => Number(f[k] ?? 0);
  switch (rule) {
    case 'low-satisfaction': {
      const rate = f.rate as number | null;
      const t = num('target');
      return {
        vi: `Mức hài lòng của ${where.vi} thấp hơn hẳn mục tiêu ${pct(t, 'vi')}: ${pct(rate, 'vi')} (${num('s')}/${num('n')}) trong ${num('windowDays')} ngày qua`,
        en: `Satisfaction at ${where.en} is significantly below the ${pct(t, 'en')} target: ${pct(rate, 'en')} (${num('s')}/${num('n')}) over the last ${num('windowDays')} days`,
      };
    }
    case 'low-rating-comment': {
      const c = clip(String(f.comment ?? ''), 140);
      return {
        vi: `Đánh giá ${num('overall')}/5 kèm góp ý tại ${where.vi}: “${c}”`,
        en: `A ${num('overall')}/5 rating with a comment at ${where.en}: “${c}”`,
      };
    }
    case 'kiosk-silent':
      return {
        vi: `Kiosk “${String(f.deviceName ?? '')}” tại ${where.vi} mất kết nối ${num('minutesSilent')} phút trong giờ làm việc`,
        en: `Kiosk “${String(f.deviceName ?? '')}” at ${where.en} silent for ${num('minutesSilent')} minutes during opening hours`,
      };
    case 'burst': {
      const src = f.channel === 'qr' ? { vi: 'mã QR của quầy', en: 'the counter QR link' } : { vi: 'một kiosk', en: 'one kiosk' };
      return {
        vi: `${num('count')} lượt đánh giá trong ${num('windowSeconds')} giây từ ${src.vi} tại ${where.vi} (ngưỡng ${num('maxRatings')})`,
        en: `${num('count')} ratings within ${num('windowSeconds')} s from ${src.en} at ${where.en} (limit ${num('maxRatings')})`,
      };
    }
    case 'suspicious-top-ratings':
      return {
        vi: `${num('count')} lượt “Rất hài lòng” trong ${num('windowSeconds')} giây tại ${where.vi} khi ngoài giờ làm việc hoặc không có công chức trực`,
        en: `${num('count')} “very satisfied” ratings within ${num('windowSeconds')} s at ${where.en} outside opening hours or with no officer on duty`,
      };
  }
}
