/**
 * A source of ratings that can burst: one kiosk, or one counter's public QR
 * link. Single-use dossier links cannot burst, so they are no source. Rules
 * that watch sources (burst, suspicious top ratings) share one read of the
 * source's recent ratings per evaluation.
 */
import type { StoredResponse } from '../../store/types';
import type { Device, ServicePoint } from '../entities';
import type { AlertView } from '../../../shared/realtime-events';

export interface Source {
  scope: AlertView['scope'];
  servicePointId: string;
  channel: 'kiosk' | 'qr';
  deviceId: string | null;
}

const kioskSource = (deviceId: string, servicePointId: string): Source => ({ scope: { kind: 'device', id: deviceId }, servicePointId, channel: 'kiosk', deviceId });
const qrSource = (servicePointId: string): Source => ({ scope: { kind: 'source', id: `qr:${servicePointId}` }, servicePointId, channel: 'qr', deviceId: null });

/** The source a rating came from, if it came from one. */
export function sourceOf(r: StoredResponse): Source | null {
  if (r.channel === 'kiosk' && r.deviceId) return kioskSource(r.deviceId, r.servicePointId);
  // A counter QR link is one source per counter; single-use dossier links cannot burst.
  if (r.channel === 'qr') return qrSource(r.servicePointId);
  return null;
}

/** Every source of an organisation: its kiosks, then its counters' QR links. */
export const sourcesOf = (devices: Device[], sps: ServicePoint[]): Source[] => [
  ...devices.map((d) => kioskSource(d.id, d.servicePointId)),
  ...sps.map((s) => qrSource(s.id)),
];

/** The distinct sources of a batch of ratings, in the order first seen. */
export function distinctSources(responses: StoredResponse[]): Source[] {
  const sources = new Map<string, Source>();
  for (const r of responses) {
    const s = sourceOf(r);
    if (s) sources.set(`${s.scope.kind}:${s.scope.id}`, s);
  }
  return [...sources.values()];
}
