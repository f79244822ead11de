/**
 * Scopes finish in whatever order the threads and the network allow; outputs are written in the order
 * the scopes were listed, so every run of the same tenancy writes the same files. A result waits here
 * only until every scope before it is done, which keeps this buffer to the few scopes in flight or
 * in backoff, not the tenancy. Scopes are known by their place in that order, so nothing is kept per
 * scope of the phase.
 */
export class OrderedRelease<T> {
  readonly #size: number;
  readonly #waiting = new Map<number, { value: T; written: () => void; failed: (e: unknown) => void }>();
  readonly #release: (value: T) => Promise<void>;
  #next = 0;
  /** One drain at a time: the writer applies backpressure and must see results one at a time. */
  #draining = false;
  /** The first release that failed: nothing after it is written. */
  #error?: { cause: unknown };

  constructor(size: number, release: (value: T) => Promise<void>) {
    this.#size = size;
    this.#release = release;
  }

  get size(): number {
    return this.#size;
  }

  get released(): number {
    return this.#next;
  }

  /**
   * Accepts the result of the scope at `index`; resolves once that result has been written (so a
   * caller counting unwritten results counts the ones waiting here too), rejects if a release failed.
   */
  accept(index: number, value: T): Promise<void> {
    if (!Number.isInteger(index) || index < 0 || index >= this.#size) throw new Error(`result for a scope that was not dispatched: #${index}`);
    if (index < this.#next || this.#waiting.has(index)) throw new Error(`second result for scope #${index}`);
    if (this.#error) return Promise.reject(this.#error.cause);
    const written = new Promise<void>((resolve, reject) => this.#waiting.set(index, { value, written: resolve, failed: reject }));
    // A running drain takes this result when its turn comes. No callback per result waits on the drain:
    // it would share this call's scope, and so keep `value` alive after its write, as long as the drain runs.
    if (!this.#draining) void this.#drain();
    return written;
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    while (!this.#error && this.#waiting.has(this.#next)) {
      const w = this.#waiting.get(this.#next)!;
      this.#waiting.delete(this.#next);
      this.#next++;
      try {
        await this.#release(w.value);
        w.written();
      } catch (e) {
        this.#error = { cause: e };
        w.failed(e);
        for (const other of this.#waiting.values()) other.failed(e);
        this.#waiting.clear();
      }
    }
    this.#draining = false;
  }
}
