/**
 * The run's one limiter, living in a SharedArrayBuffer so every worker thread (and the coordinator)
 * enforces the same concurrency limit, rate and retry budget. Counters that are only ever added to
 * use Atomics; the rest of the state (floats included) is read and written under a tiny spin/futex
 * lock. Nothing awaits while holding the lock, so critical sections are a few hundred nanoseconds.
 * The control decisions themselves are the pure functions of ./control.ts.
 */
import {
  BACKGROUND_METER,
  CYCLE_MIN_MS,
  GOOD_LONG_METER,
  MAX_RETRY_AFTER_MS,
  GOOD_METER,
  PACE_EARLY_MS,
  SEND_METER,
  boundedRate,
  recoveryRate,
  rampDoublingSec,
  cutRate,
  cutLimit,
  backgroundShare,
  earnCredit,
  growLimit,
  meterAdd,
  meterCount,
  meterRate,
  meterSlots,
  msUntilToken,
  openingWindow,
  streakSignificant,
  throttleSignificant,
  paceAnchor,
  refillTokens,
  updateRtt,
} from './control.js';
import type { AcquireOptions, Gate, LimiterEvent, LimiterOptions, LimiterStats, Outcome, Permit, RetryBudget } from './types.js';
import { CANCEL_POLL_MS, cancelledError, isCancelled, pause, type Cancellation } from './wait.js';

/**
 * Finagle's RetryBudget defaults (20 % of successes, at least 10 retries/s) plus a burst of 20. In
 * adaptive mode retries already share the rate, so the budget rarely binds; it matters with
 * --no-adaptive against a rate limit, where every 429 wants a retry: with 1 token/s and 10 % (the
 * AWS-ish example) a 100 req/s limit turned ~450 retries into a 330 s run; with these, 33 s.
 */
export const DEFAULT_RETRY_BUDGET: RetryBudget = { capacity: 20, perSuccess: 0.2, perSecond: 10 };

/** Absolute ms, comparable across threads (each thread's timeOrigin differs; the sum does not). */
export const clock = (): number => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------- layout

/** Int32 words. */
const I = {
  lock: 0,
  /** Bumped on every release: concurrency waiters Atomics.waitAsync on it. */
  slotGen: 1,
  /** Bumped when retry tokens are earned: retry waiters wait on it. */
  tokenGen: 2,
  inFlight: 3,
  maxInFlight: 4,
  sends: 5,
  retries: 6,
  throttles: 7,
  cuts: 8,
  retryWaits: 9,
  adaptive: 10,
  maxLimit: 11,
  minLimit: 12,
  /** 1 while a thread holds the pacing baton (sleeping until the next send is due). */
  pacer: 13,
  slowStart: 14,
  historyCount: 15,
  successes: 16,
  /** Layout version, so a worker built from other code notices a mismatched buffer. */
  magic: 17,
  /** Bumped when the pacer hands the baton on: acquirers queued behind it wait on this. */
  paceGen: 18,
  /** Throttles since the last success. */
  throttleStreak: 19,
  /** Acquirers that want a concurrency slot and have none yet: with those in flight, the demand the limit is judged by. */
  waiting: 20,
} as const;
const I32_WORDS = 32;
const MAGIC = 0x4c494d41; // "LIMA"

