/**
 * One limiter per service and region: each createLimiter() is its own state, so one service's 429s,
 * cuts and Retry-After hold never slow another's calls, while both use the same machinery.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLimiter, readLimiterStats, SharedGate } from '../src/limit/index.js';

test("a throttled limiter's cuts and Retry-After hold leave another limiter's sends alone", async () => {
  const identity = createLimiter({ adaptive: true, maxLimit: 64, initialLimit: 4 });
  const search = createLimiter({ adaptive: true, maxLimit: 64, initialLimit: 4 });
  const a = new SharedGate(identity);
  const b = new SharedGate(search);
  const throttled = await Promise.all(Array.from({ length: 4 }, () => a.acquire()));
  for (const p of throttled) a.release(p, { ok: false, throttled: true, latencyMs: 1, retryAfterMs: 30_000 });
  assert.equal(readLimiterStats(identity).cuts, 1);
  assert.ok(readLimiterStats(identity).holdMs > 20_000, 'identity holds its sends');

  const t0 = performance.now();
  for (let i = 0; i < 20; i++) {
    const ps = await Promise.all(Array.from({ length: 4 }, () => b.acquire()));
    for (const p of ps) b.release(p, { ok: true, throttled: false, latencyMs: 1 });
  }
  const ms = performance.now() - t0;
  const s = readLimiterStats(search);
  assert.equal(s.cuts, 0);
  assert.equal(s.holdMs, 0);
  assert.equal(s.rate, null, 'no rate control engaged on the other service');
  assert.ok(s.limit > 4, 'it grew on its own successes');
  // 80 sends would take at least 30 s behind identity's hold.
  assert.ok(ms < 10_000, `80 sends took ${ms.toFixed(0)} ms`);
});
