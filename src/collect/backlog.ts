/**
 * Scope results received but not yet written. A coordinator busy writing reads the threads' messages
 * late, and what it has not read queues outside the heap, unbounded: so a phase hands the pool its
 * next task only while this backlog is small. Admission is first come, first served, so tasks reach
 * the pool in scope order and the results holding up the ordered writes always belong to admitted tasks.
 */
export class Backlog {
  readonly #max: number;
  #size = 0;
  #turn: Promise<void> = Promise.resolve();
  #room?: () => void;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#size;
  }

  /** Counts a result until `written` settles. */
  add(written: Promise<unknown>): void {
    this.#size++;
    const done = () => {
      this.#size--;
      if (this.#size < this.#max) this.#room?.();
    };
    written.then(done, done);
  }

  /** Resolves, in call order, once the backlog is below its bound. */
  admit(): Promise<void> {
    const turn = this.#turn.then(() => (this.#size < this.#max ? undefined : new Promise<void>((r) => (this.#room = r))));
    this.#turn = turn.then(() => (this.#room = undefined));
    return turn;
  }
}
