/**
 * The HTTP contract of /api/v1: every request body, query and response a
 * client uses, as zod schemas (`XxxSchema`) with inferred types (`Xxx`). The
 * server validates with them, builds its replies through the presenters of
 * server/http/dto.ts, and generates the OpenAPI document from them
 * (server/http/openapi/). Clients import types from here, never from server/.
 *
 * Bundles: the kiosk and the admin import *types* from here (`import type`),
 * which pulls no zod into them; importing a schema value pulls in zod.
 *
 * For the route author — route → query/body schema → response schema → presenter
 * (the same table drives the OpenAPI document: server/http/openapi/routes-table.ts):
 *
 *   auth.routes
 *     POST   /auth/login                 LoginBodySchema            → LoginResultSchema        toLoginResultDto
 *     POST   /auth/logout                —                          → 204
 *     GET    /me                         —                          → MeSchema                 toMeDto
 *     POST   /me/password                PasswordChangeBodySchema   → 204
 *   responses.routes (mounted at /responses)
 *     POST   /responses                  ResponseInputSchema        → IngestResultSchema       toIngestResultDto
 *     POST   /responses/batch            ResponseBatchSchema        → BatchResultSchema        toBatchResult
 *     GET    /responses                  ResponsesQuerySchema       → ResponseListSchema       toResponseList (drops bodyHash)
 *     POST   /responses/:id/handled      HandledBodySchema          → HandledResultSchema      toHandledResult
 *     POST   /responses/:id/exclusion    ExclusionBodySchema        → ExclusionResultSchema    toExclusionResult
 *     DELETE /responses/:id/exclusion    —                          → ExclusionResultSchema    toExclusionResult(id, null)
 *     GET    /responses/suspect          SuspectQuerySchema         → ResponseListSchema       toResponseList
 *     POST   /responses/:id/accept       —                          → AcceptResultSchema       toAcceptResult
 *   stats.routes (mounted at /stats; one query for the three)
 *     GET    /stats/summary              StatsQuerySchema           → StatsSummarySchema       toStatsSummaryDto
 *     GET    /stats/timeseries           StatsQuerySchema           → StatsTimeseriesSchema    toStatsTimeseriesDto
 *     GET    /stats/breakdown            StatsQuerySchema           → StatsBreakdownSchema     toStatsBreakdownDto
 *   config.routes
 *     GET    /organisation               —                          → OrganisationSchema       toOrganisationDto
 *     PATCH  /organisation               OrganisationPatchSchema    → OrganisationSchema       toOrganisationDto
 *     GET    /units                      —                          → UnitListSchema           toUnitList         ┐ or
 *     GET    /service-points             —                          → ServicePointListSchema   toServicePointList │ structureListPresenters
 *     GET    /officers                   —                          → OfficerListSchema        toOfficerList      │ [kind]
 *     GET    /procedures                 —                          → ProcedureListSchema      toProcedureList    ┘
 *     GET    /surveys                    —                          → SurveyVersionListSchema  toSurveyVersionList
 *     PUT    /service-points/:id/duty    DutyBodySchema             → ServicePointSchema       toServicePointDto
 *     GET    /audit                      AuditQuerySchema           → AuditListSchema          toAuditList
 *   devices.routes
 *     POST   /devices/enrol              EnrolBodySchema            → EnrolResultSchema        toEnrolResultDto
 *     GET    /devices                    —                          → DeviceListSchema         toDeviceList
 *     POST   /devices                    DeviceCreateBodySchema     → DeviceCreatedSchema      toDeviceCreatedDto (201)
 *     GET    /devices/:id                —                          → DeviceSchema             toDeviceDto
 *     PATCH  /devices/:id                DeviceRenameBodySchema     → DeviceSchema             toDeviceDto (rename / move)
 *     POST   /devices/:id/enrolment-code —                          → IssuedCodeSchema         toIssuedCodeDto (201)
 *     POST   /devices/:id/revoke         —                          → DeviceSchema             toDeviceDto
 *   kiosk.routes
 *     GET    /kiosk/config               —                          → KioskConfigSchema        toKioskConfigDto
 *   survey-links.routes
 *     GET    /public/survey-context      SurveyContextQuerySchema   → SurveyContextSchema      toSurveyContextDto
 *     POST   /survey-links               IssueLinkBodySchema        → IssuedLinkSchema         toIssuedLinkDto (201)
 *     GET    /survey-links/stats         LinkStatsQuerySchema       → LinkStatsSchema          toLinkStatsDto
 *     GET    /service-points/:id/poster  —                          → text/html
 *     GET    /service-points/posters     PostersQuerySchema         → text/html (one A4 per counter)
 *     GET    /service-points/:id/qr.svg  QrSvgQuerySchema           → image/svg+xml
 *     GET    /service-points/:id/qr.png  QrPngQuerySchema           → image/png
 *   alerts.routes
 *     GET    /alert-rules                —                          → PublicAlertRulesSchema   toPublicAlertRules
 *     PUT    /alert-rules                AlertRulesInputSchema      → PublicAlertRulesSchema   toPublicAlertRules
 *                                         (merge with the stored secret, then the engine's AlertRulesSchema;
 *                                         the engine builds its schemas from the rule files, these mirror
 *                                         them for clients and the document: dto.ts checks both are equal)
 *     POST   /alert-rules/preview        AlertRulePreviewBodySchema → AlertRulePreviewSchema   toAlertRulePreview
 *     POST   /alert-rules/webhook-test   —                          → WebhookTestResultSchema  toWebhookDeliveryDto
 *     GET    /alerts                     AlertListQuerySchema       → AlertListSchema          toAlertList
 *     GET    /alerts/:id                 —                          → AlertDetailSchema        toAlertDetail
 *     POST   /alerts/:id/ack             AlertActionBodySchema      → AlertViewSchema          toAlertDto
 *     POST   /alerts/:id/resolve         AlertActionBodySchema      → AlertViewSchema          toAlertDto
 *     GET    /alerts/:id/deliveries      —                          → WebhookDeliveryListSchema toWebhookDeliveryList
 *     GET    /webhook-deliveries         WebhookDeliveriesQuerySchema → WebhookDeliveryListSchema toWebhookDeliveryList
 *   integration-keys.routes
 *     GET    /integration-keys           —                          → IntegrationKeyListSchema toIntegrationKeyList
 *     POST   /integration-keys           IntegrationKeyCreateBodySchema → CreatedIntegrationKeySchema toCreatedIntegrationKeyDto (201)
 *     DELETE /integration-keys/:id       —                          → IntegrationKeySchema     toIntegrationKeyDto
 *   dossier-outcomes.routes
 *     POST   /dossier-outcomes           DossierOutcomeSchema       → OutcomeResultSchema      toOutcomeResultDto (201 / 200 duplicate)
 *     POST   /dossier-outcomes/batch     DossierOutcomeBatchSchema  → OutcomeBatchResultSchema toOutcomeBatchResultDto
 *     POST   /dossier-outcomes/import    CsvImportQuerySchema + text/csv → CsvImportResultSchema toCsvImportResultDto
 *     GET    /stats/indicator-766        Indicator766QuerySchema    → Indicator766Schema       toIndicator766Dto
 *   users.routes
 *     GET    /users                      —                          → UserListSchema           toUserList
 *     POST   /users                      UserCreateBodySchema       → UserCreatedSchema        toUserCreatedDto (201)
 *     PATCH  /users/:id                  UserPatchBodySchema        → UserSchema               toUserDto
 *     POST   /users/:id/password-reset   —                          → PasswordResetResultSchema toUserCreatedDto
 *     GET    /me/sessions                —                          → OwnSessionListSchema     toOwnSessionList
 *     DELETE /me/sessions/:id            —                          → 204
 *   structure.routes (writes; nothing is deleted, `active: false` deactivates)
 *     POST   /units · PATCH /units/:id  UnitCreateBodySchema / UnitPatchBodySchema → UnitSchema  toUnitDto
 *     POST   /service-points · PATCH /service-points/:id  ServicePoint{Create,Patch}BodySchema → ServicePointSchema
 *     POST   /officers · PATCH /officers/:id  Officer{Create,Patch}BodySchema → OfficerSchema
 *     POST   /procedures · PATCH /procedures/:id  Procedure{Create,Patch}BodySchema → ProcedureSchema
 *     POST   /procedures/import          ProcedureImportBodySchema  → ProcedureImportResultSchema toProcedureImportResult
 *   surveys.routes (issue 11: survey versions; the list stays in config.routes)
 *     GET    /surveys/active · /surveys/:id  —                  → SurveyAssignmentsSchema / SurveyVersionDetailSchema
 *     POST   /surveys · PUT /surveys/:id  SurveyCreateBodySchema / SurveyUpdateBodySchema → SurveyVersionSchema
 *     POST   /surveys/:id/activate       SurveyActivateBodySchema   → SurveyAssignmentsSchema
 *     DELETE /service-points/:id/survey  —                          → SurveyAssignmentsSchema
 *   public-screen.routes (no login; the waiting-room TV, also live on the socket namespace /screen)
 *     GET    /public/screens/:code       ScreenCodeParamsSchema     → PublicScreenSchema       (strict whitelist, parsed in the service)
 *   every error                          ErrorEnvelopeSchema `{ error: { code, message, details? } }`  errorEnvelope()
 *
 * Path parameters `:id` are IdParamsSchema. A new route is one row in the
 * OpenAPI route table too; test/integration/openapi.test.ts fails until it is.
 */
export * from './common';
export * from './dimensions';
export * from './errors';
export * from './users';
export * from './organisation';
export * from './stats';
export * from './responses';
export * from './devices';
export * from './survey-links';
export * from './integration-keys';
export * from './alerts';
export * from './audit';
export * from './dossier-outcomes';
export * from './kiosk-mode';
export * from './rating-sessions';
export * from './reports';
export * from './surveys';
export * from './public-screen';
