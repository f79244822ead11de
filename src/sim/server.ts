import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, internalError, invalidParameter, notFound, serviceUnavailable, tooManyRequests } from './errors.js';
import type { SignatureVerifier } from './auth.js';
import type { StatsRecorder } from './stats.js';
import type { Dispatch, Dispatcher } from './dispatch.js';

// The HTTP pipeline: route → authenticate → admit (rate limit, concurrency) → inject faults →
// answer, delivered after the modelled latency. Admission, faults and latency are the policy of the
// service the route belongs to. Every decision is made on arrival (a POST's once its body is in),
// as a real front end's would be; only the delivery waits.

export type { LatencyModel } from './dispatch.js';

/** Far above any body the collector sends; a larger one is refused before it fills memory. */
const MAX_BODY_BYTES = 1 << 20;

export interface ServerParts {
  dispatcher: Dispatcher;
  verifier: SignatureVerifier;
  stats: StatsRecorder;
  requestIdPrefix: string;
  /** Serialised lazily and once: at 50,000 compartments it is tens of MB. */
  groundTruthJson: () => string;
}

type Outcome =
  | { kind: 'answer'; status: number; body: string; next?: string; retryAfter?: number }
  | { kind: 'reset' }
  | { kind: 'hang' };

const JSON_TYPE = 'application/json';

function parseBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw invalidParameter('Request body is not valid JSON');
  }
}

function errorBody(e: ApiError): string {
  return JSON.stringify({ code: e.code, message: e.message });
}

export class SimServer {
  readonly #parts: ServerParts;
  readonly #server: Server;
  readonly #timers = new Set<NodeJS.Timeout>();
  #counter = 0;

  constructor(parts: ServerParts) {
    this.#parts = parts;
    this.#server = createServer((req, res) => this.#handle(req, res));
    // Longer than any client's keep-alive idle time, so pooled client sockets are not cut under a benchmark.
    this.#server.keepAliveTimeout = 65_000;
  }

  listen(host: string, port: number): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve(this.#server.address() as AddressInfo);
      });
    });
  }

  /** Closes every socket, including those of hung requests, so no test runner is kept waiting. */
  close(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    if (pathname.startsWith('/_sim/')) return this.#admin(req, res, pathname);

    const { stats } = this.#parts;
    const route = this.#parts.dispatcher.match(pathname, query);
    const routeName = route?.routeName ?? 'Unknown';
    stats.begin(routeName, route?.tagDefaultsCompartment ?? null, route?.service === 'search' ? route.region : null);
    const policy = route?.policy;
    if (policy) policy.inFlight++;
    res.once('close', () => {
      stats.end();
      if (policy) policy.inFlight--;
    });
    const requestId = this.#requestId(req);
    const proceed = (body: Buffer | undefined, tooLarge = false) => {
      const outcome = this.#decide(req, url, query, route, body, tooLarge);
      stats.outcome(routeName, outcome.kind === 'answer' ? outcome.status : outcome.kind);
      const latency = policy?.latency;
      const delay = latency ? latency.fixedMs + latency.jitterMs * latency.rng() + latency.perInFlightMs * (policy.inFlight - 1) : 0;
      const deliver = () => this.#deliver(req, res, requestId, outcome);
      if (delay <= 0) return deliver();
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        deliver();
      }, delay);
      this.#timers.add(timer);
    };
    if (req.method !== 'POST') return proceed(undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.once('end', () => proceed(Buffer.concat(chunks), size > MAX_BODY_BYTES));
  }

  #decide(req: IncomingMessage, url: string, query: URLSearchParams, route: Dispatch | undefined, body: Buffer | undefined, tooLarge: boolean): Outcome {
    const { verifier, stats } = this.#parts;
    const fail = (e: ApiError): Outcome => ({
      kind: 'answer',
      status: e.status,
      body: errorBody(e),
      retryAfter: e.status === 429 ? route?.policy.retryAfterSeconds : undefined,
    });
    if (!route || req.method !== route.method) return fail(notFound());
    if (tooLarge) return fail(invalidParameter(`Request body over ${MAX_BODY_BYTES} bytes`));
    const unauthenticated = verifier.check({ method: req.method, url, headers: req.headers, body });
    if (unauthenticated) return fail(unauthenticated);
    const { admission, faults } = route.policy;
    if (!admission.admit(route.policy.inFlight)) return fail(tooManyRequests());

    const fault = faults.next();
    if (fault) stats.fault(fault);
    if (fault === 'throttle') return fail(tooManyRequests());
    if (fault === 'error500') return fail(internalError());
    if (fault === 'error503') return fail(serviceUnavailable());
    if (fault === 'reset' || fault === 'hang') return { kind: fault };

    let answer: Outcome & { kind: 'answer' };
    try {
      const result = route.handle(query, body === undefined ? undefined : parseBody(body));
      answer = { kind: 'answer', status: 200, body: JSON.stringify(result.body), next: result.next };
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(500, 'InternalServerError', `Simulator bug: ${String(e)}`);
      answer = fail(error) as Outcome & { kind: 'answer' };
    }
    // Cut mid-document: a truncated body is what a proxy dropping a connection actually produces.
    if (fault === 'malformed') answer.body = answer.body.slice(0, Math.max(1, Math.floor(answer.body.length / 2)));
    return answer;
  }

  #deliver(req: IncomingMessage, res: ServerResponse, requestId: string, outcome: Outcome): void {
    if (res.destroyed) return;
    if (outcome.kind === 'hang') return;
    if (outcome.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': JSON_TYPE,
      'content-length': Buffer.byteLength(outcome.body),
      'opc-request-id': requestId,
    };
    if (outcome.next) headers['opc-next-page'] = outcome.next;
    if (outcome.retryAfter !== undefined) headers['retry-after'] = outcome.retryAfter;
    res.writeHead(outcome.status, headers);
    res.end(outcome.body);
  }

  /** Like OCI: the client's own opc-request-id, if it sent one, prefixes ours. */
  #requestId(req: IncomingMessage): string {
    const ours = `${this.#parts.requestIdPrefix}${(++this.#counter).toString(16).toUpperCase().padStart(16, '0')}`;
    const theirs = req.headers['opc-request-id'];
    return typeof theirs === 'string' && theirs ? `${theirs}/${ours}` : ours;
  }

  #admin(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    req.resume();
    const send = (status: number, body?: string) => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const { stats } = this.#parts;
    if (req.method === 'GET' && pathname === '/_sim/stats') return send(200, JSON.stringify(stats.snapshot()));
    if (req.method === 'POST' && pathname === '/_sim/reset-stats') {
      stats.reset();
      return send(204);
    }
    if (req.method === 'GET' && pathname === '/_sim/ground-truth') return send(200, this.#parts.groundTruthJson());
    send(404, errorBody(notFound('Unknown simulator admin route')));
  }
}
