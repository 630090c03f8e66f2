/**
 * The texts of alerts, Vietnamese first. An alert's message is written once,
 * when it is raised, in both languages (records, webhook payloads and pushes
 * all carry `{ vi, en }`), so a reader in either language sees the same alert.
 * The English catalog is typed from the Vietnamese one, and every rule of
 * `ALERT_RULE_KEYS` must have a message, so a missing text is a compile error
 * as well as a lint finding. `{name}` marks a value filled in.
 */
import type { AlertRuleKey } from '../realtime-events';

const vi = {
  /** One sentence per rule; `{where}` is the place's label below or a counter "Name (code)". */
  rules: {
    'low-satisfaction': 'Mức hài lòng của {where} thấp hơn hẳn mục tiêu {target}: {rate} ({s}/{n}) trong {windowDays} ngày qua',
    'low-rating-comment': 'Đánh giá {overall}/5 kèm góp ý tại {where}: “{comment}”',
    'kiosk-silent': 'Kiosk “{deviceName}” tại {where} mất kết nối {minutesSilent} phút trong giờ làm việc',
    burst: '{count} lượt đánh giá trong {windowSeconds} giây từ {source} tại {where} (ngưỡng {maxRatings})',
    'suspicious-top-ratings': '{count} lượt “Rất hài lòng” trong {windowSeconds} giây tại {where} khi ngoài giờ làm việc hoặc không có công chức trực',
  } satisfies Record<AlertRuleKey, string>,
  /** Where a burst came from. */
  source: {
    kiosk: 'một kiosk',
    qr: 'mã QR của quầy',
  },
  place: {
    officer: 'công chức {name}',
  },
};

export type AlertMessages = typeof vi;

const en: AlertMessages = {
  rules: {
    'low-satisfaction': 'Satisfaction at {where} is significantly below the {target} target: {rate} ({s}/{n}) over the last {windowDays} days',
    'low-rating-comment': 'A {overall}/5 rating with a comment at {where}: “{comment}”',
    'kiosk-silent': 'Kiosk “{deviceName}” at {where} silent for {minutesSilent} minutes during opening hours',
    burst: '{count} ratings within {windowSeconds} s from {source} at {where} (limit {maxRatings})',
    'suspicious-top-ratings': '{count} “very satisfied” ratings within {windowSeconds} s at {where} outside opening hours or with no officer on duty',
  },
  source: {
    kiosk: 'one kiosk',
    qr: 'the counter QR link',
  },
  place: {
    officer: 'officer {name}',
  },
};

export const alertMessages = { vi, en };
