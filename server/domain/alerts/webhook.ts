/**
 * Delivers alert changes to the organisation's webhook. The body is signed
 * with HMAC-SHA256 over the exact bytes sent:
 *   X-HaiLong-Signature: sha256=<hex>
 *   X-HaiLong-Event: alert.opened | alert.acknowledged | alert.resolved | report.ready | webhook.test
 *   X-HaiLong-Delivery: <delivery id>   (receivers de-duplicate on it)
 * A 2xx answer delivers; anything else is retried with backoff, then marked
 * failed. Every delivery and attempt is kept as a `webhookDelivery` entity.
 *
 * Several nodes: the delivery id is `<alert id>:<version>`, so only the node
 * that made the change creates it; each attempt is claimed through a store
 * counter, so a delivery stranded by a node that stopped is taken over by
 * another node's sweep and never sent twice by two live nodes at once.
 * Delivery is at least once.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from '../../store/types';
import type { AlertChange } from '../../../shared/realtime-events';
import type { AlertRepo, WebhookDelivery } from './alert.repo';
import { retryDelay, type AlertRules } from './alert-rules';

export const SIGNATURE_HEADER = 'X-HaiLong-Signature';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface WebhookOptions {
  now: () => number;
  /** Waits before retry 1, 2, …; its length is the number of retries. */
  backoffMs: readonly number[];
  timeoutMs: number;
  userAgent: string;
}

export class WebhookSender {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly repo: AlertRepo,
    private readonly log: Logger,
    private readonly opts: WebhookOptions,
  ) {}

  /** Creates the delivery of one alert change (when the rules ask for it) and sends the first attempt. */
  async enqueue(rules: AlertRules, change: AlertChange): Promise<void> {
    const hook = rules.webhook;
    if (!hook.url || !hook.secret || !hook.events.includes(change.change) || this.stopped) return;
    const now = new Date(this.opts.now()).toISOString();
    const id = `${change.alert.id}:${change.alert.version}`;
    const event = `alert.${change.change}`;
    const body = JSON.stringify({ event, deliveryId: id, orgId: change.alert.orgId, createdAt: now, alert: change.alert });
    const d: WebhookDelivery = {
      id,
      orgId: change.alert.orgId,
      alertId: change.alert.id,
      event,
      url: hook.url,
      body,
      status: 'pending',
      attempts: [],
      nextAttemptAt: now,
      createdAt: now,
    };
    if (await this.repo.insertDelivery(d)) this.track(this.attempt(id, 1));
  }

  /**
   * Sends a signed test event to the stored webhook now, whatever events it
   * subscribes to, and answers the delivery once the first attempt is done:
   * delivered, or pending with its retry scheduled like any other (so a
   * receiver being set up sees the retry behaviour too). Kept in the
   * delivery log as `webhook.test` with an empty alert id.
   */
  async sendTest(orgId: string, hook: AlertRules['webhook']): Promise<WebhookDelivery> {
    if (!hook.url || !hook.secret) throw new Error('sendTest needs a stored webhook URL and secret');
    const now = new Date(this.opts.now()).toISOString();
    const id = `test:${randomUUID()}`;
    const event = 'webhook.test';
    const body = JSON.stringify({
      event,
      deliveryId: id,
      orgId,
      createdAt: now,
      test: true,
      message: { vi: 'Sự kiện thử từ Hài Lòng: webhook đã nhận được.', en: 'A test event from Hài Lòng: the webhook is reached.' },
    });
    const d: WebhookDelivery = { id, orgId, alertId: '', event, url: hook.url, body, status: 'pending', attempts: [], nextAttemptAt: now, createdAt: now };
    await this.repo.insertDelivery(d);
    const first = this.attempt(id, 1);
    this.track(first);
    await first.catch(() => undefined);
    return (await this.repo.delivery(id)) ?? d;
  }

  /**
   * Delivers an event that is not an alert change (`report.ready`, issue 13)
   * to the organisation's webhook, through the same signed attempts, retries
   * and delivery log. `id` is the delivery id: enqueueing it twice sends once.
   * Sent whenever a webhook is set up (the per-change filter is for alerts).
   */
  async enqueueEvent(e: { id: string; orgId: string; event: string; data: Record<string, unknown> }): Promise<boolean> {
    const hook = (await this.repo.rules(e.orgId)).webhook;
    if (!hook.url || !hook.secret || this.stopped) return false;
    const now = new Date(this.opts.now()).toISOString();
    const body = JSON.stringify({ event: e.event, deliveryId: e.id, orgId: e.orgId, createdAt: now, ...e.data });
    const d: WebhookDelivery = { id: e.id, orgId: e.orgId, alertId: '', event: e.event, url: hook.url, body, status: 'pending', attempts: [], nextAttemptAt: now, createdAt: now };
    if (!(await this.repo.insertDelivery(d))) return false;
    this.track(this.attempt(e.id, 1));
    return true;
  }

  /** Takes over pending deliveries whose next attempt is overdue (a node stopped mid-way). */
  async retryOverdue(orgId: string, graceMs: number): Promise<void> {
    const now = this.opts.now();
    for (const d of await this.repo.recentDeliveries(orgId, 200)) {
      if (d.status !== 'pending' || !d.nextAttemptAt || Date.parse(d.nextAttemptAt) > now - graceMs) continue;
      this.track(this.attempt(d.id, d.attempts.length + 1));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.idle();
  }

  /** Resolves when no attempt is running (retries still scheduled do not count). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private track(p: Promise<void>): void {
    const q = p.catch((err) => this.log.error({ err }, 'webhook delivery failed'));
    this.inflight.add(q);
    void q.finally(() => this.inflight.delete(q));
  }

  private schedule(id: string, n: number, delayMs: number): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) this.track(this.attempt(id, n));
    }, delayMs);
    t.unref();
    this.timers.add(t);
  }

  private async attempt(id: string, n: number): Promise<void> {
    const d = await this.repo.delivery(id);
    if (!d || d.status !== 'pending' || d.attempts.length !== n - 1 || this.stopped) return;
    const start = this.opts.now();
    // One sender per attempt across nodes; the claim lapses after a minute, so a stranded attempt is retried.
    const claim = await this.store.bumpCounter(`webhook:${id}:${n}`, Math.floor(start / 60_000) * 60_000, start + 86_400_000);
    if (claim !== 1) return;
    const secret = (await this.repo.rules(d.orgId)).webhook.secret;
    let status: number | null = null;
    let error: string | null = null;
    const t0 = performance.now();
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': this.opts.userAgent,
          'x-hailong-event': d.event,
          'x-hailong-delivery': d.id,
          ...(secret ? { [SIGNATURE_HEADER.toLowerCase()]: signBody(secret, d.body) } : {}),
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? `no answer in ${this.opts.timeoutMs} ms` : String((err as Error).message ?? err).slice(0, 300);
    }
    const ms = Math.round(performance.now() - t0);
    const at = new Date(this.opts.now()).toISOString();
    const delay = error ? retryDelay(n, this.opts.backoffMs) : null;
    const next: WebhookDelivery = {
      ...d,
      attempts: [...d.attempts, { n, at: new Date(start).toISOString(), status, error, ms }],
      status: !error ? 'delivered' : delay === null ? 'failed' : 'pending',
      nextAttemptAt: !error || delay === null ? null : new Date(this.opts.now() + delay).toISOString(),
    };
    await this.repo.putDelivery(next, at);
    if (error) this.log.warn({ delivery: id, attempt: n, error }, 'webhook attempt failed');
    if (next.status === 'pending') this.schedule(id, n + 1, delay!);
  }
}
