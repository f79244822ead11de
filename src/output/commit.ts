// Puts a finished run's files in place, in an order that lets a reader trust what it finds.
//
// Every file is complete and fsync'd under its temporary name before anything is renamed, and a rename
// within one directory is atomic: no final name ever shows a truncated file. A crash between two
// renames can still leave a mix of this run's files and an earlier run's (with --force), so the order
// makes the mix detectable:
//   1. the old summary and snapshot are removed first (they are what vouches for a set of files);
//   2. the CSVs go in, failures.csv last among them;
//   3. the JSON snapshot, whose counts describe those CSVs;
//   4. the summary, last: if it is there, every file beside it is from the same run (same run id as
//      in the snapshot's metadata). Tools that poll the directory can wait for it.
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputWriteError } from './errors.js';

export interface Staged {
  /** Final name in the directory. */
  file: string;
  /** Temporary path holding the finished content. */
  temp: string;
}

/** Makes the renames themselves durable; some platforms and file systems cannot sync a directory. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw e;
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** Returns the final paths, in the order they were put in place. */
export async function publish(dir: string, data: readonly Staged[], snapshot: Staged, summary: Staged): Promise<string[]> {
  const step = async (file: string, action: () => Promise<void>) => {
    try {
      await action();
    } catch (e) {
      throw new OutputWriteError(file, dir, e);
    }
  };
  await step(summary.file, () => rm(join(dir, summary.file), { force: true }));
  await step(snapshot.file, () => rm(join(dir, snapshot.file), { force: true }));
  await step(summary.file, () => syncDirectory(dir));
  const files: string[] = [];
  for (const s of [...data, snapshot]) {
    await step(s.file, () => rename(s.temp, join(dir, s.file)));
    files.push(join(dir, s.file));
  }
  await step(snapshot.file, () => syncDirectory(dir));
  await step(summary.file, () => rename(summary.temp, join(dir, summary.file)));
  await step(summary.file, () => syncDirectory(dir));
  return [...files, join(dir, summary.file)];
}
