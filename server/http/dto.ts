/**
 * Presenters: the one place a server or store type becomes what a client
 * receives (the DTOs of shared/api). Pure functions, no I/O.
 *
 * Config records are cut down to the fields their schema names, in the
 * record's own key order, so the JSON on the wire is what the routes sent
 * before (`res.json(record)`) minus anything the contract does not list: a
 * field added to a store record reaches no client until its schema says so.
 * The parameter types check at compile time that each server type still
 * carries everything its DTO promises.
 */
import type { FiguresPath } from '../domain/figures';
import type { z } from 'zod';
import type { Device as DeviceRecord, Officer as OfficerRecord, Organisation as OrganisationRecord, Procedure as ProcedureRecord, ServicePoint as ServicePointRecord, Unit as UnitRecord, User as UserRecord, AuditEntry as AuditRecord } from '../domain/entities';
import type { PublicUser } from '../domain/auth.service';
import type { PublicDevice, IssuedCode as DomainIssuedCode } from '../domain/devices.service';
import type { IntegrationKey as IntegrationKeyRecord, PublicIntegrationKey } from '../domain/integration-keys.service';
import type { BatchItemResult as DomainBatchItemResult, IngestResult as DomainIngestResult } from '../domain/ingest.service';
import type { Summary, SeriesPoint as DomainSeriesPoint, BreakdownRow as DomainBreakdownRow } from '../domain/stats.service';
import type { SurveyContext as DomainSurveyContext } from '../domain/survey-link.types';
import type { WebhookDelivery as WebhookDeliveryRecord } from '../domain/alerts/alert.repo';
import type { AlertRules as DomainAlertRules, AlertRulesInput as DomainAlertRulesInput } from '../domain/alerts/alert-rules';
import type { ErrorCode } from '../domain/errors';
import type { DutyPeriod as StoreDutyPeriod, StoredResponse, Suspect as StoreSuspect } from '../store/types';
import type { GroupDimension as StoreGroupDimension } from '../store/types';
import type { BucketSize } from '../../shared/periods';
import type { SurveyVersion as SurveyVersionRecord } from '../../shared/survey';
import type { SurveyVersionDetail as SurveyVersionDetailRecord } from '../domain/surveys-admin.service';
import type { SurveyAssignments, SurveyVersionDetail } from '../../shared/api/surveys';
import type { KioskConfig as KioskConfigType } from '../../shared/kiosk-protocol';
import type { AlertView as AlertViewType } from '../../shared/realtime-events';
import type { Assert, Same } from '../../shared/api/common';
import { coverage } from '../../shared/satisfaction';
import type { OutcomeItemResult as DomainOutcomeItemResult } from '../domain/dossier-outcomes.service';
import type { CsvImportResult, Indicator766, OutcomeBatchResult, OutcomeResult } from '../../shared/api/dossier-outcomes';
import type { ImportOutcome } from '../domain/structure.service';
import type { ProcedureImportResult as ProcedureImportResultDto } from '../../shared/api';
import type { OwnSession as OwnSessionDto, OwnSessionList as OwnSessionListDto, UserCreated as UserCreatedDto, UserList as UserListDto } from '../../shared/api';
import {
  AuditEntrySchema,
  DeviceSchema,
  IntegrationKeySchema,
  OfficerSchema,
  OrganisationSchema,
  ProcedureSchema,
  ServicePointSchema,
  SurveyVersionSchema,
  UnitSchema,
  UserSchema,
  type AcceptResult,
  type AlertDetail,
  type AlertList,
  type AlertRulePreview,
  type AlertRules,
  type AlertRulesInput,
  type AlertView,
  type ApiErrorCode,
  type AuditEntry,
  type AuditList,
  type BatchItemResult,
  type BatchResult,
  type BreakdownRow,
  type CreatedIntegrationKey,
  type Device,
  type DeviceCreated,
  type DeviceList,
  type DutyHistory,
  type EnrolResult,
  type ExclusionResult,
  type Handled,
  type HandledResult,
  type GroupDimension,
  type IngestResult,
  type IntegrationKey,
  type IntegrationKeyList,
  type IssuedCode,
  type IssuedLink,
  type KioskConfig,
  type LinkStats,
  type LoginResult,
  type Me,
  type Officer,
  type Organisation,
  type Procedure,
  type PublicAlertRules,
  type ResponseList,
  type ResponseListItem,
  type SeriesPoint,
  type ServicePoint,
  type StatsBreakdown,
  type StatsSummary,
  type StatsTimeseries,
  type Suspect,
  type SurveyContext,
  type SurveyVersion,
  type Unit,
  type User,
  type WebhookDelivery,
} from '../../shared/api';

