import { createLimiter, readLimiterStats, type LimiterOptions, type LimiterStats } from '../limit/index.js';
import type { LimiterRef, Service } from '../../workers/protocol.js';

/**
 * One limiter per service and region, made when first needed: rate limits are per service (and Search is
 * regional), so one service's throttling must never slow another's calls. All share the machinery.
 */
export class Limiters {
  readonly #options: LimiterOptions;
  readonly #refs = new Map<string, LimiterRef>();

  constructor(options: LimiterOptions) {
    this.#options = options;
  }

  /** The limiter a call to `service` from `region` goes through: only Search is regional. */
  get(service: Service, region?: string): LimiterRef {
    const key = service === 'search' && region ? `${service}:${region}` : service;
    let ref = this.#refs.get(key);
    if (!ref) this.#refs.set(key, (ref = { key, buffer: createLimiter(this.#optionsFor(service)) }));
    return ref;
  }

  /**
   * An adaptive ceiling is a bound on sockets and memory, not a setting: Search's limiters, one per
   * region and all running at once, each with answers of up to a thousand resources, get half of it.
   * A fixed (--no-adaptive) limit is what the user asked for, everywhere.
   */
  #optionsFor(service: Service): LimiterOptions {
    const o = this.#options;
    if (service !== 'search' || !o.adaptive) return o;
    const maxLimit = Math.max(1, Math.ceil(o.maxLimit / 2));
    return { ...o, maxLimit, initialLimit: o.initialLimit === undefined ? undefined : Math.min(o.initialLimit, maxLimit) };
  }

  /** Every limiter's figures by key; Identity's always, so a run's report has one to show. */
  stats(): Record<string, LimiterStats> {
    this.get('identity');
    return Object.fromEntries([...this.#refs].map(([key, ref]) => [key, readLimiterStats(ref.buffer)]));
  }
}
