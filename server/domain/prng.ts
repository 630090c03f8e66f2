/**
 * mulberry32: a small, fast, seedable pseudo-random generator (uniform in
 * [0, 1)). The demo data (seed.ts, seed-presence.ts, seed-outcomes.ts) draws
 * from it so screenshots and figures are the same on every start; each of
 * them keeps its own seed, so one stream changing does not move the others.
 * Not for anything secret.
 */
export function prng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
