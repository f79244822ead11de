/**
 * The limiter's control math as plain functions over numbers (and, for the rate meter, over a slice
 * of a Float64Array so the same code runs on shared memory and in unit tests). No threads, no clocks:
 * every function takes `now` from its caller.
 */

// ---------------------------------------------------------------- concurrency: slow start, then AIMD

export const AIMD = {
  /** Netflix concurrency-limits' AIMDLimit backs off to 0.9 × on a drop. */
  backoff: 0.9,
  /** Smoothing of the RTT average (EWMA weight of a new sample). */
  rttSmoothing: 0.1,
  /**
   * How fast the minimum RTT forgets: each slower sample pulls it up by this fraction of the gap, so a
   * baseline measured in a quiet moment does not stay forever if the server gets slower.
   */
  minRttDrift: 0.001,
} as const;

/**
 * Slow start (TCP's: multiplicative growth until the first sign of trouble). Each success adds `step`,
 * so the limit doubles per round trip: the ramp from a handful to hundreds in flight takes the same
 * few round trips at 20 ms as at 390 ms, where each one is expensive. (Tripling saved about one round
 * trip of ramp at 390 ms, but against a rate limit with a 1 s burst at that latency it doubled the
 * 429s of discovering it: what is in flight then is the factor times the knee.) It is also capped in time, e-fold
 * per `efoldMs` at most: against a fast server per-round-trip growth alone is no brake (5 ms round
 * trips: 8 → 200 in 15 ms), and what is in flight when a rate limit's burst runs out comes back 429 —
 * the discovery of a limit costs about the in-flight count, which should not have exploded first.
 * The cap is a credit of e-folds earned with time (at most one round's growth, ln(1 + step)), not a
 * gap between two successes: a round's answers arrive together, and a per-gap cap would grant the
 * first of them a step and the rest nothing, which at 390 ms made the ramp many times slower.
 *
 * Latency does not stop the growth: under CPU contention (a busy neighbour, our own threads) the
 * round trip grows with no server queue behind it, and a server whose latency grows with load still
 * answers more per second with more in flight. The ceiling is the server's 429s, or `maxLimit` (what
 * the run can use: sockets, memory).
 */
export const SLOW_START = { step: 1, efoldMs: 40 } as const;

/**
 * The opening window, set once the first answer has measured the round trip. A small window sends
 * little when the round trip is long (4 in flight at 390 ms: 10 req/s), and slow start would then
 * spend several long round trips reaching what a short round trip starts with. So the window is
 * raised to send `rate` requests per second (about what the reference tool's 20 threads sent at
 * OCI's latency), at most `maxWindow` in flight; a short round trip keeps the small window, which a
 * rate limit's burst absorbs.
 */
export const OPENING = { rate: 50, maxWindow: 32 } as const;

export const openingWindow = (limit: number, rttMs: number, maxLimit: number): number =>
  Math.min(maxLimit, Math.max(limit, Math.min(OPENING.maxWindow, (OPENING.rate * Math.max(0, rttMs)) / 1000)));

/** Most growth credit (e-folds) slow start can hold: one round trip's worth. */
export const SLOW_START_MAX_CREDIT = Math.log(1 + SLOW_START.step);

/** Growth credit after `elapsedMs` more of time. */
export const earnCredit = (credit: number, elapsedMs: number): number => Math.min(SLOW_START_MAX_CREDIT, credit + Math.max(0, elapsedMs) / SLOW_START.efoldMs);

/**
 * Growth on a success: slow start until the first cut (spending `credit`, see SLOW_START), then
 * congestion avoidance (+1/limit per success: +1 per round trip). No growth when the caller is not
 * using half the limit: an app-limited limit must not inflate.
 */
