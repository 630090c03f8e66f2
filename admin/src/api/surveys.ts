/** The organisation's survey versions: GET /surveys. */
import { request, type CallOptions } from './http';
import type { SurveyVersionList } from '../types';

export const listSurveys = (opts: CallOptions = {}): Promise<SurveyVersionList> => request('/surveys', opts);
