import type { Cancellation } from './wait.js';

/** What one attempt came back with, as the limiter needs to know it. */
export interface Outcome {
  ok: boolean;
  /** A 429 (or the service's equivalent): the signal that we are above the server's rate. */
  throttled: boolean;
  /** Time on the wire; fed to the latency signal when the attempt succeeded. */
  latencyMs: number;
  /** Server's Retry-After, when it gave one: every thread holds new sends until then (MAX_RETRY_AFTER_MS at most). */
  retryAfterMs?: number;
}

/** Proof of a granted send; hand it back to `release` exactly once. */
export interface Permit {
  /** Absolute ms (performance.timeOrigin + performance.now()), comparable across threads. */
  readonly sentAt: number;
}

export interface AcquireOptions extends Cancellation {
  /** A retry: it needs a token of the retry budget first. */
  retry?: boolean;
}

export interface Gate {
  /**
   * Waits for a concurrency slot, the pacing slot (and a Retry-After hold) and, for a retry, a retry
   * token. Fails only when cancelled: it then rejects with an AbortError within CANCEL_POLL_MS.
   */
  acquire(opts?: AcquireOptions): Promise<Permit>;
  release(permit: Permit, outcome: Outcome): void;
}

export interface RetryBudget {
  /** Tokens the bucket holds at most (and starts with). */
  capacity: number;
  /** Tokens earned by each successful request. */
  perSuccess: number;
  /** Tokens earned per second of wall time. */
  perSecond: number;
}

export interface LimiterOptions {
  /** Slow start then AIMD concurrency, + CUBIC rate after the first throttle. Default true at the CLI. */
  adaptive: boolean;
  /** Concurrency to start from when adaptive; default min(8, maxLimit). */
  initialLimit?: number;
  /**
   * Never exceeded: what the run can use (sockets, memory), not a guess at the server's limit — with
   * adaptive on, the limiter finds that itself below this. Fixed (not adaptive): the limit.
   */
  maxLimit: number;
  /** Default 1. */
  minLimit?: number;
  /** Hard ceiling (requests per second) across all threads, adaptive or not. */
  maxRps?: number;
  /** Default {capacity: 20, perSuccess: 0.2, perSecond: 10} (DEFAULT_RETRY_BUDGET). */
  retryBudget?: RetryBudget;
}

/** A notable decision of the limiter, for the run summary and for tests. */
export interface LimiterEvent {
  /** ms since the limiter was created. */
  atMs: number;
  kind: 'cut' | 'retry-after';
  /** Concurrency limit after the event. */
  limit: number;
  /** Adaptive fill rate (req/s) after the event; null when rate control is off. */
  rate: number | null;
}

export interface LimiterStats {
  adaptive: boolean;
  /** Current concurrency limit (integer part is what is enforced). */
  limit: number;
  maxLimit: number;
  inFlight: number;
  maxInFlight: number;
  /** Adaptive fill rate in req/s; null until the first throttle (or when not adaptive). */
  rate: number | null;
  maxRps: number | null;
  /** Permits granted, retries included. */
  sends: number;
  retries: number;
  successes: number;
  throttles: number;
  /** Multiplicative decreases; a burst of 429s from one window of sends is one cut. */
  cuts: number;
  /** Retry acquisitions that had to wait for a retry token. */
  retryWaits: number;
  retryTokens: number;
  minRttMs: number | null;
  smoothedRttMs: number | null;
  elapsedMs: number;
  /**
   * Time to the knee — the first cut (the server's limit found) or the limit reaching maxLimit,
   * whichever came first — counting only the time the limit had work to grow on (see shared.ts), in
   * ms; null before the knee.
   */
  rampMs: number | null;
  /**
   * The mean round trip of the answers before the knee, in ms: what one round of the ramp took (where
   * the client's own CPU is the bottleneck, far more than the minimum); null before any answer.
   */
  rampRttMs: number | null;
  /** ms until sends resume after a server's Retry-After (0: no hold). */
  holdMs: number;
  /** The last cuts / Retry-After holds, oldest first (bounded). */
  history?: LimiterEvent[];
}
