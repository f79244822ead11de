/**
 * Adaptive mode, in one thread against in-process fakes: a burst of 429s from requests in flight
 * together is one cut; a later throttle cuts again; Retry-After holds every send; and after a burst of
 * 429s from a token-bucket server (a short outage) the rate and the throughput come back.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLimiter, readLimiterStats, SharedGate, type Gate } from '../src/limit/index.js';

const clock = (): number => performance.timeOrigin + performance.now();
const ok = (latencyMs = 1) => ({ ok: true, throttled: false, latencyMs });
const throttled = { ok: false, throttled: true, latencyMs: 1 };

/** `n` successes through the gate, `loops` at a time, ~1 ms each. */
async function succeed(gate: Gate, n: number, loops: number): Promise<void> {
  let left = n;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (left-- > 0) {
        const p = await gate.acquire();
        await sleep(1);
        gate.release(p, ok());
      }
    }),
  );
}

test('a burst of 429s from requests in flight together is one cut; a throttle sent after it is another', async () => {
  const state = createLimiter({ adaptive: true, maxLimit: 16, initialLimit: 8 });
  const gate = new SharedGate(state);
  await succeed(gate, 60, 8);
  const before = readLimiterStats(state);
  assert.equal(before.rate, null, 'no rate control before the first throttle');
  assert.ok(before.limit > 8, 'slow start grew the limit');

  const permits = await Promise.all(Array.from({ length: 8 }, () => gate.acquire()));
  for (const p of permits) gate.release(p, throttled);
  const cut = readLimiterStats(state);
  assert.equal(cut.throttles, 8);
  // (The cut comes with the third: before the first cut, three 429s in a row are the signal.)
  assert.equal(cut.cuts, 1, 'eight 429s of requests sent together: one cut');
  // The first two 429s, no signal yet, took their slots with them (slow start); the third cut what was left.
  assert.ok(Math.abs(cut.limit - (before.limit - 2) * 0.9) < 0.02, `limit ${before.limit} → ${cut.limit}`);
  assert.ok(cut.rate !== null && cut.rate > 0, 'rate control engaged');
  assert.equal(cut.history?.length, 1);
  assert.equal(cut.history?.[0]?.kind, 'cut');

  const late = await gate.acquire();
  gate.release(late, throttled);
  assert.equal(readLimiterStats(state).cuts, 2, 'a throttle of a request sent after the cut cuts again');
});

test('after the first cut the ramp is probed: two 429s cut, once they are of requests sent a round trip after it', async () => {
  const rttMs = 30;
  const state = createLimiter({ adaptive: true, maxLimit: 64, initialLimit: 16 });
  const gate = new SharedGate(state);
  const answer = async (n: number, outcome = { ok: true, throttled: false, latencyMs: rttMs }): Promise<void> => {
    const permits = await Promise.all(Array.from({ length: n }, () => gate.acquire()));
    for (const p of permits) gate.release(p, outcome);
  };
  for (let i = 0; i < 8; i++) await answer(8);
  await answer(3, { ...throttled, latencyMs: rttMs });
  assert.equal(readLimiterStats(state).cuts, 1, 'three 429s in a row: the first cut');
  // Sent at once after the cut: they met the bucket the ramp before it emptied, the same event.
  const early = await Promise.all([gate.acquire(), gate.acquire()]);
  await sleep(rttMs * 2);
  // (Four at a time: with the two held, well within the limit the cut left, ≥ (16 − 2) × 0.9.)
  for (let i = 0; i < 25; i++) await answer(4);
  for (const p of early) gate.release(p, throttled);
  assert.equal(readLimiterStats(state).cuts, 1, 'two 429s among ~100 answers, of requests sent right after the cut: no cut');
  await answer(2, throttled);
  const s = readLimiterStats(state);
  assert.equal(s.cuts, 2, 'two 429s of requests the ramp sent later end it');
  assert.ok(Number.isFinite(s.history?.[1]?.rate ?? NaN), 'the second cut anchors the curve');
});