export function growLimit(limit: number, inFlight: number, slowStart: boolean, maxLimit: number, credit = SLOW_START_MAX_CREDIT): { limit: number; credit: number } {
  if (inFlight < limit / 2) return { limit, credit };
  if (!slowStart) return { limit: Math.min(maxLimit, limit + 1 / limit), credit };
  const grown = Math.min(maxLimit, limit + Math.min(SLOW_START.step, limit * Math.expm1(Math.max(0, credit))));
  return { limit: grown, credit: Math.max(0, credit - Math.log(grown / limit)) };
}

/**
 * Whether the throttles of the last second say "too fast" (counts, not rates): at least 3, at least one
 * for every 10 successes, and more than a background of random 429s would give by chance. A server at
 * its rate limit answers 429 to a growing share of requests as the send rate rises past it (17 % at
 * 1.2 R), so this costs a handful of 429s per cut at most; but isolated 429s that have nothing to do
 * with our rate (a shared tenancy's neighbour, an injected fault, a 5 % background of throttles) would
 * otherwise cut the rate on every cluster of them, and each cut, by lowering the count of requests per
 * second, makes the next chance cluster likelier: a chaos run spiralled down for minutes.
 *
 * `background` is the share of 429s seen before the last second (backgroundShare): the test asks for
 * more throttles than THROTTLE_SIGNAL.sigmas standard deviations above what that share predicts for
 * this many answers. With no background (a clean server, or the run's start) it is the first two rules.
 */
export const THROTTLE_SIGNAL = { minCount: 3, minShare: 0.1, sigmas: 3, probeMinCount: 2, youngShare: 0.25 } as const;

/**
 * `probing`: the throttled request went out above a rate the server was measured to accept (the
 * anchor of the last cut). There 429s are what the probe looks for, and waiting for 1 in 10 lets a
 * rate creeping past the limit leak 429s for seconds — at a long round trip, most of a run's 429s.
 * So two are enough, unless the background explains them.
 *
 * `young`: before the first cut, when the background is not known yet, the share must be 1 in 4. A
 * young run's last second holds a few dozen answers, where a 5 % background puts 3 of ~30 one second
 * in six; a false first cut leaves the run paced at a young run's rate, for every later chance
 * cluster to cut again. An unpaced run past a rate limit's bucket sees far more (or a streak).
 */
export function throttleSignificant(throttles: number, successes: number, background = 0, probing = false, young = false): boolean {
  if (throttles < (probing ? THROTTLE_SIGNAL.probeMinCount : THROTTLE_SIGNAL.minCount)) return false;
  if (!probing && throttles < (young ? THROTTLE_SIGNAL.youngShare : THROTTLE_SIGNAL.minShare) * successes) return false;
  const n = throttles + successes;
  const p = Math.min(1, Math.max(0, background));
  return throttles > n * p + THROTTLE_SIGNAL.sigmas * Math.sqrt(n * p * (1 - p));
}

/**
 * Before the first cut, while sending unpaced, 429s in a row are the signal: an exhausted rate limit
 * answers nothing else, and waiting for 1 in 10 would let the unpaced sends run on into 429s. With a
 * background share p of random 429s, the streak must be long enough that chance puts one that long
 * among the `answers` of the last 10 s once in STREAK_CHANCE: n·p^k is the chance of a streak of k
 * starting somewhere among n answers, and a run that never cuts (a clean server with a background of
 * random 429s) is judged on every answer it gets, so a bound per answer (p^k) alone made a false cut a
 * matter of run length (4 in a row at 5 %: 2,000 answers give one about once in 80 runs). At least 3, since a
 * young run has not seen its background yet: with 2, a 5 % background put two in a row among a run's
 * first hundred answers one run in five, and the run then crawled at the paced rate that false cut
 * left. A limit answers the whole window in flight with 429s, so a longer streak costs next to nothing.
 */
export const STREAK_CHANCE = 1e-4;

export function streakSignificant(streak: number, background: number, answers = 1): boolean {
  const p = Math.min(0.5, Math.max(0, background));
  const needed = p <= 0 ? 3 : Math.max(3, Math.ceil(Math.log(STREAK_CHANCE / Math.max(1, answers)) / Math.log(p)));
  return streak >= needed;
}

