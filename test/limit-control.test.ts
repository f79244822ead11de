/** The limiter's control math, as plain functions: no threads, no clocks. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AIMD,
  CUBIC,
  CUBIC_MAX_K_SEC,
  CUBIC_PROBE_SCALE,
  METER_MIN_AGE_MS,
  GOOD_LONG_METER,
  PROBE_DECAY,
  STEADY_BETA,
  RAMP,
  SEND_METER,
  SLOW_START,
  SLOW_START_MAX_CREDIT,
  backgroundShare,
  earnCredit,
  boundedRate,
  cubicK,
  cubicRate,
  cutLimit,
  cutRate,
  growLimit,
  meterAdd,
  meterCount,
  meterRate,
  meterSlots,
  msUntilToken,
  paceAnchor,
  recoveryRate,
  rampDoublingSec,
  refillTokens,
  streakSignificant,
  throttleSignificant,
  updateRtt,
} from '../src/limit/control.js';

const near = (a: number, b: number, eps = 1e-9, what = "") => assert.ok(Math.abs(a - b) <= eps, `${what ? what + ": " : ""}${a} ≉ ${b}`);

test('concurrency: slow start, congestion avoidance, app-limited, bounds', () => {
  assert.equal(growLimit(8, 8, true, 512).limit, 8 + SLOW_START.step, 'slow start: +step per success (×(1 + step) per round trip)');
  near(growLimit(8, 8, false, 512).limit, 8 + 1 / 8);
  assert.equal(growLimit(8, 3, true, 512).limit, 8, 'app-limited: fewer than half in flight, no growth');
  assert.equal(growLimit(64, 64, true, 64).limit, 64, 'never above max');
  near(cutLimit(10, 1), 10 * AIMD.backoff);
  assert.equal(cutLimit(1.05, 1), 1);
});

test('slow start is capped in time by a credit: a round of answers arriving together still grows the limit a full round', () => {
  // A whole round (8 answers) at once after a long round trip: full credit, ×(1 + step).
  let limit = 8;
  let credit = earnCredit(0, 10_000);
  near(credit, SLOW_START_MAX_CREDIT, 1e-12, 'credit is capped at one round');
  for (let i = 0; i < 8; i++) ({ limit, credit } = growLimit(limit, limit, true, 512, credit));
  near(limit, 8 * (1 + SLOW_START.step), 1e-9);
  // Round trips of 5 ms: 5 ms of credit per round, e-fold per efoldMs at most.
  limit = 8;
  credit = 0;
  for (let round = 0; round < 8; round++) {
    credit = earnCredit(credit, 5);
    for (let i = 0; i < Math.floor(limit); i++) ({ limit, credit } = growLimit(limit, limit, true, 512, credit));
  }
  near(limit, 8 * Math.exp(40 / SLOW_START.efoldMs), 1e-6, '40 ms of fast round trips: e-fold once');
});

test('RTT: minimum and smoothing (reported; no longer a brake on growth)', () => {
  let [min, srtt] = updateRtt(0, 0, 10);
  assert.deepEqual([min, srtt], [10, 10]);
  [min, srtt] = updateRtt(min, srtt, 30);
  near(srtt, 10 + 20 * AIMD.rttSmoothing);
  assert.ok(min > 10 && min < 10.1, 'the minimum drifts up only slowly');
  [min, srtt] = updateRtt(min, srtt, 5);
  assert.equal(min, 5);
});

test('CUBIC: starts at β·wmax, back at wmax after K (at most CUBIC_MAX_K_SEC), then probes above, slower', () => {
  for (const w of [10, 50, 200, 1000]) {
    const K = cubicK(w);
    near(K, Math.min(CUBIC_MAX_K_SEC, Math.cbrt((w * (1 - CUBIC.beta)) / CUBIC.c)));
    near(cubicRate(0, w), CUBIC.beta * w, 1e-9);
    near(cubicRate(K, w), w, 1e-9);
    assert.ok(cubicRate(K / 2, w) > cubicRate(K / 4, w), 'rising');
    near(cubicRate(K + 1, w) - w, CUBIC_PROBE_SCALE * (w - cubicRate(K - 1, w)), 1e-9);
    assert.ok(cubicRate(K + 4, w) > w * 1.1, 'probes above wmax');
  }
  near(cubicK(10), Math.cbrt((10 * (1 - CUBIC.beta)) / CUBIC.c), 1e-9, 'a low rate keeps AWS\'s curve');
  assert.equal(cubicRate(0, 0.1), CUBIC.minRate);
});

test('recovery: plain CUBIC after an ordinary cut; a ramp when ramping or far below the anchor', () => {
  const w = 80;
  for (const t of [0, 0.5, 2, 5]) near(recoveryRate(t, CUBIC.beta * w, w), cubicRate(t, w), 1e-9);
  // Unknown anchor: doubling every RAMP.doublingSec, forever.
  near(recoveryRate(0, 10, Infinity), 10);
  near(recoveryRate(RAMP.doublingSec, 10, Infinity), 20);
  near(recoveryRate(3 * RAMP.doublingSec, 10, Infinity), 80);
  // Far below: ramp to β·wmax, then continue on the CUBIC curve without a jump.
  const from = 7;
  const handover = RAMP.doublingSec * Math.log2((CUBIC.beta * w) / from);
  near(recoveryRate(handover - 1e-9, from, w), CUBIC.beta * w, 1e-6);
  near(recoveryRate(handover + 1e-9, from, w), CUBIC.beta * w, 1e-6);
  near(recoveryRate(handover + cubicK(w), from, w), w, 1e-6);
});

test('ramp: doubling every ½ s, or every three round trips where those are longer', () => {
  assert.equal(rampDoublingSec(0), RAMP.doublingSec);
  assert.equal(rampDoublingSec(20), RAMP.doublingSec);
  near(rampDoublingSec(390), 1.17, 1e-9);
  // At 390 ms the rate grows by a quarter, not 1.7×, in the round trip before its 429s come back.
  near(recoveryRate(0.39, 40, Infinity, undefined, 1, rampDoublingSec(390)) / 40, 2 ** (1 / 3), 1e-9);
  near(recoveryRate(1.17, 40, 200, undefined, 1, 1.17), 80, 1e-9);
});

test('bounded rate: at most 2 × (what we sent + 1), never below the floor', () => {
  assert.equal(boundedRate(100, 10, 5), 22);
  assert.equal(boundedRate(100, 10, 40), 40);
  assert.equal(boundedRate(15, 10, 5), 15);
});

test('cuts: first throttle, the one ending the ramp, and ordinary ones', () => {
  const sig = { rateAtSend: 120, rateNow: 110, measuredSend: 90, measuredGood: 60, measuredGoodLong: 70, goodSinceFirstCut: 0 };
  const first = cutRate(null, sig);
  assert.equal(first.wmax, Infinity, 'first: ramp, no anchor yet');
  near(first.from, CUBIC.beta * 60, 1e-9);

  const exit = cutRate(first, sig);
  near(exit.wmax, CUBIC.beta * 120, 1e-9);
  near(exit.from, CUBIC.beta * exit.wmax, 1e-9);
  assert.equal(cutRate(first, { ...sig, goodSinceFirstCut: 95 }).wmax, 95, 'what the server accepted since the first cut is a floor');

  const ordinary = cutRate({ from: 50, wmax: 100 }, sig);
  near(ordinary.from, CUBIC.beta * 60, 1e-9);
  assert.equal(ordinary.wmax, 70, 'anchor: what the server accepted over 5 s, above the level, below the old anchor');
  assert.equal(cutRate({ from: 50, wmax: 65 }, sig).wmax, 65, 'never above the old anchor');
  assert.equal(cutRate({ from: 50, wmax: 100 }, { ...sig, measuredGoodLong: 10 }).wmax, 60, 'never below the level');
  assert.equal(cutRate(null, { ...sig, measuredGood: 0 }).from, CUBIC.minRate, 'never zero');

  // Seconds after the previous cut: what the server let through between the two is its rate, even
  // where the one-second meter read its refilled bucket as more.
  const cycle = cutRate({ from: 30, wmax: 45 }, { ...sig, measuredGood: 75, goodSinceLastCut: 40, sentSinceLastCut: 42 });
  assert.equal(cycle.wmax, 40);
  near(cycle.from, CUBIC.beta * 40, 1e-9);
  assert.equal(cutRate(first, { ...sig, goodSinceLastCut: 40, sentSinceLastCut: 42 }).wmax, exit.wmax, 'not for the cut ending the ramp');
  // A run that sent little since the last cut (a light phase) learnt nothing about the server's rate.
  const idle = cutRate({ from: 50, wmax: 100 }, { ...sig, goodSinceLastCut: 6, sentSinceLastCut: 6 });
  assert.equal(idle.wmax, ordinary.wmax);
});

test('probe decay: a cut that anchors where the last one did slows the next probe; one that moves it restores it', () => {
  const sig = { rateAtSend: 45, rateNow: 44, measuredSend: 44, measuredGood: 40, measuredGoodLong: 40, goodSinceFirstCut: 40, sentSinceLastCut: 42 };
  assert.equal(cutRate({ from: 28, wmax: 40 }, { ...sig, goodSinceLastCut: 45 }).probeScale, PROBE_DECAY.factor, '45 is within 15 % above 40');
  near(cutRate({ from: 28, wmax: 40, probeScale: PROBE_DECAY.factor }, { ...sig, goodSinceLastCut: 41 }).probeScale!, PROBE_DECAY.min, 1e-12);
  near(cutRate({ from: 28, wmax: 40, probeScale: PROBE_DECAY.min }, { ...sig, goodSinceLastCut: 39.5 }).probeScale!, PROBE_DECAY.min, 1e-12);
  assert.equal(cutRate({ from: 28, wmax: 40, probeScale: PROBE_DECAY.min }, { ...sig, goodSinceLastCut: 60, sentSinceLastCut: 62 }).probeScale, undefined, 'the rate moved: probe as usual');
  assert.equal(cutRate({ from: 28, wmax: 40, probeScale: PROBE_DECAY.factor }, { ...sig, goodSinceLastCut: 36 }).probeScale, undefined, 'an anchor sinking cut after cut is no steady limit');
  // Below the anchor the curve is the same; above it, the excess is scaled.
  const w = 40;
  near(cubicRate(1, w, CUBIC.beta, CUBIC.c, 0.1), cubicRate(1, w), 1e-9);
  const t = cubicK(w) + 4;
  near(cubicRate(t, w, CUBIC.beta, CUBIC.c, 0.1) - w, 0.1 * (cubicRate(t, w) - w), 1e-9);
  near(recoveryRate(t, CUBIC.beta * w, w, CUBIC.beta, 0.1), cubicRate(t, w, CUBIC.beta, CUBIC.c, 0.1), 1e-9);
});

test('a probe ending above a steady anchor drops to STEADY_BETA of it, not β, and the curve starts there', () => {
  const sig = { rateAtSend: 45, rateNow: 44, measuredSend: 44, measuredGood: 42, measuredGoodLong: 40, goodSinceFirstCut: 40, sentSinceLastCut: 42 };
  const steady = cutRate({ from: 28, wmax: 40 }, { ...sig, goodSinceLastCut: 41 });
  near(steady.from, STEADY_BETA * 41, 1e-9);
  assert.ok(STEADY_BETA > CUBIC.beta);
  const moved = cutRate({ from: 28, wmax: 40 }, { ...sig, goodSinceLastCut: 60, sentSinceLastCut: 62 });
  near(moved.from, CUBIC.beta * 42, 1e-9, 'an anchor that moved: the usual β of the level (what was accepted over the last second)');
  // The recovery starts where the cut left the rate, rises to the anchor, and probes above it as usual.
  near(recoveryRate(0, steady.from, steady.wmax), steady.from, 1e-9);
  const k = cubicK(steady.wmax, STEADY_BETA);
  near(recoveryRate(k, steady.from, steady.wmax), steady.wmax, 1e-9);
  assert.ok(recoveryRate(k / 2, steady.from, steady.wmax) > steady.from && recoveryRate(k / 2, steady.from, steady.wmax) < steady.wmax);
  assert.ok(recoveryRate(k + 3, steady.from, steady.wmax) > steady.wmax, 'probes above it');
});

test('meters: a sliding window that forgets, read over the span it covers or the age (at least METER_MIN_AGE_MS)', () => {
  const m = new Float64Array(meterSlots(SEND_METER));
  const t0 = 1_000_000;
  for (let i = 0; i < 50; i++) meterAdd(SEND_METER, m, 0, t0 + i * 10); // 50 events in 0.5 s
  near(meterRate(SEND_METER, m, 0, t0 + 500, 500), 100, 1e-9, 'a young meter divides by its age');
  near(meterRate(SEND_METER, m, 0, t0 + 500, 100), 50 / (METER_MIN_AGE_MS / 1000), 1e-9, '... but by no less than the minimum');
  // On a bucket boundary the ring covers 9 whole buckets and none of the head: 0.9 s, not 1 s.
  near(meterRate(SEND_METER, m, 0, t0 + 500), 50 / 0.9, 1e-9);
  assert.equal(meterCount(SEND_METER, m, 0, t0 + 500), 50, 'the significance rule counts, it does not divide');
  near(meterRate(SEND_METER, m, 0, t0 + 550), 50 / 0.95, 1e-9, 'half the head bucket has passed');
  near(meterRate(SEND_METER, m, 0, t0 + 1200), 20 / 0.9, 1e-9, 'events older than the window are gone');
  assert.equal(meterRate(SEND_METER, m, 0, t0 + 5000), 0);
  meterAdd(SEND_METER, m, 0, t0 + 4000); // older than the head: counted in the head
  near(meterRate(SEND_METER, m, 0, t0 + 5000), 1 / 0.9, 1e-9);

  const l = new Float64Array(meterSlots(GOOD_LONG_METER));
  for (let i = 0; i < 100; i++) meterAdd(GOOD_LONG_METER, l, 0, t0 + i * 40); // 100 events in 4 s
  near(meterRate(GOOD_LONG_METER, l, 0, t0 + 4000, 4000), 25, 1e-9);
  near(meterRate(GOOD_LONG_METER, l, 0, t0 + 4000), 100 / 4.5, 1e-9);
});

test('throttle signal: at least 3, 1 per 10 successes, and beyond what a background of random 429s explains', () => {
  assert.ok(!throttleSignificant(1, 0), 'one is not enough');
  assert.ok(!throttleSignificant(2, 10), 'two are chance at 5 % random 429s and ~20 req/s');
  assert.ok(throttleSignificant(3, 10));
  assert.ok(throttleSignificant(3, 30));
  assert.ok(!throttleSignificant(3, 31));
  assert.ok(!throttleSignificant(5, 95), 'a 5 % background of 429s is not a rate signal');
  // With a known 5 % background, a chance cluster (3 of 20, 6 of 50) is not a signal; a real excess is.
  assert.ok(!throttleSignificant(3, 17, 0.05));
  assert.ok(!throttleSignificant(6, 44, 0.05));
  assert.ok(throttleSignificant(10, 40, 0.05), '20 % against a 5 % background');
  assert.ok(throttleSignificant(3, 17, 0), 'no background: as before');
});

test('throttle signal before the first cut: 1 in 4, since the background is not known yet', () => {
  assert.ok(!throttleSignificant(3, 27, 0, false, true), '3 of 30 happen at a 5 % background');
  assert.ok(throttleSignificant(3, 27), 'after the first cut, the usual bar');
  assert.ok(throttleSignificant(40, 60, 0, false, true), 'past a dry bucket, unpaced: 40 %');
});

test('throttle signal while probing above a measured rate: two are enough, unless the background explains them', () => {
  assert.ok(throttleSignificant(2, 40, 0, true), '2 of 42 above the anchor: the probe found the limit');
  assert.ok(!throttleSignificant(2, 40, 0, false), 'below the anchor the same 2 wait for 1 in 10');
  assert.ok(!throttleSignificant(1, 40, 0, true), 'one is still chance');
  assert.ok(throttleSignificant(3, 200, 0.002, true), 'at 200 req/s, no 20 throttles needed');
  assert.ok(!throttleSignificant(2, 40, 0.05, true), 'a 5 % background explains 2 of 42');
  assert.ok(!throttleSignificant(6, 200, 0.02, true), 'or 6 of 206 against 2 %');
});

test('background share and the streak that ends slow start', () => {
  assert.equal(backgroundShare(0, 0, 0, 0), 0, 'a young run reads as clean');
  near(backgroundShare(50, 1000, 10, 200), 40 / 820);
  assert.equal(backgroundShare(5, 5, 5, 5), 0, 'what is judged is not its own background');
  assert.ok(!streakSignificant(2, 0), 'two in a row are chance in a young run, whose background is not known yet');
  assert.ok(streakSignificant(3, 0), 'three are not');
  assert.ok(!streakSignificant(3, 0.05), 'three in a row happen by chance at 5 %');
  assert.ok(streakSignificant(4, 0.05));
  assert.ok(!streakSignificant(2, 0.01) && streakSignificant(3, 0.01));
  // Judged on every answer, a streak grows likelier with the answers it could have started at.
  assert.ok(!streakSignificant(5, 0.05, 2000), 'among 2,000 answers at 5 %, five in a row come by chance 6 times in 10,000');
  assert.ok(streakSignificant(6, 0.05, 2000));
  assert.ok(streakSignificant(3, 0, 2000), 'with no background, three still end slow start');
});

test('retry tokens and pacing anchors', () => {
  assert.equal(refillTokens(0, 500, 2, 20), 1);
  assert.equal(refillTokens(19, 5000, 2, 20), 20);
  assert.equal(msUntilToken(1.2, 1), 0);
  near(msUntilToken(0.5, 2), 250);
  assert.equal(msUntilToken(0, 0), Infinity);
  // On time or a little late: the schedule is kept. Much later (idle): start afresh.
  assert.equal(paceAnchor(1000, 1000.2, 50), 1000);
  assert.equal(paceAnchor(1000, 1008, 50), 1000);
  assert.equal(paceAnchor(1000, 1030, 50), 1030);
  assert.equal(paceAnchor(1000, 1004, 5), 1004, 'τ is half an interval');
});
