/**
 * A phase's results as they are released in scope order, for a step that works alongside the phase
 * instead of after it. Results wait here from the phase's first one on, whether or not the step has
 * started yet (it may be waiting for what else it needs); it has one reader.
 */
export class Tap<T> implements AsyncIterable<T> {
  #items: (T | undefined)[] = [];
  /** The next item to hand out: taken ones are cleared, and the array compacted now and then. */
  #head = 0;
  #wake?: () => void;
  #ended = false;
  #error?: { cause: unknown };
  /** No reader will come, or it has gone: what is pushed from now on is not kept. */
  #dropped = false;
  #read = false;

  push(item: T): void {
    if (this.#dropped) return;
    if (this.#ended) throw new Error('Tap: push() after end()');
    this.#items.push(item);
    this.#wake?.();
  }

  /** The phase has released everything. */
  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  /** The phase failed: the reader gets its error once it has taken what came before. */
  fail(cause: unknown): void {
    this.#error ??= { cause };
    this.#ended = true;
    this.#wake?.();
  }

  /** The reader will not come (a step it needs failed): nothing need wait for it. */
  drop(): void {
    this.#dropped = true;
    this.#items = [];
    this.#head = 0;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    if (this.#read) throw new Error('Tap: a second reader');
    this.#read = true;
    try {
      for (;;) {
        if (this.#head < this.#items.length) {
          const item = this.#items[this.#head] as T;
          this.#items[this.#head++] = undefined;
          if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
            this.#items = this.#items.slice(this.#head);
            this.#head = 0;
          }
          yield item;
        } else if (this.#error) throw this.#error.cause;
        else if (this.#ended) return;
        else {
          await new Promise<void>((resolve) => (this.#wake = resolve));
          this.#wake = undefined;
        }
      }
    } finally {
      this.drop();
    }
  }
}
