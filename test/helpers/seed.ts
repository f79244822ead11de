import type { TestContext } from 'node:test';
import { mulberry32, type Rng } from '../../src/sim/random.js';

export const SEED_ENV = 'OCI_GROWTH_TEST_SEED';

/**
 * A random stream for a test's random choices (where to kill a run), seeded from OCI_GROWTH_TEST_SEED
 * or a fresh seed, which the test's output names: a failure seen once can be run again exactly.
 */
export function seededRandom(t: TestContext): Rng {
  const given = process.env[SEED_ENV];
  const seed = given !== undefined && given !== '' ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`${SEED_ENV} must be an integer, got ${given}`);
  t.diagnostic(`random choices from seed ${seed} (${SEED_ENV}=${seed} repeats them)`);
  return mulberry32(seed);
}

/** An integer in [min, max). */
export const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min));
