import { kioskMessages, type KioskMessages } from '../../../shared/i18n/kiosk';
import { pick, type Locale, type LocalText } from '../../../shared/local-text';

export type { Locale };
export const DEFAULT_LOCALE: Locale = 'vi';
export const messages = (locale: Locale): KioskMessages => kioskMessages[locale];
/** Survey and office wording from the config, in the screen's language (Vietnamese when a translation is missing). */
export const local = (t: LocalText, locale: Locale): string => pick(t, locale);
