/**
 * The list of alert rules (server/domain/alerts/rules/index.ts) and single
 * rules through their own files, with a recording stand-in for the alert
 * lifecycle: what a rule decides, and the words it says it in.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AlertRulesSchema } from '../../server/domain/alerts/alert-rules';
import { ALERT_RULES, RULES, ruleByKey, type AnyAlertRule } from '../../server/domain/alerts/rules';
import { burst } from '../../server/domain/alerts/rules/burst';
import { kioskSilent } from '../../server/domain/alerts/rules/kiosk-silent';
import { lowSatisfaction } from '../../server/domain/alerts/rules/low-satisfaction';
import type { AlertScope, Decision, Facts, RuleAlerts, RuleContext, SourceWindow } from '../../server/domain/alerts/rules/rule';
import type { Place } from '../../server/domain/alerts/alert-text';
import type { Source } from '../../server/domain/alerts/alert-sources';
import type { Device, Entities, Organisation, ServicePoint } from '../../server/domain/entities';
import { DEFAULT_HOURS } from '../../server/domain/opening-hours';
import type { Store, StoredResponse } from '../../server/store/types';
import { localMidnight } from '../../shared/periods';
import { ALERT_RULE_KEYS, type AlertView } from '../../shared/realtime-events';

const rulesDir = path.resolve(import.meta.dirname, '..', '..', 'server', 'domain', 'alerts', 'rules');

describe('the list of alert rules', () => {
  it('registers every rule file in the folder', async () => {
    const files = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'rule.ts');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(rulesDir, file)).href)) as Record<string, unknown>;
      const defined = Object.values(mod).filter((v): v is { key: string } => !!v && typeof v === 'object' && 'key' in v && 'settings' in v);
      expect(defined, `${file} defines one rule`).toHaveLength(1);
      expect(RULES, `${file} is listed in rules/index.ts`).toContain(defined[0]);
    }
  });

  it('has one rule per alert rule key, each key once, each settings key once', () => {
    const keys = RULES.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...ALERT_RULE_KEYS].sort());
    const settingsKeys = RULES.map((r) => r.settingsKey);
    expect(new Set(settingsKeys).size).toBe(settingsKeys.length);
    for (const key of ALERT_RULE_KEYS) expect(ruleByKey(key)?.key).toBe(key);
  });

  it('gives every rule something to watch', () => {
    for (const r of RULES) expect(r.onRatings ?? r.onScopes ?? r.onKiosks ?? r.source, r.key).toBeDefined();
  });

  it('has settings that parse from nothing to their defaults, every rule on', () => {
    for (const r of RULES) {
      const fromEmpty = r.settings.parse({});
      expect(fromEmpty.enabled, r.key).toBe(true);
      expect(r.settings.parse(undefined), r.key).toEqual(fromEmpty);
    }
  });

  it('keys each rule’s settings in the organisation’s alert rules, in list order, the webhook last', () => {
    const all = AlertRulesSchema.parse({}) as Record<string, unknown>;
    expect(Object.keys(all)).toEqual([...ALERT_RULES.map((r) => r.settingsKey), 'webhook']);
    for (const r of RULES) expect(all[r.settingsKey], r.key).toEqual(r.settings.parse({}));
  });

  it('refuses a rule’s bad setting under the rule’s settings key', () => {
    const r = AlertRulesSchema.safeParse({ burst: { maxRatings: 1 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['burst', 'maxRatings']);
  });
});

// ---- single rules, through their own files ---------------------------------

type Call = { op: 'raise' | 'apply' | 'resolve'; scope: AlertScope; decision?: Decision; facts?: Facts; reason?: string; place?: Place };

/** A stand-in for the lifecycle that records what the rule asks of it. */
function recordingAlerts(open: AlertView[] = []): RuleAlerts<Facts> & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    findOpen: async (scope) => open.find((a) => a.scope.kind === scope.kind && a.scope.id === scope.id) ?? null,
    raise: async (scope, facts, place) => void calls.push({ op: 'raise', scope, facts, place }),
    apply: async (scope, decision, facts, reason, place) => void calls.push({ op: 'apply', scope, decision, facts, reason, place }),
    resolve: async (a, reason, facts) => void calls.push({ op: 'resolve', scope: a.scope, reason, facts }),
  };
}

