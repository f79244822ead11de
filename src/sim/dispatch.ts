import type { Admission } from './limits.js';
import type { FaultInjector } from './faults.js';
import type { Rng } from './random.js';
import { REGION_NAME, type SimRegion } from './regions.js';
import { API_PREFIX, matchRoute, type ApiResult, type IdentityApi } from './routes.js';
import { SEARCH_PREFIX, type SearchApi } from './search.js';
import { USAGE_PREFIX, type UsageApi } from './usage.js';
import { REFRESH_PATH, type SessionTokens } from './session.js';

// Which service, region and route a request path names, and the admission, fault and latency policy
// that applies to it. Each service (Search: each region) has its own, so throttling one never makes
// another answer 429 — as OCI's per-service limits behave.

export type ServiceName = 'identity' | 'search' | 'usage';

export interface LatencyModel {
  fixedMs: number;
  jitterMs: number;
  perInFlightMs: number;
  rng: Rng;
}

export interface ServicePolicy {
  admission: Admission;
  faults: FaultInjector;
  latency: LatencyModel;
  retryAfterSeconds?: number;
  /** Requests of this service (region) in flight, this one included once admitted. */
  inFlight: number;
}

export interface Dispatch {
  service: ServiceName;
  region: string;
  routeName: string;
  method: 'GET' | 'POST';
  policy: ServicePolicy;
  /** ListTagDefaults' compartmentId, for the per-compartment request counts. */
  tagDefaultsCompartment: string | null;
  handle(query: URLSearchParams, body: unknown): ApiResult;
}

export interface Services {
  identity: IdentityApi;
  search: SearchApi;
  usage: UsageApi;
  sessions: SessionTokens;
  regions: readonly SimRegion[];
  policies: { identity: ServicePolicy; usage: ServicePolicy; search: ReadonlyMap<string, ServicePolicy> };
}

export class Dispatcher {
  readonly #s: Services;
  readonly #home: string;
  readonly #subscribed: Set<string>;

  constructor(services: Services) {
    this.#s = services;
    this.#home = services.regions.find((r) => r.isHomeRegion)!.regionName;
    this.#subscribed = new Set(services.regions.map((r) => r.regionName));
  }

  /** `/<api>/…` is the home region; `/<region>/<api>/…` any subscribed region, for all three APIs. */
  match(pathname: string, query: URLSearchParams): Dispatch | undefined {
    let region = this.#home;
    let path = pathname;
    const slash = pathname.indexOf('/', 1);
    const first = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash);
    if (REGION_NAME.test(first)) {
      if (!this.#subscribed.has(first)) return undefined;
      region = first;
      path = slash < 0 ? '/' : pathname.slice(slash);
    }
    const { identity, search, usage, sessions, policies } = this.#s;
    const base = { region, tagDefaultsCompartment: null };
    if (path.startsWith(`${API_PREFIX}/`)) {
      const route = matchRoute(path);
      if (!route) return undefined;
      return {
        ...base,
        service: 'identity',
        routeName: route.name,
        method: 'GET',
        policy: policies.identity,
        tagDefaultsCompartment: route.name === 'ListTagDefaults' ? query.get('compartmentId') : null,
        handle: (q) => identity.handle(route, q),
      };
    }
    if (path === `${SEARCH_PREFIX}/resources`) {
      const policy = policies.search.get(region)!;
      return { ...base, service: 'search', routeName: 'SearchResources', method: 'POST', policy, handle: (q, body) => search.search(region, q, body) };
    }
    if (path === REFRESH_PATH) {
      // OCI's auth service; here it shares Identity's limits, faults and latency.
      return { ...base, service: 'identity', routeName: 'RefreshSessionToken', method: 'POST', policy: policies.identity, handle: (_q, body) => ({ body: sessions.refresh(body) }) };
    }
    if (path === `${USAGE_PREFIX}/usage`) {
      return { ...base, service: 'usage', routeName: 'RequestSummarizedUsages', method: 'POST', policy: policies.usage, handle: (q, body) => usage.summarize(q, body) };
    }
    return undefined;
  }
}
