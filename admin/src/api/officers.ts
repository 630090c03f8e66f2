/** Officers the user may see: GET /officers. */
import { request, type CallOptions } from './http';
import type { OfficerList } from '../types';

export const listOfficers = (opts: CallOptions = {}): Promise<OfficerList> => request('/officers', opts);
