// A kind's rows for the JSON snapshot, kept on disk while the run streams: the file is already the
// body of a JSON array (one row per line), so assembling the snapshot is a byte copy, not a re-parse,
// and memory stays flat however big the tenancy.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { FileSink } from './sink.js';

/** Rows sit two levels deep in the snapshot: `{ "kind": [ row, … ] }`. */
const ROW_INDENT = '    ';

export class FragmentWriter {
  readonly #sink: FileSink;
  #rows = 0;

  constructor(sink: FileSink) {
    this.#sink = sink;
  }

  get rows(): number {
    return this.#rows;
  }

  get path(): string {
    return this.#sink.path;
  }

  /** One write per batch. JSON.stringify escapes every newline inside strings, so a row is always exactly one line. */
  write(records: readonly Record<string, unknown>[]): Promise<void> | undefined {
    if (records.length === 0) return undefined;
    let text = '';
    for (const record of records) text += `${this.#rows++ ? ',' : ''}\n${ROW_INDENT}${JSON.stringify(record)}`;
    return this.#sink.write(text);
  }

  /** Resolves with the fragment's length once what was written can be read back. */
  flush(): Promise<number> {
    return this.#sink.flush();
  }

  close(): Promise<void> {
    return this.#sink.close();
  }

  destroy(): Promise<void> {
    return this.#sink.destroy();
  }
}

/** Streams a fragment's rows back, one parsed record at a time; `bytes` stops at a length known whole. */
export async function* readFragment(path: string, bytes?: number): AsyncGenerator<Record<string, unknown>> {
  if (bytes === 0) return;
  const range = bytes === undefined ? {} : { start: 0, end: bytes - 1 };
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', ...range }), crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim().replace(/,$/, '');
    if (text) yield JSON.parse(text) as Record<string, unknown>;
  }
}