/**
 * The share of 429s among the answers of the last 10 s, the last second left out (it is what is being
 * judged), and 20 clean answers assumed up front so that a young run reads as clean.
 */
export function backgroundShare(throttles10s: number, answers10s: number, throttles1s: number, answers1s: number): number {
  const t = Math.max(0, throttles10s - throttles1s);
  const n = Math.max(0, answers10s - answers1s);
  return t / (n + 20);
}

/** Multiplicative decrease on a throttle. */
export function cutLimit(limit: number, minLimit: number, backoff: number = AIMD.backoff): number {
  return Math.max(minLimit, limit * backoff);
}

/** New [minRtt, smoothedRtt] after a successful sample (0 means "none yet"). */
export function updateRtt(minRtt: number, smoothedRtt: number, sampleMs: number): [number, number] {
  if (!(sampleMs >= 0) || !Number.isFinite(sampleMs)) return [minRtt, smoothedRtt];
  const min = minRtt <= 0 || sampleMs < minRtt ? sampleMs : minRtt + (sampleMs - minRtt) * AIMD.minRttDrift;
  const smoothed = smoothedRtt <= 0 ? sampleMs : smoothedRtt + (sampleMs - smoothedRtt) * AIMD.rttSmoothing;
  return [min, smoothed];
}

// ---------------------------------------------------------------- rate: CUBIC (AWS SDK adaptive retry)

export const CUBIC = {
  /** Fraction of the rate kept on a throttle. */
  beta: 0.7,
  /** Scale constant of the cubic (req/s per s³). */
  c: 0.4,
  /** Lowest fill rate (req/s): the rate never stops. */
  minRate: 0.5,
} as const;

/** Longest time (s) the curve takes back to wmax; see cubicC. */
export const CUBIC_MAX_K_SEC = 2.5;

/**
 * The cubic's scale constant for an anchor `wmax`: C, or more where C would take longer than
 * CUBIC_MAX_K_SEC back to wmax. With a fixed C the time back grows with the cube root of the rate
 * (K = 2.5 s at 20 req/s, 5.3 s at 200, 9 s at 1,000), so a busy client would spend most of a run
 * below a limit it already knew; scaled, a cut costs the same share of throughput at any rate.
 */
export function cubicC(wmax: number, beta: number = CUBIC.beta, c: number = CUBIC.c): number {
  return Math.max(c, (wmax * (1 - beta)) / CUBIC_MAX_K_SEC ** 3);
}

/** Seconds after a cut at which the curve is back at wmax. */
export function cubicK(wmax: number, beta: number = CUBIC.beta, c: number = CUBIC.c): number {
  return Math.cbrt((wmax * (1 - beta)) / cubicC(wmax, beta, c));
}

/**
 * Above wmax the cubic rises at this fraction of its speed below. Below wmax the curve returns to a
 * rate the server accepted moments ago, and quick is safe; above it, it looks for a limit that has
 * just answered 429 to be raised, which rarely happens within a run, while every overshoot costs
 * THROTTLE_SIGNAL.minCount 429s at least, and at a long round trip several times that (the 429s
 * of a round trip's sends come back before the cut). A slow probe is the cheap side of the trade: a
 * limit that was really raised is found a few seconds later.
 */
export const CUBIC_PROBE_SCALE = 0.1;

/**
 * A cut that anchors where the previous one did (at most `stableWithin` above it, `stableBelow`
 * below) says the server's rate is steady, and the next probe above it goes `factor` times as fast, down to `min` × the usual speed; a
 * cut that moves the anchor (down by more than `stableBelow`: anchors sinking cut after cut are chance
 * 429s, not a limit) restores it. What a probe costs is set less by how many 429s end it than
 * by how far above the rate it runs when they start: in the plateau below the rate the server's
 * bucket fills, the probe spends that burst first, and by the first 429 it can run well above the
 * rate for a round trip (at 40 req/s and 390 ms, ~12 429s a probe, every ~9 s). A slower probe
 * drains the bucket at a lower excess, and comes less often.
 */
