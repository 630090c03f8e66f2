/**
 * Keys for the one-stop software that issues dossier links:
 * GET /integration-keys, POST (the key is shown once), DELETE /:id (revoke).
 */
import { request, seg, type CallOptions } from './http';
import type { CreatedIntegrationKey, IntegrationKey, IntegrationKeyList } from '../types';

export const listIntegrationKeys = (opts: CallOptions = {}): Promise<IntegrationKeyList> => request('/integration-keys', opts);

export const createIntegrationKey = (name: string): Promise<CreatedIntegrationKey> => request('/integration-keys', { method: 'POST', json: { name } });

export const revokeIntegrationKey = (id: string): Promise<IntegrationKey> => request(`/integration-keys/${seg(id)}`, { method: 'DELETE' });
