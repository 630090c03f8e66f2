/**
 * Messages (./messages.ts for the frame and shared parts, each screen's own
 * views/<screen>/messages.ts) and the number, rate, date and time formats of
 * the two languages. Rates always go through shared formatPercent (two
 * decimals, a comma in Vietnamese) so the dashboard and the reports agree.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { adminMessages, type AdminMessages } from './messages';
import { formatPercent } from '../../shared/satisfaction';
import type { Locale, LocalText } from '../../shared/local-text';
import { dayStart, localDay } from './dates';

export type { Locale, AdminMessages };

export const DEFAULT_LOCALE: Locale = 'vi';
const STORAGE_KEY = 'hl-admin-locale';
const TZ = 'Asia/Ho_Chi_Minh';

export function savedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'vi' ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

/** Fills `{name}` placeholders. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

const numberFormats = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };
const timeFormats = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false }),
};
const dayFormats = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, day: 'numeric', month: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TZ, day: 'numeric', month: 'short' }),
};
/** A full date: 01/12/2026 in both languages (en-GB writes day first, as Vietnam does). */
const dateFormats = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' }),
};

/** Everything a component needs to speak: the messages and the formats. */
export interface Speech {
  locale: Locale;
  m: AdminMessages;
  fill: typeof fill;
  /** A rate with two decimals: 83,33% / 83.33%; "—" for no rate. */
  pct: (r: number | null) => string;
  /** A target: 85% when whole, else with two decimals. */
  target: (t: number) => string;
  num: (n: number) => string;
  /** HH:MM in Vietnam time. */
  time: (iso: string | number) => string;
  /** HH:MM today, else "12/3 HH:MM" (Vietnam time). */
  when: (iso: string, today: string) => string;
  /** A day label for charts: 12/3 · 12 Mar. */
  day: (t: number) => string;
  /** A YYYY-MM-DD Vietnam day as 01/12/2026. */
  date: (day: string) => string;
  local: (t: LocalText) => string;
}

export function speech(locale: Locale): Speech {
  const pct = (r: number | null) => formatPercent(r, locale);
  const time = (v: string | number) => timeFormats[locale].format(new Date(v));
  return {
    locale,
    m: adminMessages[locale],
    fill,
    pct,
    target: (t) => (Math.abs(t * 100 - Math.round(t * 100)) < 1e-9 ? `${Math.round(t * 100)}%` : pct(t)),
    num: (n) => numberFormats[locale].format(n),
    time,
    when: (iso, today) => {
      const t = Date.parse(iso);
      return localDay(t) === today ? time(t) : `${dayFormats[locale].format(t)} ${time(t)}`;
    },
    day: (t) => dayFormats[locale].format(t),
    date: (day) => dateFormats[locale].format(dayStart(day)),
    local: (t) => t[locale] || t.vi,
  };
}

export const SpeechContext = createContext<Speech>(speech(DEFAULT_LOCALE));
export const useSpeech = (): Speech => useContext(SpeechContext);

/** A screen's own catalog, `{ vi, en }` like the app's. */
export type Catalog<C> = Record<Locale, C>;

/** The app's speech plus a screen's own words as `v`. */
export type ViewSpeech<C> = Speech & { v: C };

/** For a screen: `const { m, v } = useViewSpeech(overviewMessages)`. */
export function useViewSpeech<C>(catalog: Catalog<C>): ViewSpeech<C> {
  const s = useSpeech();
  return { ...s, v: catalog[s.locale] };
}
