import { MAX_RETRY_AFTER_MS } from '../limit/index.js';

/** Our retry policy; the SDK's (8 attempts, up to 30 s each) is switched off on every client. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * A 429 is retried at once, with no backoff of its own: set when the adaptive limiter spaces sends.
   * Its rate (once 429s say the server is at its limit), a Retry-After hold and the retry budget
   * already space the retry; a backoff on top only delays that one call, and with it the chunk of
   * scopes it belongs to — under a background of random 429s, most chunks of a run.
   */
  throttlePacedByLimiter?: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 10_000 };

/**
 * Exponential backoff with full jitter (AWS architecture blog): spreading retries uniformly keeps
 * the threads of a throttled run from coming back in lockstep. A server's Retry-After wins when given,
 * up to MAX_RETRY_AFTER_MS.
 */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number, random = Math.random, throttled = false): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  if (throttled && policy.throttlePacedByLimiter) return 0;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}