export const PROBE_DECAY = { stableWithin: 0.15, stableBelow: 0.03, factor: 0.3, min: 0.1 } as const;

/**
 * The share of a steady anchor (see PROBE_DECAY) that a cut ending a probe above it keeps, instead of
 * CUBIC.beta. The server's rate is known to within a few percent there, and the probe's 429s say only
 * that it ran above it: dropping to 0.7 of it gave away 0.3 × ¼ of every cycle (~0.19 s of the rate
 * per 2.5 s cycle), and refilled the server's bucket for the next probe to spend above the rate.
 */
export const STEADY_BETA = 0.9;

/**
 * The fill rate `t` seconds after a cut from `wmax`: rate(t) = C(t−K)³ + wmax. It starts at β·wmax,
 * flattens out near wmax (where the last throttle was) and then probes above it ever faster (at
 * CUBIC_PROBE_SCALE of the curve's speed below).
 */
export function cubicRate(tSec: number, wmax: number, beta: number = CUBIC.beta, c: number = CUBIC.c, probeScale = 1): number {
  const d = Math.max(0, tSec) - cubicK(wmax, beta, c);
  const cubic = cubicC(wmax, beta, c) * d * d * d;
  return Math.max(CUBIC.minRate, wmax + (d > 0 ? CUBIC_PROBE_SCALE * probeScale * cubic : cubic));
}

/**
 * Exponential part of the recovery: the rate doubles every `doublingSec`, or every `doublingRtts`
 * round trips where that is longer. The 429s that end a ramp come back a round trip after the sends
 * that drew them, and the ramp goes on growing meanwhile: at OCI's round trips a ½ s doubling had run
 * well past the server's rate by the cut, whose anchor (β × the rate at send) then still sat above
 * it. Three round trips keep the growth within one round trip to about a quarter (2^⅓).
 */
export const RAMP = { doublingSec: 0.5, doublingRtts: 3 } as const;
/** The ramp's doubling time (s) at a round trip of `rttMs` (0 = not measured yet). */
export const rampDoublingSec = (rttMs: number): number => Math.max(RAMP.doublingSec, (RAMP.doublingRtts * Math.max(0, rttMs)) / 1000);

/**
 * The fill rate `t` seconds after a cut that left the rate at `from` with the curve anchored at `wmax`:
 * an exponential ramp from `from` (doubling every `doublingSec`, see RAMP) up to β·wmax, then the CUBIC curve toward and
 * past wmax. After an ordinary cut from = β·wmax and this is plain CUBIC. The ramp serves two cases
 * where CUBIC, anchored at a low wmax, would take tens of seconds (20 → 200 req/s: 10 s):
 * - after the *first* cut nothing is known (wmax = Infinity): ramp until the next one — TCP's slow
 *   start, for the rate;
 * - after a run of cuts (a burst of 429s, an outage) the rate has collapsed below what the server
 *   accepted just before: ramp back to that quickly, then probe carefully.
 */
export function recoveryRate(tSec: number, from: number, wmax: number, beta: number = CUBIC.beta, probeScale = 1, doublingSec: number = RAMP.doublingSec): number {
  const t = Math.max(0, tSec);
  // A cut that kept more than β of the anchor (STEADY_BETA) starts the curve where it left the rate.
  if (Number.isFinite(wmax) && from > beta * wmax) beta = Math.min(1, from / wmax);
  const target = beta * wmax;
  const rampSec = from >= target ? 0 : doublingSec * Math.log2(target / from);
  if (t < rampSec) return Math.max(CUBIC.minRate, from * 2 ** (t / doublingSec));
  return cubicRate(t - rampSec, wmax, beta, undefined, probeScale);
}

