// Checks the output directory up front, so a bad --output-dir fails in one line before any request.
import { constants } from 'node:fs';
import { access, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeSystemError, OutputDirError } from './errors.js';
import { OUTPUT_FILES } from './files.js';

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/** Turns a failure to create something in `dir` into the error the user can act on. */
export function directoryError(dir: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (NOT_WRITABLE.has(code)) return new OutputDirError(dir, `output directory ${dir} is not writable: ${describeSystemError(e)}`);
  if (code === 'ENOTDIR' || code === 'EEXIST') return new OutputDirError(dir, `output directory ${dir} cannot be created: part of the path is a file`);
  return e;
}

/** Creates `dir` if needed; refuses a file, an unwritable directory, or one holding another run's outputs. */
export async function prepareDirectory(dir: string, force: boolean): Promise<void> {
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw new OutputDirError(dir, `output directory ${dir} is a file, not a directory`);
  } catch (e) {
    if (e instanceof OutputDirError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw directoryError(dir, e);
    if (code !== 'ENOENT') throw e;
    try {
      await mkdir(dir, { recursive: true });
    } catch (m) {
      throw directoryError(dir, m);
    }
  }
  try {
    // Not enough on its own (root passes, read-only mounts may too): creating the temporaries is the real test.
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw directoryError(dir, e);
  }
  const entries = await readdir(dir, { withFileTypes: true });
  const present = entries.filter((e) => OUTPUT_FILES.includes(e.name));
  // A directory under an output's name would make the final rename fail after the whole run: say so now.
  const blocked = present.find((e) => !e.isFile() && !e.isSymbolicLink());
  if (blocked) throw new OutputDirError(dir, `${join(dir, blocked.name)} is in the way: it is not a file; remove it or choose another output directory`);
  if (present.length && !force) {
    const names = present.map((e) => e.name);
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ');
    throw new OutputDirError(dir, `output directory ${dir} already holds the outputs of an earlier run (${shown}); pass --force to replace them, or choose another directory`);
  }
}
