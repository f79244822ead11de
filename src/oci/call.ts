import { isCancelled, pause, type Gate } from '../limit/index.js';
import type { CallContext } from './call-context.js';
import { normalizeError, type CallFailure } from './errors.js';
import { backoffMs, type RetryPolicy } from './retry.js';

/** Counters a thread keeps and hands back with each task, so the coordinator can report them. */
export interface CallStats {
  requests: number;
  throttled: number;
  retried: number;
}

export const emptyStats = (): CallStats => ({ requests: 0, throttled: 0, retried: 0 });

export class CallError extends Error {
  override name = 'CallError';
  constructor(
    readonly failure: CallFailure,
    readonly attempts: number,
  ) {
    super(failure.message);
  }
}

export interface Caller {
  gate: Gate;
  policy: RetryPolicy;
  timeoutMs: number;
  stats: CallStats;
  /**
   * Cooperative cancellation (Ctrl-C): no new attempt starts once it answers true, and a call waiting
   * (for the limiter, a Retry-After, its backoff) stops waiting within CANCEL_POLL_MS.
   */
  cancelled: () => boolean;
  /** Aborts attempts in flight (after the interrupt's grace period), and every wait at once. */
  signal?: AbortSignal;
}

const CANCELLED: CallFailure = { serviceCode: 'Cancelled', message: 'run interrupted before this call completed', retryable: false, throttled: false };

/**
 * One logical call with our retry policy. Each attempt holds a permit of the shared gate only while it
 * is on the wire: a call sleeping in backoff leaves its slot to others, and every retry asks the gate
 * as a retry, so retries draw on the run's retry budget instead of piling onto a throttled server.
 * `fn` makes one attempt and hands `ctx` to the HTTP layer (withCallContext), which fills it in.
 */
export async function call<T>(caller: Caller, fn: (ctx: CallContext) => Promise<T>): Promise<{ value: T; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    if (isCancelled(caller)) throw new CallError(CANCELLED, attempt - 1);
    let permit;
    try {
      permit = await caller.gate.acquire({ retry: attempt > 1, cancelled: caller.cancelled, signal: caller.signal });
    } catch (e) {
      if (isCancelled(caller)) throw new CallError(CANCELLED, attempt - 1);
      throw e;
    }
    const ctx: CallContext = { timeoutMs: caller.timeoutMs, signal: caller.signal };
    const started = performance.now();
    caller.stats.requests++;
    if (attempt > 1) caller.stats.retried++;
    try {
      const value = await fn(ctx);
      caller.gate.release(permit, { ok: true, throttled: false, latencyMs: ctx.latencyMs ?? performance.now() - started });
      return { value, attempts: attempt };
    } catch (e) {
      const failure = normalizeError(e, ctx);
      if (failure.throttled) caller.stats.throttled++;
      caller.gate.release(permit, {
        ok: false,
        throttled: failure.throttled,
        latencyMs: ctx.latencyMs ?? performance.now() - started,
        retryAfterMs: failure.retryAfterMs,
      });
      // Interrupted: an attempt cut short, or one that would be retried, is reported as cancelled, not
      // as the server's failure; a definite answer (404, 401) is still reported as itself.
      if (caller.cancelled() && (failure.retryable || caller.signal?.aborted))
        throw new CallError({ ...CANCELLED, message: `${CANCELLED.message} (last attempt: ${failure.serviceCode})` }, attempt);
      if (!failure.retryable || attempt >= caller.policy.maxAttempts) throw new CallError(failure, attempt);
      await pause(backoffMs(caller.policy, attempt, failure.retryAfterMs, Math.random, failure.throttled), caller);
    }
  }
}

export interface Page<T> {
  items: T[];
  opcNextPage?: string;
}

/** 10 million items at OCI's largest page: far past any real listing, short of running forever. */
export const MAX_PAGES = 10_000;

const notAdvancing = (message: string): CallFailure => ({ serviceCode: 'PaginationLoop', message, retryable: false, throttled: false });

/**
 * Follows opc-next-page to the end, handing each item to `each` as its page arrives and keeping none;
 * each page is its own retried call, so a fault mid-listing costs one page. Resolves with the attempts.
 * A server that hands out a token it gave before, or pages past MAX_PAGES, would keep the scope busy
 * forever: the listing fails instead, as the scope's failure.
 */
export async function eachItem<T>(caller: Caller, fetchPage: (page: string | undefined, ctx: CallContext) => Promise<Page<T>>, each: (item: T) => void): Promise<number> {
  let attempts = 0;
  let page: string | undefined;
  const seen = new Set<string>();
  do {
    const { value, attempts: a } = await call(caller, (ctx) => fetchPage(page, ctx));
    attempts += a;
    for (const item of value.items) each(item);
    page = value.opcNextPage;
    if (!page) break;
    if (seen.has(page)) throw new CallError(notAdvancing(`the server returned opc-next-page ${page.slice(0, 40)} a second time (after ${seen.size + 1} pages); listing stopped`), attempts);
    if (seen.size + 1 >= MAX_PAGES) throw new CallError(notAdvancing(`the listing did not end within ${MAX_PAGES} pages; stopped`), attempts);
    seen.add(page);
  } while (page);
  return attempts;
}

/** Every item of a listing (see eachItem), `map` applied per page, so a long listing never holds more than one page of full API objects. */
export async function listAll<T, U = T>(
  caller: Caller,
  fetchPage: (page: string | undefined, ctx: CallContext) => Promise<Page<T>>,
  map: (item: T) => U = (x) => x as unknown as U,
): Promise<{ items: U[]; attempts: number }> {
  const items: U[] = [];
  const attempts = await eachItem(caller, fetchPage, (item) => items.push(map(item)));
  return { items, attempts };
}
