/**
 * Decision 766/QĐ-TTg (23/6/2022), indicator 5.4 "mức độ hài lòng trong tiếp
 * nhận, giải quyết TTHC" (SIPAS.md §4), over the dossiers settled in a period:
 *
 *   value = 100% − (late ÷ settled + complained-or-low-rated ÷ settled)
 *
 * where a dossier is "complained-or-low-rated" when it drew a complaint or
 * suggestion, or a verified rating ≤ 2 on its dossier link (our stand-in for
 * the portal's "dislike"), counted once. As published the two shares are
 * added: a dossier both late and complained about counts in both. Floored at
 * 0 (both shares can reach 100%).
 *
 * Points, with max points M (the organisation's, default 1): M at ≥ 90%,
 * else value × M ÷ 90%.
 *
 * Never mixed with the headline satisfaction rate: it is another figure, shown beside it.
 */

export const DECISION_766_FULL_AT = 0.9;
export const DECISION_766_DEFAULT_MAX_POINTS = 1;

export interface Decision766Counts {
  settled: number;
  late: number;
  /** Dossiers with a complaint or a verified rating ≤ 2, each counted once. */
  complainedOrLowRated: number;
}

/** The indicator, 0..1; null when no dossier was settled. */
export function decision766Value(c: Decision766Counts): number | null {
  if (c.settled <= 0) return null;
  return Math.max(0, 1 - (c.late / c.settled + c.complainedOrLowRated / c.settled));
}

/** Points per the 90% rule; null when the value is. */
export function decision766Points(value: number | null, maxPoints = DECISION_766_DEFAULT_MAX_POINTS): number | null {
  if (value === null) return null;
  return value >= DECISION_766_FULL_AT ? maxPoints : (value * maxPoints) / DECISION_766_FULL_AT;
}
