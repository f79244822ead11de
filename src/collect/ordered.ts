/**
 * Scopes finish in whatever order the threads and the network allow; outputs are written in the order
 * the scopes were listed, so every run of the same tenancy writes the same files. A result waits here
 * only until every scope before it is done, which keeps this buffer to the few scopes in flight or
 * in backoff, not the tenancy.
 */
export class OrderedRelease<T> {
  readonly #position = new Map<string, number>();
  readonly #waiting = new Map<number, T>();
  readonly #release: (value: T) => Promise<void>;
  #next = 0;
  /** Serialises releases: the writer applies backpressure and must see results one at a time. */
  #tail: Promise<void> = Promise.resolve();

  constructor(order: readonly string[], release: (value: T) => Promise<void>) {
    order.forEach((id, i) => this.#position.set(id, i));
    this.#release = release;
  }

  get size(): number {
    return this.#position.size;
  }

  get released(): number {
    return this.#next;
  }

  /** Accepts a scope's result; resolves once everything now releasable has been written. */
  accept(id: string, value: T): Promise<void> {
    const at = this.#position.get(id);
    if (at === undefined) throw new Error(`result for a scope that was not dispatched: ${id}`);
    if (at < this.#next || this.#waiting.has(at)) throw new Error(`second result for scope ${id}`);
    this.#waiting.set(at, value);
    this.#tail = this.#tail.then(() => this.#drain());
    return this.#tail;
  }

  async #drain(): Promise<void> {
    while (this.#waiting.has(this.#next)) {
      const value = this.#waiting.get(this.#next)!;
      this.#waiting.delete(this.#next);
      this.#next++;
      await this.#release(value);
    }
  }
}
