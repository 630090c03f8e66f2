/**
 * What people do with alerts: read them (cut to their unit), acknowledge or
 * resolve one, read and change the rules. Each change is audited here; the
 * engine (./alerts/) raises, transitions and pushes.
 */
import type { AuditService } from './audit.service';
import { DomainError } from './errors';
import { parseOrInvalid } from './validate';
import type { EventBus } from './events';
import { authorise, unitFilter, visibleUnitIds, type Caller, type Viewer } from './permissions';
import type { AlertEngine } from './alerts/alert-engine';
import type { WebhookDelivery } from './alerts/alert.repo';
import { AlertRulesSchema, mergeRules, publicRules, type AlertRules, type AlertRulesInput } from './alerts/alert-rules';
import type { AlertRuleKey, AlertState, AlertView } from '../../shared/realtime-events';

export interface AlertsDeps {
  engine: Pick<AlertEngine, 'repo' | 'acknowledge' | 'resolve'>;
  audit: AuditService;
  events: EventBus;
}

export type AlertStateFilter = 'open' | 'acknowledged' | 'resolved' | 'active' | 'all';

const STATES: Record<AlertStateFilter, AlertState[] | undefined> = {
  open: ['open'],
  acknowledged: ['acknowledged'],
  resolved: ['resolved'],
  active: ['open', 'acknowledged'],
  all: undefined,
};

const VERB = { acknowledge: 'acknowledge', resolve: 'resolve' } as const;
export type AlertAction = keyof typeof VERB;

export class AlertsService {
  constructor(private readonly deps: AlertsDeps) {}

  rules(orgId: string): Promise<AlertRules> {
    return this.deps.engine.repo.rules(orgId);
  }

  /** The body over the stored rules (the webhook secret stays unless named), validated whole, audited without the secret. */
  async updateRules(caller: Caller, input: AlertRulesInput): Promise<AlertRules> {
    const { repo } = this.deps.engine;
    const orgId = caller.orgId;
    const rules = parseOrInvalid(AlertRulesSchema, mergeRules(input, await repo.rules(orgId)));
    await repo.putRules(orgId, rules, new Date().toISOString());
    // The audit entry shows what an API shows: never the secret.
    await this.deps.audit.record({ orgId, actor: caller.email, action: 'alert-rules.update', target: orgId, details: publicRules(rules) as unknown as Record<string, unknown> });
    this.deps.events.emit('config:changed', { orgId, kind: 'alertRules', id: orgId });
    return rules;
  }

  /** Newest change first. */
  list(viewer: Viewer, q: { state: AlertStateFilter; rule?: AlertRuleKey; unitId?: string; limit: number; offset: number }): Promise<{ items: AlertView[]; next: number | null }> {
    const unitIds = unitFilter(viewer, q.unitId);
    return this.deps.engine.repo.list(viewer.orgId, { states: STATES[q.state], unitIds, rule: q.rule }, q.limit, q.offset);
  }

  /** Open and acknowledged alerts, for a dashboard's first load. */
  async active(viewer: Viewer, limit = 100): Promise<AlertView[]> {
    const { items } = await this.deps.engine.repo.list(viewer.orgId, { states: STATES.active, unitIds: visibleUnitIds(viewer) }, limit);
    return items;
  }

  async get(viewer: Viewer, id: string): Promise<{ alert: AlertView; history: AlertView[] }> {
    const alert = await this.reachable(viewer, id);
    return { alert, history: await this.deps.engine.repo.history(alert) };
  }

  async act(caller: Caller, id: string, action: AlertAction, note?: string): Promise<AlertView> {
    const a = await this.reachable(caller, id);
    const verb = VERB[action];
    const result = await this.deps.engine[verb](a.id, caller.email, note);
    if (!result) throw new DomainError('not-found', 'No such alert');
    if (result.changed) {
      await this.deps.audit.record({
        orgId: a.orgId,
        actor: caller.email,
        action: `alert.${verb}`,
        target: a.id,
        details: { rule: a.rule, scope: `${a.scope.kind}:${a.scope.id}`, ...(note ? { note } : {}) },
      });
    }
    return result.alert;
  }

  /** The webhook delivery log of one alert. */
  async deliveries(viewer: Viewer, id: string): Promise<WebhookDelivery[]> {
    return this.deps.engine.repo.deliveriesOf(await this.reachable(viewer, id));
  }

  /**
   * The office's webhook delivery log, newest first (every alert's; read by
   * admins and managers, who see the whole office). Reads at most the last
   * 1,000 kept deliveries.
   */
  async recentDeliveries(viewer: Viewer, limit: number): Promise<WebhookDelivery[]> {
    const all = await this.deps.engine.repo.recentDeliveries(viewer.orgId, 1000);
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  }

  private async reachable(viewer: Viewer, id: string): Promise<AlertView> {
    return authorise(viewer, 'alert', await this.deps.engine.repo.get(id));
  }
}
