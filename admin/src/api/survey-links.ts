/** Dossier-link coverage (links answered ÷ issued): GET /survey-links/stats. Issuing links is the integrators' call, not the dashboard's. */
import { request, type CallOptions } from './http';
import type { LinkStats, LinkStatsQuery } from '../types';

export const getLinkStats = (q: LinkStatsQuery = {}, opts: CallOptions = {}): Promise<LinkStats> => request('/survey-links/stats', { ...opts, query: { ...q } });
