/**
 * The presenters of server/http/dto.ts: what they let through and what they
 * keep back, and that their output is what the shared/api schemas describe.
 */
import { describe, expect, it } from 'vitest';
import {
  toAlertDetail,
  toBatchResult,
  toDeviceDto,
  toIntegrationKeyDto,
  toCreatedIntegrationKeyDto,
  toOfficerDto,
  toOrganisationDto,
  toPublicAlertRules,
  toResponseList,
  toUserDto,
  toWebhookDeliveryList,
} from '../../server/http/dto';
import {
  AlertDetailSchema,
  AlertRulesSchema,
  BatchResultSchema,
  CreatedIntegrationKeySchema,
  DeviceSchema,
  ErrorEnvelopeSchema,
  IntegrationKeySchema,
  OfficerSchema,
  OrganisationSchema,
  PublicAlertRulesSchema,
  ResponseListSchema,
  StatsQuerySchema,
  UserSchema,
  WebhookDeliveryListSchema,
  errorEnvelope,
} from '../../shared/api';
import type { StoredResponse } from '../../server/store/types';
import type { AlertView } from '../../shared/realtime-events';

const stored: StoredResponse = {
  id: '6f1c1d7e-2a8b-4c3d-9e0f-1a2b3c4d5e6f',
  orgId: 'org-main',
  unitId: 'unit-a',
  servicePointId: 'sp-t1',
  deviceId: 'dev-t1',
  officerId: 'off-1',
  procedureId: null,
  surveyVersionId: 'sipas-v1',
  channel: 'kiosk',
  verified: true,
  outsideHours: false,
  locale: 'vi',
  overall: 2,
  answers: { O: 2, reasons: ['A', 'other'] },
  comment: 'Phải chờ quá lâu',
  clientTime: '2026-01-15T02:30:00.000Z',
  serverTime: '2026-01-15T02:30:01.000Z',
  bodyHash: 'f'.repeat(64),
  excluded: null,
};

const alert: AlertView = {
  id: 'al-1',
  orgId: 'org-main',
  rule: 'low-rating-comment',
  scope: { kind: 'response', id: stored.id },
  unitId: 'unit-a',
  servicePointId: 'sp-t1',
  severity: 'warning',
  state: 'acknowledged',
  message: { vi: 'Đánh giá thấp kèm góp ý', en: 'Low rating with a comment' },
  facts: { overall: 2 },
  openedAt: '2026-01-15T02:30:02.000Z',
  acknowledged: { by: 'admin@test.local', at: '2026-01-15T03:00:00.000Z' },
  resolved: null,
  version: 2,
  updatedAt: '2026-01-15T03:00:00.000Z',
};

describe('response list items', () => {
  it('never carry the body hash, and keep every other field and its order', () => {
    const list = toResponseList([stored]);
    expect(list.items[0]).not.toHaveProperty('bodyHash');
    const { bodyHash: _h, ...rest } = stored;
    // `suspect` and `handled` are always present on the wire (null for a row stored before they existed / never handled).
    expect(JSON.stringify(list.items[0])).toBe(JSON.stringify({ ...rest, suspect: null, handled: null }));
    expect(ResponseListSchema.parse(list)).toEqual(list);
  });
});

describe('config records', () => {
  it('drop fields the contract does not name (a password hash never leaves)', () => {
    const user = { id: 'u1', orgId: 'org-main', email: 'a@b.vn', name: 'A', role: 'admin' as const, unitId: null, passwordHash: 'scrypt$…', disabled: false };
    const dto = toUserDto(user);
    expect(dto).not.toHaveProperty('passwordHash');
    expect(UserSchema.parse(dto)).toEqual(dto);
  });

  it('keep the source key order, so the JSON is what the route sent before', () => {
    // Seeded officers list `active` before `title`; the bytes must not move.
    const officer = { id: 'off-lan', orgId: 'org-main', unitId: 'unit-a', name: 'Nguyễn Thị Lan', active: true, title: { vi: 'Chuyên viên', en: 'Officer' } };
    expect(JSON.stringify(toOfficerDto(officer))).toBe(JSON.stringify(officer));
    expect(OfficerSchema.parse(officer)).toBeTruthy();
  });

  it('leave an absent optional field absent', () => {
    const org = {
      id: 'org-main',
      name: { vi: 'Cơ quan', en: 'Office' },
      shortName: undefined,
      target: 0.85,
      minSample: 30,
      indexMethod: 'mean-of-criteria' as const,
      headlineVerifiedOnly: true,
      activeSurveyVersionId: null,
      kiosk: { idleSeconds: 20, minGapSeconds: 5 },
    };
    const dto = toOrganisationDto(org);
    expect(JSON.stringify(dto)).toBe(JSON.stringify(org));
    expect(OrganisationSchema.parse(dto)).toEqual(JSON.parse(JSON.stringify(org)));
  });
});

