/** Decision 766 indicator 5.4 with dossier-link coverage beside it: GET /stats/indicator-766 (scoped by the server to the user's units). */
import { request, type CallOptions } from './http';
import type { Indicator766, Indicator766Query } from '../../../shared/api/dossier-outcomes';

export type { Indicator766 };

export const getIndicator766 = (q: Indicator766Query = {}, opts: CallOptions = {}): Promise<Indicator766> =>
  request('/stats/indicator-766', { ...opts, query: { ...q } });
