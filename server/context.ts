/**
 * The service registry: every service of the process, built once here from
 * config, store and logger, each handed only the services it uses. Routes
 * and socket handlers reach them through AppContext; nothing else builds a
 * service or keeps one aside.
 *
 * Building starts no background work: index.ts starts it after bootstrap
 * and stops it in shutdown order.
 */
import type { Logger } from 'pino';
import type { Config } from './config';
import type { DutyPeriod, Store } from './store/types';
import { Entities, type Device, type Organisation, type ServicePoint } from './domain/entities';
import { EventBus } from './domain/events';
import { CommitQueue } from './domain/commit-queue';
import { SurveysService } from './domain/surveys.service';
import { HourRetention } from './domain/hour-retention';
import { SurveyVersionsService } from './domain/surveys-admin.service';
import { IngestService } from './domain/ingest.service';
import { StatsService } from './domain/stats.service';
import { AuthService } from './domain/auth.service';
import { AuditService } from './domain/audit.service';
import { DevicesService } from './domain/devices.service';
import { SurveyLinksService } from './domain/survey-links.service';
import { IntegrationKeysService } from './domain/integration-keys.service';
import { ResponsesService } from './domain/responses.service';
import { OrganisationService } from './domain/organisation.service';
import { AlertsService } from './domain/alerts.service';
import { KioskPresence } from './domain/kiosk-presence';
import { MonthlyDrafts } from './domain/reports/monthly-drafts';
import { PostersService } from './domain/posters.service';
import { DashboardService } from './domain/dashboard.service';
import { LiveStats } from './domain/live-stats';
import { AlertEngine, alertEngineOptions } from './domain/alerts/alert-engine';
import { TtlCache } from './domain/ttl-cache';
import { DossierOutcomesService } from './domain/dossier-outcomes.service';
import { Decision766Service } from './domain/decision766.service';
import { IssuedReportsService } from './domain/reports/issued-reports.service';
import { KioskStaffService } from './domain/kiosk-staff.service';
import { RatingSessionsService } from './domain/rating-sessions.service';
import { UsersService } from './domain/users.service';
import { StructureService } from './domain/structure.service';
import { PublicScreenService } from './domain/public-screen.service';

export interface AppContext {
  config: Config;
  log: Logger;
  store: Store;
  entities: Entities;
  events: EventBus;
  queue: CommitQueue;

  surveys: SurveysService;
  /** Survey versions as the console runs them: copies with edits, drafts, activation per office or counter. */
  surveyVersions: SurveyVersionsService;
  ingest: IngestService;
  stats: StatsService;
  auth: AuthService;
  audit: AuditService;
  devices: DevicesService;
  surveyLinks: SurveyLinksService;
  integrationKeys: IntegrationKeysService;
  responses: ResponsesService;
  posters: PostersService;
  organisation: OrganisationService;
  /** Today's figures per scope, re-read after every commit; the realtime layer delivers them. */
  liveStats: LiveStats;
  /** Raises and resolves alerts; started and stopped by index.ts. */
  alertEngine: AlertEngine;
  /** What people do with alerts and their rules (audited). */
  alerts: AlertsService;
  /** What a live dashboard may follow and loads first. */
  dashboard: DashboardService;
  /** Dossier outcomes from the one-stop software (API and CSV import). */
  dossierOutcomes: DossierOutcomesService;
  /** Decision 766 indicator 5.4 with coverage beside it. */
  decision766: Decision766Service;
  issuedReports: IssuedReportsService;
  /** The monthly draft reports and their schedule; started and stopped by index.ts. */
  reportDrafts: MonthlyDrafts;
  /** The kiosk staff corner's PIN check (issue 15). */
  kioskStaff: KioskStaffService;
  /** Rating sessions opened by the service for after-service counters; officer PINs (issue 15). */
  ratingSessions: RatingSessionsService;
  /** User accounts (admins) and each user's own sessions. */
  users: UsersService;
  /** Units, counters, officers and procedures: created, changed, deactivated (audited). */
  structure: StructureService;
  /** The public waiting-room screen: which code is which screen, and its whitelisted figures (issue 12 item 8). */
  publicScreen: PublicScreenService;

  /** Drops hour figures past HOUR_FIGURES_RETENTION_DAYS; started and stopped by index.ts. */
  hourRetention: HourRetention;