/** The fields the schema names, in the source object's key order (so existing JSON keeps its bytes). */
function present<S extends z.ZodObject>(schema: S, source: z.infer<S>): z.infer<S> {
  const keys = new Set(Object.keys(schema.shape));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source as Record<string, unknown>)) if (keys.has(k)) out[k] = v;
  return out as z.infer<S>;
}

const items = <T, D>(list: readonly T[], fn: (x: T) => D): { items: D[] } => ({ items: list.map((x) => fn(x)) });

// ---- users and the session ------------------------------------------------------

/** Never the password hash (a full User record is accepted and cut down). */
export const toUserDto = (u: PublicUser | UserRecord): User => present(UserSchema, u);
export const toMeDto = (u: PublicUser): Me => ({ user: toUserDto(u) });
export const toLoginResultDto = (r: { user: PublicUser; expiresAt: string }): LoginResult => ({ user: toUserDto(r.user), expiresAt: r.expiresAt });

// ---- organisation and its structure ---------------------------------------------

/** `publicUrl` comes from the server's configuration, not the record: the settings screen shows it for checking. The kiosk PIN only as set or not. */
export const toOrganisationDto = (o: OrganisationRecord & { publicUrl?: string }): Organisation =>
  present(OrganisationSchema, { ...o, ...(o.kioskPinHash !== undefined ? { kioskPinSet: !!o.kioskPinHash } : {}) });
export const toUnitDto = (u: UnitRecord): Unit => present(UnitSchema, u);
export const toServicePointDto = (sp: ServicePointRecord): ServicePoint => present(ServicePointSchema, sp);
export const toOfficerDto = (o: OfficerRecord): Officer => present(OfficerSchema, { ...o, ...(o.pinHash !== undefined ? { pinSet: !!o.pinHash } : {}) });
export const toProcedureDto = (p: ProcedureRecord): Procedure => present(ProcedureSchema, p);
export const toSurveyVersionDto = (v: SurveyVersionRecord): SurveyVersion => present(SurveyVersionSchema, v);

export const toUnitList = (list: readonly UnitRecord[]) => items(list, toUnitDto);
export const toServicePointList = (list: readonly ServicePointRecord[]) => items(list, toServicePointDto);
export const toOfficerList = (list: readonly OfficerRecord[]) => items(list, toOfficerDto);
export const toProcedureList = (list: readonly ProcedureRecord[]) => items(list, toProcedureDto);
/** GET /surveys/:id: the version as stored, its kiosk form, why it is locked and who asks it. */
export const toSurveyVersionDetailDto = (d: SurveyVersionDetailRecord): SurveyVersionDetail => ({ ...d, version: toSurveyVersionDto(d.version) });
export const toSurveyAssignmentsDto = (a: SurveyAssignments): SurveyAssignments => ({ organisation: a.organisation, counters: a.counters.map((c) => ({ servicePointId: c.servicePointId, surveyVersionId: c.surveyVersionId })) });
export const toSurveyVersionList = (list: readonly SurveyVersionRecord[]) => items(list, toSurveyVersionDto);

/** The four structure lists of GET /units | /service-points | /officers | /procedures, by entity kind. */
export const structureListPresenters = {
  unit: toUnitList,
  servicePoint: toServicePointList,
  officer: toOfficerList,
  procedure: toProcedureList,
} as const;

/** Duty periods with their times as ISO strings (the store keeps epoch ms; 0 = "since before the history"). */
export const toDutyHistory = (list: readonly StoreDutyPeriod[]): DutyHistory =>
  items(list, (p) => ({
    servicePointId: p.servicePointId,
    unitId: p.unitId,
    officerId: p.officerId,
    from: new Date(p.from).toISOString(),
    to: p.to === null ? null : new Date(p.to).toISOString(),
    setBy: p.setBy,
  }));

export const toAuditEntryDto = (e: AuditRecord): AuditEntry => present(AuditEntrySchema, e);
export const toAuditList = (list: readonly AuditRecord[]): AuditList => items(list, toAuditEntryDto);

// ---- devices and kiosks ------------------------------------------------------------

