/**
 * The opening window: the first answer measures the round trip, and a long one raises the small
 * starting window so that it sends OPENING.rate requests per second; a short one keeps it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OPENING, openingWindow } from '../src/limit/control.js';
import { createLimiter, readLimiterStats, SharedGate } from '../src/limit/index.js';

test('openingWindow: rate × round trip, never below the window, never above its cap or maxLimit', () => {
  assert.equal(openingWindow(4, 20, 512), 4, '20 ms: 1 in flight sends 50 req/s already');
  assert.equal(openingWindow(4, 390, 512), (OPENING.rate * 390) / 1000);
  assert.equal(openingWindow(4, 5000, 512), OPENING.maxWindow);
  assert.equal(openingWindow(4, 390, 10), 10);
  assert.equal(openingWindow(30, 390, 512), 30);
});

for (const [rttMs, expected] of [
  [390, Math.floor((OPENING.rate * 390) / 1000)],
  [20, 4],
] as const) {
  test(`a first answer after ${rttMs} ms leaves the window at ${expected}`, async () => {
    const state = createLimiter({ adaptive: true, maxLimit: 512, initialLimit: 4 });
    const gate = new SharedGate(state);
    const permits = await Promise.all([gate.acquire(), gate.acquire()]);
    // Only the first answer opens the window; the second (app-limited: 1 in flight of 4) adds nothing.
    gate.release(permits[0]!, { ok: true, throttled: false, latencyMs: rttMs });
    gate.release(permits[1]!, { ok: true, throttled: false, latencyMs: rttMs });
    assert.equal(Math.floor(readLimiterStats(state).limit), expected);
  });
}

test('a fixed (not adaptive) limiter is not opened', async () => {
  const state = createLimiter({ adaptive: false, maxLimit: 2 });
  const gate = new SharedGate(state);
  gate.release(await gate.acquire(), { ok: true, throttled: false, latencyMs: 390 });
  assert.equal(readLimiterStats(state).limit, 2);
});
