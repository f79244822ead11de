// The coordinator's one handle on the output directory: rows go in as batches, the files of the
// output contract come out at finish(), atomically. Nothing final exists until then.
import { randomBytes } from 'node:crypto';
import type { GovernanceReport } from '../analyze/governance.js';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { compartments, KINDS, type ResourceKind, type Row } from '../resources/index.js';
import { publish } from './commit.js';
import { directoryError, prepareDirectory } from './directory.js';
import { SNAPSHOT_FILE, SUMMARY_FILE, tempName } from './files.js';
import { readFragment } from './fragment.js';
import { KindWriter } from './kind-writer.js';
import { snapshotMetadata, type RunMetadata } from './metadata.js';
import { FileSink, openExclusive, type Opener } from './sink.js';
import { writeSnapshot } from './snapshot.js';
import { renderSummary, type CompartmentStat, type SummaryInput } from './summary.js';
import { Tally } from './tally.js';

export interface RunOutputOptions {
  /** Replace the outputs of an earlier run (they stay untouched until finish()). */
  force?: boolean;
  /** Tags the temporary files and the snapshot; random by default. */
  runId?: string;
  /** How temporary files are created (tests substitute failing targets). */
  opener?: Opener;
  /** See CsvOptions.escapeFormulas; off by default, so cells say what the API said. */
  csvEscapeFormulas?: boolean;
}

/** Compartments listed by tag-default count in the summary. */
export const TOP_COMPARTMENTS = 10;

type State = 'open' | 'finishing' | 'finished' | 'aborted';

export class RunOutput {
  readonly dir: string;
  readonly runId: string;
  readonly #writers: Map<string, KindWriter>;
  readonly #opener: Opener;
  readonly #tally = new Tally();
  /** Every temporary path this run may have created, for abort(). */
  readonly #temps: string[];
  /** The snapshot and summary files while finish() writes them, so a failure can close them. */
  readonly #finals: FileSink[] = [];
  #state: State = 'open';
  #governance: GovernanceReport | undefined;

  private constructor(dir: string, runId: string, writers: KindWriter[], opener: Opener) {
    this.dir = dir;
    this.runId = runId;
    this.#writers = new Map(writers.map((w) => [w.kind.key, w]));
    this.#opener = opener;
    this.#temps = RunOutput.#allTemps(dir, runId);
  }

