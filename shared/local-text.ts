export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** Every citizen-facing string exists in Vietnamese first, English second. */
export interface LocalText {
  vi: string;
  en: string;
}
export const pick = (t: LocalText, locale: Locale): string => t[locale] || t.vi;
