/**
 * Counters (service points): GET /service-points, PUT /service-points/:id/duty,
 * and the addresses of a counter's poster and QR images (opened in a tab or
 * shown in an <img>, so they are URLs, not fetches).
 */
import { apiUrl, request, seg, type CallOptions } from './http';
import type { DutyHistory, ServicePoint, ServicePointCreateBody, ServicePointList, ServicePointPatchBody } from '../types';

export const listServicePoints = (opts: CallOptions = {}): Promise<ServicePointList> => request('/service-points', opts);

/** Who serves at the counter now (null: nobody named). Audited, announced to the kiosk. */
export const setOfficerOnDuty = (servicePointId: string, officerId: string | null): Promise<ServicePoint> =>
  request(`/service-points/${seg(servicePointId)}/duty`, { method: 'PUT', json: { officerId } });

export const posterUrl = (servicePointId: string): string => apiUrl(`/service-points/${seg(servicePointId)}/poster`);
export const qrSvgUrl = (servicePointId: string): string => apiUrl(`/service-points/${seg(servicePointId)}/qr.svg`);
export const qrPngUrl = (servicePointId: string): string => apiUrl(`/service-points/${seg(servicePointId)}/qr.png`);

/** POST /service-points: a counter with its opening hours (a unit head: in their unit). */
export const createServicePoint = (body: ServicePointCreateBody): Promise<ServicePoint> => request('/service-points', { method: 'POST', json: body });

/** PATCH /service-points/:id: change, or `active: false` to deactivate (audited before/after). */
export const updateServicePoint = (id: string, patch: ServicePointPatchBody): Promise<ServicePoint> => request(`/service-points/${seg(id)}`, { method: 'PATCH', json: patch });

/** PUT /service-points/:id/rating-mode (admin): 'always', or 'after-service' (the kiosk rates only sessions the service opens). */
export const setRatingMode = (id: string, ratingMode: 'always' | 'after-service'): Promise<ServicePoint> =>
  request(`/service-points/${seg(id)}/rating-mode`, { method: 'PUT', json: { ratingMode } });

/** Every active counter's poster in one printable page (one A4 each); `unitId`: one unit's only. */
export const allPostersUrl = (unitId?: string): string => apiUrl(`/service-points/posters${unitId ? `?unitId=${encodeURIComponent(unitId)}` : ''}`);

/** GET /service-points/:id/duty-history: who was on duty when, newest first, and who set it. */
export const dutyHistory = (servicePointId: string, opts: CallOptions = {}): Promise<DutyHistory> =>
  request(`/service-points/${seg(servicePointId)}/duty-history`, opts);
