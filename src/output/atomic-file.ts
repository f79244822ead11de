// Small outputs written whole (changes.csv, growth.csv, report.html): into a hidden temporary beside
// the final name, then renamed, so a reader never finds half a file.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describeSystemError } from './errors.js';
import { directoryError } from './directory.js';
import { UsageError } from '../errors.js';

export async function writeFileAtomic(dir: string, name: string, content: string): Promise<string> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw directoryError(dir, e);
  }
  const path = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => {});
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') throw directoryError(dir, e);
    if (code === 'EISDIR') throw new UsageError(`${path} is in the way: it is a directory`);
    throw new Error(`cannot write ${path}: ${describeSystemError(e)}`);
  }
  return path;
}

/** A CSV with its header even when empty; cells are already strings as the contract wants them. */
export function csvText(columns: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return stringify(rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))), { header: true, columns: [...columns] });
}
