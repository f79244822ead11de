// The server's admission model: a token bucket per server (OCI throttles per tenancy/user) and an
// optional cap on requests in flight. Both answer 429, which is what a client must learn to back off from.

export class TokenBucket {
  readonly #rate: number;
  readonly #capacity: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  constructor(rps: number, burst: number, now: () => number = () => performance.now()) {
    this.#rate = rps / 1000;
    this.#capacity = burst;
    this.#now = now;
    this.#tokens = burst;
    this.#last = now();
  }

  tryTake(): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#last) * this.#rate);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

export interface AdmissionOptions {
  rateLimit?: { rps: number; burst?: number };
  maxConcurrent?: number;
}

export class Admission {
  readonly #bucket: TokenBucket | undefined;
  readonly #maxConcurrent: number;

  constructor(o: AdmissionOptions) {
    this.#bucket = o.rateLimit ? new TokenBucket(o.rateLimit.rps, o.rateLimit.burst ?? Math.max(1, Math.ceil(o.rateLimit.rps))) : undefined;
    this.#maxConcurrent = o.maxConcurrent ?? Infinity;
  }

  /** `inFlight` counts this request too. The concurrency check comes first so it spends no token. */
  admit(inFlight: number): boolean {
    if (inFlight > this.#maxConcurrent) return false;
    return this.#bucket ? this.#bucket.tryTake() : true;
  }
}
