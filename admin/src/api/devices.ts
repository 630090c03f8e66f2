/**
 * Kiosks: GET /devices, POST /devices (with its first enrolment code),
 * GET / PATCH /devices/:id, POST /devices/:id/enrolment-code, POST
 * /devices/:id/revoke. (POST /devices/enrol is the kiosk's own call.)
 */
import { request, seg, type CallOptions } from './http';
import type { Device, DeviceCreateBody, DeviceCreated, DeviceList, IssuedCode } from '../types';

export const listDevices = (opts: CallOptions = {}): Promise<DeviceList> => request('/devices', opts);

export const createDevice = (body: DeviceCreateBody): Promise<DeviceCreated> => request('/devices', { method: 'POST', json: body });

export const getDevice = (id: string, opts: CallOptions = {}): Promise<Device> => request(`/devices/${seg(id)}`, opts);

export const renameDevice = (id: string, name: string): Promise<Device> => request(`/devices/${seg(id)}`, { method: 'PATCH', json: { name } });

export const issueEnrolmentCode = (id: string): Promise<IssuedCode> => request(`/devices/${seg(id)}/enrolment-code`, { method: 'POST' });

export const revokeDevice = (id: string): Promise<Device> => request(`/devices/${seg(id)}/revoke`, { method: 'POST' });

/** PATCH /devices/:id {servicePointId}: the kiosk keeps its token and reconnects as the new counter's (audited). */
export const moveDevice = (id: string, servicePointId: string): Promise<Device> =>
  request(`/devices/${seg(id)}`, { method: 'PATCH', json: { servicePointId } });
