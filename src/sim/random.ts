// A seeded PRNG so a (seed, size) pair always yields the same tenancy, byte for byte.
// mulberry32 is tiny, fast and good enough for synthetic data; Math.random would make runs unrepeatable.

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: turns a label into a stream id, so each aspect of the tenancy draws from its own stream. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * An independent stream per aspect (tree, names, tags, ...): changing the number of tag definitions
 * must not reshuffle the compartment tree of the same seed.
 */
export function stream(seed: number, label: string): Rng {
  return mulberry32(Math.imul(seed >>> 0, 0x9e3779b1) ^ hashString(label));
}

export function int(rng: Rng, min: number, maxInclusive: number): number {
  return min + Math.floor(rng() * (maxInclusive - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** k distinct integers from [0, n) in O(k) (Floyd's algorithm), in a deterministic order. */
export function sampleDistinct(rng: Rng, n: number, k: number): number[] {
  const chosen = new Set<number>();
  const order: number[] = [];
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(rng() * (j + 1));
    const v = chosen.has(t) ? j : t;
    chosen.add(v);
    order.push(v);
  }
  return order;
}
