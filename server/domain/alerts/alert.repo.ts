/**
 * Typed access to the alert entities in the store. No state in memory: every
 * node of a cluster reads and writes the same records, and the two races
 * that matter are settled by the store's unique keys.
 *
 * - Raising: an open (or acknowledged) alert holds the lookup
 *   `open:<rule>:<scope kind>:<scope id>`; a second insert for the same rule
 *   and scope, from any node, answers `duplicate` and writes nothing.
 * - Changing: each change to version v + 1 first inserts the transition
 *   record `<alert id>:<v + 1>`; only the node whose insert succeeds writes
 *   the alert, pushes and delivers. A loser re-reads and decides again. The
 *   transition records double as the alert's history, and repair an alert
 *   record left behind by a node that died between the two writes.
 */
import type { EntityRecord, Store } from '../../store/types';
import type { AlertRuleKey, AlertScopeKind, AlertState, AlertView } from '../../../shared/realtime-events';
import { AlertRulesSchema, defaultAlertRules, type AlertRules } from './alert-rules';

export const ALERT = 'alert';
export const ALERT_TRANSITION = 'alertTransition';
export const ALERT_RULES = 'alertRules';
export const ALERT_MUTE = 'alertMute';
export const WEBHOOK_DELIVERY = 'webhookDelivery';

export type AlertScope = AlertView['scope'];

export const openLookup = (rule: AlertRuleKey, scope: { kind: AlertScopeKind; id: string }): string => `open:${rule}:${scope.kind}:${scope.id}`;

export interface WebhookAttempt {
  n: number;
  at: string;
  /** HTTP status, or null when no answer came (network error, timeout). */
  status: number | null;
  error: string | null;
  ms: number;
}

export interface WebhookDelivery {
  /** `<alert id>:<alert version>`: one delivery per alert change. */
  id: string;
  orgId: string;
  alertId: string;
  event: string;
  url: string;
  /** The exact body sent (and signed) on every attempt. */
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttempt[];
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface AlertListFilter {
  states?: AlertState[];
  unitIds?: string[];
  rule?: AlertRuleKey;
  servicePointId?: string;
  /** Opened at or after / before (epoch ms). */
  from?: number;
  to?: number;
}

/** Whether an alert passes a list filter. */
export function matches(a: AlertView, f: AlertListFilter): boolean {
  if (f.states && !f.states.includes(a.state)) return false;
  if (f.unitIds && (a.unitId === null || !f.unitIds.includes(a.unitId))) return false;
  if (f.rule && a.rule !== f.rule) return false;
  if (f.servicePointId && a.servicePointId !== f.servicePointId) return false;
  const opened = Date.parse(a.openedAt);
  if (f.from !== undefined && opened < f.from) return false;
  if (f.to !== undefined && opened >= f.to) return false;
  return true;
}

export class AlertRepo {
  constructor(private readonly store: Store) {}

  private record(a: AlertView): EntityRecord<AlertView> {
    return {
      kind: ALERT,
      id: a.id,
      orgId: a.orgId,
      lookup: a.state === 'resolved' ? null : openLookup(a.rule, a.scope),
      data: a,
      // Lists are newest first by the record's time: the opening time keeps an alert in its place
      // when it is acknowledged or resolved (the alert's own `updatedAt` still says when it changed).
      updatedAt: a.openedAt,
    };
  }

  async get(id: string): Promise<AlertView | null> {
    return (await this.store.getEntity<AlertView>(ALERT, id))?.data ?? null;
  }

  async findOpen(rule: AlertRuleKey, scope: { kind: AlertScopeKind; id: string }): Promise<AlertView | null> {
    return (await this.store.findEntity<AlertView>(ALERT, openLookup(rule, scope)))?.data ?? null;
  }

  /** True when this call raised it; false when the rule and scope already have an open alert. */
  async insertOpen(a: AlertView): Promise<boolean> {
    return (await this.store.insertEntity(this.record(a))) === 'inserted';
  }

