/**
 * The kiosk's staff corner: a device asks whether the PIN typed on it is the
 * office's kiosk PIN. Only yes/no goes back (never the PIN or its hash), and
 * a device gets a few tries per window, counted in the store so the limit
 * holds across nodes and restarts.
 */
import type { Store } from '../store/types';
import type { Device, Entities } from './entities';
import { DomainError } from './errors';
import { verifyPin } from './pins';

export const STAFF_PIN_TRIES = 5;
export const STAFF_PIN_WINDOW_MS = 15 * 60_000;

export type StaffPinResult = { result: 'ok' | 'wrong' | 'not-set'; attemptsLeft: number };

export class KioskStaffService {
  constructor(private readonly deps: { store: Store; entities: Entities }) {}

  async checkPin(device: Device, pin: string, now = Date.now()): Promise<StaffPinResult> {
    const org = await this.deps.entities.get('organisation', device.orgId);
    if (!org) throw new DomainError('not-found', 'Organisation missing');
    if (!org.kioskPinHash) return { result: 'not-set', attemptsLeft: STAFF_PIN_TRIES };
    // Counted before the check, so parallel guesses cannot slip past the limit.
    const window = now - (now % STAFF_PIN_WINDOW_MS);
    const tries = await this.deps.store.bumpCounter(`kiosk-staff-pin:${device.id}`, window, window + STAFF_PIN_WINDOW_MS);
    if (tries > STAFF_PIN_TRIES) throw new DomainError('rate-limited', 'Too many PIN attempts on this kiosk; try again later');
    const attemptsLeft = STAFF_PIN_TRIES - tries;
    return { result: (await verifyPin(pin, org.kioskPinHash)) ? 'ok' : 'wrong', attemptsLeft };
  }
}
