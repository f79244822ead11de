/**
 * How a wait learns that the run is over: an AbortSignal (wakes the wait at once) and/or a predicate
 * polled while waiting (the worker threads' interrupt flag lives in shared memory, and nothing fires
 * when it is set).
 */
export interface Cancellation {
  signal?: AbortSignal;
  cancelled?: () => boolean;
}

/** How often a wait re-reads `cancelled()`: well inside the interrupt's grace period. */
export const CANCEL_POLL_MS = 100;

export const isCancelled = (c: Cancellation | undefined): boolean => c?.signal?.aborted === true || c?.cancelled?.() === true;

export function cancelledError(): Error {
  const e = new Error('wait cancelled: the run was interrupted');
  e.name = 'AbortError';
  return e;
}

/**
 * Resolves after `ms`, or early once the wait is cancelled (never rejects: the caller checks
 * `isCancelled` afterwards). Keeps the event loop alive like any timer.
 */
export function pause(ms: number, c?: Cancellation): Promise<void> {
  return new Promise<void>((resolve) => {
    if (isCancelled(c)) return resolve();
    const end = performance.now() + ms;
    let timer: NodeJS.Timeout;
    const done = () => {
      clearTimeout(timer);
      c?.signal?.removeEventListener('abort', done);
      resolve();
    };
    const tick = () => {
      const left = end - performance.now();
      if (left <= 0 || isCancelled(c)) return done();
      timer = setTimeout(tick, c?.cancelled ? Math.min(left, CANCEL_POLL_MS) : left);
    };
    c?.signal?.addEventListener('abort', done, { once: true });
    tick();
  });
}