/**
 * The rate to use between throttles: the curve, but never more than twice what we actually sent in
 * the last window (AWS's guard against a fill rate that grew while the app sent little) — nor below
 * `floor`, the last level known to work.
 */
export function boundedRate(curve: number, measuredSend: number, floor: number): number {
  // +1: the meter counts whole sends in a 1 s window, so at a few req/s it reads one short of the rate
  // just before the next send, and a bare 2 × measured would pin a slow rate where it is.
  return Math.min(curve, Math.max(2 * (measuredSend + 1), floor));
}

/** The rate-control state a cut leaves (see recoveryRate). wmax = Infinity: unknown, ramping. */
export interface RateCut {
  from: number;
  wmax: number;
  /** The probe's speed above wmax, relative to the usual (PROBE_DECAY); absent = 1. */
  probeScale?: number;
}

export interface ThrottleSignal {
  /** Fill rate when the throttled request was sent, and now. */
  rateAtSend: number;
  rateNow: number;
  /** Sends and accepted requests per second over the last second (SEND_METER, GOOD_METER). */
  measuredSend: number;
  measuredGood: number;
  /** Accepted requests per second over the last 5 s, counted from the first cut (GOOD_LONG_METER). */
  measuredGoodLong: number;
  /**
   * Accepted requests per second since the first cut (0 before it). The first cut comes when the
   * server's bucket has run dry, so what it let through since is at most its rate times the time:
   * a lower bound of the rate that is exact once we have sent at or above it — as the ramp that
   * follows the first cut does before it ends.
   */
  goodSinceFirstCut: number;
  /**
   * Accepted requests per second since the previous cut, when that is at least CYCLE_MIN_MS ago.
   * Both cuts came with the server's bucket empty, so what it let through in between is its rate
   * times the time (less, if the bucket filled to its brim meanwhile): a steadier reading than the
   * one-second and five-second meters, which a bucket refilled during the dip after a cut and spent
   * on the way back makes read high — and a plateau above the rate leaks 429s the cut rule, which
   * wants 1 in 10, never sees.
   */
  goodSinceLastCut?: number;
  /**
   * Sends per second over the same span. Below most of the previous anchor the run was not pushing
   * (a light phase, a pause): what the server accepted then says nothing about its rate.
   */
  sentSinceLastCut?: number;
}

/** The share of the previous anchor the sends since the last cut must have averaged (see sentSinceLastCut). */
export const CYCLE_BUSY_SHARE = 0.8;

/** The shortest span between two cuts over which goodSinceLastCut is read. */
export const CYCLE_MIN_MS = 2000;

/**
 * The cut for a throttle (of a request sent after the previous cut). `prev` is null before the first.
 * - First cut: the level is the least of what we sent and what the server accepted over the last
 *   second. The accepted rate is the best estimate of the server's limit at that point (the unthrottled
 *   send rate can be 50× it), read over at least METER_MIN_AGE_MS even if the sending began later
 *   (see there). Ramp from β × that until the next throttle.
 * - Throttle ending that ramp: anchor at β × the rate the throttled request went out at — an upper
 *   bound of the server's rate, overshot by its burst and a round trip of doubling — or at what the
 *   server accepted since the first cut if that is more (a lower bound, see goodSinceFirstCut: it
 *   keeps a ramp that ended early, just above the rate, from parking the plateau at 0.7 R). Not the
 *   one-second meters: they trail an exponential ramp by half its value.
 * - A cut at least CYCLE_MIN_MS after the previous one, with the sends in between near the previous
 *   anchor: anchor at what the server accepted between the two (goodSinceLastCut), restart at β × the
 *   lesser of that and the level below.
 * - Otherwise (AWS adaptive retry): level = least of the fill rate, what we sent and what was accepted;
 *   the rate restarts at β × level. The anchor stays at what the server accepted over the last 5 s if
 *   that is higher (never above the previous anchor): a run of cuts in quick succession (a burst of
 *   429s, a short outage) collapses the rate, as it should, but is followed by a quick ramp back to
 *   where the server was, not a CUBIC crawl from the collapsed level. If the server's rate really
 *   dropped, the 5 s window forgets the old one within seconds.
 */
