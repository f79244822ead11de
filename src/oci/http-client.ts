import type { HttpRequest, RequestSigner } from 'oci-common';
import type { CallContext, ContextHttpClient } from './call-context.js';
import { request } from './node-http.js';

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Replaces the SDK's FetchHttpClient: signs, then sends (node-http.ts: keep-alive, so the TLS/TCP
 * set-up is paid once per connection) with a timeout of its own per attempt (a signal in the SDK's
 * shared httpOptions would be one signal for every call) and no circuit breaker (the SDK's opens on a
 * run of 429s and then fails every call of the client at once).
 */
export class TimeoutHttpClient implements ContextHttpClient {
  readonly #signer: RequestSigner;
  readonly #defaultTimeoutMs: number;

  constructor(signer: RequestSigner, defaultTimeoutMs: number) {
    this.#signer = signer;
    this.#defaultTimeoutMs = defaultTimeoutMs;
  }

  send(req: HttpRequest, forceExcludeBody = false): Promise<Response> {
    return this.sendIn(undefined, req, forceExcludeBody);
  }

  /** One attempt: `ctx` gives its timeout and abort signal, and gets back its status, latency and Retry-After. */
  async sendIn(ctx: CallContext | undefined, req: HttpRequest, forceExcludeBody = false): Promise<Response> {
    const body = typeof req.body === 'string' || req.body === undefined ? req.body : JSON.stringify(req.body);
    await this.#signer.signHttpRequest({ method: req.method, headers: req.headers, uri: req.uri, body }, forceExcludeBody);
    const timeoutMs = ctx?.timeoutMs ?? this.#defaultTimeoutMs;
    const started = performance.now();
    try {
      const response = await request(req.uri, { method: req.method, headers: req.headers, body: forceExcludeBody ? undefined : body, timeoutMs, signal: ctx?.signal });
      if (ctx) {
        ctx.status = response.status;
        ctx.latencyMs = performance.now() - started;
        ctx.retryAfterMs = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
      }
      return response;
    } catch (e) {
      if (ctx) {
        ctx.status = undefined;
        ctx.latencyMs = performance.now() - started;
        ctx.timedOut = (e as Error)?.name === 'TimeoutError';
        const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
        ctx.networkError = cause?.code ?? cause?.message ?? (e as Error)?.message;
      }
      throw e;
    }
  }
}