/** Float64 slots (the view starts after the Int32 words). */
const F = {
  limit: 0,
  startMs: 1,
  /** Theoretical time of the last send (control.ts, paceAnchor), absolute ms. */
  paceAnchor: 2,
  /** No send before this (Retry-After), absolute ms. */
  notBefore: 3,
  /** 0 = no ceiling. */
  maxRps: 4,
  /** The rate a cut left (the recovery curve's start). */
  rateFrom: 5,
  /** Recovery curve anchor (control.ts, recoveryRate); 0 = rate control not engaged yet, Infinity = ramping. */
  wmax: 6,
  /** Time of the last cut (absolute ms); throttles of requests sent before it are ignored. */
  lastCut: 7,
  minRtt: 8,
  smoothedRtt: 9,
  tokens: 10,
  tokensAt: 11,
  retryCapacity: 12,
  retryPerSuccess: 13,
  retryPerSecond: 14,
  lastSend: 15,
  /** The pacing baton's lease expiry. */
  pacerUntil: 16,
  /** When the concurrency limit last grew (slow start is capped in time). */
  lastGrowth: 17,
  /**
   * The first send (absolute ms; 0 = none yet). The meters' age counts from here, not from the
   * limiter's creation: the threads take a good part of a second to start, and counting that as
   * time in which the server accepted nothing would make a first cut several times too deep.
   */
  firstSend: 18,
  /** Time of the first cut (absolute ms) and the successes counted by then (control.ts, goodSinceFirstCut). */
  firstCut: 19,
  successesAtFirstCut: 20,
  /** When slow start ended (first cut) or the limit first reached maxLimit: the knee (absolute ms; 0 = not yet). */
  kneeAt: 21,
  /** Time spent growing before the knee (see LimiterStats.rampMs). */
  rampBusy: 22,
  /** Slow start's growth credit in e-folds, and when it was last earned (control.ts, SLOW_START). */
  growthCredit: 23,
  creditAt: 24,
  /** Successes and sends counted at the last cut (control.ts, goodSinceLastCut). */
  successesAtLastCut: 25,
  sendsAtLastCut: 26,
  /** The probe's relative speed above wmax (control.ts, PROBE_DECAY); 0 = 1. */
  probeScale: 27,
  /** Round trips of the answers before the knee, summed, and their count: what a ramp round trip took. */
  rampRttSum: 28,
  rampRttCount: 29,
  sendMeter: 30,
  goodMeter: 30 + meterSlots(SEND_METER),
  goodLongMeter: 30 + meterSlots(SEND_METER) + meterSlots(GOOD_METER),
  throttleMeter: 30 + meterSlots(SEND_METER) + meterSlots(GOOD_METER) + meterSlots(GOOD_LONG_METER),
  /** Throttles, and answers (successes + throttles), of the last 10 s: the background share of 429s. */
  bgThrottleMeter: 30 + meterSlots(SEND_METER) + 2 * meterSlots(GOOD_METER) + meterSlots(GOOD_LONG_METER),
  bgAnswerMeter: 30 + meterSlots(SEND_METER) + 2 * meterSlots(GOOD_METER) + meterSlots(GOOD_LONG_METER) + meterSlots(BACKGROUND_METER),
  history: 30 + meterSlots(SEND_METER) + 2 * meterSlots(GOOD_METER) + meterSlots(GOOD_LONG_METER) + 2 * meterSlots(BACKGROUND_METER),
} as const;
const HISTORY_LEN = 32;
const HISTORY_SLOTS = 4; // atMs, kind, limit, rate (0 = null)
const F64_SLOTS = F.history + HISTORY_LEN * HISTORY_SLOTS;
const BYTES = I32_WORDS * 4 + F64_SLOTS * 8;

const KIND_CUT = 1;
const KIND_RETRY_AFTER = 2;

/** How long a waiter sleeps before re-checking without a wake-up (lost notifies): long, as every release notifies, and hundreds of waiters polling cost a starved machine real CPU. */
const SLOT_WAIT_MS = 250;
/** Longest a pacer sleeps before re-reading the rate; also the baton waiters' fallback re-check. */
const PACE_WAIT_MS = 50;
const TOKEN_WAIT_MAX_MS = 1000;

interface Views {
  i32: Int32Array;
  f64: Float64Array;
}

function views(state: SharedArrayBuffer): Views {
  if (!(state instanceof SharedArrayBuffer) || state.byteLength !== BYTES) throw new TypeError('not a limiter state buffer');
  const v = { i32: new Int32Array(state, 0, I32_WORDS), f64: new Float64Array(state, I32_WORDS * 4, F64_SLOTS) };
  if (Atomics.load(v.i32, I.magic) !== MAGIC) throw new TypeError('limiter state buffer has an unknown layout');
  return v;
}

// ---------------------------------------------------------------- lock

/**
 * Futex mutex (Drepper, "Futexes are tricky"): 0 free, 1 held, 2 held with sleepers. A short spin
 * first, because the holder is only ever a few instructions from releasing; then Atomics.wait so that
 * a holder descheduled on a busy 2-core box is not fought for a whole timeslice. Atomics.wait is
 * allowed on Node's main thread too, and the waits are bounded by the tiny critical sections.
 */
