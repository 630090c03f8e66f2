/**
 * What a live dashboard may watch and what it loads first: today's figures of
 * every scope the viewer sees with the active alerts, and whether a unit or
 * counter it asks to follow is one it may see. The realtime layer turns the
 * answers into rooms and socket events.
 */
import { DomainError } from './errors';
import type { Entities } from './entities';
import type { LiveStats } from './live-stats';
import type { AlertsService } from './alerts.service';
import { authorise, visibleUnitIds, type Viewer } from './permissions';
import type { DashboardSnapshot, SubscribeRequest } from '../../shared/realtime-events';

export interface DashboardDeps {
  entities: Entities;
  liveStats: Pick<LiveStats, 'snapshot'>;
  alerts: Pick<AlertsService, 'active'>;
}

export class DashboardService {
  constructor(private readonly deps: DashboardDeps) {}

  /** For a dashboard that (re)connects without recovery. */
  async snapshot(viewer: Viewer): Promise<DashboardSnapshot> {
    const org = await this.deps.entities.get('organisation', viewer.orgId);
    if (!org) throw new DomainError('not-found', 'Organisation missing');
    const [figures, alerts] = await Promise.all([this.deps.liveStats.snapshot(org, visibleUnitIds(viewer)), this.deps.alerts.active(viewer)]);
    return { ...figures, alerts };
  }

  /** The unit or counter a subscription names, if the viewer may follow it. */
  async watchable(viewer: Viewer, req: SubscribeRequest): Promise<{ kind: 'unit' | 'sp'; id: string }> {
    if (req.unitId) {
      const unit = await this.deps.entities.get('unit', req.unitId);
      // A unit is its own unit, for the check.
      const seen = authorise(viewer, 'unit', unit && { ...unit, unitId: unit.id });
      return { kind: 'unit', id: seen.id };
    }
    const sp = authorise(viewer, 'counter', await this.deps.entities.get('servicePoint', req.servicePointId!), 'No such counter');
    return { kind: 'sp', id: sp.id };
  }
}
