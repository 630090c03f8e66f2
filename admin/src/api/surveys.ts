/**
 * Survey versions: the list (GET /surveys), who asks which (GET /surveys/active),
 * one version (GET /surveys/:id), a new version as a copy with edits, a draft's
 * edit, activation for the office or one counter, a counter's override removed.
 */
import { request, seg, type CallOptions } from './http';
import type { SurveyVersionList } from '../types';
import type { SurveyAssignments, SurveyVersionDetail } from '../../../shared/api/surveys';
import type { SurveyVersion } from '../../../shared/api/organisation';
import type { SurveyDefinition } from '../../../shared/survey';

export type { SurveyAssignments, SurveyVersionDetail, SurveyVersion, SurveyDefinition };

export const listSurveys = (opts: CallOptions = {}): Promise<SurveyVersionList> => request('/surveys', opts);

export const getSurveyAssignments = (opts: CallOptions = {}): Promise<SurveyAssignments> => request('/surveys/active', opts);

export const getSurveyVersion = (id: string, opts: CallOptions = {}): Promise<SurveyVersionDetail> => request(`/surveys/${seg(id)}`, opts);

/** A new version: a copy of `fromVersionId` with the edited definition (400 names `definition.<path>`, 409 a code reused). */
export const createSurveyVersion = (fromVersionId: string, definition: SurveyDefinition): Promise<SurveyVersion> =>
  request('/surveys', { method: 'POST', json: { fromVersionId, definition } });

/** A draft's definition replaced (409 once it has been active or answered). */
export const updateSurveyVersion = (id: string, definition: SurveyDefinition): Promise<SurveyVersion> =>
  request(`/surveys/${seg(id)}`, { method: 'PUT', json: { definition } });

/** For the office (no counter) or one counter. */
export const activateSurveyVersion = (id: string, servicePointId: string | null): Promise<SurveyAssignments> =>
  request(`/surveys/${seg(id)}/activate`, { method: 'POST', json: servicePointId ? { servicePointId } : {} });

/** The counter asks the office's version again. */
export const clearCounterSurvey = (servicePointId: string): Promise<SurveyAssignments> =>
  request(`/service-points/${seg(servicePointId)}/survey`, { method: 'DELETE' });

/** The read-only preview page (kiosk build) shown in an iframe. */
export const surveyPreviewUrl = (id: string, view: 'kiosk' | 'qr', lang: 'vi' | 'en'): string =>
  `/kiosk/preview.html?version=${encodeURIComponent(id)}&view=${view}&lang=${lang}`;
