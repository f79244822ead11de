/**
 * Retries share a budget: each retry takes a token from a bucket shared by all threads (capacity, plus
 * a fraction per success, plus a refill per second), so the number of retries is bounded whatever the
 * server does — a 429 storm cannot become a retry storm. A retry without a token waits; it never fails.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLimiter, readLimiterStats, SharedGate } from '../src/limit/index.js';

/** Deterministic "random" throttling: a small LCG, so a failure reproduces. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

// Not adaptive: 429s. Adaptive: 500s, which need retries as much but do not cut the rate (a 30 % 429
// rate would, rightly, slow the run to a crawl and this test with it).
for (const adaptive of [false, true]) {
  test(`retries never exceed capacity + perSuccess × successes + perSecond × seconds (adaptive: ${adaptive})`, async () => {
    const budget = { capacity: 5, perSuccess: 0.1, perSecond: 20 };
    const state = createLimiter({ adaptive, maxLimit: 8, retryBudget: budget });
    const gate = new SharedGate(state);
    const random = lcg(42);
    const started = performance.now();
    const deadline = started + 400;
    let completed = 0;
    let begun = 0;
    // A server that fails 30 % of everything: more retries wanted than the budget allows.
    const loop = async (): Promise<void> => {
      while (performance.now() < deadline) {
        begun++;
        for (let attempt = 0; ; attempt++) {
          const p = await gate.acquire({ retry: attempt > 0 });
          await sleep(1);
          const bad = random() < 0.3;
          gate.release(p, { ok: !bad, throttled: bad && !adaptive, latencyMs: 1 });
          if (!bad) break;
        }
        completed++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, loop));
    const s = readLimiterStats(state);
    const seconds = s.elapsedMs / 1000; // the bucket refills from the limiter's creation
    const bound = budget.capacity + budget.perSuccess * s.successes + budget.perSecond * seconds;
    console.log(`retries ${s.retries} ≤ ${bound.toFixed(1)} (successes ${s.successes}, ${seconds.toFixed(2)} s, retryWaits ${s.retryWaits})`);
    assert.ok(s.retries <= bound + 1e-9, `${s.retries} retries > ${bound}`);
    assert.ok(s.retryWaits > 0, 'the budget should have been binding');
    assert.equal(completed, begun, 'every logical request succeeded in the end: none lost');
    assert.equal(s.successes, completed);
    assert.equal(s.inFlight, 0);
  });
}

test('a retry without a token waits for one, and waits without holding a concurrency slot', async () => {
  const state = createLimiter({ adaptive: false, maxLimit: 1, retryBudget: { capacity: 1, perSuccess: 0, perSecond: 1 } });
  const gate = new SharedGate(state);
  const first = await gate.acquire({ retry: true }); // takes the only token
  gate.release(first, { ok: false, throttled: false, latencyMs: 1 });
  const t0 = performance.now();
  let retryDone = false;
  const retry = gate.acquire({ retry: true }).then((p) => ((retryDone = true), p)); // no token for ~1 s
  // Meanwhile a first attempt gets the one slot: the waiting retry does not hold it.
  const fresh = await gate.acquire();
  assert.equal(retryDone, false, 'a first attempt was blocked by a retry waiting for a token');
  gate.release(fresh, { ok: true, throttled: false, latencyMs: 1 });
  const r = await retry;
  const waited = performance.now() - t0;
  assert.ok(waited >= 900, `retry went after ${waited.toFixed(0)} ms; a token takes 1 s to refill`);
  gate.release(r, { ok: true, throttled: false, latencyMs: 1 });
  const s = readLimiterStats(state);
  assert.equal(s.retryWaits, 1);
  assert.equal(s.retries, 2);
});
