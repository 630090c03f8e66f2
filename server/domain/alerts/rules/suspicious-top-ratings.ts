/**
 * (d') `count` ratings of 5 from one kiosk within `windowSeconds` while no
 * dossier can be being served — outside opening hours or with no officer on
 * duty: staff pressing "very satisfied" themselves. Kiosks only: a counter
 * QR link has no officer or hours of its own to judge by.
 */
import { z } from 'zod';
import { filled } from '../alert-text';
import { enabled, type Decision, type AlertRule } from './rule';

const settings = z
  .object({
    enabled,
    count: z.number().int().min(2).max(10_000).default(8),
    windowSeconds: z.number().int().min(10).max(24 * 3600).default(300),
  })
  .prefault({});

type SuspiciousTopFacts = {
  count: number;
  windowSeconds: number;
  threshold: number;
  deviceId: string | null;
};

/** A top rating while no dossier can be being served: outside hours or nobody on duty. */
export function isUnservedTopRating(r: { overall: number | null; outsideHours: boolean; officerId: string | null }): boolean {
  return r.overall === 5 && (r.outsideHours || r.officerId === null);
}

/** `count` unserved top ratings in the window raise; none at all clears. */
export function suspiciousTopDecision(unservedTop: number, count: number): Decision {
  if (unservedTop >= count) return 'raise';
  return unservedTop === 0 ? 'clear' : 'hold';
}

export const suspiciousTopRatings = {
  key: 'suspicious-top-ratings',
  settingsKey: 'suspiciousTopRatings',
  settings,
  severity: 'critical',
  condition: true,
  message: (f: SuspiciousTopFacts, where) =>
    filled(
      (m) => m.rules['suspicious-top-ratings'],
      (locale) => ({ where: where[locale], count: Number(f.count ?? 0), windowSeconds: Number(f.windowSeconds ?? 0) }),
    ),
  source: {
    appliesTo: (src) => src.channel === 'kiosk',
    windowSeconds: (s) => s.windowSeconds,
    sampleSize: (s) => s.count,
    async evaluate(ctx, w) {
      const { count: threshold, windowSeconds } = ctx.settings;
      const count = w.within(windowSeconds).filter(isUnservedTopRating).length;
      const facts = { count, windowSeconds, threshold, deviceId: w.source.deviceId };
      await ctx.alerts.apply(w.source.scope, suspiciousTopDecision(count, threshold), facts, 'calmed-down', w.place);
    },
  },
} satisfies AlertRule<'suspiciousTopRatings', typeof settings, SuspiciousTopFacts>;
