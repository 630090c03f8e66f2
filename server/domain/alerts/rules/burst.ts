/**
 * (d) More than `maxRatings` ratings from one kiosk or one counter QR link
 * within `windowSeconds`: someone pressing the screen over and over, or a
 * script posting to a poster's link. Clears on the sweep once calm.
 */
import { z } from 'zod';
import { filled } from '../alert-text';
import { enabled, type Decision, type AlertRule } from './rule';

const settings = z
  .object({
    enabled,
    maxRatings: z.number().int().min(2).max(100_000).default(20),
    windowSeconds: z.number().int().min(5).max(3600).default(60),
  })
  .prefault({});

type BurstFacts = {
  count: number;
  windowSeconds: number;
  maxRatings: number;
  channel: 'kiosk' | 'qr';
  deviceId: string | null;
};

/** More than `maxRatings` in the window raises; at most half of it clears. */
export function burstDecision(recent: number, maxRatings: number): Decision {
  if (recent > maxRatings) return 'raise';
  return recent <= Math.floor(maxRatings / 2) ? 'clear' : 'hold';
}

export const burst = {
  key: 'burst',
  settingsKey: 'burst',
  settings,
  severity: 'warning',
  condition: true,
  message: (f: BurstFacts, where) =>
    filled(
      (m) => m.rules.burst,
      (locale, m) => ({
        where: where[locale],
        count: Number(f.count ?? 0),
        windowSeconds: Number(f.windowSeconds ?? 0),
        maxRatings: Number(f.maxRatings ?? 0),
        source: f.channel === 'qr' ? m.source.qr : m.source.kiosk,
      }),
    ),
  source: {
    appliesTo: () => true,
    windowSeconds: (s) => s.windowSeconds,
    sampleSize: (s) => s.maxRatings + 1,
    async evaluate(ctx, w) {
      const { maxRatings, windowSeconds } = ctx.settings;
      const count = w.within(windowSeconds).length;
      const facts = { count, windowSeconds, maxRatings, channel: w.source.channel, deviceId: w.source.deviceId };
      await ctx.alerts.apply(w.source.scope, burstDecision(count, maxRatings), facts, 'calmed-down', w.place);
    },
  },
} satisfies AlertRule<'burst', typeof settings, BurstFacts>;
