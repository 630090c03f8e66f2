/**
 * Counters (service points): GET /service-points, PUT /service-points/:id/duty,
 * and the addresses of a counter's poster and QR images (opened in a tab or
 * shown in an <img>, so they are URLs, not fetches).
 */
import { apiUrl, request, seg, type CallOptions } from './http';
import type { ServicePoint, ServicePointList } from '../types';

export const listServicePoints = (opts: CallOptions = {}): Promise<ServicePointList> => request('/service-points', opts);

/** Who serves at the counter now (null: nobody named). Audited, announced to the kiosk. */
export const setOfficerOnDuty = (servicePointId: string, officerId: string | null): Promise<ServicePoint> =>
  request(`/service-points/${seg(servicePointId)}/duty`, { method: 'PUT', json: { officerId } });

export const posterUrl = (servicePointId: string): string => apiUrl(`/service-points/${seg(servicePointId)}/poster`);
export const qrSvgUrl = (servicePointId: string): string => apiUrl(`/service-points/${seg(servicePointId)}/qr.svg`);
export const qrPngUrl = (servicePointId: string): string => apiUrl(`/service-points/${seg(servicePointId)}/qr.png`);
