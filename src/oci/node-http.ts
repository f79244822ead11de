import http from 'node:http';
import https from 'node:https';

// What a request sends and how long it may take; the answer comes back as the part of a WHATWG Response
// the SDK's HttpClient contract uses.
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

/**
 * One listener per signal, however many requests wait on it: EventTarget's addEventListener walks every
 * listener already there (to skip duplicates), and a thread shares one signal among hundreds of
 * requests in flight. Returns the request's way to stop waiting.
 */
const waiters = new WeakMap<AbortSignal, Set<() => void>>();
function whenAborted(signal: AbortSignal, fn: () => void): () => void {
  let set = waiters.get(signal);
  if (!set) {
    const fns = (set = new Set());
    waiters.set(signal, fns);
    signal.addEventListener('abort', () => fns.forEach((f) => f()), { once: true });
  }
  set.add(fn);
  return () => set.delete(fn);
}

/** Statuses that carry no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The part of a WHATWG Response the SDK reads (status, headers.get, json, text) over a body already
 * read whole. undici's Response wraps every body in a ReadableStream and copies it through a
 * TextDecoder; at zero latency that was about a tenth of a thread's CPU and allocation per request.
 */
class BufferedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly #body: Buffer | null;

  constructor(status: number, statusText: string, headers: Headers, body: Buffer | null) {
    this.status = status;
    this.statusText = statusText;
    this.headers = headers;
    this.#body = body;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  /** Only whether there is one: nothing here reads a body as a stream. */
  get body(): Buffer | null {
    return this.#body;
  }

  /** UTF-8 without a byte-order mark, as fetch decodes it. */
  async text(): Promise<string> {
    const text = this.#body ? this.#body.toString('utf8') : '';
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

/** Response.headers for the SDK: `get` by any case, values of repeated headers joined as fetch joins them. */
class ResponseHeaders {
  readonly #headers: http.IncomingHttpHeaders;

  constructor(headers: http.IncomingHttpHeaders) {
    this.#headers = headers;
  }

  get(name: string): string | null {
    const v = this.#headers[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }

  has(name: string): boolean {
    return this.#headers[name.toLowerCase()] !== undefined;
  }
}

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
    let unlisten: (() => void) | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unlisten?.();
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
          const headers = new ResponseHeaders(res.headers) as unknown as Headers;
          const response = new BufferedResponse(status, res.statusMessage ?? '', headers, NULL_BODY.has(status) ? null : Buffer.concat(chunks));
          resolve(response as unknown as Response);
        }),
      );
    });
    req.on('error', fail);
    if (init.signal?.aborted) onAbort();
    else if (init.signal) unlisten = whenAborted(init.signal, onAbort);
    req.end(init.body);
  });
}
