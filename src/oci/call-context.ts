import type { HttpClient, HttpRequest } from 'oci-common';

// The SDK's OciError keeps neither the response headers nor the attempt's timing, and its HttpClient
// hook gets no per-call options. Each attempt therefore gets its own context object, handed to our
// HttpClient explicitly (withCallContext) rather than through AsyncLocalStorage, whose promise hooks
// would run for every promise of every call.
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

/** An HttpClient that can also send one attempt under a given context. */
export interface ContextHttpClient extends HttpClient {
  sendIn(ctx: CallContext | undefined, req: HttpRequest, forceExcludeBody?: boolean): Promise<Response>;
}

/** Where every generated SDK operation finds its HttpClient (`this._httpClient`, the same in each service package). */
type WithHttpClient = { _httpClient: HttpClient };

/** Whether a client sends through an HttpClient that takes a context, so withCallContext can reach it. */
export function acceptsCallContext(client: object, http: ContextHttpClient): boolean {
  return (client as WithHttpClient)._httpClient === http;
}

/**
 * The client as seen by one attempt: it inherits everything from the thread's shared client, but its
 * operations send through an HttpClient bound to `ctx`. Costs two small objects per attempt.
 */
export function withCallContext<C extends object>(client: C, ctx: CallContext): C {
  const http = (client as unknown as WithHttpClient)._httpClient as ContextHttpClient;
  const view = Object.create(client) as C & WithHttpClient;
  view._httpClient = { send: (req, forceExcludeBody) => http.sendIn(ctx, req, forceExcludeBody) };
  return view;
}
