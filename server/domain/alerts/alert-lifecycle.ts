/**
 * The life of an alert: open → acknowledged → resolved. Raising is held
 * back when an alert of the rule is already open for the scope (the store's
 * unique open-alert lookup makes that hold across nodes: not raised twice for
 * the same condition) or when a manual resolve muted the rule there for a
 * while. Every change is claimed through a transition record
 * (./alert.repo.ts), so a cluster changes, pushes and delivers each once;
 * each change goes to this node's listeners and to the webhook.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Entities, Organisation } from '../entities';
import { DomainError } from '../errors';
import type { AlertChange, AlertRuleKey, AlertView } from '../../../shared/realtime-events';
import type { AlertRepo, AlertScope } from './alert.repo';
import { placeOf, type Place } from './alert-text';
import { officerOf } from './alert-figures';
import type { WebhookSender } from './webhook';
import { ruleByKey, type AnyAlertRule, type Decision } from './rules';
import type { Facts, RuleAlerts } from './rules/rule';

export interface AlertLifecycleDeps {
  repo: AlertRepo;
  webhooks: WebhookSender;
  entities: Entities;
  log: Logger;
  now: () => number;
  /** After a manual resolve, the same condition rule and scope is not raised again for this long. */
  muteAfterResolveMs: number;
}

type Outcome = { alert: AlertView; changed: boolean } | null;

export class AlertLifecycle {
  private readonly emitter = new EventEmitter<{ changed: [AlertChange] }>();

  constructor(private readonly deps: AlertLifecycleDeps) {}

  /** Listens to every change this node makes. */
  onChange(fn: (c: AlertChange) => void): () => void {
    this.emitter.on('changed', fn);
    return () => this.emitter.off('changed', fn);
  }

  findOpen(rule: AlertRuleKey, scope: AlertScope): Promise<AlertView | null> {
    return this.deps.repo.findOpen(rule, scope);
  }

  /** What a rule may do to its own alerts while it evaluates one organisation. */
  actionsFor(rule: AnyAlertRule, org: Organisation): RuleAlerts<Facts> {
    return {
      findOpen: (scope) => this.findOpen(rule.key, scope),
      raise: (scope, facts, place) => this.raise(rule, org, scope, facts, place),
      apply: (scope, decision, facts, clearReason, place) => this.apply(rule, org, scope, decision, facts, clearReason, place),
      resolve: (open, reason, cleared) => this.autoResolve(open, reason, cleared),
    };
  }

  // ---- by people (HTTP) ------------------------------------------------------

  async acknowledge(id: string, actor: string, note?: string): Promise<Outcome> {
    const { repo, now } = this.deps;
    const at = new Date(now()).toISOString();
    const r = await repo.transition(
      id,
      (cur) => {
        if (cur.state === 'resolved') throw new DomainError('conflict', 'The alert is already resolved');
        if (cur.state === 'acknowledged') return null;
        return { ...cur, state: 'acknowledged', acknowledged: { by: actor, at, ...(note ? { note } : {}) } };
      },
      now,
    );
    if (r?.changed) await this.changed({ change: 'acknowledged', alert: r.alert });
    return r;
  }

  async resolve(id: string, actor: string, note?: string): Promise<Outcome> {
    const { repo, now: clock } = this.deps;
    const now = clock();
    const at = new Date(now).toISOString();
    const r = await repo.transition(
      id,
      (cur) =>
        cur.state === 'resolved'
          ? null
          : { ...cur, state: 'resolved', resolved: { by: actor, at, auto: false, reason: 'manual', ...(note ? { note } : {}) } },
      clock,
    );
    if (r?.changed) {
      const a = r.alert;
      if (ruleByKey(a.rule)?.condition) await repo.mute(a.orgId, a.rule, a.scope, now + this.deps.muteAfterResolveMs, at);
      await this.changed({ change: 'resolved', alert: a });
    }
    return r;
  }

  // ---- by rules --------------------------------------------------------------

  /** Acts on a condition rule's decision: raise when none is open, clear the open one, or hold. */
  async apply(rule: AnyAlertRule, org: Organisation, scope: AlertScope, decision: Decision, facts: Facts, clearReason: string, place?: Place): Promise<void> {
    if (decision === 'hold') return;
    const open = await this.deps.repo.findOpen(rule.key, scope);
    if (decision === 'raise' && !open) await this.raise(rule, org, scope, facts, place);
    else if (decision === 'clear' && open) await this.autoResolve(open, clearReason, facts);
  }

  async raise(rule: AnyAlertRule, org: Organisation, scope: AlertScope, facts: Facts, place?: Place): Promise<void> {
    const { repo, now: clock } = this.deps;
    const now = clock();
    if ((await repo.mutedUntil(org.id, rule.key, scope)) > now) return;
    const where = place ?? (await placeOf(this.deps.entities, org, scope));
    const at = new Date(now).toISOString();
    const alert: AlertView = {
      id: randomUUID(),
      orgId: org.id,
      rule: rule.key,
      scope,
      unitId: where.unitId,
      servicePointId: where.servicePointId,
      officer: await officerOf(this.deps.entities, scope, facts),
      severity: rule.severity,
      state: 'open',
      message: rule.message(facts, where.label),
      facts,
      openedAt: at,
      acknowledged: null,
      resolved: null,
      version: 1,
      updatedAt: at,
    };
    if (await repo.insertOpen(alert)) {
      this.deps.log.info({ alert: alert.id, rule: rule.key, scope }, 'alert raised');
      await this.changed({ change: 'opened', alert });
    }
  }

  /** Resolves by the system; `cleared` records the figures that cleared it. */
  async autoResolve(alert: AlertView, reason: string, cleared?: Facts): Promise<void> {
    const { repo, now } = this.deps;
    const at = new Date(now()).toISOString();
    const r = await repo.transition(
      alert.id,
      (cur) =>
        cur.state === 'resolved'
          ? null
          : { ...cur, state: 'resolved', resolved: { by: 'system', at, auto: true, reason }, facts: cleared ? { ...cur.facts, cleared } : cur.facts },
      now,
    );
    if (r?.changed) {
      this.deps.log.info({ alert: alert.id, rule: alert.rule, reason }, 'alert resolved automatically');
      await this.changed({ change: 'resolved', alert: r.alert });
    }
  }

  private async changed(c: AlertChange): Promise<void> {
    try {
      this.emitter.emit('changed', c);
    } catch (err) {
      this.deps.log.error({ err }, 'alert change listener failed');
    }
    await this.deps.webhooks.enqueue(await this.deps.repo.rules(c.alert.orgId), c);
  }
}
