/**
 * The figures: GET /stats/summary, /stats/timeseries, /stats/breakdown. Every
 * one is scoped by the server to what the user may see; `from` / `to` are
 * Vietnam days (YYYY-MM-DD, `to` inclusive) or instants.
 */
import { request, type CallOptions } from './http';
import type { KioskHealth, StatsBreakdown, StatsQuery, StatsTimeseries, Summary } from '../types';

/** GET /stats/kiosk-health: online, silent while open, the longest outbox (scoped by the server). */
export const getKioskHealth = (opts: CallOptions = {}): Promise<KioskHealth> => request('/stats/kiosk-health', opts);

export const getSummary = (q: StatsQuery, opts: CallOptions = {}): Promise<Summary> => request('/stats/summary', { ...opts, query: { ...q } });

export const getTimeseries = (q: StatsQuery, opts: CallOptions = {}): Promise<StatsTimeseries> => request('/stats/timeseries', { ...opts, query: { ...q } });

export const getBreakdown = (q: StatsQuery, opts: CallOptions = {}): Promise<StatsBreakdown> => request('/stats/breakdown', { ...opts, query: { ...q } });