test("a cut's own burst of 429s does not count toward the next cut", async () => {
  const rttMs = 30;
  const state = createLimiter({ adaptive: true, maxLimit: 64, initialLimit: 16 });
  const gate = new SharedGate(state);
  const answer = async (n: number): Promise<void> => {
    const permits = await Promise.all(Array.from({ length: n }, () => gate.acquire()));
    for (const p of permits) gate.release(p, { ok: true, throttled: false, latencyMs: rttMs });
  };
  for (let i = 0; i < 8; i++) await answer(8);
  // Twelve in flight together when a rate limit's bucket runs dry: the first three 429s cut.
  const burst = await Promise.all(Array.from({ length: 12 }, () => gate.acquire()));
  for (const p of burst.slice(0, 3)) gate.release(p, throttled);
  assert.equal(readLimiterStats(state).cuts, 1);
  // Two sent right after the cut, into the same empty bucket; then the burst's other nine come back.
  const early = await Promise.all([gate.acquire(), gate.acquire()]);
  for (const p of burst.slice(3)) gate.release(p, throttled);
  for (const p of early) gate.release(p, { ...throttled, latencyMs: rttMs });
  // Counted with the burst, 14 429s against 64 successes in the last second would be well over 1 in 10.
  assert.equal(readLimiterStats(state).cuts, 1, "two 429s after the cut, with the burst's nine counted once already: no cut");
});

test('isolated 429s among many successes do not cut; 429s in a row, or 1 per 10 successes, do', async () => {
  const state = createLimiter({ adaptive: true, maxLimit: 16, initialLimit: 8 });
  const gate = new SharedGate(state);
  const lone = async (): Promise<void> => {
    const p = await gate.acquire();
    gate.release(p, throttled);
  };
  await succeed(gate, 40, 8);
  await lone();
  await succeed(gate, 5, 1);
  await lone();
  assert.equal(readLimiterStats(state).cuts, 0, 'two lone 429s among 45 successes: noise (a neighbour, a fault), not our rate');
  assert.equal(readLimiterStats(state).rate, null);
  await lone();
  await lone();
  // (On a clean server three in a row would do; the two lone ones before, among ~50 answers in which
  // a streak could have started, make the bar one higher.)
  assert.equal(readLimiterStats(state).cuts, 0, 'three in a row after two lone ones: still chance');
  await lone();
  assert.equal(readLimiterStats(state).cuts, 1, 'four in a row before any cut: a rate limit that ran dry');
  assert.ok(readLimiterStats(state).rate !== null);

  // The ramp after the first cut is a probe: two 429s end it.
  await sleep(1100); // let the last second's 429s age out
  await succeed(gate, 400, 8);
  await sleep(1100);
  await lone();
  await lone();
  assert.equal(readLimiterStats(state).cuts, 2, 'two 429s end the ramp');

  // Below the anchor that cut left, the bar is one 429 per 10 successes of the last second, and more
  // than the background share of the last 10 s explains — diluted here by many successes.
  await sleep(1100);
  await succeed(gate, 30, 8);
  await lone();
  await lone();
  assert.equal(readLimiterStats(state).cuts, 2, '2 in 30: no cut');
  await lone();
  assert.equal(readLimiterStats(state).cuts, 3, '3 in 30: cut');
});

