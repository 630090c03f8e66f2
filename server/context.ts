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
  return {
    config,
    log,
    store,
    entities,
    events,
    queue,
    surveys,
    ingest: new IngestService(entities, surveys, queue, events, ingestHooks),
    ingestHooks,
    stats: new StatsService(store),
    auth: new AuthService(entities, store, config.SESSION_TTL_HOURS * 3600_000),
    audit: new AuditService(entities),
    startedAt: Date.now(),
    version,
  };
}
