/**
 * Alerts and their rules.
 *   GET /alert-rules · PUT /alert-rules (admin) — the webhook secret is never returned
 *   GET /alerts · GET /alerts/:id (with history) · POST /alerts/:id/ack | resolve
 *   GET /alerts/:id/deliveries — the webhook delivery log
 * AlertView is also what the dashboard socket pushes (shared/realtime-events.ts
 * keeps its interface for type-only importers; checked equal below).
 */
import { z } from 'zod';
import { ALERT_RULE_KEYS, type AlertRuleKey, type AlertView as AlertViewType } from '../realtime-events';
import { DateOrTimeSchema, IntervalSchema, IsoTimeSchema, TargetStatusSchema, type Assert, type Same } from './common';

export const AlertRuleKeySchema = z.enum(ALERT_RULE_KEYS as [AlertRuleKey, ...AlertRuleKey[]]).meta({ id: 'AlertRuleKey' });
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export const AlertStateSchema = z.enum(ALERT_STATES).meta({ id: 'AlertState' });
export const ALERT_SCOPE_KINDS = ['org', 'unit', 'sp', 'officer', 'device', 'response', 'source'] as const;

export const AlertViewSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    rule: AlertRuleKeySchema,
    scope: z.object({ kind: z.enum(ALERT_SCOPE_KINDS), id: z.string() }),
    /** The unit concerned (null for the organisation). */
    unitId: z.string().nullable(),
    servicePointId: z.string().nullable(),
    /** The officer the alert is about (its scope, or the officer on duty for a rating), with their display name; absent on alerts raised before names were kept. */
    officer: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
    severity: z.enum(['warning', 'critical']),
    state: AlertStateSchema,
    /** Short human text, both languages. */
    message: z.object({ vi: z.string(), en: z.string() }),
    /** The figures that raised it (rate, n, interval, counts, minutes silent…). */
    facts: z.record(z.string(), z.unknown()),
    openedAt: IsoTimeSchema,
    acknowledged: z.object({ by: z.string(), at: IsoTimeSchema, note: z.string().optional() }).nullable(),
    resolved: z.object({ by: z.string(), at: IsoTimeSchema, auto: z.boolean(), reason: z.string(), note: z.string().optional() }).nullable(),
    /** Increases with every change; the newest version wins. */
    version: z.number().int(),
    updatedAt: IsoTimeSchema,
  })
  .meta({ id: 'Alert' });
export type AlertView = z.infer<typeof AlertViewSchema>;

/** `active` = open or acknowledged. */
export const ALERT_STATE_FILTERS = ['open', 'acknowledged', 'resolved', 'active', 'all'] as const;

