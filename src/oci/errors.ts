import type { CallContext } from './call-context.js';

/**
 * One shape for every way a call can fail. The SDK throws OciError for HTTP errors, a plain object
 * `{message:'fetch failed', cause}` for network errors, a DOMException on timeout and a SyntaxError when a
 * 200 carries broken JSON: retry decisions and failures.csv need them all alike.
 */
export interface CallFailure {
  httpStatus?: number;
  serviceCode: string;
  message: string;
  opcRequestId?: string;
  retryable: boolean;
  throttled: boolean;
  retryAfterMs?: number;
}

const RETRYABLE_STATUS = new Set([409, 429, 500, 502, 503, 504]);

function firstLine(s: unknown): string {
  return String(s ?? '').split('\n')[0].slice(0, 500);
}

export function normalizeError(e: unknown, ctx?: CallContext): CallFailure {
  const err = (e ?? {}) as Record<string, unknown> & { cause?: { code?: string; message?: string } };
  if (typeof err.statusCode === 'number') {
    const status = err.statusCode as number;
    // OciError.message carries the SDK's multi-line troubleshooting text; the server's message is its first line.
    return {
      httpStatus: status,
      serviceCode: String(err.serviceCode ?? 'Unknown'),
      message: firstLine(err.message),
      opcRequestId: (err.opcRequestId as string | null) ?? undefined,
      retryable: RETRYABLE_STATUS.has(status) && !(status === 409 && err.serviceCode !== 'IncorrectState'),
      throttled: status === 429,
      retryAfterMs: ctx?.retryAfterMs,
    };
  }
  if (ctx?.timedOut || err.name === 'TimeoutError' || err.name === 'AbortError')
    return { serviceCode: 'Timeout', message: `no response within ${(ctx?.timeoutMs ?? 0) / 1000}s`, retryable: true, throttled: false };
  if (err.name === 'SyntaxError')
    return { httpStatus: ctx?.status, serviceCode: 'MalformedResponse', message: `unparseable response body: ${firstLine(err.message)}`, retryable: true, throttled: false };
  if (err.message === 'fetch failed' || err.cause || ctx?.networkError) {
    const detail = ctx?.networkError ?? err.cause?.code ?? err.cause?.message ?? err.message;
    return { serviceCode: 'NetworkError', message: `network error: ${firstLine(detail)}`, retryable: true, throttled: false };
  }
  return { serviceCode: 'ClientError', message: firstLine(err.message ?? e), retryable: false, throttled: false };
}
