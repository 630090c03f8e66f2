/**
 * The wire shapes the dashboard reads and sends, from the HTTP contract in
 * shared/api (zod-inferred types; `import type` only, so no zod ships) and
 * the live events in shared/realtime-events. Nothing here names server/.
 * Queries are the schemas' *input* types: what a client may send, before the
 * server fills in its defaults.
 */
import type { z } from 'zod';
import type { AlertListQuerySchema, AuditQuerySchema, LinkStatsQuerySchema, ResponsesQuerySchema, StatsQuerySchema, SuspectQuerySchema } from '../../shared/api';

export type {
  AlertDetail,
  AlertFigures,
  AlertList,
  AlertRulePreview,
  AlertRulePreviewBody,
  AlertRulesInput,
  WouldBeAlert,
  WebhookTestResult,
  AuditEntry,
  AuditList,
  BreakdownRow,
  Channel,
  CreatedIntegrationKey,
  Device,
  DeviceCreateBody,
  DeviceCreated,
  DeviceList,
  ExclusionResult,
  AcceptResult,
  HandledResult,
  FieldIssue,
  GroupDimension,
  IntegrationKey,
  IntegrationKeyList,
  IssuedCode,
  LinkStats,
  LoginResult,
  Me,
  Officer,
  OfficerCreateBody,
  OfficerList,
  OfficerPatchBody,
  OpeningHoursInput,
  Organisation,
  OrganisationPatch,
  OwnSession,
  OwnSessionList,
  PasswordResetResult,
  Procedure,
  ProcedureCreateBody,
  ProcedureImportResult,
  ProcedureList,
  ProcedurePatchBody,
  ImportRow,
  PublicAlertRules,
  ResponseList,
  ResponseListItem,
  Role,
  SeriesPoint,
  ServicePoint,
  DutyHistory,
  DutyPeriod,
  ServicePointCreateBody,
  ServicePointList,
  ServicePointPatchBody,
  StatsBreakdown,
  KioskHealth,
  StatsSummary as Summary,
  StatsTimeseries,
  SurveyVersionList,
  Unit,
  UnitCreateBody,
  UnitList,
  UnitPatchBody,
  User,
  UserCreateBody,
  UserCreated,
  UserList,
  UserPatchBody,
  VerifiedMode,
  WebhookDeliveryList,
  WebhookDelivery,
} from '../../shared/api';
export type {
  AlertChange,
  AlertView,
  DashboardSnapshot,
  FeedItem,
  ScopeFigures,
  StatsDelta,
} from '../../shared/realtime-events';

/** A query as sent: every field optional; coerced fields (`z.coerce.number()`, input `unknown`) are sent as numbers. */
type ClientQuery<T> = { [K in keyof T]?: unknown extends T[K] ? number : Exclude<T[K], undefined> };

export type StatsQuery = ClientQuery<z.input<typeof StatsQuerySchema>>;
export type ResponsesQuery = ClientQuery<z.input<typeof ResponsesQuerySchema>>;
export type SuspectQuery = ClientQuery<z.input<typeof SuspectQuerySchema>>;
export type AlertsQuery = ClientQuery<z.input<typeof AlertListQuerySchema>>;
export type AuditQuery = ClientQuery<z.input<typeof AuditQuerySchema>>;
export type LinkStatsQuery = ClientQuery<z.input<typeof LinkStatsQuerySchema>>;
