// A CSV file streamed through csv-stringify, with backpressure all the way to the disk.
import { stringify, type Stringifier } from 'csv-stringify';
import { pipeline } from 'node:stream/promises';
import type { FileSink } from './sink.js';

export type Cell = string | number | boolean | null;

export interface CsvOptions {
  /**
   * Prefix cells starting with =, +, -, @, tab or CR with a single quote, so a spreadsheet shows them
   * as text instead of running them: tag values and descriptions are written by anyone in the tenancy.
   */
  escapeFormulas?: boolean;
}

export class CsvWriter {
  readonly #sink: FileSink;
  readonly #csv: Stringifier;
  readonly #piped: Promise<void>;

  constructor(sink: FileSink, header: readonly string[], options: CsvOptions = {}) {
    this.#sink = sink;
    // Cells arrive already normalised (cellValue), but csv-stringify would still turn `false` into an
    // empty cell and a Date into epoch ms by default: the contract says `true`/`false` and ISO times.
    // `header: true` writes the header even when no record ever comes.
    this.#csv = stringify({
      header: true,
      columns: [...header],
      cast: { boolean: (b) => (b ? 'true' : 'false'), date: (d) => d.toISOString() },
      escape_formulas: options.escapeFormulas ?? false,
    });
    this.#piped = pipeline(this.#csv, sink.stream).catch((e) => {
      throw sink.fail(e);
    });
    this.#piped.catch(() => {}); // surfaced by write()/close()
  }

  /** A promise only under backpressure (see FileSink.write). */
  write(cells: Cell[]): Promise<void> | undefined {
    if (this.#sink.error) return Promise.reject(this.#sink.error);
    return this.#csv.write(cells) ? undefined : this.#sink.drained(this.#csv);
  }

  /** Resolves once every record is on disk (fsync'd) and the file closed. */
  async close(): Promise<void> {
    if (this.#sink.error) throw this.#sink.error;
    this.#csv.end();
    await this.#piped;
    await this.#sink.close();
  }

  async destroy(): Promise<void> {
    this.#csv.destroy();
    await this.#sink.destroy();
  }
}
