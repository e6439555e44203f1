/**
 * Seeded randomness for demo data: small, fast and repeatable (never for anything secret).
 * Each purpose draws from its own stream, so changing how one kind of detail is made does not
 * shift the others.
 */

/** mulberry32: a tiny, fast 32-bit PRNG; ample for demo data. */
function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finaliser: spreads a seed so nearby seeds give unrelated streams. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** An independent stream of numbers in [0, 1) for one purpose and seed. */
export function streamFor(seed: number, purpose: number): () => number {
  if (!Number.isSafeInteger(seed)) throw new RangeError('The seed must be a whole number');
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  return mulberry32(mix32(mix32(low ^ purpose) ^ high ^ Math.imul(purpose, 0x9e3779b9)));
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * Picks with a lean towards the front of the list, as real names follow a long tail: lists are
 * written roughly most common first, so Smith turns up far more often than ffrench.
 */
export function pickCommon<T>(random: () => number, items: readonly T[], lean: number): T {
  return items[Math.floor(random() ** lean * items.length)]!;
}

/** Cumulative shares, so a weighted pick is one random number and a short scan. */
export function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const result = new Float64Array(weights.length);
  let running = 0;
  weights.forEach((w, i) => {
    running += w / total;
    result[i] = running;
  });
  result[weights.length - 1] = 1;
  return result;
}

export function pickWeighted(random: () => number, cumulativeShares: Float64Array): number {
  const r = random();
  for (let i = 0; i < cumulativeShares.length - 1; i++) if (r < cumulativeShares[i]!) return i;
  return cumulativeShares.length - 1;
}

/** A whole number from `from` to `to`, both included. */
export function between(random: () => number, from: number, to: number): number {
  return from + Math.floor(random() * (to - from + 1));
}
