/**
 * The public waiting-room screen (issue 12 item 8): which screen a code
 * names, whether the organisation has switched it on, and the figures it may
 * show. Figures come from the daily buckets (today, and this month so far),
 * the same reads the live dashboard makes; never from raw responses, so no
 * comment, officer or citizen detail is even read here.
 *
 * What leaves is built field by field into PublicScreen (shared/api/
 * public-screen.ts); the HTTP and socket layers parse it through that schema
 * once more before sending, so an added field anywhere cannot leak.
 */
import type { Store } from '../store/types';
import type { Entities, Organisation, PublicScreenRecord, Unit } from './entities';
import { DomainError } from './errors';
import { DAY_MS, localClock, startOfLocalDay, startOfLocalMonth } from '../../shared/periods';
import { addCounts, answered, emptyCounts, satisfiedOf, type ScoreCounts } from '../../shared/satisfaction';
import { PublicScreenSchema, SCREEN_PARTS, type PublicScreen, type PublicScreenSettings, type ScreenFigures, type ScreenPart } from '../../shared/api/public-screen';
import { sumFigures } from './figures';

/** A screen a code resolved to: the organisation's, or one unit's. */
export interface ScreenTarget {
  org: Organisation;
  unit: Unit | null;
  settings: PublicScreenSettings;
}

/** The organisation's screen code when none was chosen: its short name, else its id. */
export function defaultScreenCode(org: Pick<Organisation, 'id' | 'shortName'>): string {
  // Vietnamese letters lose their marks (Sở → So, Đ → D) rather than vanish; anything else not allowed in a code goes.
  const fromName = (org.shortName ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]/g, '')
    .slice(0, 32);
  return /^[A-Za-z0-9]/.test(fromName) ? fromName : org.id;
}

/** The settings in force: off, every part and every unit unless the admin chose otherwise. */
export function screenSettingsOf(org: Pick<Organisation, 'id' | 'shortName' | 'publicScreen'>): PublicScreenSettings {
  const s = org.publicScreen;
  return {
    enabled: s?.enabled ?? false,
    code: s?.code ?? defaultScreenCode(org),
    parts: s?.parts?.length ? SCREEN_PARTS.filter((p) => s.parts.includes(p)) : [...SCREEN_PARTS],
    unitIds: s?.unitIds ?? null,
  };
}

/** The stored record for settings in force (what organisation.service writes). */
export const screenRecordOf = (s: PublicScreenSettings): PublicScreenRecord => ({ enabled: s.enabled, code: s.code, parts: [...s.parts], unitIds: s.unitIds ? [...s.unitIds] : null });

const unitAllowed = (s: PublicScreenSettings, unitId: string): boolean => s.unitIds === null || s.unitIds.includes(unitId);

export interface PublicScreenDeps {
  entities: Entities;
  store: Pick<Store, 'sumAggregates' | 'sumRollups'>;
  now?: () => number;
}