test('Retry-After holds every new send until it has passed', async () => {
  const state = createLimiter({ adaptive: true, maxLimit: 4 });
  const gate = new SharedGate(state);
  await succeed(gate, 40, 4); // some history, so that the cut leaves a rate of tens per second
  const p = await gate.acquire();
  const releasedAt = clock();
  gate.release(p, { ...throttled, retryAfterMs: 300 });
  const next = await Promise.all([gate.acquire(), gate.acquire()]);
  for (const q of next) {
    assert.ok(q.sentAt >= releasedAt + 300 - 1, `sent ${(q.sentAt - releasedAt).toFixed(0)} ms after a 300 ms Retry-After`);
    gate.release(q, ok());
  }
  assert.ok(readLimiterStats(state).history?.some((e) => e.kind === 'retry-after'));

  // Not adaptive: Retry-After is still honoured.
  const fixed = createLimiter({ adaptive: false, maxLimit: 4 });
  const g2 = new SharedGate(fixed);
  const p2 = await g2.acquire();
  const at2 = clock();
  g2.release(p2, { ...throttled, retryAfterMs: 200 });
  const q2 = await g2.acquire();
  assert.ok(q2.sentAt >= at2 + 200 - 1);
  g2.release(q2, ok());
  assert.equal(readLimiterStats(fixed).cuts, 0, 'no cuts when not adaptive');
});

/** A token-bucket server that can be switched to answer 429 to everything (an outage). */
class FakeServer {
  #tokens: number;
  #last = performance.now();
  outage = false;
  constructor(
    readonly rps: number,
    readonly burst: number,
    readonly latencyMs: number,
  ) {
    this.#tokens = burst;
  }
  async call(): Promise<boolean> {
    const now = performance.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.rps);
    this.#last = now;
    const admitted = !this.outage && this.#tokens >= 1;
    if (admitted) this.#tokens -= 1;
    await sleep(this.latencyMs);
    return admitted;
  }
}

test('after a burst of 429s (a 300 ms outage of a 100 req/s server) the rate comes back', async () => {
  const R = 100;
  const server = new FakeServer(R, 20, 3);
  const state = createLimiter({ adaptive: true, maxLimit: 16 });
  const gate = new SharedGate(state);
  const t0 = performance.now();
  const okAt: number[] = [];
  let stop = false;
  const loop = async (): Promise<void> => {
    while (!stop) {
      for (let attempt = 0; ; attempt++) {
        const p = await gate.acquire({ retry: attempt > 0 });
        const t = performance.now();
        const admitted = await server.call();
        gate.release(p, { ok: admitted, throttled: !admitted, latencyMs: performance.now() - t });
        if (admitted) {
          okAt.push(performance.now() - t0);
          break;
        }
      }
    }
  };
  const loops = Promise.all(Array.from({ length: 16 }, loop));
  const rateIn = (from: number, to: number) => okAt.filter((t) => t >= from && t < to).length / ((to - from) / 1000);

  await sleep(1300);
  const before = readLimiterStats(state);
  server.outage = true;
  await sleep(300);
  server.outage = false;
  const during = readLimiterStats(state);
  await sleep(2000);
  stop = true;
  await loops;
  const after = readLimiterStats(state);

  const cutsInOutage = during.cuts - before.cuts;
  console.log(
    `before: ${rateIn(300, 1300).toFixed(0)} req/s (rate ${before.rate}, limit ${before.limit}); outage: ${cutsInOutage} cuts → rate ${during.rate}, limit ${during.limit}; ` +
      `recovery: ${rateIn(1600, 2600).toFixed(0)} then ${rateIn(2600, 3600).toFixed(0)} req/s (rate ${after.rate}, limit ${after.limit})`,
  );
  assert.ok(cutsInOutage >= 1, 'the outage was noticed');
  assert.ok(during.rate !== null && before.rate !== null && during.rate < before.rate, 'the rate dropped');
  assert.ok(during.limit < before.limit, 'the concurrency limit dropped');
  // Only the shape: noticed, cut, and growing again with requests getting through. How fast it comes
  // back is a figure for the bench (the rate scenarios), not for a test on a shared 2-core machine.
  assert.ok(rateIn(1600, 3600) > 0, 'requests got through after the outage');
  assert.ok(after.rate !== null && after.rate > during.rate, 'the rate grew again');
  assert.equal(after.inFlight, 0);
});
