/** Small pure rules of the rating flow (unit-tested). */

/** A face pressed sooner than the minimum gap after the previous rating is ignored. A clock set back never blocks. */
export function tooSoon(lastRatingAt: number | null, now: number, minGapSeconds: number): boolean {
  if (lastRatingAt === null || now < lastRatingAt) return false;
  return now - lastRatingAt < minGapSeconds * 1000;
}

/** Whether this rating opens the "what went wrong?" follow-up. */
export const needsFollowUp = (value: number, followUpAtOrBelow: number): boolean => value <= followUpAtOrBelow;

/** RFC 4122 v4 id. crypto.randomUUID exists only in secure contexts; a kiosk on plain http on the LAN has getRandomValues. */
export function newRatingId(c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto): string {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** "{n} phút" → "3 phút". */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
