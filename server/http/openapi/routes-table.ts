/**
 * Every /api/v1 route, described once from the shared/api schemas: the
 * OpenAPI document and the docs page are generated from this table, and
 * test/integration/openapi.test.ts fails when the express app and this table
 * disagree. Adding a route means adding its row here.
 *
 * Paths are written the express way (`/devices/:id`), relative to /api/v1.
 */
import { z } from 'zod';
import type { Role } from '../../domain/entities';
import * as api from '../../../shared/api';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call: nobody in particular, a signed-in admin user (cookie
 * `hl_session`, with one of `roles`), an enrolled kiosk (device token), or
 * the one-stop software (integration key). `device-optional`: public, but a
 * kiosk sends its token (kiosk ratings need it).
 */
export type Auth = 'public' | 'session' | 'device' | 'device-optional' | 'integration-key' | 'officer';
// `officer`: the officer page's bearer token (counter code + officer PIN, POST /officer/sign-in) or a session with one of `roles`.

export const TAGS = {
  auth: { vi: 'Đăng nhập', en: 'Sign-in' },
  responses: { vi: 'Phiếu đánh giá', en: 'Responses' },
  stats: { vi: 'Số liệu', en: 'Figures' },
  reports: { vi: 'Báo cáo định kỳ', en: 'Periodic reports' },
  organisation: { vi: 'Cơ quan, đơn vị, quầy', en: 'Office, units, counters' },
  devices: { vi: 'Máy đánh giá tại quầy', en: 'Counter kiosks' },
  kiosk: { vi: 'Dành cho máy tại quầy', en: 'For the kiosk' },
  'survey-links': { vi: 'Đường dẫn khảo sát, mã QR', en: 'Survey links, QR codes' },
  alerts: { vi: 'Cảnh báo', en: 'Alerts' },
  'integration-keys': { vi: 'Khóa tích hợp', en: 'Integration keys' },
  'dossier-outcomes': { vi: 'Kết quả giải quyết hồ sơ (QĐ 766)', en: 'Dossier outcomes (Decision 766)' },
  'rating-sessions': { vi: 'Mời đánh giá sau khi phục vụ', en: 'Rating after service' },
  audit: { vi: 'Nhật ký thao tác', en: 'Audit log' },
  users: { vi: 'Tài khoản người dùng', en: 'User accounts' },
  docs: { vi: 'Tài liệu', en: 'Documentation' },
} as const;
export type Tag = keyof typeof TAGS;

export interface Body {
  status: number;
  description: { vi: string; en: string };
  /** JSON schema of the answer (absent: no body, e.g. 204). */
  schema?: z.ZodType;
  /** Non-JSON answers (HTML page, SVG, PNG). */
  contentType?: string;
}

export interface RouteDoc {
  method: Method;
  path: string;
  operationId: string;
  summary: { vi: string; en: string };
  tags: Tag[];
  auth: Auth;
  /** For `session`: the roles allowed (default: every role). */
  roles?: readonly Role[];
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  /** The request body's media type when it is not JSON (the CSV import). */
  bodyContentType?: string;
  responses: Body[];
  /** Error statuses this route can answer; each is an ErrorEnvelope. */
  errors: number[];
}

const ok = (schema: z.ZodType, vi = 'Thành công', en = 'OK', status = 200): Body => ({ status, schema, description: { vi, en } });
const created = (schema: z.ZodType, vi = 'Đã tạo', en = 'Created'): Body => ok(schema, vi, en, 201);
const id = z.object({ id: z.string().min(1).meta({ description: 'Mã bản ghi / record id' }) });
const draftIdParams = api.ReportDraftIdParamsSchema;
const ADMINS: readonly Role[] = ['admin', 'manager'];
const ADMIN: readonly Role[] = ['admin'];
const PNG = z.string().meta({ format: 'binary' });
const BINARY = PNG;
const EVERYONE_ROLES: readonly Role[] = ['admin', 'manager', 'unit-head'];