export function cutRate(prev: RateCut | null, sig: ThrottleSignal, beta: number = CUBIC.beta): RateCut {
  const floor = (x: number): number => Math.max(CUBIC.minRate, x);
  if (prev === null) return { from: floor(beta * Math.min(sig.measuredSend, sig.measuredGood)), wmax: Infinity };
  if (prev.wmax === Infinity) {
    const wmax = floor(Math.max(beta * sig.rateAtSend, sig.goodSinceFirstCut));
    return { from: floor(beta * wmax), wmax };
  }
  const level = floor(Math.min(sig.rateNow, sig.measuredSend, sig.measuredGood));
  if (sig.goodSinceLastCut !== undefined && (sig.sentSinceLastCut ?? 0) >= CYCLE_BUSY_SHARE * prev.wmax) {
    const wmax = floor(sig.goodSinceLastCut);
    const steady = wmax >= (1 - PROBE_DECAY.stableBelow) * prev.wmax && wmax <= (1 + PROBE_DECAY.stableWithin) * prev.wmax;
    const probeScale = steady ? Math.max(PROBE_DECAY.min, (prev.probeScale ?? 1) * PROBE_DECAY.factor) : 1;
    return { from: floor((steady ? Math.max(beta, STEADY_BETA) : beta) * Math.min(level, wmax)), wmax, ...(probeScale < 1 ? { probeScale } : {}) };
  }
  return { from: floor(beta * level), wmax: Math.max(level, Math.min(prev.wmax, sig.measuredGoodLong)) };
}

// ---------------------------------------------------------------- rate meters (sliding windows)

export interface MeterSpec {
  bucketMs: number;
  buckets: number;
}

/** What we sent: the last second in 100 ms buckets (AWS measures the send rate over ½ s buckets). */
export const SEND_METER: MeterSpec = { bucketMs: 100, buckets: 10 };
/** What the server accepted, and what it throttled: same window. */
export const GOOD_METER: MeterSpec = { bucketMs: 100, buckets: 10 };
/** ... and over the last 5 s, for the recovery anchor (see cutRate). */
export const GOOD_LONG_METER: MeterSpec = { bucketMs: 500, buckets: 10 };

/** Throttles and all answers over the last 10 s: the background share of 429s (backgroundShare). */
export const BACKGROUND_METER: MeterSpec = { bucketMs: 1000, buckets: 10 };

/** Float64 slots a meter takes: the head bucket number, then the ring of counts. */
export const meterSlots = (spec: MeterSpec): number => 1 + spec.buckets;

/**
 * Moves the meter's head to `now`, zeroing the buckets it passes. State at m[off]: absolute number of
 * the head bucket (0 = fresh meter); m[off+1 ..]: counts, ring-indexed by bucket number.
 */
function advance(spec: MeterSpec, m: Float64Array, off: number, nowMs: number): number {
  const bucket = Math.floor(nowMs / spec.bucketMs);
  const head = m[off]!;
  if (bucket > head) {
    const clear = Math.min(spec.buckets, bucket - head);
    for (let i = 1; i <= clear; i++) m[off + 1 + ((bucket - clear + i) % spec.buckets)] = 0;
    m[off] = bucket;
  }
  return Math.max(bucket, head);
}

/** Events in the window (the last second for SEND_METER / GOOD_METER). */
export function meterCount(spec: MeterSpec, m: Float64Array, off: number, nowMs: number): number {
  advance(spec, m, off, nowMs);
  let sum = 0;
  for (let i = 1; i <= spec.buckets; i++) sum += m[off + i]!;
  return sum;
}

