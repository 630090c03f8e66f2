/**
 * How alerts name places and word their messages. Every text is written in
 * both languages at once, from the catalog in shared/i18n/alerts.ts, because
 * an alert is stored and sent with both (records, pushes, webhooks).
 */
import type { Entities, Organisation, ServicePoint } from '../entities';
import { alertMessages, type AlertMessages } from '../../../shared/i18n/alerts';
import { fill } from '../../../shared/i18n/survey';
import type { AlertView } from '../../../shared/realtime-events';

export type Locale = 'vi' | 'en';
export type Label = { vi: string; en: string };

/** Where an alert is: the unit and counter it is routed by, and its name in messages. */
export interface Place {
  unitId: string | null;
  servicePointId: string | null;
  label: Label;
}

/** The same text in both languages, from the catalog. */
export function bilingual(text: (messages: AlertMessages, locale: Locale) => string): Label {
  return { vi: text(alertMessages.vi, 'vi'), en: text(alertMessages.en, 'en') };
}

/** A catalog template filled in, per language (`vars` may take other texts of the catalog). */
export const filled = (template: (m: AlertMessages) => string, vars: (locale: Locale, m: AlertMessages) => Record<string, string | number>): Label =>
  bilingual((m, locale) => fill(template(m), vars(locale, m)));

/** Cuts a text to `n` characters, the last one an ellipsis. */
export const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** "Name (code)": a counter as alerts name it. */
export const spLabel = (sp: ServicePoint): Label => ({ vi: `${sp.name.vi} (${sp.code})`, en: `${sp.name.en ?? sp.name.vi} (${sp.code})` });

/** A counter's place, or its bare id when the counter is gone. */
export const spPlace = (servicePointId: string, sp: ServicePoint | null | undefined): Place => ({
  unitId: sp?.unitId ?? null,
  servicePointId,
  label: sp ? spLabel(sp) : { vi: servicePointId, en: servicePointId },
});

/** The place of a scope, for rules that raise without naming one. */
export async function placeOf(entities: Entities, org: Organisation, scope: AlertView['scope']): Promise<Place> {
  const fallback = { vi: scope.id, en: scope.id };
  switch (scope.kind) {
    case 'org':
      return { unitId: null, servicePointId: null, label: org.shortName ? { vi: org.shortName, en: org.shortName } : org.name };
    case 'unit': {
      const u = await entities.get('unit', scope.id);
      return { unitId: scope.id, servicePointId: null, label: u ? u.name : fallback };
    }
    case 'sp': {
      const sp = await entities.get('servicePoint', scope.id);
      return { unitId: sp?.unitId ?? null, servicePointId: scope.id, label: sp ? spLabel(sp) : fallback };
    }
    case 'officer': {
      const o = await entities.get('officer', scope.id);
      return { unitId: o?.unitId ?? null, servicePointId: null, label: o ? filled((m) => m.place.officer, () => ({ name: o.name })) : fallback };
    }
    default:
      return { unitId: null, servicePointId: null, label: fallback };
  }
}
