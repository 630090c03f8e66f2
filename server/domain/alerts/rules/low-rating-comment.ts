/**
 * (b) A very dissatisfied rating (≤ maxScore) that came with a comment: one
 * alert per rating, raised as it is committed, so someone can answer it.
 * Nothing to clear: it stays until acknowledged and resolved by a person.
 */
import { z } from 'zod';
import type { StoredResponse } from '../../../store/types';
import { clip, filled, spPlace } from '../alert-text';
import { enabled, type AlertRule } from './rule';

const settings = z
  .object({
    enabled,
    maxScore: z.number().int().min(1).max(3).default(2),
  })
  .prefault({});

type LowRatingCommentFacts = {
  responseId: string;
  overall: number | null;
  comment: string;
  channel: StoredResponse['channel'];
  officerId: string | null;
  serverTime: string;
};

/** A rating of 1..maxScore with a non-empty comment. */
export function isLowRatingWithComment(r: { overall: number | null; comment: string | null }, maxScore: number): boolean {
  return r.overall !== null && r.overall >= 1 && r.overall <= maxScore && !!r.comment && r.comment.trim().length > 0;
}

export const lowRatingComment = {
  key: 'low-rating-comment',
  settingsKey: 'lowRatingComment',
  settings,
  severity: 'warning',
  condition: false,
  message: (f: LowRatingCommentFacts, where) =>
    filled(
      (m) => m.rules['low-rating-comment'],
      (locale) => ({ where: where[locale], overall: Number(f.overall ?? 0), comment: clip(String(f.comment ?? ''), 140) }),
    ),

  async onRatings(ctx, fresh) {
    for (const r of fresh) {
      if (!isLowRatingWithComment(r, ctx.settings.maxScore)) continue;
      const sp = await ctx.entities.get('servicePoint', r.servicePointId);
      const facts = {
        responseId: r.id,
        overall: r.overall,
        comment: clip(r.comment ?? '', 500),
        channel: r.channel,
        officerId: r.officerId,
        serverTime: r.serverTime,
      };
      // Routed by the unit the rating was made in, even if the counter has moved since.
      await ctx.alerts.raise({ kind: 'response', id: r.id }, facts, { ...spPlace(r.servicePointId, sp), unitId: r.unitId });
    }
  },
} satisfies AlertRule<'lowRatingComment', typeof settings, LowRatingCommentFacts>;
