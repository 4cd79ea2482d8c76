// A small seeded random source, so that every fuzz run can be replayed from its seed.

/** mulberry32: fast, 32-bit state, good enough to pick fuzz cases; never for anything secret. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    /** One element of a list. */
    pick: (list) => list[Math.floor(next() * list.length)],
    /** True with probability p. */
    chance: (p) => next() < p,
  };
}

/** The seed of a run: FUZZ_SEED from the environment, else a fixed default so test runs are reproducible. */
export function seedFromEnv(fallback) {
  const s = Number(process.env.FUZZ_SEED);
  return Number.isInteger(s) ? s : fallback;
}