  startedAt: number;
  version: string;
}

export function createContext(config: Config, store: Store, log: Logger, version: string): AppContext {
  const entities = new Entities(store);
  const events = new EventBus();
  const queue = new CommitQueue(store);
  // Hot lookups of the ingest path, cached ~2 s and cleared on local changes.
  const lookups = {
    device: new TtlCache<Device | null>(2000),
    servicePoint: new TtlCache<ServicePoint | null>(2000),
    organisation: new TtlCache<Organisation | null>(2000),
    latestDuty: new TtlCache<DutyPeriod | null>(2000),
  };
  // A roster change (organisation.setDuty, an officer's deactivation) announces itself as a config change.
  events.on('config:changed', () => {
    lookups.servicePoint.clear();
    lookups.organisation.clear();
    lookups.latestDuty.clear();
  });
  events.on('device:changed', () => lookups.device.clear());

  const surveys = new SurveysService(entities);
  const audit = new AuditService(entities, store);
  const surveyLinks = new SurveyLinksService({ store, entities, surveys, config });
  const ratingSessions = new RatingSessionsService({ store, entities, events, audit, refHash: (orgId, ref) => surveyLinks.dossierRefHash(orgId, ref) });
  const ingest = new IngestService({
    entities,
    surveys,
    queue,
    events,
    links: surveyLinks,
    servicePoint: (id) => lookups.servicePoint.get(id, () => entities.get('servicePoint', id)),
    isStored: async (id) => (await store.getResponse(id)) !== null,
    store,
    latestDuty: (id) => lookups.latestDuty.get(id, () => store.dutyAt(id, Number.MAX_SAFE_INTEGER)),
    organisation: (id) => lookups.organisation.get(id, () => entities.get('organisation', id)),
    sessions: ratingSessions,
  });

  const liveStats = new LiveStats(store, entities, events, log);
  const alertEngine = new AlertEngine({ store, entities, events, log, version }, alertEngineOptions());
  const alerts = new AlertsService({ engine: alertEngine, audit, events });

  const hourRetention = new HourRetention({
    store,
    retentionDays: config.HOUR_FIGURES_RETENTION_DAYS,
    onPurged: (rows) => log.info({ rows, retentionDays: config.HOUR_FIGURES_RETENTION_DAYS }, 'hour figures past their retention dropped'),
  });
  const stats = new StatsService(store, { hourHorizon: () => hourRetention.horizon() });
  const decision766 = new Decision766Service({ store, entities, linkStats: (orgId, from, to) => surveyLinks.stats(orgId, from, to) });
  const reportDrafts = new MonthlyDrafts({ stats, decision766, entities, store, log, webhooks: alertEngine.webhooks, publicUrl: () => config.publicUrl });

  const auth = new AuthService(entities, store, config.SESSION_TTL_HOURS * 3600_000, { audit, events });

  return {
    config,
    log,
    store,
    entities,
    events,
    queue,
    surveys,
    ingest,
    stats,
    auth,
    audit,
    devices: new DevicesService({ entities, store, audit, events, surveys, byTokenHash: lookups.device, presence: new KioskPresence(store) }),
    surveyLinks,
    integrationKeys: new IntegrationKeysService({ store, audit }),
    responses: new ResponsesService({ store, surveys, audit, events }),
    posters: new PostersService({ entities, counterUrl: (code) => surveyLinks.counterUrl(code) }),
    organisation: new OrganisationService({ entities, audit, events, store }),
    liveStats,
    alertEngine,
    alerts,
    dashboard: new DashboardService({ entities, liveStats, alerts }),
    dossierOutcomes: new DossierOutcomesService({ store, entities, dossierRefHash: (orgId, ref) => surveyLinks.dossierRefHash(orgId, ref) }),
    decision766,
    kioskStaff: new KioskStaffService({ store, entities }),
    issuedReports: new IssuedReportsService({ entities, audit }),
    reportDrafts,
    hourRetention,
    ratingSessions,
    users: new UsersService({ entities, auth, audit, events }),
    structure: new StructureService({ entities, audit, events, store }),
    surveyVersions: new SurveyVersionsService({ entities, surveys, audit, events }),
    publicScreen: new PublicScreenService({ entities, store }),
    startedAt: Date.now(),
    version,
  };
}