function lock(i32: Int32Array): void {
  let c = Atomics.compareExchange(i32, I.lock, 0, 1);
  if (c === 0) return;
  for (let spin = 0; spin < 64; spin++) {
    c = Atomics.compareExchange(i32, I.lock, 0, 1);
    if (c === 0) return;
  }
  if (c !== 2) c = Atomics.exchange(i32, I.lock, 2);
  while (c !== 0) {
    Atomics.wait(i32, I.lock, 2, 5);
    c = Atomics.exchange(i32, I.lock, 2);
  }
}

function unlock(i32: Int32Array): void {
  if (Atomics.sub(i32, I.lock, 1) !== 1) {
    Atomics.store(i32, I.lock, 0);
    Atomics.notify(i32, I.lock, 1);
  }
}

type WaitAsync = (i32: Int32Array, index: number, value: number, timeout?: number) => { async: boolean; value: unknown };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/**
 * Waits until `i32[index]` changes from `expected` (a notify), `timeoutMs`, or the wait is cancelled. A
 * pending waitAsync does not keep Node's event loop alive, so a ref'd timer runs alongside it: without
 * it the main thread could exit with every caller parked in a wait.
 */
async function waitChange(i32: Int32Array, index: number, expected: number, timeoutMs: number, c?: Cancellation): Promise<void> {
  const ms = c?.cancelled ? Math.min(timeoutMs, CANCEL_POLL_MS) : timeoutMs;
  const r = waitAsync(i32, index, expected, ms);
  if (!r.async) return;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  await Promise.race([
    r.value,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms + 5);
      onAbort = resolve;
      c?.signal?.addEventListener('abort', onAbort, { once: true });
    }),
  ]);
  clearTimeout(timer);
  if (onAbort) c?.signal?.removeEventListener('abort', onAbort);
}

// ---------------------------------------------------------------- create / stats

export function createLimiter(opts: LimiterOptions): SharedArrayBuffer {
  const maxLimit = Math.floor(opts.maxLimit);
  if (!(maxLimit >= 1)) throw new RangeError(`maxLimit must be ≥ 1, got ${opts.maxLimit}`);
  const minLimit = Math.min(maxLimit, Math.max(1, Math.floor(opts.minLimit ?? 1)));
  const initial = Math.min(maxLimit, Math.max(minLimit, Math.floor(opts.initialLimit ?? Math.min(8, maxLimit))));
  if (opts.maxRps !== undefined && !(opts.maxRps > 0)) throw new RangeError(`maxRps must be > 0, got ${opts.maxRps}`);
  const budget = opts.retryBudget ?? DEFAULT_RETRY_BUDGET;
  if (!(budget.capacity >= 1) || !(budget.perSuccess >= 0) || !(budget.perSecond >= 0) || (budget.perSuccess === 0 && budget.perSecond === 0)) {
    throw new RangeError('retryBudget needs capacity ≥ 1 and some way to earn tokens');
  }

  const state = new SharedArrayBuffer(BYTES);
  const i32 = new Int32Array(state, 0, I32_WORDS);
  const f64 = new Float64Array(state, I32_WORDS * 4, F64_SLOTS);
  const now = clock();
  i32[I.adaptive] = opts.adaptive ? 1 : 0;
  i32[I.maxLimit] = maxLimit;
  i32[I.minLimit] = minLimit;
  i32[I.slowStart] = 1;
  f64[F.limit] = opts.adaptive ? initial : maxLimit;
  f64[F.startMs] = now;
  f64[F.lastGrowth] = now;
  // No credit up front: the first sends are the likeliest to run into a rate limit's burst.
  f64[F.creditAt] = now;
  f64[F.growthCredit] = 0;
  f64[F.maxRps] = opts.maxRps ?? 0;
  f64[F.tokens] = budget.capacity;
  f64[F.tokensAt] = now;
  f64[F.retryCapacity] = budget.capacity;
  f64[F.retryPerSuccess] = budget.perSuccess;
  f64[F.retryPerSecond] = budget.perSecond;
  Atomics.store(i32, I.magic, MAGIC);
  return state;
}

/** Integer concurrency limit in force. Call under the lock. */
function enforcedLimit({ i32, f64 }: Views): number {
  return Math.max(Atomics.load(i32, I.minLimit), Math.floor(f64[F.limit]!));
}