export function meterAdd(spec: MeterSpec, m: Float64Array, off: number, nowMs: number, n = 1): void {
  const head = advance(spec, m, off, nowMs);
  // A sample older than the head (another thread read the clock a moment earlier) lands in the head.
  m[off + 1 + (head % spec.buckets)]! += n;
}

/**
 * A young meter divides by its age (time since the first send), but by no less than this. At the
 * first throttle the age is often a few tens of ms and the accepted count still holds the server's
 * burst b: the reading is (b + R·t) / max(t, this), right for a burst of a quarter second's worth of
 * the rate, low for less, high for more. Low costs a ½ s doubling or two of ramp; high costs a cut or
 * two more, which the anchor restarted at the first cut (shared.ts) keeps from cascading — see
 * test/limit-sim.test.ts, a server with a one-second burst. (With a full second here, as before, the
 * limiter's history in `--json` showed the first cut at 200 req/s going to ~35 req/s, and a second
 * of ramp back in every run.)
 */
export const METER_MIN_AGE_MS = 250;

/**
 * Events per second over the window. The window is the span the ring covers: whole buckets behind
 * the head plus the part of the head bucket that has passed (dividing by the full window would
 * under-read by up to one bucket, 10 %, and a cut measured that way lands below the server's rate).
 * A meter younger than that divides by its age instead (see METER_MIN_AGE_MS).
 */
export function meterRate(spec: MeterSpec, m: Float64Array, off: number, nowMs: number, ageMs = Infinity): number {
  const head = advance(spec, m, off, nowMs);
  const sum = meterCount(spec, m, off, nowMs);
  const spanMs = (spec.buckets - 1) * spec.bucketMs + Math.max(0, Math.min(spec.bucketMs, nowMs - head * spec.bucketMs));
  return sum / (Math.max(1, Math.min(spanMs, Math.max(METER_MIN_AGE_MS, ageMs))) / 1000);
}

// ---------------------------------------------------------------- Retry-After

/**
 * The longest a server's Retry-After is obeyed. It holds every thread's sends (and the throttled
 * call's own retry), so an outlandish value (600 s) would stall the whole run with no way to tell it
 * from a hang; past a minute we retry anyway, and the retry budget and the adaptive rate still
 * keep a throttling server from being hammered.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

// ---------------------------------------------------------------- retry budget

/** Tokens after `elapsedMs` of refill, capped. */
export function refillTokens(tokens: number, elapsedMs: number, perSecond: number, capacity: number): number {
  return Math.min(capacity, tokens + (Math.max(0, elapsedMs) / 1000) * perSecond);
}

/** ms until a retry token (1.0) is available from refill alone; Infinity if there is no refill. */
export function msUntilToken(tokens: number, perSecond: number): number {
  if (tokens >= 1) return 0;
  return perSecond > 0 ? ((1 - tokens) / perSecond) * 1000 : Infinity;
}

// ---------------------------------------------------------------- pacing (GCRA / virtual scheduling)

/** A send may go this many ms before its theoretical time: timers fire a fraction of a ms early. */
export const PACE_EARLY_MS = 0.25;

/**
 * Pacing keeps `anchor`, the theoretical time of the last send; the next is due at anchor + 1/rate, with
 * the rate read afresh at every check, so a rate that changed since the last send applies at once.
 * After a send at `now`, due at `due`, the new anchor is `due` if the send was at most τ late (half
 * an interval, ≤ 10 ms), else `now`. Spacing from the *theoretical* time keeps timer lateness (≈1 ms
 * a wake-up, 20 % at 200 req/s) from accumulating; τ bounds the catching up, so it never bursts; and a
 * gate that sat idle starts afresh rather than with credit.
 */
export function paceAnchor(due: number, nowMs: number, intervalMs: number): number {
  const tau = Math.min(intervalMs / 2, 10);
  return due > nowMs - tau ? due : nowMs;
}