const org = { id: 'org-1', target: 0.85, minSample: 30, headlineVerifiedOnly: false } as Organisation;

function contextOf<S>(settings: S, alerts: RuleAlerts<Facts>, now: number): RuleContext<S, Facts> {
  return { org, settings, now: () => now, store: {} as Pick<Store, 'sumAggregates' | 'sumRollups' | 'listResponses'>, entities: {} as Entities, alerts };
}

describe('the burst rule', () => {
  const NOW = Date.parse('2026-03-04T03:00:00Z');
  const source: Source = { scope: { kind: 'device', id: 'dev-1' }, servicePointId: 'sp-1', channel: 'kiosk', deviceId: 'dev-1' };
  const place: Place = { unitId: 'unit-1', servicePointId: 'sp-1', label: { vi: 'Quầy 1 (Q1)', en: 'Counter 1 (Q1)' } };
  /** `n` ratings, one a second back from now. */
  const windowOf = (n: number): SourceWindow => {
    const recent = Array.from({ length: n }, (_, i) => ({ serverTime: new Date(NOW - i * 1000).toISOString() }) as StoredResponse);
    return { source, place, now: NOW, within: (sec) => recent.filter((r) => Date.parse(r.serverTime) >= NOW - sec * 1000) };
  };
  const settings = burst.settings.parse({ maxRatings: 5, windowSeconds: 60 });

  it('watches every source, as far back as its window', () => {
    const listed: AnyAlertRule = burst;
    expect(listed.source!.appliesTo({ ...source, channel: 'qr', deviceId: null })).toBe(true);
    expect(burst.source.windowSeconds(settings)).toBe(60);
    expect(burst.source.sampleSize(settings)).toBe(6);
  });

  it('asks to raise for more ratings than the limit in the window, with the figures and the place', async () => {
    const alerts = recordingAlerts();
    await burst.source.evaluate(contextOf(settings, alerts, NOW), windowOf(9));
    expect(alerts.calls).toEqual([
      { op: 'apply', scope: source.scope, decision: 'raise', facts: { count: 9, windowSeconds: 60, maxRatings: 5, channel: 'kiosk', deviceId: 'dev-1' }, reason: 'calmed-down', place },
    ]);
  });

  it('counts only the ratings within its window', async () => {
    const alerts = recordingAlerts();
    await burst.source.evaluate(contextOf(burst.settings.parse({ maxRatings: 6, windowSeconds: 5 }), alerts, NOW), windowOf(9));
    expect(alerts.calls[0]).toMatchObject({ decision: 'hold', facts: { count: 6 } });
  });

  it('words its alert in both languages, naming the source', () => {
    const facts = { count: 9, windowSeconds: 60, maxRatings: 5, channel: 'qr' as const, deviceId: null };
    expect(burst.message(facts, place.label)).toEqual({
      vi: '9 lượt đánh giá trong 60 giây từ mã QR của quầy tại Quầy 1 (Q1) (ngưỡng 5)',
      en: '9 ratings within 60 s from the counter QR link at Counter 1 (Q1) (limit 5)',
    });
  });
});

