import http from 'node:http';
import https from 'node:https';

// What a request sends and how long it may take; the answer comes back as a WHATWG Response, the type
// the SDK's HttpClient contract names.
export interface RequestInit {
  method: string;
  headers: Headers;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * node:http with keep-alive instead of fetch: fetch (undici) builds WHATWG streams, an AbortSignal per
 * call and a Headers object for every hop, and at zero latency that costs about 1.6× the CPU per
 * request of a plain http.request on a kept-alive socket (`npx tsx bench/transport.ts`: 0.14–0.18
 * vs 0.09–0.11 ms on the bench machine). Bodies
 * are a few KB, so reading one whole before building the Response costs nothing in memory.
 * One agent per protocol per thread: connections are reused by every call of the thread's client.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** Errors shaped as fetch's are, so errors.ts reads both alike. */
function timeoutError(ms: number): Error {
  return Object.assign(new Error(`no response within ${ms} ms`), { name: 'TimeoutError' });
}
function abortError(): Error {
  return Object.assign(new Error('the request was aborted'), { name: 'AbortError' });
}
function networkError(e: NodeJS.ErrnoException): Error {
  return Object.assign(new TypeError('fetch failed'), { cause: { code: e.code, message: e.message } });
}

/** Statuses whose Response must have no body (the constructor throws otherwise). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function request(uri: string, init: RequestInit): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const url = new URL(uri);
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) {
      reject(new TypeError(`unsupported protocol ${url.protocol}`));
      return;
    }
    const headers: http.OutgoingHttpHeaders = {};
    init.headers.forEach((value, name) => (headers[name] = value));
    let settled = false;
    // A rejection after the request was destroyed by us carries our reason, not the socket's echo of it.
    let reason: Error | undefined;
    const stop = (e: Error) => {
      reason ??= e;
      req.destroy(e);
    };
    const timer = setTimeout(() => stop(timeoutError(init.timeoutMs)), init.timeoutMs);
    const onAbort = () => stop(abortError());
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      init.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (e: NodeJS.ErrnoException) => finish(() => reject(reason ?? networkError(e)));
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(url, { method: init.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('aborted', () => fail(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
      res.on('end', () =>
        finish(() => {
          const status = res.statusCode ?? 0;
          const pairs: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          try {
            resolve(new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers: pairs }));
          } catch (e) {
            reject(e);
          }
        }),
      );
    });
    req.on('error', fail);
    if (init.signal?.aborted) onAbort();
    else init.signal?.addEventListener('abort', onAbort, { once: true });
    req.end(init.body);
  });
}