/** Adaptive fill rate at `at`, or null before the first throttle. Call under the lock. */
function adaptiveRate({ i32, f64 }: Views, at: number): number | null {
  const wmax = f64[F.wmax]!;
  if (!i32[I.adaptive] || wmax <= 0) return null;
  const from = f64[F.rateFrom]!;
  const curve = recoveryRate((at - f64[F.lastCut]!) / 1000, from, wmax, undefined, f64[F.probeScale]! || 1, rampDoublingSec(f64[F.smoothedRtt]!));
  return boundedRate(curve, meterRate(SEND_METER, f64, F.sendMeter, at), Number.isFinite(wmax) ? wmax : from);
}

/** Requests per second to pace at (the tighter of --max-rps and the adaptive rate), or null. */
function pacingRate(v: Views, now: number): number | null {
  const ceiling = v.f64[F.maxRps]! || Infinity;
  const rate = Math.min(ceiling, adaptiveRate(v, now) ?? Infinity);
  return Number.isFinite(rate) ? rate : null;
}

function record(v: Views, now: number, kind: number): void {
  const n = v.i32[I.historyCount]!;
  const at = F.history + (n % HISTORY_LEN) * HISTORY_SLOTS;
  v.f64[at] = now - v.f64[F.startMs]!;
  v.f64[at + 1] = kind;
  v.f64[at + 2] = v.f64[F.limit]!;
  v.f64[at + 3] = adaptiveRate(v, now) ?? 0;
  v.i32[I.historyCount] = n + 1;
}

/** Requests the limiter lets out at once now: cheap enough to ask per answer (readLimiterStats is not). */
export function readLimit(state: SharedArrayBuffer): number {
  const v = views(state);
  lock(v.i32);
  try {
    return enforcedLimit(v);
  } finally {
    unlock(v.i32);
  }
}

