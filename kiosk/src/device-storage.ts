/**
 * What survives a reload besides the outbox: the device token, the last
 * config (so the kiosk boots to the rating screen with the server down) and
 * the time of the last rating (so a reload does not reset the minimum gap).
 */
import type { KioskConfig } from '../../shared/kiosk-protocol';

const KEYS = { token: 'hl.kiosk.token', config: 'hl.kiosk.config', lastRatingAt: 'hl.kiosk.lastRatingAt' };

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage full or disabled: the kiosk keeps working from memory
  }
}

export const deviceStorage = {
  token: (): string | null => read(KEYS.token),
  config(): KioskConfig | null {
    try {
      return JSON.parse(read(KEYS.config) ?? 'null') as KioskConfig | null;
    } catch {
      return null;
    }
  },
  lastRatingAt(): number | null {
    const v = Number(read(KEYS.lastRatingAt));
    return Number.isFinite(v) && v > 0 ? v : null;
  },
  saveEnrolment(token: string, config: KioskConfig): void {
    write(KEYS.token, token);
    write(KEYS.config, JSON.stringify(config));
  },
  saveConfig: (config: KioskConfig): void => write(KEYS.config, JSON.stringify(config)),
  saveLastRatingAt: (t: number): void => write(KEYS.lastRatingAt, String(t)),
  /** Revoked: forget the credentials, keep the outbox (a re-enrolment of the same device still sends it). */
  forgetEnrolment(): void {
    write(KEYS.token, null);
    write(KEYS.config, null);
  },
};
