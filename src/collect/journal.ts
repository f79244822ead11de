import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { OutputWriteError } from '../output/index.js';
import type { Row } from '../resources/columns.js';
import type { Phase } from '../../workers/protocol.js';

export const JOURNAL_FILE = '.oci-growth-journal.jsonl';

/** What a resumed run must match: collecting another tenancy into the same files would mix two tenancies. */
export interface JournalHeader {
  journal: 1;
  tenancyId: string;
  target: string;
  startedAt: string;
}

export interface JournalEntry {
  phase: Phase;
  scopeId: string;
  rows: Row[];
  tenancy?: Row;
}

/**
 * Append-only record of every scope collected, so an interrupted or crashed run can finish without
 * paying for those calls again. Lines are appended whole, in order (a crash can tear only the last
 * one, which the reader drops) and fsync'd in batches: often enough that a power cut loses a
 * fraction of a second, rarely enough that it costs nothing against the network.
 */
export class Journal {
  readonly #fd: number;
  readonly #path: string;
  readonly #dir: string;
  #dirty = false;
  #timer: NodeJS.Timeout;
  /** Scopes recorded by this run (not counting those read back for a resume). */
  recorded = 0;

  private constructor(dir: string, path: string, fd: number) {
    this.#dir = dir;
    this.#path = path;
    this.#fd = fd;
    this.#timer = setInterval(() => this.sync(), 250);
    this.#timer.unref();
  }

  static exists(dir: string): boolean {
    return existsSync(join(dir, JOURNAL_FILE));
  }

  /** Starts a fresh journal (replacing any old one) or, with `resume`, continues the existing one. */
  static open(dir: string, header: Omit<JournalHeader, 'journal' | 'startedAt'>, resume: boolean): { journal: Journal; done: Map<string, JournalEntry> } {
    const path = join(dir, JOURNAL_FILE);
    let done = new Map<string, JournalEntry>();
    if (resume) {
      if (!existsSync(path)) throw new UsageError(`nothing to resume in ${dir}: no ${JOURNAL_FILE} (run without --resume)`);
      done = Journal.read(path, header);
    } else rmSync(path, { force: true });
    const fd = openSync(path, 'a', 0o600);
    const journal = new Journal(dir, path, fd);
    if (!resume) journal.#append({ journal: 1, ...header, startedAt: new Date().toISOString() } satisfies JournalHeader);
    return { journal, done };
  }

  static key(phase: Phase, scopeId: string): string {
    return `${phase}\u0000${scopeId}`;
  }

  static read(path: string, expect: Omit<JournalHeader, 'journal' | 'startedAt'>): Map<string, JournalEntry> {
    const lines = readFileSync(path, 'utf8').split('\n');
    let header: JournalHeader | undefined;
    try {
      header = JSON.parse(lines[0]) as JournalHeader;
    } catch {
      // fall through to the error below
    }
    if (header?.journal !== 1) throw new UsageError(`${path} is not an oci-growth journal; remove it or use another --output-dir`);
    if (header.tenancyId !== expect.tenancyId)
      throw new UsageError(`cannot resume: the run in this directory collected tenancy ${header.tenancyId}, not ${expect.tenancyId}`);
    if (header.target !== expect.target)
      throw new UsageError(`cannot resume: the run in this directory used ${header.target}, this one ${expect.target}; use the same --region/--endpoint or --force to start over`);
    const done = new Map<string, JournalEntry>();
    for (let i = 1; i < lines.length; i++) {
      if (!lines[i]) continue;
      try {
        const e = JSON.parse(lines[i]) as JournalEntry;
        done.set(Journal.key(e.phase, e.scopeId), e);
      } catch {
        // Only the last line can be torn (one write per line); anything after it was never acknowledged.
        break;
      }
    }
    return done;
  }

  record(entry: JournalEntry): void {
    if (entry.rows.length > 1000) this.#appendLarge(entry);
    else this.#append(entry);
    this.recorded++;
  }

  /**
   * A listing of 50,000 compartments as one JSON string (and one Buffer of it) would double the run's
   * peak memory; written row by row it costs a row. Several writes make one line: a crash can still
   * only leave a torn last line, which the reader drops.
   */
  #appendLarge(entry: JournalEntry): void {
    const { rows, ...head } = entry;
    const open = JSON.stringify({ ...head, rows: [] });
    this.#write(open.slice(0, -2)); // `{…,"rows":[`
    rows.forEach((r, i) => this.#write((i ? ',' : '') + JSON.stringify(r)));
    this.#write(']}\n');
  }

  #write(text: string): void {
    const buf = Buffer.from(text);
    let off = 0;
    try {
      while (off < buf.length) off += writeSync(this.#fd, buf, off);
    } catch (e) {
      throw new OutputWriteError(JOURNAL_FILE, this.#dir, e);
    }
    this.#dirty = true;
  }

  #append(value: object): void {
    this.#write(JSON.stringify(value) + '\n');
  }

  sync(): void {
    if (!this.#dirty) return;
    this.#dirty = false;
    try {
      fsyncSync(this.#fd);
    } catch {
      // Reported by the next write; the timer must not throw out of the event loop.
    }
  }

  /** Keeps the file: a partial run's journal is what --resume continues from. */
  close(): void {
    clearInterval(this.#timer);
    this.sync();
    closeSync(this.#fd);
  }

  /** A complete run needs no journal; its outputs are the record. */
  remove(): void {
    this.close();
    rmSync(this.#path, { force: true });
  }
}