export function readLimiterStats(state: SharedArrayBuffer): LimiterStats {
  const v = views(state);
  const { i32, f64 } = v;
  lock(i32);
  try {
    const now = clock();
    const rate = adaptiveRate(v, now);
    const tokens = refillTokens(f64[F.tokens]!, now - f64[F.tokensAt]!, f64[F.retryPerSecond]!, f64[F.retryCapacity]!);
    const history: LimiterEvent[] = [];
    const count = i32[I.historyCount]!;
    for (let n = Math.max(0, count - HISTORY_LEN); n < count; n++) {
      const at = F.history + (n % HISTORY_LEN) * HISTORY_SLOTS;
      history.push({
        atMs: Math.round(f64[at]!),
        kind: f64[at + 1] === KIND_CUT ? 'cut' : 'retry-after',
        limit: round2(f64[at + 2]!),
        rate: f64[at + 3]! > 0 ? round2(f64[at + 3]!) : null,
      });
    }
    return {
      adaptive: i32[I.adaptive] === 1,
      limit: round2(f64[F.limit]!),
      maxLimit: i32[I.maxLimit]!,
      inFlight: i32[I.inFlight]!,
      maxInFlight: i32[I.maxInFlight]!,
      rate: rate === null ? null : round2(rate),
      maxRps: f64[F.maxRps]! || null,
      sends: i32[I.sends]!,
      retries: i32[I.retries]!,
      successes: i32[I.successes]!,
      throttles: i32[I.throttles]!,
      cuts: i32[I.cuts]!,
      retryWaits: i32[I.retryWaits]!,
      retryTokens: round2(tokens),
      minRttMs: f64[F.minRtt]! > 0 ? round2(f64[F.minRtt]!) : null,
      smoothedRttMs: f64[F.smoothedRtt]! > 0 ? round2(f64[F.smoothedRtt]!) : null,
      elapsedMs: Math.round(now - f64[F.startMs]!),
      holdMs: Math.max(0, Math.round(f64[F.notBefore]! - now)),
      rampMs: f64[F.kneeAt]! > 0 ? Math.round(f64[F.rampBusy]!) : null,
      rampRttMs: f64[F.rampRttCount]! > 0 ? round2(f64[F.rampRttSum]! / f64[F.rampRttCount]!) : null,
      history,
    };
  } finally {
    unlock(i32);
  }
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

// ---------------------------------------------------------------- gate

class SharedPermit implements Permit {
  #released = false;
  constructor(
    readonly sentAt: number,
    readonly retry: boolean,
  ) {}
  /** True the first time only. */
  claim(): boolean {
    if (this.#released) return false;
    this.#released = true;
    return true;
  }
}

/**
 * A thread's handle on the shared limiter. acquire(): retry token (retries only) → concurrency slot →
 * pacing slot. A retry waits for its token *before* taking a slot, so waiting retries never starve
 * first attempts of concurrency.
 */
export class SharedGate implements Gate {
  readonly #v: Views;
  /** Settles when the last acquirer queued in this thread is through (see acquire). */
  #queue: Promise<void> = Promise.resolve();

  constructor(state: SharedArrayBuffer) {
    this.#v = views(state);
  }

  async acquire(opts: AcquireOptions = {}): Promise<Permit> {
    const retry = opts.retry === true;
    if (isCancelled(opts)) throw cancelledError();
    if (retry) await this.#takeRetryToken(opts);
    const { i32 } = this.#v;
    // Counted as demand from here until it has a slot (control.ts, growLimit's app-limited test).
    Atomics.add(i32, I.waiting, 1);
    let waiting = true;
    const served = () => {
      if (waiting) Atomics.sub(i32, I.waiting, 1);
      waiting = false;
    };
    // This thread's acquirers go one at a time, in order: only the one at the head waits on the
    // shared state (and polls for cancellation), so hundreds of them cost no more than one.
    const ahead = this.#queue;
    let next!: () => void;
    this.#queue = new Promise<void>((resolve) => (next = resolve));
    await ahead;
    try {
      if (isCancelled(opts)) throw cancelledError();
      await this.#takeSlot(opts);
      served();
      let sentAt: number;
      try {
        sentAt = await this.#pace(retry, opts);
      } catch (e) {
        this.#giveBackSlot();
        throw e;
      }
      return new SharedPermit(sentAt, retry);
    } finally {
      served();
      next();
    }
  }

  /** A slot taken by an acquire that was cancelled before it sent. */
  #giveBackSlot(): void {
    const v = this.#v;
    const { i32 } = v;
    lock(i32);
    i32[I.inFlight]!--;
    Atomics.add(i32, I.slotGen, 1);
    unlock(i32);
    Atomics.notify(i32, I.slotGen, 1);
  }

  release(permit: Permit, outcome: Outcome): void {
    if (!(permit instanceof SharedPermit) || !permit.claim()) throw new Error('permit released twice or not from a SharedGate');
    const v = this.#v;
    const { i32, f64 } = v;
    const now = clock();
    let free: number;
    let tokensEarned = false;
    lock(i32);
    try {
      const inFlight = i32[I.inFlight]!;
      i32[I.inFlight] = inFlight - 1;
      const adaptive = i32[I.adaptive] === 1;

      if (outcome.ok) {
        i32[I.successes]!++;
        i32[I.throttleStreak] = 0;
        meterAdd(GOOD_METER, f64, F.goodMeter, now);
        meterAdd(GOOD_LONG_METER, f64, F.goodLongMeter, now);
        meterAdd(BACKGROUND_METER, f64, F.bgAnswerMeter, now);
        const before = this.#tokensNow(now);
        f64[F.tokens] = Math.min(f64[F.retryCapacity]!, before + f64[F.retryPerSuccess]!);
        tokensEarned = before < 1 && f64[F.tokens]! >= 1;
        if (adaptive) {
          const firstAnswer = f64[F.minRtt] === 0;
          const [minRtt, smoothed] = updateRtt(f64[F.minRtt]!, f64[F.smoothedRtt]!, outcome.latencyMs);
          f64[F.minRtt] = minRtt;
          f64[F.smoothedRtt] = smoothed;
          if (f64[F.kneeAt] === 0 && outcome.latencyMs >= 0) {
            f64[F.rampRttSum]! += outcome.latencyMs;
            f64[F.rampRttCount]!++;
          }
          const limit = f64[F.limit]!;
          const maxLimit = i32[I.maxLimit]!;
          const credit = earnCredit(f64[F.growthCredit]!, now - f64[F.creditAt]!);
          // Demand, not just what is in flight: a round's answers arrive together, and while they are
          // handled the waiters have not yet taken the freed slots.
          const grown = growLimit(limit, inFlight + Atomics.load(i32, I.waiting), i32[I.slowStart] === 1, maxLimit, credit);
          f64[F.limit] = firstAnswer && i32[I.slowStart] === 1 && minRtt > 0 ? openingWindow(grown.limit, minRtt, maxLimit) : grown.limit;
          f64[F.growthCredit] = grown.credit;
          f64[F.creditAt] = now;
          if (f64[F.limit] !== limit) {
            // Ramp time counts only while there is work to grow on: gaps with no growth (the run had
            // too little to send, e.g. the serial compartment listing) count as at most one round trip.
            if (f64[F.kneeAt] === 0 && f64[F.firstSend]! > 0) f64[F.rampBusy]! += Math.min(now - Math.max(f64[F.lastGrowth]!, f64[F.firstSend]!), minRtt);
            f64[F.lastGrowth] = now;
          }
          if (f64[F.limit]! >= maxLimit && f64[F.kneeAt] === 0) f64[F.kneeAt] = now;
        }
      }

      if (outcome.throttled) {
        i32[I.throttles]!++;
        // Requests sent before the last cut were in flight together with the one that caused it: their
        // 429s are the same signal, so they neither cut again nor count toward the next cut's share (the
        // first fresh 429 after a cut would otherwise find the cut's own burst in the last second, and
        // cut again at once, anchored on a rate the ramp had not yet come down from). And a 429 or two
        // among many successes is no signal at all, nor is a share of 429s that a background of random
        // ones explains (control.ts, throttleSignificant). Only the 429s left unexplained make that
        // background: those of a cut's burst say nothing about chance, and counting them would blind the
        // limiter to the next overshoot.
        const fresh = permit.sentAt > f64[F.lastCut]!;
        if (fresh) meterAdd(GOOD_METER, f64, F.throttleMeter, now);
        meterAdd(BACKGROUND_METER, f64, F.bgAnswerMeter, now);
        const streak = ++i32[I.throttleStreak]!;
        if (adaptive && fresh && this.#significant(now, streak, permit.sentAt)) this.#cut(now, permit.sentAt);
        else if (fresh) {
          meterAdd(BACKGROUND_METER, f64, F.bgThrottleMeter, now);
          // In slow start a 429 that is no signal yet still takes its slot with it: else each one is
          // replaced by a send into the same empty bucket until the cut, and the discovery of a limit
          // costs the whole window. Successes regrow it at once if the 429 was chance.
          if (adaptive && i32[I.slowStart] === 1) f64[F.limit] = Math.max(i32[I.minLimit]!, f64[F.limit]! - 1);
        }
      }

      // A server's hold is capped: one 429 asking for ten minutes must not stall every thread for that long.
      const retryAfter = Math.min(outcome.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
      if (retryAfter > 0 && now + retryAfter > f64[F.notBefore]!) {
        f64[F.notBefore] = now + retryAfter;
        record(v, now, KIND_RETRY_AFTER);
      }

      Atomics.add(i32, I.slotGen, 1);
      free = enforcedLimit(v) - i32[I.inFlight]!;
    } finally {
      unlock(i32);
    }
    if (free > 0) Atomics.notify(i32, I.slotGen, free);
    if (tokensEarned) {
      Atomics.add(i32, I.tokenGen, 1);
      Atomics.notify(i32, I.tokenGen);
    }
  }

  /** Whether the 429s so far say "too fast" rather than "chance" (control.ts). Call under the lock. */
  #significant(now: number, streak: number, sentAt: number): boolean {
    const f64 = this.#v.f64;
    const t1 = meterCount(GOOD_METER, f64, F.throttleMeter, now);
    const ok1 = meterCount(GOOD_METER, f64, F.goodMeter, now);
    const t10 = meterCount(BACKGROUND_METER, f64, F.bgThrottleMeter, now);
    const n10 = meterCount(BACKGROUND_METER, f64, F.bgAnswerMeter, now);
    // The streak is what is being judged, so the background it is judged against leaves it out (this
    // throttle is not in the background meter yet, the streak's earlier ones are).
    const wmax = f64[F.wmax]!;
    if (wmax === 0 && streakSignificant(streak, backgroundShare(t10, n10, streak - 1, streak), n10)) return true;
    // The ramp after the first cut looks for the rate as a probe does, once its own sends are back: a
    // request sent within a round trip of the cut met the bucket the ramp before it emptied.
    const ramping = wmax === Infinity && sentAt - f64[F.firstCut]! >= f64[F.smoothedRtt]!;
    const probing = ramping || (wmax > 0 && Number.isFinite(wmax) && (adaptiveRate(this.#v, sentAt) ?? 0) > wmax);
    return throttleSignificant(t1, ok1, backgroundShare(t10, n10, t1, t1 + ok1), probing, wmax === 0);
  }

  /**
   * One multiplicative decrease, for a throttle of a request sent after the previous one: a burst of
   * 429s from requests that were in flight together is one signal, not many. Call under the lock.
   */
  #cut(now: number, sentAt: number): void {
    const v = this.#v;
    const { i32, f64 } = v;
    const age = now - f64[F.firstSend]!;
    const wmax = f64[F.wmax]!;
    const cut = cutRate(wmax > 0 ? { from: f64[F.rateFrom]!, wmax, probeScale: f64[F.probeScale]! || 1 } : null, {
      rateAtSend: adaptiveRate(v, sentAt) ?? Infinity,
      rateNow: adaptiveRate(v, now) ?? Infinity,
      measuredSend: meterRate(SEND_METER, f64, F.sendMeter, now, age),
      measuredGood: meterRate(GOOD_METER, f64, F.goodMeter, now, age),
      measuredGoodLong: meterRate(GOOD_LONG_METER, f64, F.goodLongMeter, now, now - f64[F.firstCut]!),
      goodSinceFirstCut: wmax > 0 && now > f64[F.firstCut]! ? ((i32[I.successes]! - f64[F.successesAtFirstCut]!) / (now - f64[F.firstCut]!)) * 1000 : 0,
      ...(wmax > 0 && now - f64[F.lastCut]! >= CYCLE_MIN_MS
        ? {
            goodSinceLastCut: ((i32[I.successes]! - f64[F.successesAtLastCut]!) / (now - f64[F.lastCut]!)) * 1000,
            sentSinceLastCut: ((i32[I.sends]! - f64[F.sendsAtLastCut]!) / (now - f64[F.lastCut]!)) * 1000,
          }
        : {}),
    });
    if (wmax === 0) {
      f64[F.firstCut] = now;
      f64[F.successesAtFirstCut] = i32[I.successes]!;
      // The long meter anchors later cuts (control.ts, cutRate): it restarts here so that the server's
      // initial burst, accepted before its bucket ran dry, never reads as its rate.
      f64.fill(0, F.goodLongMeter, F.goodLongMeter + meterSlots(GOOD_LONG_METER));
    }
    f64[F.wmax] = cut.wmax;
    f64[F.rateFrom] = cut.from;
    f64[F.probeScale] = cut.probeScale ?? 1;
    f64[F.lastCut] = now;
    f64[F.successesAtLastCut] = i32[I.successes]!;
    f64[F.sendsAtLastCut] = i32[I.sends]!;
    f64[F.limit] = cutLimit(f64[F.limit]!, i32[I.minLimit]!);
    i32[I.slowStart] = 0;
    if (f64[F.kneeAt] === 0) f64[F.kneeAt] = now;
    i32[I.cuts]!++;
    record(v, now, KIND_CUT);
  }

  /** Retry tokens now, refill applied (and stored). Call under the lock. */
  #tokensNow(now: number): number {
    const f64 = this.#v.f64;
    const tokens = refillTokens(f64[F.tokens]!, now - f64[F.tokensAt]!, f64[F.retryPerSecond]!, f64[F.retryCapacity]!);
    f64[F.tokens] = tokens;
    f64[F.tokensAt] = now;
    return tokens;
  }

  /** A retry without a token waits for one (it must not fail: losing a compartment is worse). */
  async #takeRetryToken(c: Cancellation): Promise<void> {
    const { i32, f64 } = this.#v;
    let waited = false;
    for (;;) {
      if (isCancelled(c)) throw cancelledError();
      lock(i32);
      const gen = Atomics.load(i32, I.tokenGen);
      const tokens = this.#tokensNow(clock());
      if (tokens >= 1) {
        f64[F.tokens] = tokens - 1;
        unlock(i32);
        return;
      }
      const ms = msUntilToken(tokens, f64[F.retryPerSecond]!);
      unlock(i32);
      if (!waited) {
        waited = true;
        Atomics.add(i32, I.retryWaits, 1);
      }
      await waitChange(i32, I.tokenGen, gen, Math.max(1, Math.min(TOKEN_WAIT_MAX_MS, Math.ceil(ms))), c);
    }
  }

  async #takeSlot(c: Cancellation): Promise<void> {
    const v = this.#v;
    const { i32 } = v;
    for (;;) {
      if (isCancelled(c)) throw cancelledError();
      lock(i32);
      const gen = Atomics.load(i32, I.slotGen);
      const inFlight = i32[I.inFlight]!;
      if (inFlight < enforcedLimit(v)) {
        i32[I.inFlight] = inFlight + 1;
        if (inFlight + 1 > i32[I.maxInFlight]!) i32[I.maxInFlight] = inFlight + 1;
        unlock(i32);
        return;
      }
      unlock(i32);
      await waitChange(i32, I.slotGen, gen, SLOT_WAIT_MS, c);
    }
  }

  /** Lets go of the pacing baton and wakes one thread queued behind it. */
  #handOverBaton(): void {
    const { i32 } = this.#v;
    lock(i32);
    i32[I.pacer] = 0;
    Atomics.add(i32, I.paceGen, 1);
    unlock(i32);
    Atomics.notify(i32, I.paceGen, 1);
  }

  /**
   * Pacing: one thread at a time holds the baton and sleeps until the next send is due — one interval
   * of the tighter of --max-rps and the adaptive rate after the last send, and not before a
   * Retry-After. The others wait for the baton, so a send wakes one waiter, not all of them. The due
   * time is recomputed at every wake-up (sleeps are ≤ 50 ms), so a rate that changed meanwhile — cut
   * or grown — applies at once; slots reserved ahead at the old rate would not (a queue of sends
   * booked at 1 req/s keeps the gate at 1 req/s long after the rate has grown). Holds the concurrency
   * slot meanwhile. Returns the send time.
   */
  async #pace(retry: boolean, c: Cancellation): Promise<number> {
    const v = this.#v;
    const { i32, f64 } = v;
    let pacer = false;
    for (;;) {
      if (isCancelled(c)) {
        if (pacer) this.#handOverBaton();
        throw cancelledError();
      }
      lock(i32);
      const now = clock();
      // The baton is a lease: a thread that died holding it must not stall the run.
      if (!pacer && i32[I.pacer] === 1 && now < f64[F.pacerUntil]!) {
        const gen = Atomics.load(i32, I.paceGen);
        unlock(i32);
        await waitChange(i32, I.paceGen, gen, PACE_WAIT_MS, c);
        continue;
      }
      const rate = pacingRate(v, now);
      const interval = rate === null ? 0 : 1000 / rate;
      const scheduled = f64[F.paceAnchor]! + interval;
      const due = Math.max(f64[F.notBefore]!, rate === null ? now : scheduled - PACE_EARLY_MS);
      if (now < due) {
        const ms = Math.max(1, Math.min(PACE_WAIT_MS, Math.ceil(due - now)));
        pacer = true;
        i32[I.pacer] = 1;
        f64[F.pacerUntil] = now + ms + 1000;
        unlock(i32);
        await pause(ms, c);
        continue;
      }
      f64[F.paceAnchor] = rate === null ? now : paceAnchor(scheduled, now, interval);
      i32[I.sends]!++;
      if (retry) i32[I.retries]!++;
      meterAdd(SEND_METER, f64, F.sendMeter, now);
      if (now > f64[F.lastSend]!) f64[F.lastSend] = now;
      if (f64[F.firstSend] === 0) f64[F.firstSend] = now;
      const handOver = pacer;
      if (pacer) i32[I.pacer] = 0;
      if (handOver) Atomics.add(i32, I.paceGen, 1);
      unlock(i32);
      if (handOver) Atomics.notify(i32, I.paceGen, 1);
      return now;
    }
  }
}
