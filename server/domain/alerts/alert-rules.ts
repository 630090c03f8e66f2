/**
 * Alert rules: the per-organisation settings (stored as one `alertRules`
 * entity, defaults when none) and the pure decisions each rule makes. The
 * engine feeds these functions figures read from the store; they never touch
 * the store themselves, so the boundaries are unit-tested exactly.
 *
 * Every condition rule answers `raise`, `clear` or `hold`. The band between
 * raising and clearing is the hysteresis that keeps a flapping value from
 * opening and closing alerts: an open alert stays open on `hold`, and a new
 * one is not raised on `hold`.
 */
import { z } from 'zod';
import { statusAgainst } from '../../../shared/satisfaction';
import type { OpeningHours } from '../entities';
import { isOpenAt } from '../opening-hours';

const enabled = z.boolean().default(true);

export const ALERT_SCOPE_KINDS = ['org', 'unit', 'sp', 'officer'] as const;
export const ALERT_CHANGES = ['opened', 'acknowledged', 'resolved'] as const;

export const AlertRulesSchema = z.object({
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
      scopes: z.array(z.enum(ALERT_SCOPE_KINDS)).max(4).default([...ALERT_SCOPE_KINDS]),
    })
    .prefault({}),
  /** (b) A very dissatisfied rating (≤ maxScore) that came with a comment. */
  lowRatingComment: z
    .object({
      enabled,
      maxScore: z.number().int().min(1).max(3).default(2),
    })
    .prefault({}),
  /** (c) A kiosk silent (no heartbeat) for longer than `minutes` while its counter is open. */
  kioskSilent: z
    .object({
      enabled,
      minutes: z.number().int().min(1).max(24 * 60).default(15),
    })
    .prefault({}),
  /** (d) More than `maxRatings` from one kiosk or counter link within `windowSeconds`. */
  burst: z
    .object({
      enabled,
      maxRatings: z.number().int().min(2).max(100_000).default(20),
      windowSeconds: z.number().int().min(5).max(3600).default(60),
    })
    .prefault({}),
  /**
   * (d') `count` ratings of 5 from one kiosk within `windowSeconds` while no
   * dossier can be being served: outside opening hours or no officer on duty.
   */
  suspiciousTopRatings: z
    .object({
      enabled,
      count: z.number().int().min(2).max(10_000).default(8),
      windowSeconds: z.number().int().min(10).max(24 * 3600).default(300),
    })
    .prefault({}),
  /** Optional delivery of every alert change to a webhook, HMAC-SHA256 signed. */
  webhook: z
    .object({
      url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
      secret: z.string().min(16).max(256).nullable().default(null),
      events: z.array(z.enum(ALERT_CHANGES)).max(3).default([...ALERT_CHANGES]),
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
      events: z.array(z.enum(ALERT_CHANGES)).max(3).default([...ALERT_CHANGES]),
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

export type Decision = 'raise' | 'clear' | 'hold';

/**
 * (a) SIPAS §4: only *significantly below* raises (Wilson upper bound below
 * target with at least `minSample` answers). It clears when the window's rate
 * is back within `clearMargin` of the target, or when the window is empty;
 * anything in between holds. 100/120 against 85% is only *below*: no alert.
 */
export function lowSatisfactionDecision(s: number, n: number, target: number, minSample: number, clearMargin: number): Decision {
  if (n <= 0) return 'clear';
  if (statusAgainst(s, n, target, minSample) === 'significantly-below') return 'raise';
  return s / n >= target - clearMargin - 1e-12 ? 'clear' : 'hold';
}

/** (b) A rating of 1..maxScore with a non-empty comment. */
export function isLowRatingWithComment(r: { overall: number | null; comment: string | null }, maxScore: number): boolean {
  return r.overall !== null && r.overall >= 1 && r.overall <= maxScore && !!r.comment && r.comment.trim().length > 0;
}

/**
 * (c) Silent = no heartbeat (or, never seen, no enrolment) for longer than
 * `minutes`, with the counter open both now and `minutes` ago: so a kiosk
 * switched on shortly after opening, or after the lunch break, is not
 * alarmed. An open alert clears once the kiosk is heard from again after it
 * was raised.
 */
export function kioskSilenceDecision(input: {
  now: number;
  lastSeenAt: number | null;
  enrolledAt: number | null;
  hours: OpeningHours;
  minutes: number;
  /** When the open alert was raised, if there is one. */
  openSince?: number | null;
}): Decision {
  const { now, lastSeenAt, hours } = input;
  if (input.openSince != null) return lastSeenAt !== null && lastSeenAt > input.openSince ? 'clear' : 'hold';
  const since = lastSeenAt ?? input.enrolledAt;
  if (since === null) return 'hold';
  const limit = input.minutes * 60_000;
  return now - since > limit && isOpenAt(hours, now) && isOpenAt(hours, now - limit) ? 'raise' : 'hold';
}

/** (d) More than `maxRatings` in the window raises; at most half of it clears. */
export function burstDecision(recent: number, maxRatings: number): Decision {
  if (recent > maxRatings) return 'raise';
  return recent <= Math.floor(maxRatings / 2) ? 'clear' : 'hold';
}

/** (d') A top rating while no dossier can be being served: outside hours or nobody on duty. */
export function isUnservedTopRating(r: { overall: number | null; outsideHours: boolean; officerId: string | null }): boolean {
  return r.overall === 5 && (r.outsideHours || r.officerId === null);
}

/** (d') `count` unserved top ratings in the window raise; none at all clears. */
export function suspiciousTopDecision(unservedTop: number, count: number): Decision {
  if (unservedTop >= count) return 'raise';
  return unservedTop === 0 ? 'clear' : 'hold';
}

/** Delay before retry `attempt` + 1 (attempt counts from 1), or null when no retry is left. */
export function retryDelay(attempt: number, backoffMs: readonly number[]): number | null {
  return attempt >= 1 && attempt <= backoffMs.length ? backoffMs[attempt - 1] : null;
}