/** From the service's public view (already without hashes); never from a raw Device record. */
export const toDeviceDto = (d: PublicDevice): Device => present(DeviceSchema, { ...d, status: d.status ?? null });
export const toDeviceList = (list: readonly PublicDevice[]): DeviceList => items(list, toDeviceDto);
export const toIssuedCodeDto = (c: DomainIssuedCode): IssuedCode => ({ code: c.code, expiresAt: c.expiresAt, url: c.url });
export const toDeviceCreatedDto = (r: { device: PublicDevice; enrolment: DomainIssuedCode }): DeviceCreated => ({
  device: toDeviceDto(r.device),
  enrolment: toIssuedCodeDto(r.enrolment),
});
/** The kiosk's configuration is built for the wire by the devices service already. */
export const toKioskConfigDto = (c: KioskConfigType): KioskConfig => c;
export const toEnrolResultDto = (token: string, device: DeviceRecord, config: KioskConfigType): EnrolResult => ({
  token,
  device: { id: device.id, name: device.name, servicePointId: device.servicePointId },
  config: toKioskConfigDto(config),
});

// ---- integration keys ----------------------------------------------------------------

export const toIntegrationKeyDto = (k: IntegrationKeyRecord | PublicIntegrationKey): IntegrationKey => present(IntegrationKeySchema, k);
export const toIntegrationKeyList = (list: readonly (IntegrationKeyRecord | PublicIntegrationKey)[]): IntegrationKeyList => items(list, toIntegrationKeyDto);
/** The only answer that carries the key itself. */
export const toCreatedIntegrationKeyDto = (k: IntegrationKeyRecord, key: string): CreatedIntegrationKey => ({ ...toIntegrationKeyDto(k), key });

// ---- responses ---------------------------------------------------------------------------

/**
 * A stored response without its body hash. Answers are typed as the input
 * schema admitted them (the store keeps them as opaque JSON).
 */
export function toResponseListItem(row: StoredResponse & { handled?: Handled | null }): ResponseListItem {
  const { bodyHash: _hash, ...rest } = row;
  // Rows stored before suspects existed have no field: they are ordinary ratings.
  return { ...rest, suspect: row.suspect ?? null, handled: row.handled ?? null } as ResponseListItem;
}

export const toHandledResult = (id: string, handled: Handled): HandledResult => ({ id, handled: { note: handled.note, by: handled.by, at: handled.at } });

export const toAcceptResult = (id: string, suspect: Suspect): AcceptResult => ({ id, suspect });
export const toResponseList = (rows: readonly StoredResponse[]): ResponseList => items(rows, toResponseListItem);

export const toIngestResultDto = (r: DomainIngestResult): IngestResult => ({ id: r.id, status: r.status });

/** Batch item codes come from DomainError codes, all of which are API error codes (checked below). */
export function toBatchItemResult(r: DomainBatchItemResult): BatchItemResult {
  if (!r.error) return r as BatchItemResult;
  return { ...r, error: { ...r.error, code: r.error.code as ApiErrorCode } };
}
export const toBatchResult = (results: readonly DomainBatchItemResult[]): BatchResult => ({ results: results.map(toBatchItemResult) });

export const toExclusionResult = (id: string, excluded: StoredResponse['excluded']): ExclusionResult => ({ id, excluded });

// ---- stats ----------------------------------------------------------------------------------

export const toStatsSummaryDto = (s: Summary): StatsSummary => s;
export const toStatsTimeseriesDto = (bucket: BucketSize, target: number, source: FiguresPath, points: DomainSeriesPoint[]): StatsTimeseries => ({ bucket, target, source, points });
export const toStatsBreakdownDto = (groupBy: StoreGroupDimension, target: number, source: FiguresPath, rows: DomainBreakdownRow[]): StatsBreakdown => ({ groupBy, target, source, rows });

// ---- survey links --------------------------------------------------------------------------------

export const toSurveyContextDto = (c: DomainSurveyContext): SurveyContext => c;
export const toIssuedLinkDto = (issued: { url: string; token: string; expiresAt: string }, qrSvg: string, qrPng: string): IssuedLink => ({
  url: issued.url,
  token: issued.token,
  expiresAt: issued.expiresAt,
  qrSvg,
  qrPng,
});
/** Links issued vs answered over [from, to) (epoch ms, whole local days). */
export const toLinkStatsDto = (from: number, to: number, issued: number, answered: number): LinkStats => ({
  from: new Date(from).toISOString(),
  to: new Date(to).toISOString(),
  issued,
  answered,
  coverage: coverage(answered, issued),
});

