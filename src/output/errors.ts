// The two ways output can fail, each as one line the CLI can print without a stack trace.
import { UsageError } from '../errors.js';

/** The output directory cannot be used as given; the user can fix that, so it is a usage error (exit 2). */
export class OutputDirError extends UsageError {
  override name = 'OutputDirError';
  readonly dir: string;

  constructor(dir: string, message: string) {
    super(message);
    this.dir = dir;
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'I/O error',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EFBIG: 'file too large',
  EISDIR: 'is a directory',
};

/** Why a system call failed, in words, with the errno code kept for searching. */
export function describeSystemError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  const msg = String((e as Error | undefined)?.message ?? e).split('\n')[0];
  return code && !msg.includes(code) ? `${msg} (${code})` : msg;
}

/**
 * Writing an output file failed (disk full, I/O error, …). Names the final file, not the temporary one,
 * because that is the name the user knows. Not a usage error: the environment failed (exit 1).
 */
export class OutputWriteError extends Error {
  override name = 'OutputWriteError';
  /** The output file's final name, e.g. `tag_defaults.csv`. */
  readonly file: string;
  readonly code: string | undefined;

  constructor(file: string, dir: string, cause: unknown) {
    super(`could not write ${file} in ${dir}: ${describeSystemError(cause)}`, { cause });
    this.file = file;
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}
