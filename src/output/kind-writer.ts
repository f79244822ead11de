// One resource kind's two destinations, its CSV and its snapshot fragment, fed from one projection
// so they can never disagree, and fed one batch at a time so a batch's rows stay together.
import { join } from 'node:path';
import { columnNames, project, type ResourceKind, type Row } from '../resources/index.js';
import { CsvWriter, type Cell, type CsvOptions } from './csv-writer.js';
import { FragmentWriter } from './fragment.js';
import { tempName } from './files.js';
import { FileSink, type Opener } from './sink.js';

/**
 * Rows formatted and written at once: one write per slice, a big batch (the whole tree) never formatted
 * whole, and a slice's objects and text small enough to die in the CLI's 1 MB young generation.
 */
const SLICE = 100;

export class KindWriter {
  readonly kind: ResourceKind;
  readonly #csv: CsvWriter;
  /** Absent for kinds kept out of the snapshot. */
  readonly #fragment?: FragmentWriter;
  readonly #csvTemp: string;
  #count = 0;
  /** Batches wait for the one before: concurrent callers would otherwise interleave rows mid-batch. */
  #tail: Promise<void> = Promise.resolve();

  private constructor(kind: ResourceKind, csv: FileSink, fragment: FileSink | undefined, csvOptions: CsvOptions) {
    this.kind = kind;
    this.#csv = new CsvWriter(csv, columnNames(kind), csvOptions);
    this.#fragment = fragment && new FragmentWriter(fragment);
    this.#csvTemp = csv.path;
  }

  /** Temporary paths a writer uses, known before opening so a failed open can still be cleaned up. */
  static temps(dir: string, kind: ResourceKind, runId: string): { csv: string; fragment: string } {
    return { csv: join(dir, tempName(kind.file, runId)), fragment: join(dir, tempName(`${kind.key}.jsonl`, runId)) };
  }

  static async open(dir: string, kind: ResourceKind, runId: string, opener: Opener, csvOptions: CsvOptions = {}): Promise<KindWriter> {
    const t = KindWriter.temps(dir, kind, runId);
    const csv = await FileSink.open(opener, dir, kind.file, t.csv, true);
    try {
      const fragment = kind.snapshot === false ? undefined : await FileSink.open(opener, dir, kind.file, t.fragment, false);
      return new KindWriter(kind, csv, fragment, csvOptions);
    } catch (e) {
      await csv.destroy();
      throw e;
    }
  }

  get count(): number {
    return this.#count;
  }

  get csvTemp(): string {
    return this.#csvTemp;
  }

  /** Undefined for kinds kept out of the snapshot. */
  get fragmentPath(): string | undefined {
    return this.#fragment?.path;
  }

  write(rows: readonly Row[], observe: (row: Row) => void): Promise<void> {
    const run = this.#tail.then(async () => {
      for (let i = 0; i < rows.length; i += SLICE) {
        const slice = rows.slice(i, i + SLICE);
        const records = slice.map((row) => project(this.kind, row));
        const csv = this.#csv.write(records.map((r) => Object.values(r) as Cell[]));
        const fragment = this.#fragment?.write(records);
        // Both awaited together: a failure in one must not leave the other's rejection unobserved.
        if (csv || fragment) await Promise.all([csv, fragment]);
        this.#count += slice.length;
        for (const row of slice) observe(row);
      }
    });
    // The next batch waits for this one whatever its outcome; a failed file fails it on its own.
    this.#tail = run.catch(() => {});
    return run;
  }

  /**
   * Waits for the batches queued so far and for their rows to reach the fragment; resolves with the
   * fragment's length then, so a reader can stop at rows known whole while writing goes on.
   */
  async flush(): Promise<number> {
    await this.#tail;
    if (!this.#fragment) throw new Error(`${this.kind.key} is not kept in the snapshot: nothing to read back`);
    return this.#fragment.flush();
  }

  /** Waits for queued batches, then makes the CSV durable and closes both files. */
  async close(): Promise<void> {
    await this.#tail;
    await this.#csv.close();
    await this.#fragment?.close();
  }

  async destroy(): Promise<void> {
    await Promise.all([this.#csv.destroy(), this.#fragment?.destroy()]);
  }
}
