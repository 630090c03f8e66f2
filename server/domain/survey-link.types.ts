/**
 * The wire shape of GET /api/v1/public/survey-context, read by the QR page.
 * Types only (no runtime code), so the page imports it without pulling any
 * server module into its bundle.
 */
import type { LocalText } from '../../shared/local-text';
import type { SurveyDefinition } from '../../shared/survey';

/**
 * `ok` — answer away; `used` — this dossier was already answered;
 * `expired` — past its date; `invalid` — forged, edited or unknown.
 * Counter links are always `ok` (an unknown counter is a 404).
 */
export type LinkState = 'ok' | 'used' | 'expired' | 'invalid';

export interface SurveyContext {
  state: LinkState;
  channel: 'qr' | 'link';
  /** Absent when the state is `invalid`: nothing is known about a bad token. */
  org?: { name: LocalText };
  servicePoint?: { id: string; code: string; name: LocalText };
  procedure?: { code: string; name: LocalText } | null;
  /** Present only when the state is `ok`. */
  survey?: { versionId: string; definition: SurveyDefinition };
}
