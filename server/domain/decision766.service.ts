/**
 * Decision 766 indicator 5.4 for a period and scope, with the dossier counts
 * behind it and dossier-link coverage beside it (shared/decision766.ts has
 * the formula). Over the dossiers *settled* in the period; a complaint or a
 * low rating counts whenever it arrived (a complaint about a dossier settled
 * in March may come in April). Never part of the headline rate.
 */
import type { Indicator766 } from '../../shared/api/dossier-outcomes';
import { DECISION_766_DEFAULT_MAX_POINTS, decision766Points, decision766Value } from '../../shared/decision766';
import { DAY_MS, startOfLocalDay } from '../../shared/periods';
import { coverage } from '../../shared/satisfaction';
import type { Store } from '../store/types';
import { LOW_RATING_CLAIM_PREFIX } from './dossier-outcomes.service';
import type { Entities } from './entities';
import { DomainError } from './errors';

export interface Decision766Deps {
  store: Store;
  entities: Entities;
  /** Links issued and answered in local-day-aligned [from, to) (SurveyLinksService.stats). */
  linkStats: (orgId: string, from: number, to: number) => Promise<{ issued: number; answered: number }>;
}

export interface Indicator766Scope {
  orgId: string;
  from: number;
  to: number;
  /** A unit filter or a unit head's unit; coverage is then not given (links are tallied per organisation). */
  unitIds?: string[];
}

export class Decision766Service {
  constructor(private readonly deps: Decision766Deps) {}

  async indicator(scope: Indicator766Scope): Promise<Indicator766> {
    const org = await this.deps.entities.get('organisation', scope.orgId);
    if (!org) throw new DomainError('not-found', 'Organisation missing');
    const maxPoints = org.decision766MaxPoints ?? DECISION_766_DEFAULT_MAX_POINTS;
    const d = await this.deps.store.summariseDossiers({
      orgId: scope.orgId,
      from: scope.from,
      to: scope.to,
      unitIds: scope.unitIds,
      lowRatingClaimPrefix: LOW_RATING_CLAIM_PREFIX,
    });
    const value = decision766Value(d);
    let cov: Indicator766['coverage'] = null;
    if (!scope.unitIds) {
      // Link tallies are per local day: widen the period to whole days.
      const from = startOfLocalDay(scope.from);
      const to = startOfLocalDay(scope.to - 1) + DAY_MS;
      const { issued, answered } = await this.deps.linkStats(scope.orgId, from, to);
      cov = { issued, answered, value: coverage(answered, issued) };
    }
    return {
      from: new Date(scope.from).toISOString(),
      to: new Date(scope.to).toISOString(),
      unitId: scope.unitIds?.length === 1 ? scope.unitIds[0] : null,
      value,
      unavailable: value !== null ? null : d.anyRecorded ? 'none-settled' : 'no-outcomes',
      points: decision766Points(value, maxPoints),
      maxPoints,
      dossiers: { settled: d.settled, late: d.late, complained: d.complained, lowRated: d.lowRated, complainedOrLowRated: d.complainedOrLowRated },
      coverage: cov,
    };
  }
}
