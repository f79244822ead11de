// One temporary output file: a write stream over a handle we opened, whose failures become one
// OutputWriteError that every waiter sees, so a full disk ends the run instead of hanging it.
import { once } from 'node:events';
import { open, type FileHandle } from 'node:fs/promises';
import type { WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { OutputWriteError } from './errors.js';

/** How a temporary file is created; a seam so tests can substitute /dev/full or a failing open. */
export type Opener = (path: string) => Promise<FileHandle>;

/** `wx`: a temporary name that already exists belongs to someone else; never write through it. */
export const openExclusive: Opener = (path) => open(path, 'wx', 0o644);

export class FileSink {
  /** The final name, for messages. */
  readonly file: string;
  /** The temporary path being written. */
  readonly path: string;
  readonly #dir: string;
  readonly #stream: WriteStream;
  #error: OutputWriteError | undefined;
  readonly #failed: Promise<never>;
  #reject!: (e: OutputWriteError) => void;

  private constructor(dir: string, file: string, path: string, handle: FileHandle, durable: boolean) {
    this.#dir = dir;
    this.file = file;
    this.path = path;
    // `flush` fsyncs before the handle closes, so a finished stream is a durable file (needed before
    // the rename makes it final). Intermediate files skip it: they are read back, never published.
    this.#stream = handle.createWriteStream({ flush: durable, highWaterMark: 64 * 1024 });
    this.#failed = new Promise<never>((_, reject) => (this.#reject = reject));
    this.#failed.catch(() => {}); // observed through write()/close(); not an unhandled rejection
    this.#stream.on('error', (e) => this.fail(e));
  }

  /** Open errors are thrown as they are: the caller knows whether they mean a bad directory. */
  static async open(opener: Opener, dir: string, file: string, path: string, durable: boolean): Promise<FileSink> {
    return new FileSink(dir, file, path, await opener(path), durable);
  }

  get stream(): WriteStream {
    return this.#stream;
  }

  get error(): OutputWriteError | undefined {
    return this.#error;
  }

  /** Records the first failure (later ones are consequences) and returns it. */
  fail(e: unknown): OutputWriteError {
    if (!this.#error) {
      this.#error = e instanceof OutputWriteError ? e : new OutputWriteError(this.file, this.#dir, e);
      this.#reject(this.#error);
      if (!this.#stream.destroyed) this.#stream.destroy();
    }
    return this.#error;
  }

  /** Resolves when `source` (this stream or one piped into it) can take more, rejects if the file fails. */
  async drained(source: NodeJS.EventEmitter = this.#stream): Promise<void> {
    try {
      await Promise.race([once(source, 'drain'), this.#failed]);
    } catch (e) {
      throw this.fail(e);
    }
  }

  /** A promise only when the caller must wait (backpressure), so the common case costs no microtask turn per row. */
  write(chunk: string | Buffer): Promise<void> | undefined {
    if (this.#error) return Promise.reject(this.#error);
    return this.#stream.write(chunk) ? undefined : this.drained();
  }

  /**
   * Resolves once everything written so far has reached the file (not necessarily the disk): a reader
   * opening the path then sees it all. Returns the bytes written.
   */
  async flush(): Promise<number> {
    if (this.#error) throw this.#error;
    await new Promise<void>((resolve, reject) => this.#stream.write('', (e) => (e ? reject(this.fail(e)) : resolve())));
    return this.#stream.bytesWritten;
  }

  /** Ends the stream (unless a pipe already did) and resolves once the data is on disk and the handle closed. */
  async close(): Promise<void> {
    if (this.#error) throw this.#error;
    if (!this.#stream.writableEnded) this.#stream.end();
    try {
      await finished(this.#stream);
    } catch (e) {
      throw this.fail(e);
    }
    if (this.#error) throw this.#error;
  }

  /** Drops the stream and closes the handle; never throws (it is the cleanup path). */
  async destroy(): Promise<void> {
    if (!this.#stream.closed) {
      const closed = once(this.#stream, 'close').catch(() => {});
      this.#stream.destroy();
      await closed;
    }
  }
}