describe('devices and integration keys', () => {
  it('a device shows its state and status, never hashes', () => {
    const dto = toDeviceDto({
      id: 'dev-t1',
      orgId: 'org-main',
      servicePointId: 'sp-t1',
      name: 'Kiosk T1',
      state: 'enrolled',
      enrolmentExpiresAt: null,
      enrolledAt: '2026-01-15T00:00:00.000Z',
      revokedAt: null,
      lastSeenAt: null,
      status: undefined,
      ...({ tokenHash: 'x' } as object),
    });
    expect(dto).not.toHaveProperty('tokenHash');
    expect(dto.status).toBeNull();
    expect(DeviceSchema.parse(dto)).toEqual(dto);
  });

  it('an integration key is listed without its hash; the key itself only on creation', () => {
    const record = {
      id: 'k1',
      orgId: 'org-main',
      name: 'Hệ thống một cửa tỉnh',
      prefix: 'hlk_abcdef',
      keyHash: 'h'.repeat(64),
      createdAt: '2026-01-15T00:00:00.000Z',
      createdBy: 'admin@test.local',
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    };
    const listed = toIntegrationKeyDto(record);
    expect(listed).not.toHaveProperty('keyHash');
    expect(IntegrationKeySchema.parse(listed)).toEqual(listed);
    const created = toCreatedIntegrationKeyDto(record, 'hlk_abcdef123');
    expect(created.key).toBe('hlk_abcdef123');
    expect(CreatedIntegrationKeySchema.parse(created)).toEqual(created);
  });
});

describe('alerts', () => {
  it('the rule settings never show the webhook secret', () => {
    const rules = AlertRulesSchema.parse({ webhook: { url: 'https://example.vn/hook', secret: 's'.repeat(20) } });
    const shown = toPublicAlertRules(rules);
    expect(JSON.stringify(shown)).not.toContain('s'.repeat(20));
    expect(shown.webhook.secretSet).toBe(true);
    expect(PublicAlertRulesSchema.parse(shown)).toEqual(shown);
  });

  it('an alert comes with its history; deliveries without the signed body', () => {
    const detail = toAlertDetail(alert, [{ ...alert, version: 1, state: 'open', acknowledged: null, updatedAt: alert.openedAt }, alert]);
    expect(detail.history.map((h) => h.state)).toEqual(['open', 'acknowledged']);
    expect(AlertDetailSchema.parse(detail)).toEqual(detail);
    const deliveries = toWebhookDeliveryList([
      { id: 'al-1:1', orgId: 'org-main', alertId: 'al-1', event: 'opened', url: 'https://example.vn/hook', body: '{"secret":"body"}', status: 'delivered', attempts: [], nextAttemptAt: null, createdAt: alert.openedAt },
    ]);
    expect(deliveries.items[0]).not.toHaveProperty('body');
    expect(WebhookDeliveryListSchema.parse(deliveries)).toEqual(deliveries);
  });
});

describe('batch results and errors', () => {
  it('a batch answer is what the contract says, statuses included', () => {
    const answer = toBatchResult([
      { index: 0, id: 'a', status: 'stored' },
      { index: 1, id: null, status: 'invalid', error: { code: 'invalid-input', message: 'Some fields are invalid: id', details: [{ path: 'id', message: 'Invalid UUID' }] } },
    ]);
    expect(BatchResultSchema.parse(answer)).toEqual(answer);
    expect(() => BatchResultSchema.parse({ results: [{ index: 0, id: null, status: 'lost' }] })).toThrow();
  });

  it('the error envelope is { error: { code, message, details? } }', () => {
    const e = errorEnvelope('not-found', 'No such device');
    expect(e).toEqual({ error: { code: 'not-found', message: 'No such device' } });
    expect(ErrorEnvelopeSchema.parse(e)).toEqual(e);
  });
});

describe('request schemas', () => {
  it('the stats query keeps its defaults and bounds', () => {
    expect(StatsQuerySchema.parse({})).toMatchObject({ bucket: 'day', groupBy: 'servicePointId' });
    expect(StatsQuerySchema.safeParse({ channel: 'fax' }).success).toBe(false);
    expect(StatsQuerySchema.safeParse({ from: '2026-01-15' }).success).toBe(true);
  });
});
