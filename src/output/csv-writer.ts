// A CSV file written through csv-stringify's sync API one batch at a time: one string and one write per
// batch, where the stream API paid a Transform step and a buffered chunk per row. Backpressure reaches
// the caller through the file's stream.
import { stringify, type Options } from 'csv-stringify/sync';
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
  readonly #options: Options;
  /** Written with the first records, or at close when none came: every file has its header. */
  #header: string | undefined;

  constructor(sink: FileSink, header: readonly string[], options: CsvOptions = {}) {
    this.#sink = sink;
    // Cells arrive already normalised (cellValue), but csv-stringify would still turn `false` into an
    // empty cell and a Date into epoch ms by default: the contract says `true`/`false` and ISO times.
    this.#options = {
      columns: [...header],
      cast: { boolean: (b) => (b ? 'true' : 'false'), date: (d) => d.toISOString() },
      escape_formulas: options.escapeFormulas ?? false,
    };
    this.#header = stringify([], { ...this.#options, header: true });
  }

  /** A promise only under backpressure (see FileSink.write). */
  write(records: readonly Cell[][]): Promise<void> | undefined {
    if (this.#sink.error) return Promise.reject(this.#sink.error);
    if (records.length === 0) return undefined;
    const text = stringify(records as Cell[][], this.#options);
    const header = this.#header;
    this.#header = undefined;
    return this.#sink.write(header === undefined ? text : header + text);
  }

  /** Resolves once every record is on disk (fsync'd) and the file closed. */
  async close(): Promise<void> {
    if (this.#header !== undefined) {
      await this.#sink.write(this.#header);
      this.#header = undefined;
    }
    await this.#sink.close();
  }

  destroy(): Promise<void> {
    return this.#sink.destroy();
  }
}
