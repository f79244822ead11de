/**
 * How long a call waits before retrying: with the adaptive limiter spacing sends, a 429 is retried at
 * once (the limiter's rate and the retry budget are its backoff); without it, and for other errors,
 * exponential backoff with full jitter; a server's Retry-After always wins.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, emptyStats, type Caller } from '../src/oci/call.js';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from '../src/oci/retry.js';
import type { Gate, Permit } from '../src/limit/index.js';

const paced: RetryPolicy = { ...DEFAULT_RETRY, throttlePacedByLimiter: true };
const always1 = () => 1;

test('backoffMs: no wait for a paced 429; jittered backoff otherwise; Retry-After wins', () => {
  assert.equal(backoffMs(paced, 1, undefined, always1, true), 0);
  assert.equal(backoffMs(paced, 1, undefined, always1, false), DEFAULT_RETRY.baseDelayMs, 'a 500 or a reset still backs off');
  assert.equal(backoffMs(DEFAULT_RETRY, 2, undefined, always1, true), 2 * DEFAULT_RETRY.baseDelayMs, 'not paced (--no-adaptive): a 429 backs off');
  assert.equal(backoffMs(paced, 1, 1500, always1, true), 1500);
});

test('a call answered 429 twice is retried without sleeping between attempts', async () => {
  const gate: Gate = { acquire: async (): Promise<Permit> => ({ sentAt: 0 }), release: () => {} };
  // A backoff this long would hold the call for minutes: the test finishes only if none is applied.
  const caller: Caller = { gate, policy: { ...paced, baseDelayMs: 600_000, maxDelayMs: 600_000 }, timeoutMs: 1000, stats: emptyStats(), cancelled: () => false };
  let attempts = 0;
  const t0 = performance.now();
  const r = await call(caller, async () => {
    if (++attempts <= 2) throw Object.assign(new Error('Too many requests'), { statusCode: 429, serviceCode: 'TooManyRequests' });
    return 'ok';
  });
  assert.equal(r.value, 'ok');
  assert.equal(r.attempts, 3);
  assert.equal(caller.stats.throttled, 2);
  assert.ok(performance.now() - t0 < 30_000);
});
