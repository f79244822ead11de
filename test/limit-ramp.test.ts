/**
 * The ramp's figures: the time to the knee, and what one of its rounds took (the mean round trip of
 * the answers before the knee), which the bench divides by to count the ramp in round trips.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLimiter, readLimiterStats, SharedGate, type Gate } from '../src/limit/index.js';

async function answer(gate: Gate, n: number, loops: number, latencyMs: (i: number) => number): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (i < n) {
        const k = i++;
        const p = await gate.acquire();
        await sleep(1);
        gate.release(p, { ok: true, throttled: false, latencyMs: latencyMs(k) });
      }
    }),
  );
}

test('a ramp round is the mean round trip of the answers before the knee; answers after it do not count', async () => {
  const state = createLimiter({ adaptive: true, maxLimit: 16, initialLimit: 4 });
  const gate = new SharedGate(state);
  assert.equal(readLimiterStats(state).rampRttMs, null, 'no answer yet');
  // Alternating 10 and 30 ms: a mean of 20, where the minimum says 10. Slow start is capped in time:
  // rounds go on until the limit reaches the ceiling.
  for (let round = 0; round < 500 && readLimiterStats(state).limit < 16; round++) await answer(gate, 16, 16, (i) => (i % 2 ? 30 : 10));
  const knee = readLimiterStats(state);
  assert.equal(knee.limit, 16, 'slow start reached the ceiling: the knee');
  assert.ok(knee.rampMs !== null, 'the ramp is timed');
  assert.ok(knee.minRttMs !== null && knee.minRttMs < 11, `fastest ${knee.minRttMs}`);
  assert.ok(knee.rampRttMs !== null && knee.rampRttMs >= 19 && knee.rampRttMs <= 21, `ramp round ${knee.rampRttMs}`);
  await answer(gate, 40, 16, () => 500);
  assert.equal(readLimiterStats(state).rampRttMs, knee.rampRttMs, 'answers after the knee leave it alone');
});
