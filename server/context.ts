/**
 * Everything a request or socket handler may use, built once at start.
 * Tests build one around a temporary store and drive the app without listening.
 */
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Store } from './store/types';
import { Entities } from './domain/entities';
import { EventBus } from './domain/events';
import { CommitQueue } from './domain/commit-queue';
import { SurveysService } from './domain/surveys.service';
import { IngestService, type IngestHooks } from './domain/ingest.service';
import { StatsService } from './domain/stats.service';
import { AuthService } from './domain/auth.service';
import { AuditService } from './domain/audit.service';
import { TtlCache } from './domain/ttl-cache';
import type { Device, ServicePoint } from './domain/entities';

export interface AppContext {
  config: Config;
  log: Logger;
  store: Store;
  entities: Entities;
  events: EventBus;
  queue: CommitQueue;
  surveys: SurveysService;
  ingest: IngestService;
  ingestHooks: IngestHooks;
  stats: StatsService;
  auth: AuthService;
  audit: AuditService;
  /** Hot lookups of the ingest path, cached ~2 s and cleared on local changes. */
  lookups: { device: TtlCache<Device | null>; servicePoint: TtlCache<ServicePoint | null> };
  startedAt: number;
  version: string;
}

export function createContext(config: Config, store: Store, log: Logger, version: string): AppContext {
  const entities = new Entities(store);
  const events = new EventBus();
  const queue = new CommitQueue(store);
  const surveys = new SurveysService(entities);
  // Filled in by features that verify links or limit counter links; IngestService reads them per call.
  const ingestHooks: IngestHooks = {};
  const lookups = { device: new TtlCache<Device | null>(2000), servicePoint: new TtlCache<ServicePoint | null>(2000) };
  events.on('config:changed', () => lookups.servicePoint.clear());
  events.on('device:changed', () => lookups.device.clear());
  return {
    config,
    log,
    store,
    entities,
    events,
    queue,
    surveys,
    ingest: new IngestService(
      entities,
      surveys,
      queue,
      events,
      ingestHooks,
      (id) => lookups.servicePoint.get(id, () => entities.get('servicePoint', id)),
      async (id) => (await store.getResponse(id)) !== null,
    ),
    lookups,
    ingestHooks,
    stats: new StatsService(store),
    auth: new AuthService(entities, store, config.SESSION_TTL_HOURS * 3600_000),
    audit: new AuditService(entities),
    startedAt: Date.now(),
    version,
  };
}