export const AlertListQuerySchema = z.object({
  state: z.enum(ALERT_STATE_FILTERS).default('all'),
  rule: AlertRuleKeySchema.optional(),
  unitId: z.string().max(64).optional(),
  /** The counter the alert is at (its own, or its kiosk's / rating's). */
  servicePointId: z.string().max(64).optional(),
  /** Opened within [from, to]: a Vietnam day (YYYY-MM-DD; `to` counts the whole day) or an ISO time. */
  from: DateOrTimeSchema.optional(),
  to: DateOrTimeSchema.optional(),
  /** `true` adds `figures`: each alert's scope's n and rate against the target now. */
  figures: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AlertListQuery = z.infer<typeof AlertListQuerySchema>;

/** The figures of the scope an alert is about, over the low-satisfaction rule's window ending now. */
export const AlertFiguresSchema = z
  .object({
    /** The scope the figures are for: the alert's own, or the counter / officer it happened at. */
    scope: z.object({ kind: z.enum(['org', 'unit', 'sp', 'officer']), id: z.string() }),
    windowDays: z.number().int(),
    n: z.number().int(),
    s: z.number().int(),
    rate: z.number().nullable(),
    interval: IntervalSchema.nullable(),
    target: z.number(),
    status: TargetStatusSchema,
  })
  .meta({ id: 'AlertFigures' });
export type AlertFigures = z.infer<typeof AlertFiguresSchema>;

export const AlertListSchema = z
  .object({
    items: z.array(AlertViewSchema),
    /** The offset to continue from; null at the end. */
    next: z.number().int().nullable(),
    /** With `figures=true`: per alert id, its scope's figures (absent when the alert has no such scope). */
    figures: z.record(z.string(), AlertFiguresSchema).optional(),
  })
  .meta({ id: 'AlertList' });
export type AlertList = z.infer<typeof AlertListSchema>;

export const AlertHistoryEntrySchema = z
  .object({
    version: z.number().int(),
    state: AlertStateSchema,
    at: IsoTimeSchema,
    acknowledged: AlertViewSchema.shape.acknowledged,
    resolved: AlertViewSchema.shape.resolved,
  })
  .meta({ id: 'AlertHistoryEntry' });
export type AlertHistoryEntry = z.infer<typeof AlertHistoryEntrySchema>;

export const AlertDetailSchema = AlertViewSchema.extend({ history: z.array(AlertHistoryEntrySchema) }).meta({ id: 'AlertDetail' });
export type AlertDetail = z.infer<typeof AlertDetailSchema>;

/** POST /alerts/:id/ack | resolve; the body may be empty. */
export const AlertActionBodySchema = z.object({ note: z.string().trim().max(500).optional() }).default({}).meta({ id: 'AlertActionBody' });
export type AlertActionBody = z.infer<typeof AlertActionBodySchema>;

export const WebhookAttemptSchema = z.object({
  n: z.number().int(),
  at: IsoTimeSchema,
  /** HTTP status, or null when no answer came (network error, timeout). */
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  ms: z.number(),
});

/** One delivery per alert change; the signed body itself is not listed. */
export const WebhookDeliverySchema = z
  .object({
    /** `<alert id>:<alert version>`, or `test:<uuid>` for a test event. */
    id: z.string(),
    orgId: z.string(),
    /** Empty for a test event. */
    alertId: z.string(),
    event: z.string(),
    url: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.array(WebhookAttemptSchema),
    nextAttemptAt: z.string().nullable(),
    createdAt: IsoTimeSchema,
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookDeliveryListSchema = z.object({ items: z.array(WebhookDeliverySchema) }).meta({ id: 'WebhookDeliveryList' });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryListSchema>;

/** GET /webhook-deliveries: the office's latest deliveries, newest first. */
export const WebhookDeliveriesQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).meta({ id: 'WebhookDeliveriesQuery' });
export type WebhookDeliveriesQuery = z.infer<typeof WebhookDeliveriesQuerySchema>;

// ---- rule settings -----------------------------------------------------------

export const ALERT_RULE_SCOPE_KINDS = ['org', 'unit', 'sp', 'officer'] as const;
export const ALERT_CHANGES = ['opened', 'acknowledged', 'resolved'] as const;
/**
 * Every event a webhook receives (the X-HaiLong-Event header): the alert
 * changes above, `report.ready` when a monthly draft report has been
 * prepared (issue 13; sent whenever a webhook is set up), and `webhook.test`
 * from the console's "send a test event".
 */
export const WEBHOOK_EVENT_NAMES = ['alert.opened', 'alert.acknowledged', 'alert.resolved', 'report.ready', 'webhook.test'] as const;

/**
 * The events a webhook may subscribe to (`webhook.events`). One list for the
 * contract and the engine (server/domain/alerts/alert-rules.ts reads it): a
 * new event is one more entry here. Alert changes are named by the change
 * (`opened` is sent as `alert.opened`).
 */
export const WEBHOOK_EVENTS = [...ALERT_CHANGES] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const enabled = z.boolean().default(true);
const webhookUrl = z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null);
const webhookEvents = z.array(z.enum(WEBHOOK_EVENTS)).max(WEBHOOK_EVENTS.length).default([...ALERT_CHANGES]);

/**
 * The per-organisation rule settings, with their defaults. This is the wire
 * contract; the alert engine's own schema (server/domain/alerts/alert-rules.ts)
 * must stay equal to it (checked at compile time in server/http/dto.ts).
 */
const ruleSettings = {
  /** (a) Satisfaction significantly below target over a rolling window. */
  lowSatisfaction: z
    .object({
      enabled,
      windowDays: z.number().int().min(1).max(92).default(7),
      /** Null follows the organisation's target / minimum sample. */
      target: z.number().min(0.5).max(1).nullable().default(null),
      minSample: z.number().int().min(1).max(1_000_000).nullable().default(null),
      /** Clears only when the rate is back to target − clearMargin (hysteresis). */
      clearMargin: z.number().min(0).max(0.25).default(0.02),
      scopes: z.array(z.enum(ALERT_RULE_SCOPE_KINDS)).max(4).default([...ALERT_RULE_SCOPE_KINDS]),
    })
    .prefault({}),
  /** (b) A very dissatisfied rating (≤ maxScore) that came with a comment. */
  lowRatingComment: z.object({ enabled, maxScore: z.number().int().min(1).max(3).default(2) }).prefault({}),
  /** (c) A kiosk silent (no heartbeat) for longer than `minutes` while its counter is open. */
  kioskSilent: z.object({ enabled, minutes: z.number().int().min(1).max(24 * 60).default(15) }).prefault({}),
  /** (d) More than `maxRatings` from one kiosk or counter link within `windowSeconds`. */
  burst: z
    .object({ enabled, maxRatings: z.number().int().min(2).max(100_000).default(20), windowSeconds: z.number().int().min(5).max(3600).default(60) })
    .prefault({}),
  /** (d') `count` ratings of 5 from one kiosk within `windowSeconds` while no dossier can be being served. */
  suspiciousTopRatings: z
    .object({ enabled, count: z.number().int().min(2).max(10_000).default(8), windowSeconds: z.number().int().min(10).max(24 * 3600).default(300) })
    .prefault({}),
};

/** The stored settings (with the webhook secret): what the engine reads. */
export const AlertRulesSchema = z.object({
  ...ruleSettings,
  /** Optional delivery of every alert change to a webhook, HMAC-SHA256 signed. */
  webhook: z
    .object({ url: webhookUrl, secret: z.string().min(16).max(256).nullable().default(null), events: webhookEvents })
    .prefault({})
    .refine((w) => !w.url || !!w.secret, { message: 'a webhook needs a secret (16+ characters) to sign with', path: ['secret'] }),
});
export type AlertRules = z.infer<typeof AlertRulesSchema>;

/** PUT /alert-rules: the same shape; an absent `webhook.secret` keeps the stored one, null removes it. */
export const AlertRulesInputSchema = AlertRulesSchema.extend({
  webhook: z.object({ url: webhookUrl, secret: z.string().min(16).max(256).nullable().optional(), events: webhookEvents }).prefault({}),
}).meta({ id: 'AlertRulesInput' });
export type AlertRulesInput = z.infer<typeof AlertRulesInputSchema>;

/** GET and PUT answer the settings without the secret, saying only whether one is set. */
export const PublicAlertRulesSchema = z
  .object({
    lowSatisfaction: ruleSettings.lowSatisfaction.unwrap(),
    lowRatingComment: ruleSettings.lowRatingComment.unwrap(),
    kioskSilent: ruleSettings.kioskSilent.unwrap(),
    burst: ruleSettings.burst.unwrap(),
    suspiciousTopRatings: ruleSettings.suspiciousTopRatings.unwrap(),
    webhook: z.object({ url: z.string().nullable(), events: z.array(z.enum(WEBHOOK_EVENTS)), secretSet: z.boolean() }),
  })
  .meta({ id: 'AlertRules' });
export type PublicAlertRules = z.infer<typeof PublicAlertRulesSchema>;

// ---- rule preview ------------------------------------------------------------

/** How far back a rule preview replays. */
export const PREVIEW_DAYS = 7;

/**
 * POST /alert-rules/preview: one rule's settings as being edited (not yet
 * saved), replayed over the last 7 days of stored ratings. `settings` is
 * checked against that rule's own settings (defaults fill what is left out).
 */
export const AlertRulePreviewBodySchema = z
  .object({ rule: AlertRuleKeySchema, settings: z.record(z.string(), z.unknown()).default({}) })
  .meta({ id: 'AlertRulePreviewBody' });
export type AlertRulePreviewBody = z.infer<typeof AlertRulePreviewBodySchema>;

export const WouldBeAlertSchema = z.object({
  scope: z.object({ kind: z.enum(ALERT_SCOPE_KINDS), id: z.string() }),
  /** When it would have been raised. */
  at: IsoTimeSchema,
  unitId: z.string().nullable(),
  servicePointId: z.string().nullable(),
  /** Where, both languages (a counter "Name (code)", a unit, an officer). */
  where: z.object({ vi: z.string(), en: z.string() }),
  message: z.object({ vi: z.string(), en: z.string() }),
  /** The figures at that moment (as an alert's `facts`). */
  facts: z.record(z.string(), z.unknown()),
  /** When it would have cleared by itself; null while it would still be open. */
  clearedAt: IsoTimeSchema.nullable(),
});
export type WouldBeAlert = z.infer<typeof WouldBeAlertSchema>;

export const AlertRulePreviewSchema = z
  .object({
    rule: AlertRuleKeySchema,
    from: IsoTimeSchema,
    to: IsoTimeSchema,
    /** False when the rule cannot be replayed from stored ratings (a kiosk's silence). */
    supported: z.boolean(),
    items: z.array(WouldBeAlertSchema),
    /** True when more would have fired than are listed. */
    truncated: z.boolean(),
  })
  .meta({ id: 'AlertRulePreview' });
export type AlertRulePreview = z.infer<typeof AlertRulePreviewSchema>;

// ---- webhook test ------------------------------------------------------------

/** POST /alert-rules/webhook-test: answers once the first attempt is done (delivered, or failed and queued for retry). */
export const WebhookTestResultSchema = z
  .object({ delivery: WebhookDeliverySchema })
  .meta({ id: 'WebhookTestResult' });
export type WebhookTestResult = z.infer<typeof WebhookTestResultSchema>;

export type _AlertViewMatches = Assert<Same<AlertView, AlertViewType>>;