  static #allTemps(dir: string, runId: string): string[] {
    return [...KINDS.flatMap((k) => Object.values(KindWriter.temps(dir, k, runId))), join(dir, tempName(SNAPSHOT_FILE, runId)), join(dir, tempName(SUMMARY_FILE, runId))];
  }

  /**
   * Checks the directory and opens every temporary file now, so an unusable directory fails before the
   * run makes its first request.
   */
  static async open(dir: string, opts: RunOutputOptions = {}): Promise<RunOutput> {
    await prepareDirectory(dir, opts.force ?? false);
    const runId = opts.runId ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
    const opener = opts.opener ?? openExclusive;
    const writers: KindWriter[] = [];
    try {
      for (const kind of KINDS) writers.push(await KindWriter.open(dir, kind, runId, opener, { escapeFormulas: opts.csvEscapeFormulas }));
    } catch (e) {
      await Promise.all(writers.map((w) => w.destroy()));
      await removeAll(RunOutput.#allTemps(dir, runId));
      throw directoryError(dir, e);
    }
    return new RunOutput(dir, runId, writers, opener);
  }

  /** Streams a batch to the kind's CSV and snapshot fragment; resolves when both can take more. */
  write(kind: ResourceKind, rows: readonly Row[]): Promise<void> {
    if (this.#state !== 'open') return Promise.reject(new Error(`RunOutput: write() after ${this.#state === 'aborted' ? 'abort()' : 'finish()'}`));
    const writer = this.#writers.get(kind.key);
    if (!writer) return Promise.reject(new Error(`RunOutput: unknown resource kind "${kind.key}"`));
    return writer.write(rows, (row) => this.#tally.observe(kind, row));
  }

  /**
   * Streams back the rows of a kind written so far, as the snapshot holds them (snake_case keys, typed
   * values): analysis reads the collected data from disk instead of holding it. Rows written after the
   * call are not seen.
   */
  async *rows(kind: ResourceKind): AsyncGenerator<Record<string, unknown>> {
    if (this.#state !== 'open') throw new Error(`RunOutput: rows() after ${this.#state === 'aborted' ? 'abort()' : 'finish()'}`);
    const writer = this.#writers.get(kind.key);
    if (!writer) throw new Error(`RunOutput: unknown resource kind "${kind.key}"`);
    const bytes = await writer.flush();
    yield* readFragment(writer.fragmentPath!, bytes);
  }

  /** What the governance analysis found and left out, for the summary and the snapshot's metadata. */
  setGovernance(report: GovernanceReport): void {
    this.#governance = report;
  }

  /** Failure rows written so far by these phases: lets a step tell whether what it builds on is whole. */
  failuresIn(...phases: string[]): number {
    return this.#tally
      .failureGroups()
      .filter((g) => phases.includes(g.phase))
      .reduce((n, g) => n + g.count, 0);
  }

  /** Rows written so far, by kind key. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.#writers].map(([key, w]) => [key, w.count]));
  }

  /**
   * Waits for queued writes, writes the snapshot and the summary, then puts every file in place (see
   * commit.ts for the order). On failure the temporaries are removed and the error (an
   * OutputWriteError for I/O) is thrown; earlier outputs are left as they were unless renaming had begun.
   */
  async finish(meta: RunMetadata): Promise<{ files: string[] }> {
    if (this.#state !== 'open') throw new Error(`RunOutput: finish() after ${this.#state === 'aborted' ? 'abort()' : 'finish()'}`);
    this.#state = 'finishing';
    try {
      const writers = [...this.#writers.values()];
      // Each close waits for its file to reach the disk: side by side, not one after another. The
      // snapshot and the summary read only what is closed, so they too are written side by side.
      await settleAll(writers.map((w) => w.close()));
      const finishedAt = meta.finishedAt ?? new Date();
      const counts = this.counts();

      const snapshotTemp = join(this.dir, tempName(SNAPSHOT_FILE, this.runId));
      const summaryTemp = join(this.dir, tempName(SUMMARY_FILE, this.runId));
      const metadata = snapshotMetadata(meta, { runId: this.runId, tenancyName: this.#tally.tenancyName, counts, finishedAt, governance: this.#governance });
      const writeTheSnapshot = async () => {
        const snapshot = await FileSink.open(this.#opener, this.dir, SNAPSHOT_FILE, snapshotTemp, true);
        this.#finals.push(snapshot);
        await writeSnapshot(snapshot, metadata, writers.flatMap((w) => (w.fragmentPath ? [{ key: w.kind.key, path: w.fragmentPath, rows: w.count }] : [])));
      };
      const writeTheSummary = async () => {
        const summary = await FileSink.open(this.#opener, this.dir, SUMMARY_FILE, summaryTemp, true);
        this.#finals.push(summary);
        await summary.write(renderSummary(await this.#summaryInput({ ...meta, finishedAt }, counts)));
        await summary.close();
      };
      await settleAll([writeTheSnapshot(), writeTheSummary()]);

      const files = await publish(
        this.dir,
        writers.map((w) => ({ file: w.kind.file, temp: w.csvTemp })),
        { file: SNAPSHOT_FILE, temp: snapshotTemp },
        { file: SUMMARY_FILE, temp: summaryTemp },
      );
      await removeAll(writers.flatMap((w) => w.fragmentPath ?? []));
      this.#state = 'finished';
      return { files };
    } catch (e) {
      await this.#discard();
      throw e;
    }
  }

  async #summaryInput(meta: RunMetadata, counts: Record<string, number>): Promise<SummaryInput> {
    const top = this.#tally.topCompartments(TOP_COMPARTMENTS);
    const wanted = new Map(top.map((t) => [t.id, { id: t.id, name: '', path: '', defaults: t.defaults } as CompartmentStat]));
    // Names and paths of just the few compartments shown, read back from the fragment written anyway.
    if (wanted.size)
      for await (const c of readFragment(this.#writers.get(compartments.key)!.fragmentPath!)) {
        const hit = wanted.get(String(c['id']));
        if (hit) {
          hit.name = String(c['name'] ?? '');
          hit.path = String(c['path'] ?? '');
        }
      }
    return {
      meta,
      runId: this.runId,
      counts,
      tenancyName: this.#tally.tenancyName,
      namespaces: this.#tally.namespaces(),
      compartments: { total: counts[compartments.key] ?? 0, withDefaults: this.#tally.compartmentsWithDefaults, top: [...wanted.values()] },
      failures: this.#tally.failureGroups(),
      governance: this.#governance,
    };
  }

  /** Drops everything this run wrote; earlier outputs in the directory are untouched. */
  async abort(): Promise<void> {
    if (this.#state === 'finished' || this.#state === 'aborted') return;
    await this.#discard();
  }

  async #discard(): Promise<void> {
    this.#state = 'aborted';
    await Promise.all([...[...this.#writers.values()].map((w) => w.destroy()), ...this.#finals.map((f) => f.destroy())]);
    await removeAll(this.#temps);
  }
}

async function removeAll(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((p) => rm(p, { force: true }).catch(() => {})));
}

/** Waits for every promise, then rejects with the first failure: none is left running or unobserved when the caller cleans up. */
async function settleAll(promises: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
