/**
 * Alerts: GET /alerts, GET /alerts/:id, POST /alerts/:id/ack and /resolve
 * (audited, pushed to every dashboard), GET /alerts/:id/deliveries.
 */
import { request, seg, type CallOptions } from './http';
import type { AlertDetail, AlertsQuery, AlertView, ItemsOf } from '../types';

export const listAlerts = (q: AlertsQuery = {}, opts: CallOptions = {}): Promise<ItemsOf<AlertView> & { next?: number | null }> =>
  request('/alerts', { ...opts, query: { ...q } });

export const getAlert = (id: string, opts: CallOptions = {}): Promise<AlertDetail> => request(`/alerts/${seg(id)}`, opts);

export const acknowledgeAlert = (id: string, note?: string): Promise<AlertView> => request(`/alerts/${seg(id)}/ack`, { method: 'POST', json: note ? { note } : {} });

export const resolveAlert = (id: string, note?: string): Promise<AlertView> => request(`/alerts/${seg(id)}/resolve`, { method: 'POST', json: note ? { note } : {} });