export class PublicScreenService {
  private readonly now: () => number;
  constructor(private readonly deps: PublicScreenDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * The screen a code names (an organisation's screen code, else a unit's
   * code), case-insensitively. Unknown: 404. Known but switched off (or a
   * unit left out of the chosen units): 403 with reason `screen-off`.
   */
  async resolve(rawCode: string): Promise<ScreenTarget> {
    const code = rawCode.trim().toLowerCase();
    if (!code || code.length > 64) throw notFound();
    const orgs = await this.deps.entities.list('organisation');
    let found: ScreenTarget | null = null;
    for (const org of orgs) {
      const settings = screenSettingsOf(org);
      if (settings.code.toLowerCase() === code) {
        found = { org, unit: null, settings };
        break;
      }
    }
    if (!found) {
      for (const org of orgs) {
        const units = await this.deps.entities.list('unit', { orgId: org.id });
        const unit = units.find((u) => u.active !== false && u.code.toLowerCase() === code);
        if (unit) {
          found = { org, unit, settings: screenSettingsOf(org) };
          break;
        }
      }
    }
    if (!found) throw notFound();
    if (!found.settings.enabled || (found.unit && !unitAllowed(found.settings, found.unit.id))) {
      throw new DomainError('forbidden', 'The waiting-room screen is not switched on', { reason: 'screen-off' });
    }
    return found;
  }

  /** Every screen an organisation has switched on: its own and each chosen unit's (for live pushes). */
  async targetsOf(orgId: string): Promise<ScreenTarget[]> {
    const org = await this.deps.entities.get('organisation', orgId);
    if (!org) return [];
    const settings = screenSettingsOf(org);
    if (!settings.enabled) return [];
    const units = (await this.deps.entities.list('unit', { orgId })).filter((u) => u.active !== false && unitAllowed(settings, u.id));
    return [{ org, unit: null, settings }, ...units.map((unit) => ({ org, unit, settings }))];
  }

  /**
   * The figures for one screen: only the parts chosen, built field by field
   * and parsed through the strict PublicScreenSchema, so a field outside the
   * whitelist fails here instead of leaving the server (HTTP and socket alike).
   */
  async build(t: ScreenTarget): Promise<PublicScreen> {
    const { org, unit, settings } = t;
    const now = this.now();
    const day = startOfLocalDay(now);
    const monthFrom = startOfLocalMonth(now);
    const shows = (p: ScreenPart) => settings.parts.includes(p);
    const filter = { orgId: org.id, unitIds: unit ? [unit.id] : undefined, verified: org.headlineVerifiedOnly ? true : undefined, metrics: ['q:O'] };
    const read = async (from: number, groupBy?: 'servicePointId'): Promise<Map<string, ScoreCounts>> => {
      const { rows } = await sumFigures(this.deps.store, { grain: 'day', from, to: day + DAY_MS, filter, groupBy });
      const out = new Map<string, ScoreCounts>();
      for (const r of rows) {
        if (r.metric !== 'q:O') continue;
        const key = r.group ?? '';
        addCounts((out.get(key) ?? out.set(key, emptyCounts()).get(key)!), r.c);
      }
      return out;
    };
    const showCounters = shows('counters');
    // A counter row shows the same periods as the headline; with neither chosen, today's.
    const counterToday = showCounters && (shows('today') || !shows('month'));
    const counterMonth = showCounters && shows('month');
    const [today, month, spToday, spMonth, sps] = await Promise.all([
      shows('today') ? read(day) : null,
      shows('month') ? read(monthFrom) : null,
      counterToday ? read(day, 'servicePointId') : null,
      counterMonth ? read(monthFrom, 'servicePointId') : null,
      showCounters ? this.deps.entities.list('servicePoint', { orgId: org.id }) : null,
    ]);
    const fig = (c: ScoreCounts | undefined): ScreenFigures => figuresOf(c ?? emptyCounts(), org.target, org.minSample);
    const counters = sps
      ? sps
          .filter((sp) => sp.active !== false && (unit ? sp.unitId === unit.id : unitAllowed(settings, sp.unitId)))
          .sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }))
          .map((sp) => ({
            code: sp.code,
            name: { vi: sp.name.vi, en: sp.name.en || sp.name.vi },
            today: spToday ? fig(spToday.get(sp.id)) : null,
            month: spMonth ? fig(spMonth.get(sp.id)) : null,
          }))
      : null;
    return PublicScreenSchema.parse({
      kind: unit ? 'unit' : 'org',
      code: unit ? unit.code : settings.code,
      organisation: { vi: org.name.vi, en: org.name.en || org.name.vi },
      unit: unit ? { vi: unit.name.vi, en: unit.name.en || unit.name.vi } : null,
      target: org.target,
      minSample: org.minSample,
      parts: [...settings.parts],
      day: localClock(day).date,
      at: new Date(now).toISOString(),
      today: today ? fig(today.get('')) : null,
      month: month ? fig(month.get('')) : null,
      counters,
    } satisfies PublicScreen);
  }

  async screen(code: string): Promise<PublicScreen> {
    return this.build(await this.resolve(code));
  }
}

/** Below the minimum sample no rate is given at all: the screen says "not enough ratings yet". */
export function figuresOf(c: ScoreCounts, target: number, minSample: number): ScreenFigures {
  const n = answered(c);
  const s = satisfiedOf(c);
  const enough = n > 0 && n >= minSample;
  return { n, satisfied: s, enough, rate: enough ? s / n : null, meetsTarget: enough ? s / n >= target : null };
}

const notFound = () => new DomainError('not-found', 'No waiting-room screen has this code');
