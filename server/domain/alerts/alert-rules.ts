/**
 * An organisation's alert settings (stored as one `alertRules` entity,
 * defaults when none): each rule's own settings, from the rule's file in
 * ./rules and keyed by it, then the webhook. The rules themselves — what
 * they watch and decide — are in ./rules, one file each.
 */
import { z } from 'zod';
import { ALERT_RULES } from './rules';
import { ALERT_CHANGES, WEBHOOK_EVENTS } from '../../../shared/api/alerts';

export { ALERT_CHANGES, WEBHOOK_EVENTS };
export { ALERT_SCOPE_KINDS } from './rules/low-satisfaction';

type RuleSettingsShape = { [R in (typeof ALERT_RULES)[number] as R['settingsKey']]: R['settings'] };
const ruleSettings = Object.fromEntries(ALERT_RULES.map((r) => [r.settingsKey, r.settings])) as RuleSettingsShape;

export const AlertRulesSchema = z.object({
  ...ruleSettings,
  /** Optional delivery of every alert change to a webhook, HMAC-SHA256 signed. */
  webhook: z
    .object({
      url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
      secret: z.string().min(16).max(256).nullable().default(null),
      events: z.array(z.enum(WEBHOOK_EVENTS)).max(WEBHOOK_EVENTS.length).default([...ALERT_CHANGES]),
    })
    .prefault({})
    .refine((w) => !w.url || !!w.secret, { message: 'a webhook needs a secret (16+ characters) to sign with', path: ['secret'] }),
});
export type AlertRules = z.infer<typeof AlertRulesSchema>;

/**
 * The PUT body: the same shape; an absent `webhook.secret` keeps the stored
 * one (GET never returns it), null removes it.
 */
export const AlertRulesInputSchema = AlertRulesSchema.extend({
  webhook: z
    .object({
      url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
      secret: z.string().min(16).max(256).nullable().optional(),
      events: z.array(z.enum(WEBHOOK_EVENTS)).max(WEBHOOK_EVENTS.length).default([...ALERT_CHANGES]),
    })
    .prefault({}),
});
export type AlertRulesInput = z.infer<typeof AlertRulesInputSchema>;

export const defaultAlertRules = (): AlertRules => AlertRulesSchema.parse({});

/** A PUT body over the stored rules: the stored secret stays unless the body names one. Validate the result with AlertRulesSchema. */
export function mergeRules(input: AlertRulesInput, stored: AlertRules): unknown {
  const secret = input.webhook.secret === undefined ? stored.webhook.secret : input.webhook.secret;
  return { ...input, webhook: { ...input.webhook, secret } };
}

/** The rules as an API may show them: the secret is never returned. */
export function publicRules(r: AlertRules): Omit<AlertRules, 'webhook'> & { webhook: Omit<AlertRules['webhook'], 'secret'> & { secretSet: boolean } } {
  const { secret, ...webhook } = r.webhook;
  return { ...r, webhook: { ...webhook, secretSet: !!secret } };
}

/** Delay before retry `attempt` + 1 (attempt counts from 1), or null when no retry is left. */
export function retryDelay(attempt: number, backoffMs: readonly number[]): number | null {
  return attempt >= 1 && attempt <= backoffMs.length ? backoffMs[attempt - 1] : null;
}
