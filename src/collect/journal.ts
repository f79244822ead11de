import { closeSync, existsSync, fsync, fsyncSync, ftruncateSync, openSync, readFileSync, rmSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { OutputWriteError } from '../output/index.js';
import type { Row } from '../resources/columns.js';
import type { Phase } from '../../workers/protocol.js';

export const JOURNAL_FILE = '.oci-growth-journal.jsonl';

/**
 * The entries' format: a resume reads them back as this version wrote them, so a journal of another
 * format (2: cost results packed in columns; 3: their values in one string) is refused rather than misread.
 */
export const JOURNAL_FORMAT = 3;

/** What a resumed run must match: collecting another tenancy into the same files would mix two tenancies. */
export interface JournalHeader {
  journal: number;
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

/** Queued text past this is written at once: a 50,000-row listing must not sit in memory as one string. */
const FLUSH_BYTES = 4 << 20;
const SYNC_EVERY_MS = 250;
/** A row holding a string or an array this long (see isLong) is journaled in pieces of about this size. */
const PIECE = 1 << 16;
/**
 * Numbers of a long array per piece: a piece's text stays below V8's large-object size, so it dies in
 * the young generation instead of waiting in the old one for a full collection.
 */
const NUMBERS = 1 << 12;

/**
 * What is written in pieces: a long string, a long array, an array of long strings (text in chunks),
 * any typed array (written as an array).
 */
function isLong(v: unknown): boolean {
  if (typeof v === 'string') return v.length > PIECE;
  if (Array.isArray(v)) return v.length > PIECE || (typeof v[0] === 'string' && v[0].length * v.length > PIECE);
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

const isLarge = (row: Row): boolean => {
  for (const k in row) if (isLong(row[k])) return true;
  return false;
};

/**
 * Items [from, to) of an array as JSON.stringify writes them between its brackets. A typed array's
 * finite numbers are joined as they are (the same text), without a string per number first.
 */
function itemsJson(a: ArrayLike<unknown>, from: number, to: number): string {
  if (ArrayBuffer.isView(a)) {
    const part = (a as Float64Array).subarray(from, to);
    if (part.every(Number.isFinite)) return part.join(',');
  }
  return Array.from({ length: to - from }, (_, j) => JSON.stringify(a[from + j]) ?? 'null').join(',');
}

/** The row's JSON text, as JSON.stringify writes it, in pieces: a long string or array is never one piece. */
function* jsonPieces(row: Row): Generator<string> {
  if (!isLarge(row)) return yield JSON.stringify(row);
  let first = true;
  for (const [k, v] of Object.entries(row)) {
    const long = isLong(v);
    const whole = long ? '' : JSON.stringify(v);
    // Left out, as JSON.stringify leaves out undefined and functions.
    if (whole === undefined) continue;
    yield `${first ? '{' : ','}${JSON.stringify(k)}:`;
    first = false;
    if (!long) yield whole;
    else if (typeof v === 'string') {
      // A surrogate pair cut in two is written as two escapes, which read back as the pair.
      yield '"';
      for (let i = 0; i < v.length; i += PIECE) yield JSON.stringify(v.slice(i, i + PIECE)).slice(1, -1);
      yield '"';
    } else {
      const a = v as ArrayLike<unknown>;
      // Strings one at a time (each may be long), numbers a piece's worth at a time.
      const per = typeof a[0] === 'string' ? 1 : NUMBERS;
      yield '[';
      for (let i = 0; i < a.length; i += per) yield (i ? ',' : '') + itemsJson(a, i, Math.min(a.length, i + per));
      yield ']';
    }
  }
  yield first ? '{}' : '}';
}

/**
 * Append-only record of every scope collected, so an interrupted or crashed run can finish without
 * paying for those calls again. Entries are queued and written in one batch per turn of the event
 * loop; fsync runs on libuv's thread pool every 250 ms, so neither blocks the coordinator. A crash can
 * still tear the last line (a large entry takes several writes): a resume cuts the file back to its
 * last complete line before appending, and the reader skips lines that do not parse.
 */
export class Journal {
  readonly #fd: number;
  /** A second descriptor for the background fsyncs (see #sync). */
  readonly #syncFd: number;
  readonly #path: string;
  readonly #dir: string;
  #queue: Buffer[] = [];
  #queued = 0;
  #flushScheduled = false;
  #dirty = false;
  #syncing = false;
  #closed = false;
  /** The first write or fsync failure: every later call reports it, so the run fails instead of losing its record. */
  #error?: OutputWriteError;
  #timer: NodeJS.Timeout;
  /** Scopes recorded by this run (not counting those read back for a resume). */
  recorded = 0;

  private constructor(dir: string, path: string) {
    this.#dir = dir;
    this.#path = path;
    this.#fd = openSync(path, 'a', 0o600);
    this.#syncFd = openSync(path, 'r');
    this.#timer = setInterval(() => this.#sync(), SYNC_EVERY_MS);
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
      let complete: number;
      ({ done, complete } = Journal.#read(path, header));
      // Appending after a torn line would glue the next entry onto it, and that line would be lost too.
      Journal.#truncate(path, dir, complete);
    } else rmSync(path, { force: true });
    const journal = new Journal(dir, path);
    if (!resume) journal.#append({ journal: JOURNAL_FORMAT, ...header, startedAt: new Date().toISOString() } satisfies JournalHeader);
    return { journal, done };
  }

  static key(phase: Phase, scopeId: string): string {
    return `${phase}\u0000${scopeId}`;
  }

  static read(path: string, expect: Omit<JournalHeader, 'journal' | 'startedAt'>): Map<string, JournalEntry> {
    return Journal.#read(path, expect).done;
  }

  /** The entries, and the length of the file up to the end of its last complete line. */
  static #read(path: string, expect: Omit<JournalHeader, 'journal' | 'startedAt'>): { done: Map<string, JournalEntry>; complete: number } {
    const buf = readFileSync(path);
    const complete = buf.lastIndexOf(0x0a) + 1;
    const lines = buf.toString('utf8', 0, complete).split('\n');
    let header: JournalHeader | undefined;
    try {
      header = JSON.parse(lines[0]!) as JournalHeader;
    } catch {
      // fall through to the error below
    }
    if (typeof header?.journal !== 'number') throw new UsageError(`${path} is not an oci-growth journal; remove it or use another --output-dir`);
    if (header.journal !== JOURNAL_FORMAT)
      throw new UsageError(`cannot resume: ${path} was written by another version of oci-growth (journal format ${header.journal}, this one reads ${JOURNAL_FORMAT}); run again without --resume`);
    if (header.tenancyId !== expect.tenancyId)
      throw new UsageError(`cannot resume: the run in this directory collected tenancy ${header.tenancyId}, not ${expect.tenancyId}`);
    if (header.target !== expect.target)
      throw new UsageError(`cannot resume: the run in this directory used ${header.target}, this one ${expect.target}; use the same --region/--endpoint or --force to start over`);
    const done = new Map<string, JournalEntry>();
    for (let i = 1; i < lines.length; i++) {
      if (!lines[i]) continue;
      try {
        const e = JSON.parse(lines[i]!) as JournalEntry;
        done.set(Journal.key(e.phase, e.scopeId), e);
      } catch {
        // A line torn by a crash, and glued to by a resume of an older version: its scope is fetched
        // again; the lines after it are as good as any.
      }
    }
    return { done, complete };
  }

  static #truncate(path: string, dir: string, length: number): void {
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, length);
    } catch (e) {
      throw new OutputWriteError(JOURNAL_FILE, dir, e);
    } finally {
      closeSync(fd);
    }
  }

  /** Queues the entry; it reaches the file within this turn of the event loop. Throws the journal's first write or fsync failure. */
  record(entry: JournalEntry): void {
    if (this.#error) throw this.#error;
    if (entry.rows.length > 1000 || entry.rows.some(isLarge)) this.#appendLarge(entry);
    else this.#append(entry);
    this.recorded++;
  }

  /**
   * A listing of 50,000 compartments, or a cost result with a value per resource, as one JSON string
   * would double the run's peak memory: it is queued in pieces, and written whenever the queue passes
   * a few megabytes.
   */
  #appendLarge(entry: JournalEntry): void {
    const { rows, ...head } = entry;
    const open = JSON.stringify({ ...head, rows: [] });
    this.#push(open.slice(0, -2)); // `{…,"rows":[`
    rows.forEach((r, i) => {
      if (i) this.#push(',');
      for (const piece of jsonPieces(r)) this.#push(piece);
    });
    this.#push(']}\n');
  }

  #append(value: object): void {
    this.#push(JSON.stringify(value) + '\n');
  }

  #push(text: string): void {
    const buf = Buffer.from(text);
    this.#queue.push(buf);
    this.#queued += buf.length;
    if (this.#queued >= FLUSH_BYTES) this.#flush();
    else if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => {
        this.#flushScheduled = false;
        if (this.#closed) return;
        try {
          this.#flush();
        } catch {
          // Kept in #error: the next record() or close() reports it where the run can fail on it.
        }
      });
    }
  }

  /** Writes the queue: one writev, into the page cache (the fsyncs are what waits for the disk). */
  #flush(): void {
    if (this.#error) throw this.#error;
    let bufs = this.#queue;
    this.#queue = [];
    this.#queued = 0;
    try {
      while (bufs.length) {
        let n = writevSync(this.#fd, bufs);
        let i = 0;
        while (i < bufs.length && n >= bufs[i]!.length) n -= bufs[i++]!.length;
        bufs = bufs.slice(i);
        if (n > 0) bufs[0] = bufs[0]!.subarray(n);
      }
    } catch (e) {
      this.#error = new OutputWriteError(JOURNAL_FILE, this.#dir, e);
      throw this.#error;
    }
    this.#dirty = true;
  }

  /**
   * In the background, on a descriptor of its own: Linux reports a writeback error once per open file
   * description, so the final fsyncSync on the writing descriptor still sees an error this one took.
   */
  #sync(): void {
    if (!this.#dirty || this.#syncing || this.#error) return;
    this.#dirty = false;
    this.#syncing = true;
    fsync(this.#syncFd, (e) => {
      this.#syncing = false;
      if (e && !this.#closed) this.#error ??= new OutputWriteError(JOURNAL_FILE, this.#dir, e);
      if (this.#closed) closeSync(this.#syncFd);
    });
  }

  /**
   * Keeps the file: a partial run's journal is what --resume continues from. Writes what is queued and
   * waits for the disk; a failure to (this one or an earlier background fsync's) is thrown.
   */
  close(): void {
    this.#close(true);
  }

  /** A complete run needs no journal; its outputs are the record. */
  remove(): void {
    this.#close(false);
    rmSync(this.#path, { force: true });
  }

  #close(keep: boolean): void {
    if (this.#closed) return;
    clearInterval(this.#timer);
    let error = this.#error;
    try {
      if (keep && !error) {
        this.#flush();
        fsyncSync(this.#fd);
      }
    } catch (e) {
      error ??= e instanceof OutputWriteError ? e : new OutputWriteError(JOURNAL_FILE, this.#dir, e);
    } finally {
      this.#closed = true;
      closeSync(this.#fd);
      // A background fsync still running closes its descriptor when it ends.
      if (!this.#syncing) closeSync(this.#syncFd);
    }
    if (keep && error) throw error;
  }
}