export const ROUTES: RouteDoc[] = [
  // ---- auth -----------------------------------------------------------------
  {
    method: 'post', path: '/auth/login', operationId: 'login', tags: ['auth'], auth: 'public',
    summary: { vi: 'Đăng nhập (đặt cookie phiên hl_session)', en: 'Log in (sets the hl_session cookie)' },
    body: api.LoginBodySchema, responses: [ok(api.LoginResultSchema)], errors: [400, 401, 429],
  },
  {
    method: 'post', path: '/auth/logout', operationId: 'logout', tags: ['auth'], auth: 'public',
    summary: { vi: 'Đăng xuất', en: 'Log out' },
    responses: [{ status: 204, description: { vi: 'Đã đăng xuất', en: 'Logged out' } }], errors: [],
  },
  {
    method: 'get', path: '/me', operationId: 'getMe', tags: ['auth'], auth: 'session',
    summary: { vi: 'Người đang đăng nhập', en: 'The signed-in user' },
    responses: [ok(api.MeSchema)], errors: [401],
  },
  {
    method: 'post', path: '/me/password', operationId: 'changeMyPassword', tags: ['auth'], auth: 'session',
    summary: { vi: 'Đổi mật khẩu của mình (ít nhất 10 ký tự, không phải mật khẩu phổ biến; các phiên khác kết thúc)', en: 'Change your own password (10+ characters, not a common one; other sessions end)' },
    body: api.PasswordChangeBodySchema,
    responses: [{ status: 204, description: { vi: 'Đã đổi mật khẩu', en: 'Password changed' } }], errors: [400, 401, 429],
  },

  // ---- users (users.routes) ------------------------------------------------
  {
    method: 'get', path: '/users', operationId: 'listUsers', tags: ['users'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Các tài khoản của cơ quan', en: 'The office\'s user accounts' }, responses: [ok(api.UserListSchema)], errors: [401, 403],
  },
  {
    method: 'post', path: '/users', operationId: 'createUser', tags: ['users'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Tạo tài khoản; mật khẩu tạm chỉ hiện trong câu trả lời này (ghi nhật ký)', en: 'Create an account; the temporary password is shown only in this answer (audited)' },
    body: api.UserCreateBodySchema, responses: [created(api.UserCreatedSchema)], errors: [400, 401, 403, 409, 422],
  },
  {
    method: 'patch', path: '/users/:id', operationId: 'updateUser', tags: ['users'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Đổi tên, vai trò, đơn vị hoặc ngừng kích hoạt (không xóa; phiên đăng nhập kết thúc)', en: 'Change name, role or unit, or deactivate (never deleted; sessions end)' },
    params: id, body: api.UserPatchBodySchema, responses: [ok(api.UserSchema)], errors: [400, 401, 403, 404, 422],
  },
  {
    method: 'post', path: '/users/:id/password-reset', operationId: 'resetUserPassword', tags: ['users'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Đặt lại mật khẩu: mật khẩu tạm chỉ hiện một lần, các phiên cũ kết thúc', en: 'Reset the password: a temporary password shown once; old sessions end' },
    params: id, responses: [ok(api.PasswordResetResultSchema)], errors: [401, 403, 404, 422],
  },
  {
    method: 'get', path: '/me/sessions', operationId: 'listOwnSessions', tags: ['auth'], auth: 'session',
    summary: { vi: 'Các phiên đăng nhập của chính mình', en: 'Your own sessions' }, responses: [ok(api.OwnSessionListSchema)], errors: [401],
  },
  {
    method: 'delete', path: '/me/sessions/:id', operationId: 'endOwnSession', tags: ['auth'], auth: 'session',
    summary: { vi: 'Đăng xuất một phiên của chính mình', en: 'Sign out one of your own sessions' },
    params: id, responses: [{ status: 204, description: { vi: 'Đã đăng xuất phiên', en: 'Session ended' } }], errors: [401, 404],
  },

  // ---- responses ------------------------------------------------------------
  {
    method: 'post', path: '/responses', operationId: 'submitResponse', tags: ['responses'], auth: 'device-optional',
    summary: { vi: 'Gửi một phiếu đánh giá (id do máy khách tạo, gửi lại an toàn)', en: 'Submit one rating (client-made id, safe to retry)' },
    body: api.ResponseInputSchema,
    responses: [created(api.IngestResultSchema, 'Đã lưu', 'Stored'), ok(api.IngestResultSchema, 'Đã lưu từ trước (cùng id, cùng nội dung)', 'Already stored (same id, same body)')],
    errors: [400, 401, 409, 413, 422, 429],
  },
  {
    method: 'post', path: '/responses/batch', operationId: 'submitResponseBatch', tags: ['responses', 'kiosk'], auth: 'device-optional',
    summary: { vi: 'Gửi nhiều phiếu (hàng đợi của máy tại quầy); mỗi phiếu có kết quả riêng', en: 'Submit several ratings (the kiosk outbox); each answered on its own' },
    body: api.ResponseBatchSchema, responses: [ok(api.BatchResultSchema)], errors: [400, 413],
  },
  {
    method: 'get', path: '/responses', operationId: 'listResponses', tags: ['responses'], auth: 'session',
    summary: { vi: 'Danh sách phiếu, mới nhất trước', en: 'Responses, newest first' },
    query: api.ResponsesQuerySchema, responses: [ok(api.ResponseListSchema)], errors: [400, 401, 403],
  },
  {
    method: 'get', path: '/responses/suspect', operationId: 'listSuspectResponses', tags: ['responses'], auth: 'session',
    summary: { vi: 'Phiếu nghi vấn chờ xem xét (chưa tính vào số liệu), mới nhất trước', en: 'Suspect ratings waiting for review (held out of the figures), newest first' },
    query: api.SuspectQuerySchema, responses: [ok(api.ResponseListSchema)], errors: [400, 401, 403],
  },
  {
    method: 'post', path: '/responses/:id/accept', operationId: 'acceptSuspectResponse', tags: ['responses'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Chấp nhận phiếu nghi vấn: tính vào số liệu (ghi nhật ký)', en: 'Accept a suspect rating into the figures (audited)' },
    params: id, responses: [ok(api.AcceptResultSchema)], errors: [401, 403, 404, 409],
  },
  {
    method: 'post', path: '/responses/:id/handled', operationId: 'markResponseHandled', tags: ['responses'], auth: 'session',
    summary: { vi: 'Đánh dấu góp ý đã xử lý, kèm ghi chú (ghi nhật ký)', en: 'Mark a comment handled, with a note (audited)' },
    params: id, body: api.HandledBodySchema, responses: [ok(api.HandledResultSchema)], errors: [400, 401, 403, 404],
  },
  {
    method: 'delete', path: '/responses/:id/handled', operationId: 'clearResponseHandled', tags: ['responses'], auth: 'session',
    summary: { vi: 'Bỏ đánh dấu đã xử lý (ghi nhật ký)', en: 'Take back a handled mark (audited)' },
    params: id, responses: [ok(api.HandledClearedSchema)], errors: [401, 403, 404, 409],
  },
  {
    method: 'post', path: '/responses/:id/exclusion', operationId: 'excludeResponse', tags: ['responses'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Loại phiếu khỏi số liệu, kèm lý do (ghi nhật ký)', en: 'Exclude a response from the figures, with a reason (audited)' },
    params: id, body: api.ExclusionBodySchema, responses: [ok(api.ExclusionResultSchema)], errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'delete', path: '/responses/:id/exclusion', operationId: 'includeResponse', tags: ['responses'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Đưa phiếu trở lại số liệu', en: 'Bring a response back into the figures' },
    params: id, responses: [ok(api.ExclusionResultSchema)], errors: [401, 403, 404, 409],
  },

  // ---- stats ----------------------------------------------------------------
  {
    method: 'get', path: '/stats/summary', operationId: 'getStatsSummary', tags: ['stats'], auth: 'session',
    summary: { vi: 'Tỷ lệ hài lòng, chỉ số theo yếu tố, chỉ số phục vụ, tỷ lệ H/M và phân bố điểm trong khoảng thời gian', en: 'Satisfaction rate, element indices, service index, H/M shares and score distribution over a period' },
    query: api.StatsQuerySchema, responses: [ok(api.StatsSummarySchema)], errors: [400, 401, 403, 422],
  },
  {
    method: 'get', path: '/stats/timeseries', operationId: 'getStatsTimeseries', tags: ['stats'], auth: 'session',
    summary: { vi: 'Tỷ lệ hài lòng theo giờ, ngày, tuần hoặc tháng', en: 'Satisfaction rate per hour, day, week or month' },
    query: api.StatsQuerySchema, responses: [ok(api.StatsTimeseriesSchema)], errors: [400, 401, 403, 422],
  },
  {
    method: 'get', path: '/stats/breakdown', operationId: 'getStatsBreakdown', tags: ['stats'], auth: 'session',
    summary: { vi: 'Tỷ lệ hài lòng theo đơn vị, quầy, công chức, thủ tục hoặc kênh', en: 'Satisfaction rate per unit, counter, officer, procedure or channel' },
    query: api.StatsQuerySchema, responses: [ok(api.StatsBreakdownSchema)], errors: [400, 401, 403, 422],
  },
  {
    method: 'get', path: '/stats/kiosk-health', operationId: 'getKioskHealth', tags: ['stats'], auth: 'session',
    summary: { vi: 'Tình trạng máy tại quầy: trực tuyến, im lặng trong giờ mở cửa, hàng đợi dài nhất', en: 'Kiosk health: online, silent while open, longest outbox' },
    responses: [ok(api.KioskHealthSchema)], errors: [401],
  },

  // ---- reports (reports.routes; a unit head only their unit) ---------------
  {
    method: 'get', path: '/reports/content', operationId: 'getReportContent', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Nội dung báo cáo định kỳ (tháng, quý, 6 tháng, 9 tháng, năm, tùy chọn) cho cơ quan hoặc một đơn vị', en: 'Periodic report content (month, quarter, half, nine months, year, custom) for the office or one unit' },
    query: api.ReportQuerySchema, responses: [ok(api.ReportContentSchema)], errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/reports/report.xlsx', operationId: 'getReportXlsx', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Báo cáo dạng XLSX: một trang tính cho mỗi bảng', en: 'The report as XLSX: a sheet per table' },
    query: api.ReportQuerySchema, responses: [{ status: 200, description: { vi: 'Tệp XLSX', en: 'XLSX file' }, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', schema: BINARY }], errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/reports/report.docx', operationId: 'getReportDocx', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Báo cáo dạng DOCX theo thể thức Nghị định 30/2020/NĐ-CP, sửa được trước khi ký', en: 'The report as DOCX in the Decree 30/2020 layout, editable before signing' },
    query: api.ReportQuerySchema, responses: [{ status: 200, description: { vi: 'Tệp DOCX', en: 'DOCX file' }, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', schema: BINARY }], errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/reports/report.csv', operationId: 'getReportCsv', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Một bảng của báo cáo dạng CSV (UTF-8 có BOM)', en: 'One report table as CSV (UTF-8 with BOM)' },
    query: api.ReportQuerySchema, responses: [{ status: 200, description: { vi: 'Tệp CSV', en: 'CSV file' }, contentType: 'text/csv', schema: z.string() }], errors: [400, 401, 403, 404],
  },

  {
    method: 'get', path: '/reports/responses.csv', operationId: 'exportResponsesCsv', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Xuất phiếu gốc của kỳ (CSV UTF-8 có BOM, cột theo mã câu hỏi), truyền từng phần', en: 'Raw responses of the period (CSV UTF-8 with BOM, question codes as columns), streamed' },
    query: api.ReportQuerySchema, responses: [{ status: 200, description: { vi: 'Tệp CSV', en: 'CSV file' }, contentType: 'text/csv', schema: z.string() }], errors: [400, 401, 403],
  },
  {
    method: 'get', path: '/reports/responses.ndjson', operationId: 'exportResponsesNdjson', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Xuất phiếu gốc của kỳ (NDJSON, mỗi dòng một phiếu), truyền từng phần', en: 'Raw responses of the period (NDJSON, one per line), streamed' },
    query: api.ReportQuerySchema, responses: [{ status: 200, description: { vi: 'Tệp NDJSON', en: 'NDJSON file' }, contentType: 'application/x-ndjson', schema: z.string() }], errors: [400, 401, 403],
  },
  {
    method: 'post', path: '/reports/issued', operationId: 'issueReport', tags: ['reports'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Phát hành báo cáo: lưu cố định số liệu, kỳ, phạm vi, người phát hành, mã băm nội dung và tệp DOCX/XLSX (ghi nhật ký)', en: 'Issue a report: freezes its figures, period, scope, issuer, content hash and DOCX/XLSX files (audited)' },
    body: api.ReportIssueBodySchema, responses: [created(api.IssuedReportSchema)], errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/reports/issued', operationId: 'listIssuedReports', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Kho báo cáo đã phát hành, mới nhất trước', en: 'The archive of issued reports, newest first' },
    responses: [ok(api.IssuedReportListSchema)], errors: [401, 403],
  },
  {
    method: 'get', path: '/reports/issued/:id', operationId: 'getIssuedReport', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Một báo cáo đã phát hành với nội dung cố định và các số liệu đã thay đổi kể từ đó', en: 'An issued report with its frozen content and the figures that changed since' },
    params: id, responses: [ok(api.IssuedReportDetailSchema)], errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/reports/issued/:id/report.docx', operationId: 'getIssuedReportDocx', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Tệp DOCX đúng như lúc phát hành', en: 'The DOCX exactly as issued' },
    params: id, responses: [{ status: 200, description: { vi: 'Tệp DOCX', en: 'DOCX file' }, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', schema: BINARY }], errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/reports/issued/:id/report.xlsx', operationId: 'getIssuedReportXlsx', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Tệp XLSX đúng như lúc phát hành', en: 'The XLSX exactly as issued' },
    params: id, responses: [{ status: 200, description: { vi: 'Tệp XLSX', en: 'XLSX file' }, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', schema: BINARY }], errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/reports/drafts', operationId: 'listReportDrafts', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Báo cáo tháng dự thảo do hệ thống lập ngày 1 hằng tháng (cơ quan và từng đơn vị)', en: 'Monthly draft reports the server prepares on the 1st (office and each unit)' },
    responses: [ok(api.ReportDraftListSchema)], errors: [401, 403],
  },
  {
    method: 'get', path: '/reports/drafts/:id', operationId: 'getReportDraft', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Một báo cáo dự thảo với nội dung lúc lập và các số liệu đã thay đổi kể từ đó', en: 'A draft report with its content as prepared and the figures that changed since' },
    params: draftIdParams, responses: [ok(api.ReportDraftDetailSchema)], errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/reports/drafts/:id/report.docx', operationId: 'getReportDraftDocx', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Báo cáo dự thảo dạng DOCX', en: 'The draft report as DOCX' },
    params: draftIdParams, query: api.ReportDraftFileQuerySchema, responses: [{ status: 200, description: { vi: 'Tệp DOCX', en: 'DOCX file' }, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', schema: BINARY }], errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/reports/drafts/:id/report.xlsx', operationId: 'getReportDraftXlsx', tags: ['reports'], auth: 'session', roles: EVERYONE_ROLES,
    summary: { vi: 'Báo cáo dự thảo dạng XLSX', en: 'The draft report as XLSX' },
    params: draftIdParams, query: api.ReportDraftFileQuerySchema, responses: [{ status: 200, description: { vi: 'Tệp XLSX', en: 'XLSX file' }, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', schema: BINARY }], errors: [400, 401, 403, 404],
  },
  {
    method: 'post', path: '/reports/drafts/:id/issue', operationId: 'issueReportDraft', tags: ['reports'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Phát hành từ dự thảo: lưu cố định báo cáo của kỳ và phạm vi đó với số liệu hiện tại (ghi nhật ký)', en: 'Issue from a draft: freezes the report of its period and scope with the figures as they stand (audited)' },
    params: draftIdParams, body: api.ReportDraftIssueBodySchema, responses: [created(api.IssuedReportSchema)], errors: [400, 401, 403, 404],
  },

  // ---- organisation ---------------------------------------------------------
  {
    method: 'get', path: '/organisation', operationId: 'getOrganisation', tags: ['organisation'], auth: 'session',
    summary: { vi: 'Cơ quan và cấu hình (mục tiêu, cỡ mẫu tối thiểu…)', en: 'The office and its settings (target, minimum sample…)' },
    responses: [ok(api.OrganisationSchema)], errors: [401],
  },
  {
    method: 'patch', path: '/organisation', operationId: 'updateOrganisation', tags: ['organisation'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Sửa cấu hình cơ quan (ghi nhật ký)', en: 'Change the office settings (audited)' },
    body: api.OrganisationPatchSchema, responses: [ok(api.OrganisationSchema)], errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/units', operationId: 'listUnits', tags: ['organisation'], auth: 'session',
    summary: { vi: 'Các phòng, bộ phận', en: 'Units' }, responses: [ok(api.UnitListSchema)], errors: [401],
  },
  {
    method: 'get', path: '/service-points', operationId: 'listServicePoints', tags: ['organisation'], auth: 'session',
    summary: { vi: 'Các quầy', en: 'Counters' }, responses: [ok(api.ServicePointListSchema)], errors: [401],
  },
  {
    method: 'get', path: '/officers', operationId: 'listOfficers', tags: ['organisation'], auth: 'session',
    summary: { vi: 'Công chức', en: 'Officers' }, responses: [ok(api.OfficerListSchema)], errors: [401],
  },
  {
    method: 'get', path: '/procedures', operationId: 'listProcedures', tags: ['organisation'], auth: 'session',
    summary: { vi: 'Thủ tục hành chính (mã TTHC)', en: 'Administrative procedures (national codes)' }, responses: [ok(api.ProcedureListSchema)], errors: [401],
  },
  {
    method: 'get', path: '/surveys', operationId: 'listSurveyVersions', tags: ['organisation'], auth: 'session',
    summary: { vi: 'Các phiên bản phiếu khảo sát', en: 'Survey versions' }, responses: [ok(api.SurveyVersionListSchema)], errors: [401],
  },
  // ---- survey versions (surveys.routes, issue 11 item 11) ----------------------
  {
    method: 'get', path: '/surveys/active', operationId: 'getSurveyAssignments', tags: ['organisation'], auth: 'session',
    summary: { vi: 'Phiếu khảo sát đang dùng: của cơ quan và của từng quầy riêng', en: 'The survey in use: the office\'s and each counter\'s own' },
    responses: [ok(api.SurveyAssignmentsSchema)], errors: [401],
  },
  {
    method: 'get', path: '/surveys/:id', operationId: 'getSurveyVersion', tags: ['organisation'], auth: 'session',
    summary: { vi: 'Một phiên bản phiếu: nội dung, dạng trên máy tại quầy, lý do không sửa được', en: 'One survey version: its content, its kiosk form, why it can no longer change' },
    params: id, responses: [ok(api.SurveyVersionDetailSchema)], errors: [400, 401, 404],
  },
  {
    method: 'post', path: '/surveys', operationId: 'createSurveyVersion', tags: ['organisation'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Tạo phiên bản mới từ bản sao một phiên bản (mã câu hỏi giữ nguyên ý nghĩa; ghi nhật ký)', en: 'A new version as a copy of one with edits (codes keep their meaning; audited)' },
    body: api.SurveyCreateBodySchema, responses: [created(api.SurveyVersionSchema)], errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'put', path: '/surveys/:id', operationId: 'updateSurveyVersion', tags: ['organisation'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Sửa bản nháp (409 khi đã dùng hoặc đã có phiếu trả lời)', en: 'Edit a draft (409 once it has been active or answered)' },
    params: id, body: api.SurveyUpdateBodySchema, responses: [ok(api.SurveyVersionSchema)], errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post', path: '/surveys/:id/activate', operationId: 'activateSurveyVersion', tags: ['organisation'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Áp dụng phiên bản cho cơ quan hoặc một quầy (máy tại quầy nhận ngay; ghi nhật ký)', en: 'Activate a version for the office or one counter (kiosks get it at once; audited)' },
    params: id, body: api.SurveyActivateBodySchema, responses: [ok(api.SurveyAssignmentsSchema)], errors: [400, 401, 403, 404],
  },
  {
    method: 'delete', path: '/service-points/:id/survey', operationId: 'clearCounterSurvey', tags: ['organisation'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Quầy dùng lại phiếu của cơ quan (ghi nhật ký)', en: 'The counter asks the office\'s survey again (audited)' },
    params: id, responses: [ok(api.SurveyAssignmentsSchema)], errors: [400, 401, 403, 404],
  },
  {
    method: 'put', path: '/service-points/:id/duty', operationId: 'setOfficerOnDuty', tags: ['organisation'], auth: 'session', roles: ['admin', 'manager', 'unit-head'],
    summary: { vi: 'Công chức đang trực tại quầy (máy tại quầy hiển thị ngay)', en: 'The officer on duty at a counter (the kiosk shows it at once)' },
    params: id, body: api.DutyBodySchema, responses: [ok(api.ServicePointSchema)], errors: [400, 401, 403, 404, 422],
  },
  {
    method: 'get', path: '/service-points/:id/duty-history', operationId: 'getDutyHistory', tags: ['organisation'], auth: 'session',
    summary: { vi: 'Lịch sử công chức trực tại quầy (ai, từ khi nào đến khi nào, ai đặt)', en: 'Who was on duty at a counter, from when to when, and who set it' },
    params: id, responses: [ok(api.DutyHistorySchema)], errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/audit', operationId: 'listAudit', tags: ['audit'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Nhật ký thao tác, mới nhất trước', en: 'Audit log, newest first' },
    query: api.AuditQuerySchema, responses: [ok(api.AuditListSchema)], errors: [401, 403],
  },

  // ---- structure writes (structure.routes) -----------------------------------
  {
    method: 'post', path: '/units', operationId: 'createUnit', tags: ['organisation'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Thêm phòng, bộ phận (ghi nhật ký)', en: 'Add a unit (audited)' },
    body: api.UnitCreateBodySchema, responses: [created(api.UnitSchema)], errors: [400, 401, 403, 409],
  },
  {
    method: 'patch', path: '/units/:id', operationId: 'updateUnit', tags: ['organisation'], auth: 'session', roles: ['admin', 'manager', 'unit-head'],
    summary: { vi: 'Sửa hoặc ngừng một bộ phận (trưởng bộ phận: chỉ đổi tên bộ phận mình)', en: 'Change or deactivate a unit (a unit head: rename their own)' },
    params: id, body: api.UnitPatchBodySchema, responses: [ok(api.UnitSchema)], errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post', path: '/service-points', operationId: 'createServicePoint', tags: ['organisation'], auth: 'session', roles: ['admin', 'manager', 'unit-head'],
    summary: { vi: 'Thêm quầy với giờ làm việc và ngày nghỉ (trưởng bộ phận: trong bộ phận mình)', en: 'Add a counter with opening hours and holidays (a unit head: in their unit)' },
    body: api.ServicePointCreateBodySchema, responses: [created(api.ServicePointSchema)], errors: [400, 401, 403, 409, 422],
  },
  {
    method: 'patch', path: '/service-points/:id', operationId: 'updateServicePoint', tags: ['organisation'], auth: 'session', roles: ['admin', 'manager', 'unit-head'],
    summary: { vi: 'Sửa hoặc ngừng một quầy (ghi nhật ký trước/sau)', en: 'Change or deactivate a counter (audited before/after)' },
    params: id, body: api.ServicePointPatchBodySchema, responses: [ok(api.ServicePointSchema)], errors: [400, 401, 403, 404, 409, 422],
  },
  {
    method: 'post', path: '/officers', operationId: 'createOfficer', tags: ['organisation'], auth: 'session', roles: ['admin', 'manager', 'unit-head'],
    summary: { vi: 'Thêm công chức (trưởng bộ phận: trong bộ phận mình)', en: 'Add an officer (a unit head: in their unit)' },
    body: api.OfficerCreateBodySchema, responses: [created(api.OfficerSchema)], errors: [400, 401, 403, 422],
  },
  {
    method: 'patch', path: '/officers/:id', operationId: 'updateOfficer', tags: ['organisation'], auth: 'session', roles: ['admin', 'manager', 'unit-head'],
    summary: { vi: 'Sửa hoặc ngừng một công chức (ghi nhật ký trước/sau)', en: 'Change or deactivate an officer (audited before/after)' },
    params: id, body: api.OfficerPatchBodySchema, responses: [ok(api.OfficerSchema)], errors: [400, 401, 403, 404, 422],
  },
  {
    method: 'post', path: '/officers/:id/photo', operationId: 'setOfficerPhoto', tags: ['organisation'], auth: 'session', roles: ['admin', 'manager', 'unit-head'],
    summary: { vi: 'Tải ảnh công chức (JPEG, PNG, WebP, tối đa 2 MB; máy chủ cắt vuông 256 px)', en: "Upload an officer's photo (JPEG, PNG, WebP, at most 2 MB; the server makes a 256 px square)" },
    params: id, body: BINARY.meta({ description: 'image/jpeg, image/png or image/webp, at most 2 MB' }), bodyContentType: 'image/jpeg',
    responses: [ok(api.OfficerSchema)], errors: [400, 401, 403, 404, 413],
  },
  {
    method: 'delete', path: '/officers/:id/photo', operationId: 'removeOfficerPhoto', tags: ['organisation'], auth: 'session', roles: ['admin', 'manager', 'unit-head'],
    summary: { vi: 'Xóa ảnh công chức (máy tại quầy hiện chữ viết tắt)', en: "Remove an officer's photo (the kiosk shows initials)" },
    params: id, responses: [ok(api.OfficerSchema)], errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/officer-photos/:id', operationId: 'getOfficerPhoto', tags: ['organisation'], auth: 'public',
    summary: { vi: 'Ảnh công chức (WebP 256 px) cho máy tại quầy và trang quản trị', en: "An officer's photo (256 px WebP) for the kiosk and the admin" },
    params: id, query: z.object({ v: z.string().max(64).optional() }),
    responses: [{ status: 200, description: { vi: 'Ảnh WebP', en: 'WebP image' }, contentType: 'image/webp', schema: BINARY }], errors: [400, 404],
  },
  {
    method: 'post', path: '/procedures/import', operationId: 'importProcedures', tags: ['organisation'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Nhập danh mục thủ tục từ CSV (mã, tên, lĩnh vực): xem trước từng dòng, rồi chỉ ghi các dòng đúng', en: 'Import the procedure list from CSV (code, name, field): preview each row, then write only the good ones' },
    body: api.ProcedureImportBodySchema, responses: [ok(api.ProcedureImportResultSchema)], errors: [400, 401, 403, 413],
  },
  {
    method: 'post', path: '/procedures/import/file', operationId: 'importProceduresFile', tags: ['organisation'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Nhập danh mục thủ tục từ tệp XLSX hoặc CSV (gửi nguyên tệp, tối đa 8 MB): xem trước từng dòng, rồi chỉ ghi các dòng đúng', en: 'Import the procedure list from an XLSX or CSV file (the file as the body, up to 8 MB): preview each row, then write only the good ones' },
    query: api.ProcedureFileImportQuerySchema, body: BINARY.meta({ description: 'XLSX workbook, or text/csv (UTF-8, BOM and CRLF accepted)' }), bodyContentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    responses: [ok(api.ProcedureImportResultSchema)], errors: [400, 401, 403, 413],
  },
  {
    method: 'post', path: '/procedures', operationId: 'createProcedure', tags: ['organisation'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Thêm một thủ tục (mã TTHC, tên, lĩnh vực)', en: 'Add a procedure (national code, name, field)' },
    body: api.ProcedureCreateBodySchema, responses: [created(api.ProcedureSchema)], errors: [400, 401, 403, 409],
  },
  {
    method: 'patch', path: '/procedures/:id', operationId: 'updateProcedure', tags: ['organisation'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Sửa hoặc ngừng một thủ tục', en: 'Change or deactivate a procedure' },
    params: id, body: api.ProcedurePatchBodySchema, responses: [ok(api.ProcedureSchema)], errors: [400, 401, 403, 404, 409],
  },

  // ---- devices --------------------------------------------------------------
  {
    method: 'post', path: '/devices/enrol', operationId: 'enrolDevice', tags: ['devices', 'kiosk'], auth: 'public',
    summary: { vi: 'Máy tại quầy đổi mã kích hoạt một lần lấy khóa thiết bị', en: 'A kiosk trades its one-time code for a device token' },
    body: api.EnrolBodySchema, responses: [ok(api.EnrolResultSchema)], errors: [400, 401, 429],
  },
  {
    method: 'get', path: '/devices', operationId: 'listDevices', tags: ['devices'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Các máy tại quầy và tình trạng', en: 'Counter kiosks and their state' }, responses: [ok(api.DeviceListSchema)], errors: [401, 403],
  },
  {
    method: 'post', path: '/devices', operationId: 'createDevice', tags: ['devices'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Thêm máy cho một quầy; mã kích hoạt chỉ hiện trong câu trả lời này', en: 'Add a kiosk for a counter; the code is shown only in this answer' },
    body: api.DeviceCreateBodySchema, responses: [created(api.DeviceCreatedSchema)], errors: [400, 401, 403, 422],
  },
  {
    method: 'get', path: '/devices/:id', operationId: 'getDevice', tags: ['devices'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Một máy tại quầy', en: 'One kiosk' }, params: id, responses: [ok(api.DeviceSchema)], errors: [401, 403, 404],
  },
  {
    method: 'patch', path: '/devices/:id', operationId: 'renameDevice', tags: ['devices'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Đổi tên máy hoặc chuyển sang quầy khác', en: 'Rename a kiosk or move it to another counter' }, params: id, body: api.DeviceRenameBodySchema, responses: [ok(api.DeviceSchema)], errors: [400, 401, 403, 404],
  },
  {
    method: 'post', path: '/devices/:id/enrolment-code', operationId: 'issueEnrolmentCode', tags: ['devices'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Cấp mã kích hoạt mới (mã cũ hết hiệu lực)', en: 'Issue a new enrolment code (the previous one stops working)' },
    params: id, responses: [created(api.IssuedCodeSchema)], errors: [401, 403, 404],
  },
  {
    method: 'post', path: '/devices/:id/revoke', operationId: 'revokeDevice', tags: ['devices'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Thu hồi máy (khóa thiết bị mất hiệu lực ngay)', en: 'Revoke a kiosk (its token stops working at once)' },
    params: id, responses: [ok(api.DeviceSchema)], errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/kiosk/config', operationId: 'getKioskConfig', tags: ['kiosk'], auth: 'device',
    summary: { vi: 'Cấu hình máy tại quầy đang hiển thị', en: 'What the kiosk shows now' },
    responses: [ok(api.KioskConfigSchema)], errors: [401, 404],
  },
  {
    method: 'post', path: '/kiosk/staff-pin', operationId: 'checkKioskStaffPin', tags: ['kiosk'], auth: 'device',
    summary: { vi: 'Kiểm tra mã PIN kiosk của cơ quan (góc dành cho cán bộ)', en: "Check the office's kiosk PIN (the staff corner)" },
    body: api.StaffPinBodySchema, responses: [ok(api.StaffPinResultSchema)], errors: [400, 401, 404, 429],
  },

  // ---- survey links ---------------------------------------------------------
  {
    method: 'get', path: '/public/survey-context', operationId: 'getSurveyContext', tags: ['survey-links'], auth: 'public',
    summary: { vi: 'Nội dung trang khảo sát QR (theo mã quầy hoặc token hồ sơ)', en: "The QR survey page's context (by counter code or dossier token)" },
    query: api.SurveyContextQuerySchema, responses: [ok(api.SurveyContextSchema)], errors: [400, 404],
  },
  {
    method: 'post', path: '/survey-links', operationId: 'issueSurveyLink', tags: ['survey-links'], auth: 'integration-key',
    summary: { vi: 'Cấp đường dẫn khảo sát một lần cho một hồ sơ (kèm mã QR)', en: 'Issue a single-use survey link for a dossier (with its QR code)' },
    body: api.IssueLinkBodySchema, responses: [created(api.IssuedLinkSchema)], errors: [400, 401, 422],
  },
  {
    method: 'get', path: '/survey-links/stats', operationId: 'getSurveyLinkStats', tags: ['survey-links'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Số đường dẫn đã cấp và đã được trả lời', en: 'Links issued and answered' },
    query: api.LinkStatsQuerySchema, responses: [ok(api.LinkStatsSchema)], errors: [400, 401, 403],
  },
  {
    method: 'get', path: '/service-points/posters', operationId: 'getAllCounterPosters', tags: ['survey-links'], auth: 'session',
    summary: { vi: 'Tờ dán mã QR của mọi quầy (một trang A4 mỗi quầy)', en: "Every counter's QR poster (one A4 page each)" },
    query: api.PostersQuerySchema, responses: [{ status: 200, contentType: 'text/html', schema: z.string(), description: { vi: 'Trang HTML để in', en: 'Printable HTML page' } }], errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/service-points/:id/poster', operationId: 'getCounterPoster', tags: ['survey-links'], auth: 'session',
    summary: { vi: 'Tờ dán mã QR của quầy (trang in A4)', en: "A counter's QR poster (printable A4 page)" },
    params: id, responses: [{ status: 200, contentType: 'text/html', schema: z.string(), description: { vi: 'Trang HTML để in', en: 'Printable HTML page' } }], errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/service-points/:id/qr.svg', operationId: 'getCounterQrSvg', tags: ['survey-links'], auth: 'session',
    summary: { vi: 'Mã QR của quầy (SVG)', en: "A counter's QR code (SVG)" },
    params: id, query: api.QrSvgQuerySchema, responses: [{ status: 200, contentType: 'image/svg+xml', schema: z.string(), description: { vi: 'Ảnh SVG', en: 'SVG image' } }], errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/service-points/:id/qr.png', operationId: 'getCounterQrPng', tags: ['survey-links'], auth: 'session',
    summary: { vi: 'Mã QR của quầy (PNG)', en: "A counter's QR code (PNG)" },
    params: id, query: api.QrPngQuerySchema, responses: [{ status: 200, contentType: 'image/png', schema: PNG, description: { vi: 'Ảnh PNG', en: 'PNG image' } }], errors: [400, 401, 403, 404],
  },

  // ---- alerts ---------------------------------------------------------------
  {
    method: 'get', path: '/alert-rules', operationId: 'getAlertRules', tags: ['alerts'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Quy tắc cảnh báo (không trả về khóa bí mật webhook)', en: 'Alert rules (the webhook secret is never returned)' },
    responses: [ok(api.PublicAlertRulesSchema)], errors: [401, 403],
  },
  {
    method: 'put', path: '/alert-rules', operationId: 'putAlertRules', tags: ['alerts'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Đặt quy tắc cảnh báo (ghi nhật ký)', en: 'Set the alert rules (audited)' },
    body: api.AlertRulesInputSchema, responses: [ok(api.PublicAlertRulesSchema)], errors: [400, 401, 403],
  },
  {
    method: 'post', path: '/alert-rules/preview', operationId: 'previewAlertRule', tags: ['alerts'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Xem trước: quy tắc (chưa lưu) lẽ ra đã mở những cảnh báo nào trong 7 ngày qua', en: 'Preview: what a rule (unsaved settings) would have raised over the last 7 days' },
    body: api.AlertRulePreviewBodySchema, responses: [ok(api.AlertRulePreviewSchema)], errors: [400, 401, 403, 404],
  },
  {
    method: 'post', path: '/alert-rules/webhook-test', operationId: 'testWebhook', tags: ['alerts'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Gửi ngay một sự kiện thử có chữ ký đến webhook đã lưu (ghi nhật ký)', en: 'Send a signed test event to the saved webhook now (audited)' },
    responses: [ok(api.WebhookTestResultSchema)], errors: [400, 401, 403],
  },
  {
    method: 'get', path: '/alerts', operationId: 'listAlerts', tags: ['alerts'], auth: 'session',
    summary: { vi: 'Cảnh báo, mới mở nhất trước (kèm số liệu của phạm vi khi figures=true)', en: 'Alerts, newest opened first (with their scope\'s figures when figures=true)' },
    query: api.AlertListQuerySchema, responses: [ok(api.AlertListSchema)], errors: [400, 401, 403],
  },
  {
    method: 'get', path: '/alerts/:id', operationId: 'getAlert', tags: ['alerts'], auth: 'session',
    summary: { vi: 'Một cảnh báo và lịch sử thay đổi', en: 'One alert with its history' },
    params: id, responses: [ok(api.AlertDetailSchema)], errors: [401, 404],
  },
  {
    method: 'post', path: '/alerts/:id/ack', operationId: 'acknowledgeAlert', tags: ['alerts'], auth: 'session',
    summary: { vi: 'Xác nhận đã biết cảnh báo', en: 'Acknowledge an alert' },
    params: id, body: api.AlertActionBodySchema, responses: [ok(api.AlertViewSchema)], errors: [400, 401, 404],
  },
  {
    method: 'post', path: '/alerts/:id/resolve', operationId: 'resolveAlert', tags: ['alerts'], auth: 'session',
    summary: { vi: 'Đóng cảnh báo', en: 'Resolve an alert' },
    params: id, body: api.AlertActionBodySchema, responses: [ok(api.AlertViewSchema)], errors: [400, 401, 404],
  },
  {
    method: 'get', path: '/alerts/:id/deliveries', operationId: 'listAlertDeliveries', tags: ['alerts'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Nhật ký gửi webhook của một cảnh báo', en: "An alert's webhook delivery log" },
    params: id, responses: [ok(api.WebhookDeliveryListSchema)], errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/webhook-deliveries', operationId: 'listWebhookDeliveries', tags: ['alerts'], auth: 'session', roles: ADMINS,
    summary: { vi: 'Nhật ký gửi webhook của cơ quan (mới nhất trước)', en: "The office's webhook delivery log (newest first)" },
    query: api.WebhookDeliveriesQuerySchema, responses: [ok(api.WebhookDeliveryListSchema)], errors: [400, 401, 403],
  },

  // ---- dossier outcomes (Decision 766 indicator 5.4) -------------------------
  {
    method: 'post', path: '/dossier-outcomes', operationId: 'recordDossierOutcome', tags: ['dossier-outcomes'], auth: 'integration-key',
    summary: { vi: 'Ghi một sự kiện của hồ sơ (tiếp nhận, trả kết quả, phản ánh); 201 đã lưu, 200 đã có, 409 khác dữ kiện', en: 'Record one dossier event (received, settled, complaint); 201 stored, 200 already stored, 409 other facts' },
    body: api.DossierOutcomeSchema, responses: [created(api.OutcomeResultSchema), ok(api.OutcomeResultSchema, 'Đã có, giống hệt', 'Already stored, same facts')], errors: [400, 401, 409, 422],
  },
  {
    method: 'post', path: '/dossier-outcomes/batch', operationId: 'recordDossierOutcomes', tags: ['dossier-outcomes'], auth: 'integration-key',
    summary: { vi: 'Ghi tối đa 500 sự kiện; mỗi mục có kết quả riêng', en: 'Record up to 500 events; each item answered on its own' },
    body: api.DossierOutcomeBatchSchema, responses: [ok(api.OutcomeBatchResultSchema)], errors: [400, 401, 413],
  },
  {
    method: 'post', path: '/dossier-outcomes/import', operationId: 'importDossierOutcomesCsv', tags: ['dossier-outcomes'], auth: 'session',
    summary: { vi: 'Nhập tệp CSV kết quả hồ sơ (xem trước hoặc lưu); trưởng phòng chỉ cho phòng mình', en: 'Import a CSV of dossier outcomes (preview or commit); a unit head for their unit only' },
    query: api.CsvImportQuerySchema, body: z.string().meta({ description: 'text/csv, UTF-8 (BOM accepted), CRLF or LF' }), bodyContentType: 'text/csv',
    responses: [ok(api.CsvImportResultSchema)], errors: [400, 401, 403, 413],
  },
  {
    method: 'get', path: '/stats/indicator-766', operationId: 'getIndicator766', tags: ['stats', 'dossier-outcomes'], auth: 'session',
    summary: { vi: 'Chỉ tiêu 5.4 QĐ 766 (100% − tỷ lệ trễ hạn − tỷ lệ có phản ánh hoặc đánh giá ≤ 2), số hồ sơ, điểm và độ phủ đường dẫn', en: 'Decision 766 indicator 5.4 (100% − late share − share with a complaint or a rating ≤ 2), dossier counts, points and link coverage' },
    query: api.Indicator766QuerySchema, responses: [ok(api.Indicator766Schema)], errors: [400, 401, 403],
  },
  // ---- rating sessions (issue 15) ---------------------------------------------
  {
    method: 'post', path: '/rating-sessions', operationId: 'openRatingSession', tags: ['rating-sessions'], auth: 'integration-key',
    summary: { vi: 'Phần mềm một cửa / xếp hàng mời công dân vừa được phục vụ đánh giá tại quầy', en: 'The one-stop or queue software invites the citizen just served to rate at the counter' },
    body: api.OpenRatingSessionBodySchema, responses: [created(api.RatingSessionOpenedSchema)], errors: [400, 401, 403, 409, 422],
  },
  {
    method: 'post', path: '/officer/sign-in', operationId: 'officerSignIn', tags: ['rating-sessions'], auth: 'public',
    summary: { vi: 'Trang cán bộ: đăng nhập bằng mã quầy và mã PIN cán bộ', en: 'Officer page: sign in with the counter code and the officer PIN' },
    body: api.OfficerSignInBodySchema, responses: [ok(api.OfficerSignedInSchema)], errors: [400, 401, 429],
  },
  {
    method: 'get', path: '/officer/context', operationId: 'getOfficerContext', tags: ['rating-sessions'], auth: 'officer', roles: ['admin', 'manager', 'unit-head'],
    summary: { vi: 'Trang cán bộ: quầy, cán bộ và danh sách thủ tục', en: 'Officer page: the counter, the officer and the procedures' },
    query: api.OfficerContextQuerySchema, responses: [ok(api.OfficerContextSchema)], errors: [400, 401, 403, 404],
  },
  {
    method: 'post', path: '/officer/invitations', operationId: 'officerInvite', tags: ['rating-sessions'], auth: 'officer', roles: ['admin', 'manager', 'unit-head'],
    summary: { vi: 'Trang cán bộ: "Mời đánh giá" — máy tại quầy hiện các mặt cho công dân vừa được phục vụ', en: 'Officer page: "Invite rating" — the kiosk shows the faces for the citizen just served' },
    body: api.OfficerInviteBodySchema, responses: [created(api.RatingSessionOpenedSchema)], errors: [400, 401, 403, 404, 409, 422],
  },
  {
    method: 'put', path: '/officers/:id/pin', operationId: 'setOfficerPin', tags: ['rating-sessions'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Đặt hoặc xóa mã PIN của cán bộ cho trang cán bộ', en: "Set or remove an officer's PIN for the officer page" },
    params: id, body: api.OfficerPinBodySchema, responses: [ok(api.OfficerSchema)], errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'put', path: '/service-points/:id/rating-mode', operationId: 'setCounterRatingMode', tags: ['rating-sessions'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Chế độ đánh giá của quầy: luôn hiện hoặc sau khi phục vụ', en: "A counter's rating mode: always, or after service" },
    params: id, body: api.RatingModeBodySchema, responses: [ok(api.ServicePointSchema)], errors: [400, 401, 403, 404],
  },

  // ---- integration keys -----------------------------------------------------
  {
    method: 'get', path: '/integration-keys', operationId: 'listIntegrationKeys', tags: ['integration-keys'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Các khóa tích hợp (không bao giờ hiện khóa)', en: 'Integration keys (the keys themselves are never shown)' },
    responses: [ok(api.IntegrationKeyListSchema)], errors: [401, 403],
  },
  {
    method: 'post', path: '/integration-keys', operationId: 'createIntegrationKey', tags: ['integration-keys'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Tạo khóa tích hợp; khóa chỉ hiện một lần trong câu trả lời này', en: 'Create an integration key; the key is shown once, in this answer' },
    body: api.IntegrationKeyCreateBodySchema, responses: [created(api.CreatedIntegrationKeySchema)], errors: [400, 401, 403],
  },
  {
    method: 'delete', path: '/integration-keys/:id', operationId: 'revokeIntegrationKey', tags: ['integration-keys'], auth: 'session', roles: ADMIN,
    summary: { vi: 'Thu hồi khóa tích hợp', en: 'Revoke an integration key' },
    params: id, responses: [ok(api.IntegrationKeySchema)], errors: [401, 403, 404],
  },

  // ---- the public waiting-room screen (public-screen.routes) ----------------
  {
    method: 'get', path: '/public/screens/:code', operationId: 'getPublicScreen', tags: ['stats'], auth: 'public',
    summary: { vi: 'Số liệu công khai cho màn hình phòng chờ (không có dữ liệu cá nhân)', en: 'Public figures for the waiting-room screen (no personal data)' },
    params: api.ScreenCodeParamsSchema,
    responses: [ok(api.PublicScreenSchema)], errors: [400, 403, 404],
  },

  // ---- this documentation ---------------------------------------------------
  {
    method: 'get', path: '/openapi.json', operationId: 'getOpenApiDocument', tags: ['docs'], auth: 'public',
    summary: { vi: 'Tài liệu OpenAPI 3.1 này (JSON)', en: 'This OpenAPI 3.1 document (JSON)' },
    responses: [{ status: 200, schema: z.record(z.string(), z.unknown()), description: { vi: 'Tài liệu OpenAPI', en: 'The OpenAPI document' } }], errors: [],
  },
  {
    method: 'get', path: '/docs', operationId: 'getApiDocs', tags: ['docs'], auth: 'public',
    summary: { vi: 'Trang tài liệu API dễ đọc', en: 'The readable API documentation page' },
    responses: [{ status: 200, contentType: 'text/html', schema: z.string(), description: { vi: 'Trang HTML', en: 'HTML page' } }], errors: [],
  },
  {
    method: 'get', path: '/docs/style.css', operationId: 'getApiDocsStyle', tags: ['docs'], auth: 'public',
    summary: { vi: 'Kiểu trình bày của trang tài liệu', en: 'The documentation page style sheet' },
    responses: [{ status: 200, contentType: 'text/css', schema: z.string(), description: { vi: 'CSS', en: 'CSS' } }], errors: [],
  },
];

/** `/devices/:id` → `/devices/{id}`. */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * The realtime side of this table: who may be in each socket.io room.
 * test/integration/access-matrix.test.ts checks every room against every
 * kind of caller. `joined`: on connect (the server puts the socket there) or
 * by `dashboard:subscribe` (asked for, checked by permissions.ts).
 * `ownUnitOnly`: a unit head only for their own unit's unit / counter.
 */
export interface SocketRoomRule {
  namespace: '/dashboard' | '/kiosk' | '/screen';
  /** The room name with `<id>` for the record's id. */
  room: 'org:<id>' | 'unit:<id>' | 'sp:<id>' | 'device:<id>';
  /** `public`: anyone (the waiting-room screen, handshake `auth: { code }` of a screen that is switched on). */
  auth: 'session' | 'device' | 'public';
  /** For `session`: the roles allowed (default: every role). */
  roles?: readonly Role[];
  joined: 'on-connect' | 'subscribe';
  ownUnitOnly?: boolean;
}

export const SOCKET_ROOMS: SocketRoomRule[] = [
  { namespace: '/dashboard', room: 'org:<id>', auth: 'session', roles: ADMINS, joined: 'on-connect' },
  { namespace: '/dashboard', room: 'unit:<id>', auth: 'session', roles: ['unit-head'], joined: 'on-connect', ownUnitOnly: true },
  { namespace: '/dashboard', room: 'unit:<id>', auth: 'session', joined: 'subscribe', ownUnitOnly: true },
  { namespace: '/dashboard', room: 'sp:<id>', auth: 'session', joined: 'subscribe', ownUnitOnly: true },
  { namespace: '/kiosk', room: 'device:<id>', auth: 'device', joined: 'on-connect' },
  { namespace: '/kiosk', room: 'sp:<id>', auth: 'device', joined: 'on-connect' },
  { namespace: '/kiosk', room: 'org:<id>', auth: 'device', joined: 'on-connect' },
  // The waiting-room screen: public, carries only the PublicScreen DTO (realtime/screen.handlers.ts).
  { namespace: '/screen', room: 'org:<id>', auth: 'public', joined: 'on-connect' },
  { namespace: '/screen', room: 'unit:<id>', auth: 'public', joined: 'on-connect' },
];
