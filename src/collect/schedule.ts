import type { Fact, Known, Step } from './phases/index.js';

/** A phase that did not run because one it needs failed: that one's error is the one to report. */
const SKIPPED = Symbol('a needed phase failed');

interface Pending {
  promise: Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

function pending(): Pending {
  const p = {} as Pending;
  p.promise = new Promise<unknown>((resolve, reject) => Object.assign(p, { resolve, reject }));
  // Consumers see the rejection through their own await; unobserved, it must not crash the process.
  p.promise.catch(() => {});
  return p;
}

/**
 * Runs every phase as soon as what it needs is known: one promise per fact, resolved by the phase that
 * provides it. A phase that fails rejects what it provides, so its dependants stop instead of waiting
 * forever; everything settles before the first error is rethrown, because the pool the phases share
 * closes on the way out.
 */
export async function schedule(
  phases: readonly Step[],
  run: (phase: Step, known: Partial<Known>) => Promise<Known[Fact] | void>,
  onError: () => void,
  onSkip?: (phase: Step) => void,
): Promise<void> {
  const facts = new Map<Fact, Pending>();
  for (const p of phases) if (p.provides) facts.set(p.provides, pending());
  const one = async (p: Step): Promise<void> => {
    const fact = p.provides ? facts.get(p.provides) : undefined;
    const missing = p.needs.find((n) => !facts.has(n));
    if (missing) throw new Error(`phase ${p.name} needs ${missing}, which no phase of this run provides`);
    let values: unknown[];
    try {
      values = await Promise.all(p.needs.map((n) => facts.get(n)!.promise));
    } catch {
      onSkip?.(p);
      fact?.reject(SKIPPED);
      throw SKIPPED;
    }
    const known = Object.fromEntries(p.needs.map((n, i) => [n, values[i]])) as Partial<Known>;
    try {
      const learned = await run(p, known);
      fact?.resolve(learned);
    } catch (e) {
      fact?.reject(e);
      onError();
      throw e;
    }
  };
  const running = phases.map(one);
  // Every phase holds the promises of what it needs from its first step on: dropped here, a fact
  // (the compartment tree, 50,000 entries) lives only as long as a phase that needs it runs.
  facts.clear();
  const settled = await Promise.allSettled(running);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected' && s.reason !== SKIPPED);
  if (failed) throw failed.reason;
}
