import { mulberry32, type Rng } from './random.js';

// Injected failures, drawn from their own seeded stream so a faulty run can be replayed exactly.
// One draw per admitted request; the probabilities partition [0, 1).

export const FAULT_KINDS = ['throttle', 'error500', 'error503', 'reset', 'hang', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultProbabilities = Partial<Record<FaultKind, number>>;

export function validateFaults(faults: FaultProbabilities): void {
  let sum = 0;
  for (const [kind, p] of Object.entries(faults)) {
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new RangeError(`Unknown fault kind: ${kind}`);
    if (p === undefined) continue;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Fault probability ${kind} must be between 0 and 1, got ${p}`);
    sum += p;
  }
  if (sum > 1 + 1e-9) throw new RangeError(`Fault probabilities add up to ${sum}, more than 1`);
}

export class FaultInjector {
  readonly #rng: Rng;
  readonly #thresholds: [FaultKind, number][] = [];

  constructor(faults: FaultProbabilities, seed: number) {
    validateFaults(faults);
    this.#rng = mulberry32(seed);
    let at = 0;
    for (const kind of FAULT_KINDS) {
      const p = faults[kind] ?? 0;
      if (p <= 0) continue;
      at += p;
      this.#thresholds.push([kind, at]);
    }
  }

  next(): FaultKind | undefined {
    if (this.#thresholds.length === 0) return undefined;
    const r = this.#rng();
    for (const [kind, upTo] of this.#thresholds) if (r < upTo) return kind;
    return undefined;
  }
}
