import { describe, expect, it } from 'vitest';
import { AlertRulesInputSchema, AlertRulesSchema, defaultAlertRules, mergeRules, publicRules, retryDelay } from '../../server/domain/alerts/alert-rules';
import { burstDecision } from '../../server/domain/alerts/rules/burst';
import { kioskSilenceDecision } from '../../server/domain/alerts/rules/kiosk-silent';
import { isLowRatingWithComment } from '../../server/domain/alerts/rules/low-rating-comment';
import { lowSatisfactionDecision } from '../../server/domain/alerts/rules/low-satisfaction';
import { isUnservedTopRating, suspiciousTopDecision } from '../../server/domain/alerts/rules/suspicious-top-ratings';
import { signBody } from '../../server/domain/alerts/webhook';
import { localMidnight } from '../../shared/periods';
import { DEFAULT_HOURS } from '../../server/domain/opening-hours';

const T = 0.85;
const MIN = 30;

describe('lowSatisfactionDecision (SIPAS.md §5)', () => {
  it('raises no alert for 100/120: below target but not significantly', () => {
    expect(lowSatisfactionDecision(100, 120, T, MIN, 0.02)).not.toBe('raise');
  });

  it('raises for 25/40: the Wilson upper bound 75.78% is under 85% with n ≥ 30', () => {
    expect(lowSatisfactionDecision(25, 40, T, MIN, 0.02)).toBe('raise');
  });

  it('raises nothing when n is under the minimum sample, however low the rate', () => {
    expect(lowSatisfactionDecision(5, 29, T, MIN, 0.02)).toBe('hold');
  });

  it('raises at exactly the minimum sample', () => {
    expect(lowSatisfactionDecision(10, 30, T, MIN, 0.02)).toBe('raise');
  });

  it('holds in the band between significantly below and target − margin', () => {
    // 80/100 = 80%: Wilson upper ≈ 86.9% ≥ 85% (not significant), but under 83%.
    expect(lowSatisfactionDecision(80, 100, T, MIN, 0.02)).toBe('hold');
  });

  it('clears once the rate is back within the margin of the target', () => {
    expect(lowSatisfactionDecision(83, 100, T, MIN, 0.02)).toBe('clear');
  });

  it('clears only at the target itself when the margin is 0', () => {
    expect(lowSatisfactionDecision(84, 100, T, MIN, 0)).toBe('hold');
    expect(lowSatisfactionDecision(85, 100, T, MIN, 0)).toBe('clear');
  });

  it('clears when the window has no answers', () => {
    expect(lowSatisfactionDecision(0, 0, T, MIN, 0.02)).toBe('clear');
  });

  it('follows a 90% target', () => {
    // 100/120: upper 88.94% < 90% → significantly below a 90% target.
    expect(lowSatisfactionDecision(100, 120, 0.9, MIN, 0.02)).toBe('raise');
  });
});

describe('isLowRatingWithComment', () => {
  it('flags a 1 or a 2 with a comment', () => {
    expect(isLowRatingWithComment({ overall: 1, comment: 'Quá chậm' }, 2)).toBe(true);
    expect(isLowRatingWithComment({ overall: 2, comment: 'Thái độ chưa tốt' }, 2)).toBe(true);
  });

  it('ignores a 3 with a comment', () => {
    expect(isLowRatingWithComment({ overall: 3, comment: 'Tạm được' }, 2)).toBe(false);
  });

  it('ignores a 1 without a comment or with only spaces', () => {
    expect(isLowRatingWithComment({ overall: 1, comment: null }, 2)).toBe(false);
    expect(isLowRatingWithComment({ overall: 1, comment: '   ' }, 2)).toBe(false);
  });
});

describe('kioskSilenceDecision', () => {
  // Wednesday 2026-03-04, 10:00 Vietnam time: the default hours are open.
  const wed10 = localMidnight(2026, 3, 4) + 10 * 3600_000;
  const base = { hours: DEFAULT_HOURS, minutes: 15, enrolledAt: wed10 - 30 * 86_400_000 };

  it('raises for a kiosk silent longer than the limit during opening hours', () => {
    expect(kioskSilenceDecision({ ...base, now: wed10, lastSeenAt: wed10 - 16 * 60_000 })).toBe('raise');
  });

  it('holds for a kiosk heard from within the limit', () => {
    expect(kioskSilenceDecision({ ...base, now: wed10, lastSeenAt: wed10 - 14 * 60_000 })).toBe('hold');
  });

  it('holds outside opening hours', () => {
    const wed20 = wed10 + 10 * 3600_000;
    expect(kioskSilenceDecision({ ...base, now: wed20, lastSeenAt: wed20 - 5 * 3600_000 })).toBe('hold');
  });

  it('holds shortly after opening, when the counter was closed `minutes` ago', () => {
    const wed0740 = localMidnight(2026, 3, 4) + 7 * 3600_000 + 40 * 60_000;
    expect(kioskSilenceDecision({ ...base, now: wed0740, lastSeenAt: wed0740 - 14 * 3600_000 })).toBe('hold');
  });

  it('counts from enrolment for a kiosk never heard from', () => {
    expect(kioskSilenceDecision({ ...base, now: wed10, lastSeenAt: null })).toBe('raise');
  });

  it('clears an open alert once the kiosk is heard from after it was raised', () => {
    const openSince = wed10 - 5 * 60_000;
    expect(kioskSilenceDecision({ ...base, now: wed10, lastSeenAt: wed10 - 60_000, openSince })).toBe('clear');
    expect(kioskSilenceDecision({ ...base, now: wed10, lastSeenAt: openSince - 20 * 60_000, openSince })).toBe('hold');
  });
});

