/**
 * What people do with alerts: read them (cut to their unit), acknowledge or
 * resolve one, read and change the rules. Each change is audited here; the
 * engine (./alerts/) raises, transitions and pushes.
 */
import type { AuditService } from './audit.service';
import { DomainError, invalid } from './errors';
import { parseOrInvalid } from './validate';
import type { EventBus } from './events';
import { authorise, unitFilter, visibleUnitIds, type Caller, type Viewer } from './permissions';
import type { AlertEngine } from './alerts/alert-engine';
import type { WebhookDelivery } from './alerts/alert.repo';
import { AlertRulesSchema, mergeRules, publicRules, type AlertRules, type AlertRulesInput } from './alerts/alert-rules';
import type { AlertRuleKey, AlertState, AlertView } from '../../shared/realtime-events';
import { PREVIEW_DAYS, type AlertFigures, type AlertRulePreview } from '../../shared/api/alerts';
import { ruleByKey } from './alerts/rules';

export interface AlertsDeps {
  engine: Pick<AlertEngine, 'repo' | 'acknowledge' | 'resolve' | 'figures' | 'withOfficers' | 'preview' | 'webhooks'>;
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

export interface AlertListOptions {
  state: AlertStateFilter;
  rule?: AlertRuleKey;
  unitId?: string;
  servicePointId?: string;
  /** Opened within [from, to) (epoch ms). */
  from?: number;
  to?: number;
  figures?: boolean;
  limit: number;
  offset: number;
}

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

  /**
   * Newest opened first (acknowledging or resolving does not move one); cut
   * to the viewer's unit; with `figures`, each alert's scope's figures now.
   */
  async list(viewer: Viewer, q: AlertListOptions): Promise<{ items: AlertView[]; next: number | null; figures?: Record<string, AlertFigures> }> {
    const unitIds = unitFilter(viewer, q.unitId);
    const filter = {
      states: STATES[q.state],
      unitIds,
      rule: q.rule,
      servicePointId: q.servicePointId,
      from: q.from,
      to: q.to,
    };
    const page = await this.deps.engine.repo.list(viewer.orgId, filter, q.limit, q.offset);
    const items = await this.deps.engine.withOfficers(page.items);
    if (!q.figures) return { items, next: page.next };
    return { items, next: page.next, figures: await this.deps.engine.figures(viewer.orgId, items) };
  }

  /**
   * What a rule would have raised over the last 7 days with `settings` as
   * being edited (not saved): the rule's settings are validated as a save
   * would (a 400 names `settings.<field>`).
   */
  async preview(viewer: Viewer, key: AlertRuleKey, settings: Record<string, unknown>): Promise<AlertRulePreview> {
    const rule = ruleByKey(key);
    if (!rule) throw new DomainError('not-found', 'No such alert rule');
    const parsed = parseOrInvalid(rule.settings, settings, 'settings');
    const out = await this.deps.engine.preview(viewer.orgId, rule, parsed, PREVIEW_DAYS);
    if (!out) throw new DomainError('not-found', 'No such organisation');
    // A unit head would see only their unit's (the screen is for admins and managers; the cut keeps the rule).
    const units = visibleUnitIds(viewer);
    return units ? { ...out, items: out.items.filter((i) => i.unitId !== null && units.includes(i.unitId)) } : out;
  }

  /** Sends a signed test event to the stored webhook now (audited); a 400 names the missing setting. */
  async testWebhook(caller: Caller): Promise<WebhookDelivery> {
    const { webhook } = await this.deps.engine.repo.rules(caller.orgId);
    if (!webhook.url) throw invalid([{ path: 'webhook.url', message: 'no webhook URL is saved: save one with the alert rules first' }]);
    if (!webhook.secret) throw invalid([{ path: 'webhook.secret', message: 'no webhook secret is saved' }]);
    const d = await this.deps.engine.webhooks.sendTest(caller.orgId, webhook);
    const last = d.attempts[d.attempts.length - 1];
    await this.deps.audit.record({
      orgId: caller.orgId,
      actor: caller.email,
      action: 'webhook.test',
      target: d.id,
      details: { url: d.url, status: d.status, httpStatus: last?.status ?? null, error: last?.error ?? null },
    });
    return d;
  }

  /** Open and acknowledged alerts, for a dashboard's first load. */
  async active(viewer: Viewer, limit = 100): Promise<AlertView[]> {
    const { items } = await this.deps.engine.repo.list(viewer.orgId, { states: STATES.active, unitIds: visibleUnitIds(viewer) }, limit);
    return items;
  }

  async get(viewer: Viewer, id: string): Promise<{ alert: AlertView; history: AlertView[] }> {
    const [alert] = await this.deps.engine.withOfficers([await this.reachable(viewer, id)]);
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
