/** Officers the user may see: GET /officers. */
import { request, type CallOptions } from './http';
import type { ItemsOf, Officer } from '../types';

export const listOfficers = (opts: CallOptions = {}): Promise<ItemsOf<Officer>> => request('/officers', opts);