describe('burstDecision', () => {
  it('raises above the limit, not at it', () => {
    expect(burstDecision(21, 20)).toBe('raise');
    expect(burstDecision(20, 20)).toBe('hold');
  });

  it('clears at half the limit or less', () => {
    expect(burstDecision(10, 20)).toBe('clear');
    expect(burstDecision(11, 20)).toBe('hold');
  });
});

describe('suspicious top ratings', () => {
  it('counts a 5 made outside opening hours or with nobody on duty', () => {
    expect(isUnservedTopRating({ overall: 5, outsideHours: true, officerId: 'off-1' })).toBe(true);
    expect(isUnservedTopRating({ overall: 5, outsideHours: false, officerId: null })).toBe(true);
  });

  it('ignores a 5 during a served session and anything below 5', () => {
    expect(isUnservedTopRating({ overall: 5, outsideHours: false, officerId: 'off-1' })).toBe(false);
    expect(isUnservedTopRating({ overall: 4, outsideHours: true, officerId: null })).toBe(false);
  });

  it('raises at the threshold and clears only when none are left in the window', () => {
    expect(suspiciousTopDecision(8, 8)).toBe('raise');
    expect(suspiciousTopDecision(3, 8)).toBe('hold');
    expect(suspiciousTopDecision(0, 8)).toBe('clear');
  });
});

describe('alert rules settings', () => {
  it('default to every rule on, a 7-day window and no webhook', () => {
    const r = defaultAlertRules();
    expect(r.lowSatisfaction).toMatchObject({ enabled: true, windowDays: 7, target: null, minSample: null, scopes: ['org', 'unit', 'sp', 'officer'] });
    expect(r.lowRatingComment).toMatchObject({ enabled: true, maxScore: 2 });
    expect(r.kioskSilent).toMatchObject({ enabled: true, minutes: 15 });
    expect(r.burst).toMatchObject({ enabled: true, maxRatings: 20, windowSeconds: 60 });
    expect(r.webhook).toMatchObject({ url: null, secret: null });
  });

  it('refuse a webhook without a secret', () => {
    const r = AlertRulesSchema.safeParse({ webhook: { url: 'https://hooks.example.gov.vn/x' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['webhook', 'secret']);
  });

  it('refuse a webhook that is not http(s)', () => {
    expect(AlertRulesSchema.safeParse({ webhook: { url: 'ftp://x.example/y', secret: 'x'.repeat(16) } }).success).toBe(false);
  });

  it('keep the stored secret when a PUT leaves it out', () => {
    const stored = AlertRulesSchema.parse({ webhook: { url: 'https://a.example/h', secret: 's'.repeat(20) } });
    const input = AlertRulesInputSchema.parse({ webhook: { url: 'https://b.example/h' } });
    const merged = AlertRulesSchema.parse(mergeRules(input, stored));
    expect(merged.webhook).toMatchObject({ url: 'https://b.example/h', secret: 's'.repeat(20) });
  });

  it('never show the secret', () => {
    const shown = publicRules(AlertRulesSchema.parse({ webhook: { url: 'https://a.example/h', secret: 's'.repeat(20) } }));
    expect(JSON.stringify(shown)).not.toContain('sss');
    expect(shown.webhook.secretSet).toBe(true);
  });
});

describe('webhook signing and retries', () => {
  it('signs the body with HMAC-SHA256 in hex', () => {
    // echo -n '{"a":1}' | openssl dgst -sha256 -hmac 'secret-secret-16'
    expect(signBody('secret-secret-16', '{"a":1}')).toBe('sha256=271795fab2fe353b5c868c04508db4cd96f2cb21ad55a9dd39ff268fdb88ee4c');
  });

  it('waits the configured backoff before each retry and stops after the last', () => {
    const backoff = [1000, 5000, 30000];
    expect([1, 2, 3, 4].map((n) => retryDelay(n, backoff))).toEqual([1000, 5000, 30000, null]);
  });
});
