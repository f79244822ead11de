/**
 * Every wait of a call ends at once when the run is interrupted: the limiter's slot, its Retry-After
 * hold and pacing, a retry's token, and the call's backoff — by an AbortSignal or by the polled
 * `cancelled()` flag the worker threads use. A server's Retry-After is obeyed for a minute at most.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLimiter, MAX_RETRY_AFTER_MS, readLimiterStats, SharedGate } from '../src/limit/index.js';
import { call, CallError, emptyStats } from '../src/oci/call.js';

const throttled = (retryAfterMs: number) => ({ ok: false, throttled: true, latencyMs: 1, retryAfterMs });
/** Wide: the point is "ends", not "how fast", on a loaded machine. */
const PROMPTLY_MS = 1500;

async function settleTime(p: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const t0 = performance.now();
  try {
    await p;
    return { ms: performance.now() - t0, error: undefined };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

test('a Retry-After of 600 s holds sends for MAX_RETRY_AFTER_MS (60 s) at most', async () => {
  const state = createLimiter({ adaptive: true, maxLimit: 4 });
  const gate = new SharedGate(state);
  const p = await gate.acquire();
  gate.release(p, throttled(600_000));
  const hold = readLimiterStats(state).holdMs;
  assert.equal(MAX_RETRY_AFTER_MS, 60_000);
  assert.ok(hold <= MAX_RETRY_AFTER_MS && hold > MAX_RETRY_AFTER_MS - 5_000, `held for ${hold} ms`);
});

for (const how of ['signal', 'cancelled()'] as const) {
  test(`an acquire held by a Retry-After ends when the run is interrupted (${how}); its slot is given back`, async () => {
    const state = createLimiter({ adaptive: false, maxLimit: 4 });
    const gate = new SharedGate(state);
    const p = await gate.acquire();
    gate.release(p, throttled(600_000));
    const ac = new AbortController();
    let flag = false;
    const opts = how === 'signal' ? { signal: ac.signal } : { cancelled: () => flag };
    const waiting = Promise.all([gate.acquire(opts), gate.acquire({ ...opts, retry: true })]);
    await sleep(100);
    const inFlight = readLimiterStats(state).inFlight;
    ac.abort();
    flag = true;
    assert.equal(inFlight, 1, 'the first waiter holds its slot while it waits for the hold to pass, the next waits in line');
    const r = await settleTime(waiting);
    assert.equal((r.error as Error)?.name, 'AbortError');
    assert.ok(r.ms < PROMPTLY_MS, `ended ${r.ms.toFixed(0)} ms after the interrupt`);
    await sleep(10);
    assert.equal(readLimiterStats(state).inFlight, 0, 'the cancelled acquire gave its slot back');
  });
}

test('an acquire waiting for a concurrency slot ends when the run is interrupted', async () => {
  const state = createLimiter({ adaptive: false, maxLimit: 1 });
  const gate = new SharedGate(state);
  const held = await gate.acquire();
  let flag = false;
  const waiting = gate.acquire({ cancelled: () => flag });
  await sleep(100);
  flag = true;
  const r = await settleTime(waiting);
  assert.equal((r.error as Error)?.name, 'AbortError');
  assert.ok(r.ms < PROMPTLY_MS, `ended ${r.ms.toFixed(0)} ms after the interrupt`);
  gate.release(held, { ok: true, throttled: false, latencyMs: 1 });
  const next = await gate.acquire();
  gate.release(next, { ok: true, throttled: false, latencyMs: 1 });
  assert.equal(readLimiterStats(state).inFlight, 0);
});

test('a call in its backoff after a Retry-After: 600 ends as Cancelled when the run is interrupted', async () => {
  // Not adaptive and a fresh limiter per attempt would not hold: the backoff itself is what waits here.
  const state = createLimiter({ adaptive: false, maxLimit: 4 });
  let flag = false;
  const caller = { gate: new SharedGate(state), policy: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 100 }, timeoutMs: 1000, stats: emptyStats(), cancelled: () => flag };
  let attempts = 0;
  const running = call(caller, async (ctx) => {
    attempts++;
    ctx.retryAfterMs = 600_000;
    throw Object.assign(new Error('Too many requests'), { statusCode: 429, serviceCode: 'TooManyRequests' });
  });
  await sleep(200);
  flag = true;
  const r = await settleTime(running);
  assert.ok(r.error instanceof CallError, String(r.error));
  assert.equal(r.error.failure.serviceCode, 'Cancelled');
  assert.equal(attempts, 1, 'no second attempt');
  assert.ok(r.ms < PROMPTLY_MS, `ended ${r.ms.toFixed(0)} ms after the interrupt`);
});
