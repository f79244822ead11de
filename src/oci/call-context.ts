import { AsyncLocalStorage } from 'node:async_hooks';

// The SDK's OciError keeps neither the response headers nor the attempt's timing, and its HttpClient
// hook gets no per-call options. A context bound around each call lets our HttpClient hand the
// per-attempt timeout in and carry Retry-After and latency out, without touching SDK internals.
export interface CallContext {
  timeoutMs: number;
  /** Aborts the attempt early (the run was interrupted). */
  signal?: AbortSignal;
  /** Set by the HTTP client: milliseconds the server asked us to wait (Retry-After), if it did. */
  retryAfterMs?: number;
  /** Set by the HTTP client: status and time to response headers of the last attempt. */
  status?: number;
  latencyMs?: number;
  timedOut?: boolean;
  /** Set by the HTTP client: the system error under a failed fetch (ECONNREFUSED…), which the SDK drops. */
  networkError?: string;
}

export const callContext = new AsyncLocalStorage<CallContext>();
