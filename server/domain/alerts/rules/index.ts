/**
 * Every alert rule, in the order the engine asks them and their settings
 * are listed. A new rule is one file in this folder and one line here (plus
 * its key in shared/realtime-events.ts and its texts in shared/i18n/alerts.ts,
 * which the compiler asks for).
 */
import type { AlertRuleKey } from '../../../../shared/realtime-events';
import { burst } from './burst';
import { kioskSilent } from './kiosk-silent';
import { lowRatingComment } from './low-rating-comment';
import { lowSatisfaction } from './low-satisfaction';
import type { AnyAlertRule } from './rule';
import { suspiciousTopRatings } from './suspicious-top-ratings';

export const ALERT_RULES = [lowSatisfaction, lowRatingComment, kioskSilent, burst, suspiciousTopRatings] as const;

/** The list as the engine walks it, each rule with its own settings. */
export const RULES: readonly AnyAlertRule[] = ALERT_RULES;

const byKey = new Map<AlertRuleKey, AnyAlertRule>(RULES.map((r) => [r.key, r]));

export function ruleByKey(key: AlertRuleKey): AnyAlertRule | undefined {
  return byKey.get(key);
}

export type { AnyAlertRule, Decision } from './rule';
