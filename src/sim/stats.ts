// Counters a test or a bench reads to see what the server went through. Plain objects, updated in
// place: stats() is called often by benches, so a snapshot is one shallow copy per map.

export interface RouteStats {
  requests: number;
  statuses: Record<string, number>;
}

export interface SimStats {
  requests: number;
  /** Every 429 answered: rate limit, concurrency cap and injected throttles alike. */
  throttled: number;
  /** Injected faults by kind (throttle, error500, error503, reset, hang, malformed). */
  faults: Record<string, number>;
  byRoute: Record<string, RouteStats>;
  inFlight: number;
  maxInFlight: number;
  /** ListTagDefaults requests per compartmentId, every attempt counted (retries show up here). */
  tagDefaultsRequestsByCompartment: Record<string, number>;
  /** Resource Search requests per region name, every attempt counted. */
  searchRequestsByRegion: Record<string, number>;
  unauthenticated: number;
}

export class StatsRecorder {
  #s: SimStats = StatsRecorder.#empty();

  static #empty(): SimStats {
    return { requests: 0, throttled: 0, faults: {}, byRoute: {}, inFlight: 0, maxInFlight: 0, tagDefaultsRequestsByCompartment: {}, searchRequestsByRegion: {}, unauthenticated: 0 };
  }

  begin(route: string, tagDefaultsCompartment: string | null, searchRegion: string | null = null): void {
    const s = this.#s;
    s.requests++;
    s.inFlight++;
    if (s.inFlight > s.maxInFlight) s.maxInFlight = s.inFlight;
    (s.byRoute[route] ??= { requests: 0, statuses: {} }).requests++;
    if (tagDefaultsCompartment !== null) {
      s.tagDefaultsRequestsByCompartment[tagDefaultsCompartment] = (s.tagDefaultsRequestsByCompartment[tagDefaultsCompartment] ?? 0) + 1;
    }
    if (searchRegion !== null) s.searchRequestsByRegion[searchRegion] = (s.searchRequestsByRegion[searchRegion] ?? 0) + 1;
  }

  /** `outcome` is the HTTP status, or `reset`/`hang` for answers that never came. */
  outcome(route: string, outcome: number | string): void {
    const statuses = (this.#s.byRoute[route] ??= { requests: 0, statuses: {} }).statuses;
    statuses[outcome] = (statuses[outcome] ?? 0) + 1;
    if (outcome === 429) this.#s.throttled++;
    if (outcome === 401) this.#s.unauthenticated++;
  }

  fault(kind: string): void {
    this.#s.faults[kind] = (this.#s.faults[kind] ?? 0) + 1;
  }

  end(): void {
    this.#s.inFlight--;
  }

  get inFlight(): number {
    return this.#s.inFlight;
  }

  snapshot(): SimStats {
    const s = this.#s;
    const byRoute: Record<string, RouteStats> = {};
    for (const [k, v] of Object.entries(s.byRoute)) byRoute[k] = { requests: v.requests, statuses: { ...v.statuses } };
    return {
      ...s,
      faults: { ...s.faults },
      byRoute,
      tagDefaultsRequestsByCompartment: { ...s.tagDefaultsRequestsByCompartment },
      searchRequestsByRegion: { ...s.searchRequestsByRegion },
    };
  }

  /** Requests still in flight stay counted, so inFlight never goes negative after a reset. */
  reset(): void {
    const inFlight = this.#s.inFlight;
    this.#s = StatsRecorder.#empty();
    this.#s.inFlight = inFlight;
    this.#s.maxInFlight = inFlight;
  }
}