// ---- dossier outcomes ----------------------------------------------------------------------------------

export const toOutcomeResultDto = (r: DomainOutcomeItemResult): OutcomeResult => ({ status: r.status, event: r.event, ...(r.error ? { error: r.error } : {}) });
export const toOutcomeBatchResultDto = (list: readonly DomainOutcomeItemResult[]): OutcomeBatchResult => ({ results: list.map((r, index) => ({ index, ...toOutcomeResultDto(r) })) });
export const toCsvImportResultDto = (r: CsvImportResult): CsvImportResult => r;
export const toIndicator766Dto = (r: Indicator766): Indicator766 => r;

// ---- alerts ----------------------------------------------------------------------------------------

export const toAlertDto = (a: AlertViewType): AlertView => a;
export const toAlertList = (r: { items: AlertViewType[]; next: number | null; figures?: AlertList['figures'] }): AlertList => ({
  items: r.items.map(toAlertDto),
  next: r.next,
  ...(r.figures ? { figures: r.figures } : {}),
});
export const toAlertRulePreview = (p: AlertRulePreview): AlertRulePreview => p;
/** An alert with its change history (the transition records, oldest first as the repo gives them). */
export const toAlertDetail = (a: AlertViewType, history: readonly AlertViewType[]): AlertDetail => ({
  ...toAlertDto(a),
  history: history.map((h) => ({ version: h.version, state: h.state, at: h.updatedAt, acknowledged: h.acknowledged, resolved: h.resolved })),
});
/** The delivery log without the signed body. */
export const toWebhookDeliveryDto = ({ body: _body, ...d }: WebhookDeliveryRecord): WebhookDelivery => d;
export const toWebhookDeliveryList = (list: readonly WebhookDeliveryRecord[]) => items(list, toWebhookDeliveryDto);
/** Rule settings as an API may show them: the webhook secret is replaced by `secretSet`. */
export function toPublicAlertRules(r: DomainAlertRules): PublicAlertRules {
  const { secret, ...webhook } = r.webhook;
  return { ...r, webhook: { ...webhook, secretSet: !!secret } };
}

// ---- compile-time links between the server's types and the contract ---------------------------------------

// Where the server still has its own declaration of a wire shape, both must stay equal.
export type _SummaryIsContract = Assert<Same<Summary, StatsSummary>>;
export type _SeriesPointIsContract = Assert<Same<DomainSeriesPoint, SeriesPoint>>;
export type _BreakdownRowIsContract = Assert<Same<DomainBreakdownRow, BreakdownRow>>;
export type _GroupDimensionIsContract = Assert<Same<StoreGroupDimension, GroupDimension>>;
export type _SurveyContextIsContract = Assert<Same<DomainSurveyContext, SurveyContext>>;
export type _AlertRulesIsContract = Assert<Same<DomainAlertRules, AlertRules>>;
export type _AlertRulesInputIsContract = Assert<Same<DomainAlertRulesInput, AlertRulesInput>>;
export type _IntegrationKeyIsContract = Assert<Same<PublicIntegrationKey, IntegrationKey>>;
export type _SuspectIsContract = Assert<Same<StoreSuspect, Suspect>>;
export type _DeviceStateIsContract = Assert<Same<PublicDevice['state'], Device['state']>>;
/** Every domain error code is a documented API error code. */
export type _ErrorCodesDocumented = Assert<ErrorCode extends ApiErrorCode ? true : false>;
/** Every status the batch can answer is in the shared union. */
export type _BatchStatusesDocumented = Assert<DomainBatchItemResult['status'] extends BatchItemResult['status'] ? true : false>;

// ---- users and own sessions (users.routes) ----------------------------------
export const toUserList = (list: readonly PublicUser[]): UserListDto => items(list, toUserDto);
export const toUserCreatedDto = (r: { user: PublicUser; temporaryPassword: string }): UserCreatedDto => ({ user: toUserDto(r.user), temporaryPassword: r.temporaryPassword });
export const toOwnSessionList = (list: readonly OwnSessionDto[]): OwnSessionListDto => ({ items: list.map((s) => ({ id: s.id, expiresAt: s.expiresAt, current: s.current })) });

// ---- structure writes (structure.routes) ------------------------------------
export const toProcedureImportResult = (r: ImportOutcome): ProcedureImportResultDto => ({ rows: r.rows.map((x) => ({ ...x })), counts: { ...r.counts }, written: r.written });