describe('the silent-kiosk rule', () => {
  // Wednesday 2026-03-04, 10:00 Vietnam time: the default hours are open.
  const wed10 = localMidnight(2026, 3, 4) + 10 * 3600_000;
  const sp = { id: 'sp-1', unitId: 'unit-1', code: 'Q1', name: { vi: 'Quầy 1', en: 'Counter 1' }, hours: DEFAULT_HOURS } as ServicePoint;
  const device = (over: Partial<Device>): Device =>
    ({ id: 'dev-1', servicePointId: 'sp-1', name: 'Kiosk A', enrolledAt: new Date(wed10 - 30 * 86_400_000).toISOString(), revokedAt: null, lastSeenAt: null, ...over }) as Device;
  const openAlert = { id: 'a-1', scope: { kind: 'device', id: 'dev-1' }, openedAt: new Date(wed10 - 10 * 60_000).toISOString() } as AlertView;
  const settings = kioskSilent.settings.parse({ minutes: 15 });

  it('raises for a kiosk silent longer than the limit, at its counter', async () => {
    const alerts = recordingAlerts();
    await kioskSilent.onKiosks(contextOf(settings, alerts, wed10), [device({ lastSeenAt: new Date(wed10 - 20 * 60_000).toISOString() })], [sp]);
    expect(alerts.calls).toEqual([
      {
        op: 'raise',
        scope: { kind: 'device', id: 'dev-1' },
        facts: { deviceName: 'Kiosk A', lastSeenAt: new Date(wed10 - 20 * 60_000).toISOString(), minutesSilent: 20, limitMinutes: 15 },
        place: { unitId: 'unit-1', servicePointId: 'sp-1', label: { vi: 'Quầy 1 (Q1)', en: 'Counter 1 (Q1)' } },
      },
    ]);
  });

  it('does not raise again while its alert is open, and clears it once the kiosk is heard from', async () => {
    const still = recordingAlerts([openAlert]);
    await kioskSilent.onKiosks(contextOf(settings, still, wed10), [device({ lastSeenAt: new Date(wed10 - 20 * 60_000).toISOString() })], [sp]);
    expect(still.calls).toEqual([]);
    const back = recordingAlerts([openAlert]);
    const seen = new Date(wed10 - 60_000).toISOString();
    await kioskSilent.onKiosks(contextOf(settings, back, wed10), [device({ lastSeenAt: seen })], [sp]);
    expect(back.calls).toEqual([{ op: 'resolve', scope: openAlert.scope, reason: 'kiosk-back', facts: { lastSeenAt: seen } }]);
  });

  it('clears the alert of a revoked kiosk', async () => {
    const alerts = recordingAlerts([openAlert]);
    await kioskSilent.onKiosks(contextOf(settings, alerts, wed10), [device({ revokedAt: new Date(wed10).toISOString() })], [sp]);
    expect(alerts.calls).toEqual([{ op: 'resolve', scope: openAlert.scope, reason: 'device-revoked', facts: undefined }]);
  });

  it('clears the alert on a heartbeat, and does nothing when none is open', async () => {
    const open = recordingAlerts([openAlert]);
    await kioskSilent.onDeviceSeen(open, 'dev-1');
    expect(open.calls).toEqual([{ op: 'resolve', scope: openAlert.scope, reason: 'kiosk-back', facts: undefined }]);
    const none = recordingAlerts();
    await kioskSilent.onDeviceSeen(none, 'dev-1');
    expect(none.calls).toEqual([]);
  });
});

describe('the low-satisfaction rule’s message', () => {
  it('says the rate, the count and the target in each language’s number format', () => {
    const facts = { n: 40, s: 25, rate: 25 / 40, interval: null, target: 0.85, minSample: 30, windowDays: 7, distribution: [5, 5, 5, 10, 15] as [number, number, number, number, number] };
    expect(lowSatisfaction.message(facts, { vi: 'Sở Ngoại vụ', en: 'Department of Foreign Affairs' })).toEqual({
      vi: 'Mức hài lòng của Sở Ngoại vụ thấp hơn hẳn mục tiêu 85,00%: 62,50% (25/40) trong 7 ngày qua',
      en: 'Satisfaction at Department of Foreign Affairs is significantly below the 85.00% target: 62.50% (25/40) over the last 7 days',
    });
  });
});
