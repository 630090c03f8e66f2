/**
 * Alerts and their rules: GET /alerts, GET /alerts/:id, POST /alerts/:id/ack
 * and /resolve (audited, pushed to every dashboard), GET /alerts/:id/deliveries
 * (admin, manager), GET / PUT /alert-rules (PUT: admin; audited),
 * POST /alert-rules/preview (unsaved settings replayed over 7 days) and
 * POST /alert-rules/webhook-test (admin; a signed test event now).
 */
import { request, seg, type CallOptions } from './http';
import type { AlertDetail, AlertList, AlertRulePreview, AlertRulePreviewBody, AlertRulesInput, AlertsQuery, AlertView, PublicAlertRules, WebhookDeliveryList, WebhookTestResult } from '../types';

export const listAlerts = (q: AlertsQuery = {}, opts: CallOptions = {}): Promise<AlertList> => request('/alerts', { ...opts, query: { ...q } });

export const getAlert = (id: string, opts: CallOptions = {}): Promise<AlertDetail> => request(`/alerts/${seg(id)}`, opts);

export const acknowledgeAlert = (id: string, note?: string): Promise<AlertView> => request(`/alerts/${seg(id)}/ack`, { method: 'POST', json: note ? { note } : {} });

export const resolveAlert = (id: string, note?: string): Promise<AlertView> => request(`/alerts/${seg(id)}/resolve`, { method: 'POST', json: note ? { note } : {} });

export const listAlertDeliveries = (id: string, opts: CallOptions = {}): Promise<WebhookDeliveryList> => request(`/alerts/${seg(id)}/deliveries`, opts);

/** The webhook secret is never returned; leave it out of the input to keep the stored one. */
export const getAlertRules = (opts: CallOptions = {}): Promise<PublicAlertRules> => request('/alert-rules', opts);

export const updateAlertRules = (rules: AlertRulesInput): Promise<PublicAlertRules> => request('/alert-rules', { method: 'PUT', json: rules });

/** GET /webhook-deliveries: the office's latest webhook deliveries, newest first (admin, manager). */
export const listWebhookDeliveries = (limit = 50, opts: CallOptions = {}): Promise<WebhookDeliveryList> =>
  request('/webhook-deliveries', { ...opts, query: { limit } });

/** What a rule with these (unsaved) settings would have raised over the last 7 days. */
export const previewAlertRule = (body: AlertRulePreviewBody, opts: CallOptions = {}): Promise<AlertRulePreview> =>
  request('/alert-rules/preview', { ...opts, method: 'POST', json: body });

/** Sends a signed test event to the saved webhook now; answers after the first attempt. */
export const testWebhook = (): Promise<WebhookTestResult> => request('/alert-rules/webhook-test', { method: 'POST', json: {} });