  /**
   * Applies `change` to the current version; `change` answers null when it
   * does not apply (already in that state). Returns the alert as it now is
   * and whether this call changed it; null when there is no such alert.
   */
  async transition(id: string, change: (cur: AlertView) => AlertView | null, now: () => number): Promise<{ alert: AlertView; changed: boolean } | null> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const stored = await this.get(id);
      if (!stored) return null;
      const cur = await this.catchUp(stored);
      const proposed = change(cur);
      if (!proposed) return { alert: cur, changed: false };
      const at = new Date(now()).toISOString();
      const next: AlertView = { ...proposed, version: cur.version + 1, updatedAt: at };
      const claimed = await this.store.insertEntity<AlertView>({
        kind: ALERT_TRANSITION,
        id: `${id}:${next.version}`,
        orgId: next.orgId,
        lookup: null,
        data: next,
        updatedAt: at,
      });
      if (claimed === 'inserted') {
        await this.store.putEntity(this.record(next));
        return { alert: next, changed: true };
      }
    }
    throw new Error(`alert ${id}: too much contention`);
  }

  /** Follows transition records past the stored version and repairs the alert record. */
  private async catchUp(a: AlertView): Promise<AlertView> {
    let latest = a;
    for (;;) {
      const t = await this.store.getEntity<AlertView>(ALERT_TRANSITION, `${a.id}:${latest.version + 1}`);
      if (!t) break;
      latest = t.data;
    }
    if (latest !== a) {
      const stored = await this.get(a.id);
      if (!stored || stored.version < latest.version) await this.store.putEntity(this.record(latest));
    }
    return latest;
  }

  /** The change history of an alert: version 1 and every transition after it. */
  async history(a: AlertView): Promise<AlertView[]> {
    const out: AlertView[] = [];
    for (let v = 2; v <= a.version; v++) {
      const t = await this.store.getEntity<AlertView>(ALERT_TRANSITION, `${a.id}:${v}`);
      if (t) out.push(t.data);
    }
    return out;
  }

  /**
   * Newest opened first (an acknowledge or resolve does not move an alert).
   * Scans the organisation's alerts page by page and filters; `next` is the
   * offset to continue from (null at the end).
   */
  async list(orgId: string, f: AlertListFilter, limit: number, offset = 0, maxScan = 5000): Promise<{ items: AlertView[]; next: number | null }> {
    const items: AlertView[] = [];
    const page = 500;
    let pos = offset;
    while (items.length < limit && pos - offset < maxScan) {
      const recs = await this.store.listEntities<AlertView>(ALERT, { orgId, limit: page, offset: pos });
      for (const r of recs) {
        pos++;
        const a = r.data;
        if (!matches(a, f)) continue;
        items.push(a);
        if (items.length === limit) return { items, next: pos };
      }
      if (recs.length < page) return { items, next: null };
    }
    return { items, next: pos };
  }

  /**
   * Alerts written before lists were ordered by opening time carry their last
   * change time as the record's time, so an old acknowledged or resolved one
   * sits out of place in the newest-opened-first list. Rewrites those records
   * with the opening time (the data is untouched). Reads everything first and
   * writes after, so the rewrites do not shift the pages being read. Run at
   * start; idempotent, and cheap once done (a read of the alert records).
   */
  async backfillOrder(): Promise<number> {
    const stale: AlertView[] = [];
    const page = 500;
    for (let offset = 0; ; offset += page) {
      const recs = await this.store.listEntities<AlertView>(ALERT, { limit: page, offset });
      for (const r of recs) if (r.updatedAt !== r.data.openedAt) stale.push(r.data);
      if (recs.length < page) break;
    }
    for (const a of stale) {
      // Re-read: another node may have changed it since; its record() is then already right.
      const cur = await this.store.getEntity<AlertView>(ALERT, a.id);
      if (cur && cur.updatedAt !== cur.data.openedAt) await this.store.putEntity(this.record(cur.data));
    }
    return stale.length;
  }

  // ---- rules ---------------------------------------------------------------

  async rules(orgId: string): Promise<AlertRules> {
    const rec = await this.store.getEntity<unknown>(ALERT_RULES, orgId);
    if (!rec) return defaultAlertRules();
    const parsed = AlertRulesSchema.safeParse(rec.data);
    return parsed.success ? parsed.data : defaultAlertRules();
  }

  async putRules(orgId: string, rules: AlertRules, at: string): Promise<void> {
    await this.store.putEntity({ kind: ALERT_RULES, id: orgId, orgId, lookup: null, data: rules, updatedAt: at });
  }

  // ---- mutes (a manual resolve holds the same alert back for a while) -----

  private muteId = (orgId: string, rule: AlertRuleKey, scope: AlertScope) => `${orgId}|${rule}|${scope.kind}:${scope.id}`;

  async mutedUntil(orgId: string, rule: AlertRuleKey, scope: AlertScope): Promise<number> {
    const rec = await this.store.getEntity<{ until: string }>(ALERT_MUTE, this.muteId(orgId, rule, scope));
    return rec ? Date.parse(rec.data.until) : 0;
  }

  async mute(orgId: string, rule: AlertRuleKey, scope: AlertScope, until: number, at: string): Promise<void> {
    await this.store.putEntity({
      kind: ALERT_MUTE,
      id: this.muteId(orgId, rule, scope),
      orgId,
      lookup: null,
      data: { until: new Date(until).toISOString() },
      updatedAt: at,
    });
  }

  // ---- webhook deliveries --------------------------------------------------

  async delivery(id: string): Promise<WebhookDelivery | null> {
    return (await this.store.getEntity<WebhookDelivery>(WEBHOOK_DELIVERY, id))?.data ?? null;
  }

  async insertDelivery(d: WebhookDelivery): Promise<boolean> {
    return (await this.store.insertEntity({ kind: WEBHOOK_DELIVERY, id: d.id, orgId: d.orgId, lookup: null, data: d, updatedAt: d.createdAt })) === 'inserted';
  }

  async putDelivery(d: WebhookDelivery, at: string): Promise<void> {
    await this.store.putEntity({ kind: WEBHOOK_DELIVERY, id: d.id, orgId: d.orgId, lookup: null, data: d, updatedAt: at });
  }

  /** The deliveries of one alert, one per version that was sent. */
  async deliveriesOf(a: AlertView): Promise<WebhookDelivery[]> {
    const out: WebhookDelivery[] = [];
    for (let v = 1; v <= a.version; v++) {
      const d = await this.delivery(`${a.id}:${v}`);
      if (d) out.push(d);
    }
    return out;
  }

  async recentDeliveries(orgId: string, limit: number): Promise<WebhookDelivery[]> {
    return (await this.store.listEntities<WebhookDelivery>(WEBHOOK_DELIVERY, { orgId, limit })).map((r) => r.data);
  }
}
